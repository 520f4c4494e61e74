/**
 * The client's secret mask: the exact secrets the caller handed us (the token, PINs,
 * verification codes) plus Graph-shaped text that is secret whatever its value
 * (Bearer headers, access_token parameters, "pin" fields). Masking itself is
 * src/shared/secret-mask.ts, the one mask for the whole project.
 */
import { SecretMask, type SecretShape } from '../shared/secret-mask';

const GRAPH_SECRET_SHAPES: readonly SecretShape[] = [
  /(Bearer\s+)[^\s"',}]+/gi,
  /(access_token=)[^&\s"']+/gi,
  /("?(?:pin|access_token|password|verification_code)"?\s*[:=]\s*"?)[^"',}\s&]+/gi,
];

/** A mask for Graph traffic that knows `secrets`. */
export function graphSecretMask(secrets: Iterable<string | undefined> = []): SecretMask {
  return new SecretMask(secrets, GRAPH_SECRET_SHAPES);
}
