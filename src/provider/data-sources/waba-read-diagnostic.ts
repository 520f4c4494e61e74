/** A failed WABA listing as a diagnostic at waba_id (the data source and the list resource say it the same way). */
import type { Diagnostic } from '../../plugin/diagnostics';
import { asEngineError, engineErrorDiagnostic } from '../engine-diagnostics';

export function wabaReadDiagnostic(wabaId: string, err: unknown): Diagnostic {
  const error = asEngineError(err);
  const summary =
    error.kind === 'not_found' ? `WABA ${wabaId} not found or not visible to this token` : `Could not list the numbers of WABA ${wabaId}`;
  return engineErrorDiagnostic(summary, error, { attributes: ['waba_id'] });
}
