/**
 * What resources and data sources get with each call: the configured engine
 * (or why there is none), the logger, and the call's abort signal.
 */
import type { Diagnostic } from '../plugin/diagnostics';
import { DiagnosticsError, errorDiag } from '../plugin/diagnostics';
import type { EnginePort } from './engine-port';

/** A logger shaped like src/provider/protocol/logger.ts's, so tests can pass their own. */
export interface ProviderLogger {
  trace(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type EngineState =
  | { kind: 'unconfigured' }
  /** Configuration held unknown values (plan-time); Terraform configures again before apply. */
  | { kind: 'unknown_config'; unknownAttributes: string[] }
  /** ConfigureProvider reported errors; they were shown then, so later calls only point back. */
  | { kind: 'failed' }
  | { kind: 'ready'; engine: EnginePort };

export interface RequestContext {
  readonly signal: AbortSignal;
  readonly log: ProviderLogger;
  /** The engine may defer this resource (Terraform 1.9+ deferred actions). */
  readonly deferralAllowed: boolean;
  /** The engine accepts write-only attributes. */
  readonly writeOnlyAllowed: boolean;
  readonly engineState: EngineState;
}

/** The engine, or a DiagnosticsError explaining why there is none. */
export function requireEngine(ctx: RequestContext, purpose: string): EnginePort {
  const state = ctx.engineState;
  if (state.kind === 'ready') return state.engine;
  throw new DiagnosticsError([notReadyDiagnostic(state, purpose)]);
}

export function notReadyDiagnostic(state: EngineState, purpose: string): Diagnostic {
  switch (state.kind) {
    case 'unknown_config':
      return errorDiag(
        'Provider configuration not known yet',
        `Cannot ${purpose}: the provider "whatsapp" arguments ${state.unknownAttributes.join(', ')} depend on values known only after apply. ` +
          'Set them from values known at plan time (variables, environment), or apply the resources they depend on first (-target).',
      );
    case 'failed':
      return errorDiag('Provider not configured', `Cannot ${purpose}: the provider "whatsapp" configuration has errors (reported above).`);
    default:
      return errorDiag('Provider not configured', `Cannot ${purpose}: Terraform did not configure the provider "whatsapp" before using it.`);
  }
}
