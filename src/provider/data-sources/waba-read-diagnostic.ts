/** A failed WABA listing as a diagnostic at waba_id (the data source and the list resource say it the same way). */
import { WabaReadError } from '../../engine/waba-numbers';
import type { Diagnostic } from '../../plugin/diagnostics';
import { errorDiag } from '../../plugin/diagnostics';
import { redact } from '../../plugin/protocol/logger';
import { asEngineError, engineErrorDiagnostic } from '../engine-diagnostics';

export function wabaReadDiagnostic(wabaId: string, err: unknown): Diagnostic {
  if (err instanceof WabaReadError) {
    const summary = err.notVisible ? `WABA ${wabaId} not found or not visible to this token` : `Could not list the numbers of WABA ${wabaId}`;
    return errorDiag(summary, redact(err.message), ['waba_id']);
  }
  return engineErrorDiagnostic(`Could not list the numbers of WABA ${wabaId}`, asEngineError(err), { attributes: ['waba_id'] });
}
