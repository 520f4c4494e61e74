/**
 * Protocol-neutral diagnostics. Every diagnostic about an attribute carries its
 * path, so Terraform points at the offending line of configuration. The
 * protocol layer converts these to tfplugin5/6 messages in one place.
 */

/** One step of an attribute path: an attribute name, a map key or a list index. */
export type PathStep = string | { key: string } | { index: number };
export type AttributePath = readonly PathStep[];

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail: string;
  path?: AttributePath;
}

export function errorDiag(summary: string, detail: string, path?: AttributePath): Diagnostic {
  return { severity: 'error', summary, detail, ...(path ? { path } : {}) };
}

export function warningDiag(summary: string, detail: string, path?: AttributePath): Diagnostic {
  return { severity: 'warning', summary, detail, ...(path ? { path } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Thrown inside the provider to abort an RPC with diagnostics; the service turns it into a response. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.summary).join('; '));
    this.name = 'DiagnosticsError';
  }
}
