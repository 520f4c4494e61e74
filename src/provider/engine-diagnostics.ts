/**
 * Engine failures as diagnostics: the engine's actionable message, at the
 * attribute its fix belongs to (engine-input-paths.ts maps the engine's input to
 * it). Provider arguments (access_token, api_version, base_url) have no path
 * inside a resource, so they are named in the summary.
 */
import { toEngineError, type EngineError } from '../engine/engine-errors';
import type { EngineInputField } from '../engine/engine-inputs';
import type { Diagnostic } from '../plugin/diagnostics';
import { DiagnosticsError, errorDiag } from '../plugin/diagnostics';
import { redact } from '../plugin/protocol/logger';
import { HCL_INPUT_NAMES, inputPath, providerArgument } from './engine-input-paths';

export interface PathMapping {
  /** Attributes that exist in this resource/data source. */
  attributes: readonly string[];
  /** Engine input -> this schema's attribute, when it came from another one than usual (pin -> pin_wo). */
  rename?: Partial<Record<EngineInputField, string>>;
}

/** What an engine call threw, as an EngineError (worded in HCL names when the provider words it itself). */
export function asEngineError(e: unknown): EngineError {
  if (e instanceof DiagnosticsError) return { kind: 'invalid_input', message: e.message, retryable: false };
  return toEngineError(e, { redact, names: HCL_INPUT_NAMES });
}

export function engineErrorDiagnostic(summary: string, error: EngineError, mapping: PathMapping): Diagnostic {
  const path = error.field ? inputPath(error.field, mapping.attributes, mapping.rename) : undefined;
  const argument = error.field ? providerArgument(error.field) : undefined;
  const title = argument ? `${summary} (provider ${argument})` : summary;
  const retry = error.retryable ? ' This error is temporary: running the same command again may succeed.' : '';
  return errorDiag(title, redact(`${error.message}${retry}`), path);
}
