/**
 * The gRPC plumbing over real HTTP/2: go-plugin services, status codes, bad input,
 * streaming kinds, the v5 adapter and logging. The real provider where it matters;
 * the test-only service where the case needs a behaviour the real provider must not
 * have (a throwing handler, a schema v5 cannot express).
 */
import { expect } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { serviceDefinition, startProvider, waitFor, dv, fromDv, type ProviderProcess } from '../provider/harness';
import { parseJson } from '../json';

const SERVING = 1;
const SERVICE_UNKNOWN = 3;
const ERROR = 1;

/** A raw unary call with hand-made request bytes; resolves to the status. */
function rawUnary(p: ProviderProcess, path: string, body: Buffer): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) =>
    p.grpcClient.makeUnaryRequest(
      path,
      (x: Buffer) => x,
      (x: Buffer) => x,
      body,
      new grpc.Metadata(),
      { deadline: Date.now() + 10000 },
      (err) => resolve(err),
    ),
  );
}

describe('gRPC plumbing', () => {
  let p: ProviderProcess | undefined;
  afterEach(async () => {
    await p?.close();
    p = undefined;
  });

  test('health reports SERVING for "plugin" and the whole server, SERVICE_UNKNOWN otherwise', async () => {
    p = await startProvider();
    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
    expect((await p.health.check({})).status).toBe(SERVING);
    expect((await p.health.check({ service: 'nope' })).status).toBe(SERVICE_UNKNOWN);
  });

  test('StreamStdio stays open without data; Broker StartStream accepts and idles', async () => {
    p = await startProvider();
    const stdioDef = serviceDefinition('plugin.GRPCStdio').StreamStdio;
    const stdio = p.grpcClient.makeServerStreamRequest(
      stdioDef.path,
      stdioDef.requestSerialize,
      stdioDef.responseDeserialize,
      {},
      new grpc.Metadata(),
      {},
    );
    const events: string[] = [];
    stdio.on('data', () => events.push('data'));
    stdio.on('end', () => events.push('end'));
    stdio.on('error', (e: grpc.ServiceError) => events.push(`error ${e.code}`));
    const headers = new Promise<void>((resolve) =>
      stdio.on('metadata', () => {
        events.push('headers');
        resolve();
      }),
    );
    // Headers arrive whenever the loaded machine gets to them; after that the stream must stay quiet.
    await Promise.race([headers, new Promise((r) => setTimeout(r, 10_000))]);
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual(['headers']); // open, nothing sent, not ended
    stdio.cancel();

    const broker = await p.call('/plugin.GRPCBroker/StartStream', [{ serviceId: 1, network: 'unix', address: '/nowhere' }]);
    expect(broker).toEqual([]);
    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
  });

  test('unknown methods and the other protocol version answer UNIMPLEMENTED', async () => {
    p = await startProvider({ protocolVersions: '6' });
    expect((await rawUnary(p, '/tfplugin6.Provider/NoSuchRpc', Buffer.alloc(0)))?.code).toBe(grpc.status.UNIMPLEMENTED);
    expect((await rawUnary(p, '/some.Other/Service', Buffer.alloc(0)))?.code).toBe(grpc.status.UNIMPLEMENTED);
    expect((await rawUnary(p, '/tfplugin5.Provider/GetSchema', Buffer.alloc(0)))?.code).toBe(grpc.status.UNIMPLEMENTED);
  });

  test('garbage request bytes get INTERNAL, and the provider keeps serving', async () => {
    p = await startProvider();
    const garbage = [
      Buffer.from([0x0f, 0xff]), // field 1 with wire type 7, which does not exist
      Buffer.from([0x08, 0xff]), // a varint cut short
      Buffer.from([0x12, 0x05, 0x0a]), // a sub-message longer than the request
    ];
    for (const body of garbage) {
      const err = await rawUnary(p, '/tfplugin6.Provider/ValidateResourceConfig', body);
      expect(err?.code).toBe(grpc.status.INTERNAL);
      expect(err?.details).toMatch(/cannot decode the \/tfplugin6.Provider\/ValidateResourceConfig request/);
    }
    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
    const schema = await p.v6.getProviderSchema({});
    expect(Object.keys(schema.resourceSchemas ?? {}).length).toBeGreaterThan(0);
  });

  test('garbage msgpack in a DynamicValue becomes an error diagnostic, not a crash', async () => {
    p = await startProvider();
    const schema = await p.v6.getProviderSchema({});
    const typeName = Object.keys(schema.resourceSchemas ?? {})[0];
    const garbage = { msgpack: Buffer.from([0xc1, 0xff, 0x00]) };
    const validate = await p.v6.validateResourceConfig({ typeName, config: garbage });
    expect(validate.diagnostics?.some((d) => d.severity === ERROR)).toBe(true);
    const plan = await p.v6.planResourceChange({ typeName, config: garbage, proposedNewState: garbage, priorState: garbage });
    expect(plan.diagnostics?.some((d) => d.severity === ERROR)).toBe(true);
    const provider = await p.v6.configureProvider({ config: garbage });
    expect(provider.diagnostics?.some((d) => d.severity === ERROR)).toBe(true);
    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
  });

  test('a throwing handler becomes INTERNAL plus an error log line', async () => {
    p = await startProvider({ testService: true });
    await expect(p.v6.callFunction({ name: 'f', arguments: [] })).rejects.toMatchObject({
      code: grpc.status.INTERNAL,
      details: expect.stringMatching(/callFunction always throws/),
    });
    await waitFor(() => p!.logs().some((l) => l['@level'] === 'error' && String(l.error).includes('always throws')), 5000, 'error log');
    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
  });

  test('server-streaming and client-streaming RPCs round-trip', async () => {
    p = await startProvider({ testService: true });
    const events = await p.v6.listResource({ typeName: 'whatsapp_test' });
    expect(events.map((e) => e.displayName)).toEqual(['first whatsapp_test', 'second whatsapp_test']);
    const written = await p.v6.writeStateBytes([{ bytes: Buffer.alloc(3) }, { bytes: Buffer.alloc(4) }]);
    expect(written.diagnostics?.[0].summary).toMatch(/received 7 bytes/);
  });

  test('protocol 5: PrepareProviderConfig echoes the config; nested attribute types are refused loudly', async () => {
    p = await startProvider({ testService: true, protocolVersions: '5', env: { TEST_SERVICE_NESTED: '1' } });
    const config = dv({ a: 'b' });
    const prepared = await p.v5.prepareProviderConfig({ config });
    expect(fromDv(prepared.preparedConfig)).toEqual({ a: 'b' });
    await expect(p.v5.getSchema({})).rejects.toMatchObject({
      code: grpc.status.INTERNAL,
      details: expect.stringMatching(/nested attribute type.*protocol 5/),
    });
    await p.close();

    // The same schema is fine on protocol 6.
    p = await startProvider({ testService: true, protocolVersions: '6', env: { TEST_SERVICE_NESTED: '1' } });
    const schema = await p.v6.getProviderSchema({});
    const attrs = schema.resourceSchemas!.whatsapp_test.block!.attributes!;
    expect(attrs.find((a) => a.name === 'nested')?.nestedType?.nesting).toBe(1);
  });

  test('the real provider schema survives protocol 5 (no nested attribute types)', async () => {
    p = await startProvider({ protocolVersions: '5' });
    const v5 = await p.v5.getSchema({});
    expect(v5.diagnostics ?? []).toEqual([]);
    await p.close();
    p = await startProvider({ protocolVersions: '6' });
    const v6 = await p.v6.getProviderSchema({});
    expect(Object.keys(v5.resourceSchemas!).sort()).toEqual(Object.keys(v6.resourceSchemas ?? {}).sort());
    expect(Object.keys(v5.dataSourceSchemas ?? {}).sort()).toEqual(Object.keys(v6.dataSourceSchemas ?? {}).sort());
  });
});

