/**
 * Reads the JSON of a saved normal plan (`show -json PLANFILE`) into three
 * snapshots per whatsapp_local_storage instance: declared (what the code plans),
 * applied (the state the last apply wrote) and actual (the state after refresh).
 * Pure: no I/O. Values marked sensitive stay here; callers ask `isSensitive`.
 *
 * Where each comes from (the engines' JSON plan format):
 * - actual: `prior_state` (a plan refreshes before it diffs, so this is the live read);
 * - applied: `resource_drift[].change.before` when the refresh changed the instance,
 *   else the same as actual (the refresh changed nothing);
 * - declared: `resource_changes[].change.after` with `after_unknown`/`after_sensitive`;
 *   absent when the plan deletes or forgets the instance (removed from the code).
 */
import { LOCAL_STORAGE_TYPE } from '../../provider/schema/local-storage-resource';

/** One view of an instance's attributes. */
export interface Snapshot {
  /** `plan`: values the code declares (planned); `state`: values an apply or a refresh recorded. */
  origin: 'plan' | 'state';
  values: Record<string, unknown>;
  /** Top-level attributes whose value is sensitive (never printed). */
  sensitive: ReadonlySet<string>;
  /** Top-level attributes known only after apply (declared snapshots only). */
  unknown: ReadonlySet<string>;
}

export type PlanAction = 'no-op' | 'create' | 'update' | 'replace' | 'delete' | 'forget' | 'read';

export interface NumberInPlan {
  address: string;
  /** What the code declares, as planned; null when the code no longer has the instance. */
  declared: Snapshot | null;
  /** What the last apply recorded; null when the instance is not in the state. */
  applied: Snapshot | null;
  /** What the refresh read; null when not in the state, or when the number could no longer be read. */
  actual: Snapshot | null;
  action: PlanAction;
  /** The engine's reason for the action (`replace_because_tainted`, `delete_because_no_resource_config`, ...). */
  actionReason: string | null;
}

export interface PlanReading {
  /** The engine version that wrote the plan (`terraform_version`, OpenTofu too). */
  engineVersion: string | null;
  numbers: NumberInPlan[];
  /** Other managed resources the plan changes: not part of the check, but said so. */
  otherChanges: Array<{ address: string; action: PlanAction }>;
}

type Json = Record<string, unknown>;

interface StateResource {
  address: string;
  mode?: string;
  type: string;
  values?: Json | null;
  sensitive_values?: unknown;
}

interface ChangeEntry {
  address: string;
  mode?: string;
  type: string;
  action_reason?: string;
  change: {
    actions: string[];
    before: Json | null;
    after: Json | null;
    after_unknown?: unknown;
    before_sensitive?: unknown;
    after_sensitive?: unknown;
  };
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Top-level attribute names a sensitivity or unknown mark covers (true = the whole object). */
function markedNames(marks: unknown, values: Json | null): Set<string> {
  if (marks === true) return new Set(Object.keys(values ?? {}));
  if (!isObject(marks)) return new Set();
  // A nested mark (a sensitive element in a list) makes the whole attribute unprintable.
  return new Set(
    Object.entries(marks)
      .filter(([, m]) => m === true || isObject(m) || (Array.isArray(m) && m.length > 0))
      .map(([k]) => k),
  );
}

function snapshot(origin: Snapshot['origin'], values: Json | null | undefined, sensitive: unknown, unknown?: unknown): Snapshot | null {
  if (!isObject(values)) return null;
  return { origin, values, sensitive: markedNames(sensitive, values), unknown: markedNames(unknown, values) };
}

function stateResources(module: unknown): StateResource[] {
  if (!isObject(module)) return [];
  const own = Array.isArray(module.resources) ? (module.resources as StateResource[]) : [];
  const children = Array.isArray(module.child_modules) ? module.child_modules.flatMap(stateResources) : [];
  return [...own, ...children];
}

const isManaged = (r: { mode?: string }): boolean => r.mode === undefined || r.mode === 'managed';

/** The engines spell a replacement as two actions, in either order. */
export function planAction(actions: readonly string[]): PlanAction {
  const set = new Set(actions);
  if (set.has('delete') && set.has('create')) return 'replace';
  if (set.size === 1) {
    const [only] = actions;
    if (['no-op', 'create', 'update', 'delete', 'forget', 'read'].includes(only)) return only as PlanAction;
  }
  if (set.has('forget')) return 'forget';
  // An action this reader does not know still is a change; treat it as one rather than as in sync.
  return set.size === 0 ? 'no-op' : 'update';
}

/** Reads a `show -json PLANFILE` document; throws when it is not one. */
export function readPlan(plan: unknown): PlanReading {
  if (!isObject(plan) || typeof plan.format_version !== 'string') {
    throw new Error("the engine's `show -json` output is not a JSON plan (no format_version)");
  }
  const changes = (Array.isArray(plan.resource_changes) ? (plan.resource_changes as ChangeEntry[]) : []).filter(isManaged);
  const drift = (Array.isArray(plan.resource_drift) ? (plan.resource_drift as ChangeEntry[]) : []).filter(isManaged);
  const priorState = isObject(plan.prior_state) && isObject(plan.prior_state.values) ? plan.prior_state.values.root_module : undefined;
  const refreshed = stateResources(priorState).filter(isManaged);

  const ours = <T extends { type: string }>(list: T[]): T[] => list.filter((r) => r.type === LOCAL_STORAGE_TYPE);
  const changeByAddress = new Map(ours(changes).map((c) => [c.address, c]));
  const driftByAddress = new Map(ours(drift).map((d) => [d.address, d]));
  const actualByAddress = new Map(ours(refreshed).map((r) => [r.address, r]));

  // Every instance the code, the state or the refresh knows, in a stable order.
  const addresses = [...new Set([...changeByAddress.keys(), ...actualByAddress.keys(), ...driftByAddress.keys()])].sort();
  const numbers = addresses.map((address): NumberInPlan => {
    const change = changeByAddress.get(address);
    const drifted = driftByAddress.get(address);
    const refreshedResource = actualByAddress.get(address);
    const actual = snapshot('state', refreshedResource?.values, refreshedResource?.sensitive_values);
    const applied = drifted ? snapshot('state', drifted.change.before, drifted.change.before_sensitive) : actual;
    const action = change ? planAction(change.change.actions) : 'no-op';
    // No change entry at all: the code does not have the instance and there is nothing left to delete.
    const declared =
      !change || action === 'delete' || action === 'forget'
        ? null
        : snapshot('plan', change.change.after, change.change.after_sensitive, change.change.after_unknown);
    return { address, declared, applied, actual, action, actionReason: change?.action_reason ?? null };
  });

  const otherChanges = changes
    .filter((c) => c.type !== LOCAL_STORAGE_TYPE)
    .map((c) => ({ address: c.address, action: planAction(c.change.actions) }))
    .filter((c) => c.action !== 'no-op' && c.action !== 'read');

  return { engineVersion: typeof plan.terraform_version === 'string' ? plan.terraform_version : null, numbers, otherChanges };
}

/** Whether an attribute of a snapshot may not be printed. */
export function isSensitive(s: Snapshot, attribute: string): boolean {
  return s.sensitive.has(attribute);
}
