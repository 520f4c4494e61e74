/**
 * A phone number that could not be read, as an error naming the number and the fix. One wording
 * for the resource's plan (a new number), its refresh (a number in state) and the
 * whatsapp_phone_number data source, decided by the engine's error kind only: a pipeline's plan
 * fails whenever the apply would.
 */
import type { EngineError } from '../engine/engine-errors';
import type { Diagnostic } from '../plugin/diagnostics';
import { engineErrorDiagnostic, type PathMapping } from './engine-diagnostics';

/** What the failed read means for this call, appended to the engine's message. */
export type ReadOutcome = 'nothing_planned' | 'state_kept' | 'nothing_read';

const OUTCOME: Record<ReadOutcome, string> = {
  nothing_planned: 'Nothing is planned for this number: an apply that cannot read it cannot change it.',
  state_kept: 'The state is kept as it was.',
  nothing_read: 'The data source has no values.',
};

function summaryFor(id: string, error: EngineError): string {
  switch (error.kind) {
    case 'not_found':
      return `Phone number ${id} not found or not visible to this token`;
    case 'auth':
      return `Access token refused while reading phone number ${id}`;
    case 'permission':
      return `No permission to read phone number ${id}`;
    case 'transient':
    case 'rate_limited':
    case 'unknown_outcome':
      return `Graph API gave no answer for phone number ${id}`;
    default:
      return `Could not read phone number ${id}`;
  }
}

/** Extra words of the fix the kind alone decides (the engine's message names the rest). */
function fixFor(error: EngineError, outcome: ReadOutcome): string {
  if (error.kind === 'not_found' && outcome === 'state_kept') {
    return (
      'The state is kept: Graph answers the same way for a deleted number and for a token that lost access to it, ' +
      'and dropping a live number from state because of a token would hide it from every later plan. ' +
      'If the token is right and the number was deleted on purpose, remove it from state ' +
      '(`terraform state rm` / `tofu state rm`, or a `removed` block).'
    );
  }
  const unreachable = error.kind === 'transient' || error.kind === 'rate_limited' ? 'If it persists, check base_url and the network. ' : '';
  return `${unreachable}${OUTCOME[outcome]}`;
}

export function numberReadDiagnostic(id: string, error: EngineError, mapping: PathMapping, outcome: ReadOutcome): Diagnostic {
  const diagnostic = engineErrorDiagnostic(summaryFor(id, error), error, mapping);
  diagnostic.detail = `${diagnostic.detail} ${fixFor(error, outcome)}`;
  return diagnostic;
}
