/**
 * Engine failures as diagnostics: the engine's actionable message, at the
 * attribute the fix belongs to. Provider-level attributes (access_token,
 * api_version) have no path inside a resource, so they are named in the summary.
 */
import { toEngineError, type EngineError } from '../engine/engine-errors';
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

/** What an engine call threw, as an EngineError. */
export function asEngineError(e: unknown): EngineError {
  if (e instanceof DiagnosticsError) return { kind: 'invalid_input', message: e.message, retryable: false };
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
