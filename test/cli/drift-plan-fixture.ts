/**
 * Builds `show -json PLANFILE` documents shaped as OpenTofu 1.12 and
 * Terraform 1.5 write them (prior_state after refresh, resource_drift with the
 * previous run's values, resource_changes with after_unknown/after_sensitive),
 * so every case of the classification is a unit test.
 */
type Values = Record<string, unknown>;

const SENSITIVE = { pin: true, pin_wo: true, verification_code: true };

/** A number's state as the provider writes it. */
export function stateValues(
  id: string,
  storage: { region?: string; mode?: string; retention?: number; status?: string },
  extra: Values = {},
): Values {
  const mode = storage.mode ?? (storage.region ? 'IN_COUNTRY' : 'DEFAULT');
  const status =
    storage.status ?? (mode === 'NO_STORAGE' ? 'NO_STORAGE_ENABLED' : mode === 'DEFAULT' ? 'DEFAULT' : 'IN_COUNTRY_STORAGE_ENABLED');
  return {
    id,
    phone_number_id: id,
    data_localization_region: storage.region ?? null,
    storage_mode: mode,
    retention_minutes: storage.retention ?? null,
    storage_status: status,
    registered: true,
    display_phone_number: '+55 11 5555 0103',
    pin: '123456',
    pin_wo: null,
    pin_wo_version: null,
    verification_code: null,
    set_pin_before_deregister: false,
    disable_on_destroy: false,
    one_at_a_time: null,
    ...extra,
  };
}

export interface FixtureNumber {
  address: string;
  /** Planned values; undefined = removed from the code. */
  declared?: Values;
  /** The last apply's record; undefined = not in the state. */
  applied?: Values;
  /** The refresh; undefined = not in the state, or no longer readable when applied is set. */
  actual?: Values;
  actions: string[];
  actionReason?: string;
  afterUnknown?: Values;
  afterSensitive?: Values;
}

export function planJson(
  numbers: FixtureNumber[],
  others: Array<{ address: string; type: string; actions: string[] }> = [],
  version = '1.12.6',
): Values {
  const type = 'whatsapp_local_storage';
  const prior = numbers
    .filter((n) => n.actual)
    .map((n) => ({
      address: n.address,
      mode: 'managed',
      type,
      name: n.address.split('.').pop(),
      values: n.actual,
      sensitive_values: SENSITIVE,
    }));
  const drift = numbers
    .filter((n) => n.applied && JSON.stringify(n.applied) !== JSON.stringify(n.actual))
    .map((n) => ({
      address: n.address,
      mode: 'managed',
      type,
      change: {
        actions: [n.actual ? 'update' : 'delete'],
        before: n.applied,
        after: n.actual ?? null,
        before_sensitive: SENSITIVE,
        after_sensitive: n.actual ? SENSITIVE : false,
      },
    }));
  const changes = numbers.map((n) => ({
    address: n.address,
    mode: 'managed',
    type,
    ...(n.actionReason ? { action_reason: n.actionReason } : {}),
    change: {
      actions: n.actions,
      before: n.actual ?? null,
      after: n.declared ?? null,
      after_unknown: n.afterUnknown ?? {},
      before_sensitive: n.actual ? SENSITIVE : false,
      after_sensitive: n.declared ? { ...SENSITIVE, ...n.afterSensitive } : false,
    },
  }));
  const otherChanges = others.map((o) => ({
    address: o.address,
    mode: 'managed',
    type: o.type,
    change: { actions: o.actions, before: null, after: {} },
  }));
  return {
    format_version: '1.2',
    terraform_version: version,
    ...(prior.length ? { prior_state: { format_version: '1.0', values: { root_module: { resources: prior } } } } : {}),
    ...(drift.length ? { resource_drift: drift } : {}),
    resource_changes: [...changes, ...otherChanges],
    configuration: { root_module: {} },
  };
}
