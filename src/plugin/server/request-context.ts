/**
 * What every resource and data source call receives from the server: the call's abort
 * signal, the logger, what the engine allows, and the data the provider's own
 * configure step produced (terraform-plugin-framework's "provider data").
 */

/** A logger shaped like ../protocol/logger.ts's, so tests can pass their own. */
export interface ProviderLogger {
  trace(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface RequestContext<Data> {
  readonly signal: AbortSignal;
  readonly log: ProviderLogger;
  /** The engine may defer this resource (Terraform 1.9+ deferred actions). */
  readonly deferralAllowed: boolean;
  /** The engine accepts write-only attributes. */
  readonly writeOnlyAllowed: boolean;
  /** What the provider's configure step produced; its value before configure otherwise. */
  readonly providerData: Data;
}
