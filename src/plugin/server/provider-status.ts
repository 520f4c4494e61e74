/**
 * Whether the provider's configure step has made it ready, as the server tracks it: the
 * server answers for an unready provider (deferral or a diagnostic) before any resource
 * or data source code runs, as terraform-plugin-framework's fwserver does.
 */
import { errorDiag, hasErrors, type Diagnostic } from '../diagnostics';
import { unreachable } from '../../shared/unreachable';

export type ProviderStatus =
  | { kind: 'unconfigured' }
  /** ConfigureProvider reported errors; they were shown then, so later calls only point back. */
  | { kind: 'failed' }
  /** The configuration held values known only after apply; the engine configures again before apply. */
  | { kind: 'deferred'; reason: 'provider_config_unknown'; unknownAttributes: readonly string[] }
  | { kind: 'ready' };

/** What a configure step reported, as a status. */
export function statusAfterConfigure(
  diagnostics: readonly Diagnostic[],
  deferred: { reason: 'provider_config_unknown'; unknownAttributes: readonly string[] } | undefined,
): ProviderStatus {
  if (hasErrors(diagnostics)) return { kind: 'failed' };
  return deferred ? { kind: 'deferred', ...deferred } : { kind: 'ready' };
}

/** Why `purpose` (e.g. "apply example_thing") cannot run with the provider in `status`. */
export function notReadyDiagnostic(provider: string, status: Exclude<ProviderStatus, { kind: 'ready' }>, purpose: string): Diagnostic {
  switch (status.kind) {
    case 'deferred':
      return errorDiag(
        'Provider configuration not known yet',
        `Cannot ${purpose}: the provider "${provider}" arguments ${status.unknownAttributes.join(', ')} depend on values known only after apply. ` +
          'Set them from values known at plan time (variables, environment), or apply the resources they depend on first (-target).',
      );
    case 'failed':
      return errorDiag(
        'Provider not configured',
        `Cannot ${purpose}: the provider "${provider}" configuration has errors (reported above).`,
      );
    case 'unconfigured':
      return errorDiag(
        'Provider not configured',
        `Cannot ${purpose}: Terraform did not configure the provider "${provider}" before using it.`,
      );
    default:
      return unreachable(status, 'provider status');
  }
}
