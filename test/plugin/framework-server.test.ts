/**
 * The framework's server does the schema's work for every resource and data source, over
 * gRPC on both protocols: test/plugin/framework-provider.ts has a resource with no plan code
 * of its own, yet its plans get defaults, plan modifiers (requires-replace, use-state-for-
 * unknown), unknown computed values on change and deferral while the provider configuration
 * is unknown; a data source is deferred the same way, and apply is refused with a clear error.
 */
import { expect } from '@jest/globals';
import { join } from 'node:path';
import { bundleEntry, dv, fromDv, startProvider, UNKNOWN, type ProviderProcess } from '../provider/harness';
import { repoRoot } from '../e2e/harness';

jest.setTimeout(60_000);

const PROVIDER_CONFIG_UNKNOWN = 2;
const ERROR = 1;
type Diag = { severity?: number; summary?: string; detail?: string };
type Planned = {
  plannedState?: { msgpack?: Uint8Array };
  requiresReplace?: { steps?: { attributeName?: string }[] }[];
  deferred?: { reason?: number };
  diagnostics?: Diag[];
};

const widget = (values: Record<string, unknown>) => ({ id: null, name: null, size: null, location: null, ...values });
const replaced = (res: Planned) => (res.requiresReplace ?? []).map((p) => (p.steps ?? []).map((s) => s.attributeName).join('.'));
const errors = (diags: Diag[] | undefined) => (diags ?? []).filter((d) => d.severity === ERROR);
const COMPUTED = ['id', 'size', 'location'];
/** The proposed new state as an engine makes it: configuration, with computed values left unset taken from prior state. */
const proposedFrom = (prior: Record<string, unknown> | null, config: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v === null && prior && COMPUTED.includes(k) ? prior[k] : v]));

/** The RPC names each protocol gives the calls these tests make. */
const RPC = {
  6: { configure: 'configureProvider' },
  5: { configure: 'configure' },
} as const;

describe.each([6, 5] as const)('protocol %i', (version) => {
  let p: ProviderProcess;
  const client = () => (version === 6 ? p.v6 : p.v5) as unknown as Record<string, (req: unknown) => Promise<unknown>>;
  const call = async <T>(rpc: string, req: unknown): Promise<T> => (await client()[rpc](req)) as T;
  const plan = (prior: Record<string, unknown> | null, config: Record<string, unknown>, deferralAllowed = false) =>
    call<Planned>('planResourceChange', {
      typeName: 'example_widget',
      priorState: dv(prior),
      proposedNewState: dv(proposedFrom(prior, config)),
      config: dv(config),
      ...(deferralAllowed ? { clientCapabilities: { deferralAllowed: true } } : {}),
    });
  const start = async (endpoint: unknown) => {
    p = await startProvider({
      protocolVersions: String(version),
      executable: bundleEntry(join(repoRoot, 'test', 'plugin', 'framework-provider-main.ts')),
    });
    const configured = await call<{ diagnostics?: Diag[] }>(RPC[version].configure, {
      config: dv({ endpoint }),
      clientCapabilities: { deferralAllowed: true },
    });
    expect(errors(configured.diagnostics)).toEqual([]);
  };
  afterEach(async () => p?.close());

  test('a create gets the default and unknown computed values from the schema', async () => {
    await start('http://widgets');
    const res = await plan(null, widget({ name: 'a' }));
    expect(errors(res.diagnostics)).toEqual([]);
    expect(fromDv(res.plannedState)).toEqual(widget({ name: 'a', size: 3, id: UNKNOWN, location: UNKNOWN }));
    expect(res.deferred ?? undefined).toBeUndefined();
  });

  test('an update keeps the id (use state for unknown), re-plans what may change, and a new name replaces', async () => {
    await start('http://widgets');
    const prior = widget({ id: 'w-a', name: 'a', size: 3, location: 'http://widgets' });
    const resized = await plan(prior, widget({ name: 'a', size: 5 }));
    expect(fromDv(resized.plannedState)).toEqual(widget({ id: 'w-a', name: 'a', size: 5, location: UNKNOWN }));
    expect(replaced(resized)).toEqual([]);

    const unchanged = await plan(prior, widget({ name: 'a' }));
    expect(fromDv(unchanged.plannedState)).toEqual(prior);

    const renamed = await plan(prior, widget({ name: 'b', size: 3 }));
    expect(replaced(renamed)).toEqual(['name']);
  });

  test('while the provider configuration is unknown, plan, read and data-source reads are deferred and apply is refused', async () => {
    await start(UNKNOWN);
    const planned = await plan(null, widget({ name: 'a' }), true);
    expect(planned.deferred?.reason).toBe(PROVIDER_CONFIG_UNKNOWN);
    expect(fromDv(planned.plannedState)).toEqual(widget({ name: 'a', size: 3, id: UNKNOWN, location: UNKNOWN }));
    const notAllowed = await plan(null, widget({ name: 'a' }));
    expect(notAllowed.deferred ?? undefined).toBeUndefined();

    const state = widget({ id: 'w-a', name: 'a', size: 3, location: 'x' });
    const read = await call<{ newState?: { msgpack?: Uint8Array }; deferred?: { reason?: number } }>('readResource', {
      typeName: 'example_widget',
      currentState: dv(state),
      clientCapabilities: { deferralAllowed: true },
    });
    expect(read.deferred?.reason).toBe(PROVIDER_CONFIG_UNKNOWN);
    expect(fromDv(read.newState)).toEqual(state);

    const echo = await call<{ deferred?: { reason?: number }; diagnostics?: Diag[] }>('readDataSource', {
      typeName: 'example_echo',
      config: dv({ input: 'hi', output: null }),
      clientCapabilities: { deferralAllowed: true },
    });
    expect(echo.deferred?.reason).toBe(PROVIDER_CONFIG_UNKNOWN);
    const echoNotAllowed = await call<{ diagnostics?: Diag[] }>('readDataSource', {
      typeName: 'example_echo',
      config: dv({ input: 'hi', output: null }),
    });
    expect(errors(echoNotAllowed.diagnostics).map((d) => d.summary)).toEqual(['Provider configuration not known yet']);

    const applied = await call<{ diagnostics?: Diag[] }>('applyResourceChange', {
      typeName: 'example_widget',
      priorState: dv(null),
      plannedState: dv(widget({ name: 'a', size: 3, id: UNKNOWN, location: UNKNOWN })),
      config: dv(widget({ name: 'a' })),
    });
    expect(errors(applied.diagnostics)).toEqual([
      expect.objectContaining({
        summary: 'Provider configuration not known yet',
        detail: expect.stringContaining('apply example_widget: the provider "example" arguments endpoint'),
      }),
    ]);
  });

  test("with a known configuration the data source and apply run the type's own code", async () => {
    await start('http://widgets');
    const echo = await call<{ state?: { msgpack?: Uint8Array } }>('readDataSource', {
      typeName: 'example_echo',
      config: dv({ input: 'hi', output: null }),
    });
    expect(fromDv(echo.state)).toEqual({ input: 'hi', output: 'http://widgets:hi' });
    const applied = await call<{ newState?: { msgpack?: Uint8Array } }>('applyResourceChange', {
      typeName: 'example_widget',
      priorState: dv(null),
      plannedState: dv(widget({ name: 'a', size: 3, id: UNKNOWN, location: UNKNOWN })),
      config: dv(widget({ name: 'a' })),
    });
    expect(fromDv(applied.newState)).toEqual(widget({ id: 'w-a', name: 'a', size: 3, location: 'http://widgets' }));
  });
});