describe('provider logs', () => {
  test('are hclog JSON lines on stderr and honour TF_LOG_PROVIDER over TF_LOG', async () => {
    const trace = await startProvider({ env: { TF_LOG: 'error', TF_LOG_PROVIDER: 'TRACE' } });
    try {
      await trace.v6.getProviderSchema({});
      await waitFor(() => trace.logs().some((l) => l['@level'] === 'trace'), 5000, 'trace lines');
      const lines = trace
        .stderr()
        .split('\n')
        .filter((l) => l.trim() !== '');
      for (const line of lines) {
        const record = parseJson<Record<string, unknown>>(line);
        expect(typeof record['@message']).toBe('string');
        expect(['trace', 'debug', 'info', 'warn', 'error']).toContain(record['@level']);
        expect(record['@module']).toMatch(/^provider/);
        expect(Number.isNaN(Date.parse(record['@timestamp'] as string))).toBe(false);
      }
    } finally {
      await trace.close();
    }

    const off = await startProvider({ env: { TF_LOG: 'trace', TF_LOG_PROVIDER: 'off' } });
    try {
      await off.v6.getProviderSchema({});
      await off.call('/tfplugin6.Provider/NoSuchRpc', {}).catch(() => undefined);
    } finally {
      await off.close();
    }
    expect(off.stderr()).toBe('');

    const debug = await startProvider({ env: { TF_LOG: 'debug' } });
    try {
      await debug.v6.getProviderSchema({});
      await waitFor(() => debug.logs().some((l) => l['@level'] === 'debug'), 5000, 'debug lines');
    } finally {
      await debug.close();
    }
    expect(debug.logs().some((l) => l['@level'] === 'trace')).toBe(false);
  });
});
