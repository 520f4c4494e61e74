/**
 * Engine failures as diagnostics: the engine's actionable message, at the
 * attribute the fix belongs to. Provider-level attributes (access_token,
 * api_version) have no path inside a resource, so they are named in the summary.
 */
import { GraphApiError } from '../cloud-api/errors';
import { toEngineError } from '../engine/engine-errors';
import type { EngineError } from '../engine/types';
import type { AttributePath, Diagnostic } from '../plugin/diagnostics';
import { DiagnosticsError, errorDiag } from '../plugin/diagnostics';
import { redact } from '../plugin/protocol/logger';

const PROVIDER_ATTRIBUTES = new Set(['access_token', 'api_version', 'base_url']);

export interface PathMapping {
  /** Attributes that exist in this resource/data source. */
  attributes: readonly string[];
  /** Engine attribute -> this schema's attribute (e.g. pin -> pin_wo when the PIN came from pin_wo). */
  rename?: Record<string, string>;
}

export function isEngineError(e: unknown): e is EngineError {
  // EngineError is a plain object; errors thrown by the client are Error instances.
  return typeof e === 'object' && e !== null && !(e instanceof Error) && typeof (e as EngineError).message === 'string' && typeof (e as EngineError).retryable === 'boolean';
}

/** Any failure (EngineError, GraphApiError, thrown Error) as an EngineError. */
export function asEngineError(e: unknown): EngineError {
  if (e instanceof DiagnosticsError) return { message: e.message, retryable: false };
  if (isEngineError(e)) return e;
  // An Error carrying EngineError fields (an engine that throws its errors).
  if (e instanceof Error && typeof (e as Partial<EngineError>).retryable === 'boolean' && !(e instanceof GraphApiError)) {
    const x = e as Error & Partial<EngineError>;
    return { message: x.message, retryable: x.retryable!, ...(x.attribute ? { attribute: x.attribute } : {}), ...(x.graphCode !== undefined ? { graphCode: x.graphCode } : {}) };
  }
  return toEngineError(e, redact);
}

export function engineErrorDiagnostic(summary: string, error: EngineError, mapping: PathMapping): Diagnostic {
  const attribute = error.attribute ? (mapping.rename?.[error.attribute] ?? error.attribute) : undefined;
  let path: AttributePath | undefined;
  let title = summary;
  if (attribute && mapping.attributes.includes(attribute)) path = [attribute];
  else if (attribute && PROVIDER_ATTRIBUTES.has(attribute)) title = `${summary} (provider ${attribute})`;
  const retry = error.retryable ? ' This error is temporary: running the same command again may succeed.' : '';
  return errorDiag(title, redact(`${error.message}${retry}`), path);
}
