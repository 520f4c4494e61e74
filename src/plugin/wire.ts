/**
 * Conversions between the provider's own shapes (values, diagnostics, paths, deferral)
 * and tfplugin6 messages, so the server and schema/to-tfplugin.ts share one encoding.
 */
import { tfplugin6 } from './protocol/generated/tfplugin6';
import type { AttributePath, Diagnostic } from './diagnostics';
import { errorDiag } from './diagnostics';
import type { CtyType } from './values/cty-type';
import { decodeJson } from './values/json-codec';
import { decodeMsgpack, encodeMsgpack, type DecodeResult } from './values/msgpack-codec';
import type { Value } from './values/value';

export function toWireDiagnostics(diagnostics: readonly Diagnostic[]): tfplugin6.IDiagnostic[] {
  return diagnostics.map((d) => ({
    severity: d.severity === 'error' ? tfplugin6.Diagnostic.Severity.ERROR : tfplugin6.Diagnostic.Severity.WARNING,
    summary: d.summary,
    detail: d.detail,
    ...(d.path && d.path.length ? { attribute: toWirePath(d.path) } : {}),
  }));
}

/** Why the engine should hold a change back (Terraform 1.9+ deferred actions). */
export type DeferralReason = 'provider_config_unknown' | 'resource_config_unknown';

const DEFERRAL_REASONS: Record<DeferralReason, tfplugin6.Deferred.Reason> = {
  provider_config_unknown: tfplugin6.Deferred.Reason.PROVIDER_CONFIG_UNKNOWN,
  resource_config_unknown: tfplugin6.Deferred.Reason.RESOURCE_CONFIG_UNKNOWN,
};

/** The `deferred` field of a response, or nothing when the change is not deferred. */
export function wireDeferred(reason: DeferralReason | undefined): { deferred?: tfplugin6.IDeferred } {
  return reason ? { deferred: { reason: DEFERRAL_REASONS[reason] } } : {};
}

export function toWirePath(path: AttributePath): tfplugin6.IAttributePath {
  return {
    steps: path.map((step) => {
      if (typeof step === 'string') return { attributeName: step };
      if ('key' in step) return { elementKeyString: step.key };
      return { elementKeyInt: step.index };
    }),
  };
}

/** Reads a DynamicValue: msgpack when present, else JSON (the wire format allows both). */
export function decodeDynamicValue(dv: tfplugin6.IDynamicValue | null | undefined, type: CtyType, what: string): DecodeResult {
  if (dv?.msgpack && dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type, what);
  if (dv?.json && dv.json.length > 0) return decodeJson(dv.json, type, { what });
  return { ok: false, diagnostics: [errorDiag('Missing value from Terraform', `The request has no ${what}.`)] };
}

/** Like decodeDynamicValue, but an absent DynamicValue reads as null (prior state on create, planned state on destroy). */
export function decodeOptionalDynamicValue(dv: tfplugin6.IDynamicValue | null | undefined, type: CtyType, what: string): DecodeResult {
  const empty = !dv || ((!dv.msgpack || dv.msgpack.length === 0) && (!dv.json || dv.json.length === 0));
  return empty ? { ok: true, value: null } : decodeDynamicValue(dv, type, what);
}

export function toDynamicValue(value: Value, type: CtyType): tfplugin6.IDynamicValue {
  return { msgpack: encodeMsgpack(value, type) };
}
