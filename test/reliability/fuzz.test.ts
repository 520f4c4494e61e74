/**
 * Deterministic, seeded fuzzing (mulberry32; no extra dependency):
 *  - the DynamicValue decoders (msgpack and JSON) with random bytes and with
 *    bit-flipped valid encodings: never throw, answer a value or diagnostics;
 *  - the real provider process with random protobuf bytes on its RPCs: every
 *    call answers (a gRPC error or a response), and the process stays up;
 *  - the planner with random observed/desired/version combinations: never
 *    throws, and its ordering invariants hold.
 */
import type * as grpc from '@grpc/grpc-js';
import { encodeMsgpack, decodeMsgpack, decodeJson, encodeJson } from '../../src/plugin/values';
import { objectTypeOf } from '../../src/plugin/schema/model';
import { localStorageResourceSchema } from '../../src/provider/schema/local-storage-resource';
import { record } from '../../src/plugin/values/value';
import { planConvergence } from '../../src/engine/planner';
import { SUPPORTED_REGIONS } from '../../src/engine/regions';
import { storageMatches } from '../../src/engine/storage-state';
import type { ApiVersion, ObservedState } from '../../src/engine/types';
import { startProvider, type ProviderProcess } from '../provider/harness';
import { DEFAULT_API_VERSION, parseApiVersion } from '../../src/cloud-api/api-version';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

jest.setTimeout(120_000);

const FUZZ_COUNTS = { decoder: 0, rpc: 0, planner: 0 };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rng = mulberry32(20251125);
const int = (n: number) => Math.floor(rng() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
function flip(src: Uint8Array): Uint8Array {
  const out = Uint8Array.from(src);
  for (let k = 0, n = 1 + int(4); k < n; k++) {
    const i = int(out.length);
    out[i] = rng() < 0.5 ? out[i] ^ (1 << int(8)) : int(256);
  }
  return rng() < 0.2 ? out.slice(0, int(out.length)) : out;
}

const type = objectTypeOf(localStorageResourceSchema);
const sample = record({
  id: '179776755229976',
  phone_number_id: '179776755229976',
  data_localization_region: 'BR',
  pin: '482915',
  pin_wo: null,
  pin_wo_version: 3,
  verification_code: null,
  disable_on_destroy: false,
  storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
  registered: true,
  display_phone_number: '+55 11 5555 0100',
});

describe('DynamicValue decoders', () => {
  const validMsgpack = encodeMsgpack(sample, type);
  const validJson = new TextEncoder().encode(encodeJson(sample, type));

  test('the valid encodings decode (the fuzz starts from real input)', () => {
    expect(decodeMsgpack(validMsgpack, type)).toMatchObject({ ok: true });
    expect(decodeJson(validJson, type)).toMatchObject({ ok: true });
  });

  test('5,000 random and mutated inputs per codec: no throw, a value or diagnostics', () => {
    for (let i = 0; i < 5000; i++) {
      const inputs = [bytes(int(64)), flip(validMsgpack), flip(validJson)];
      for (const input of inputs) {
        for (const decode of [decodeMsgpack, decodeJson]) {
          FUZZ_COUNTS.decoder++;
          let result;
          try {
            result = decode(input, type);
          } catch (e) {
            throw new Error(`decoder threw on ${Buffer.from(input).toString('hex')}: ${(e as Error).stack}`);
          }
          if (!result.ok) {
            expect(result.diagnostics.length).toBeGreaterThan(0);
            for (const d of result.diagnostics) expect(d.summary).toEqual(expect.any(String));
          }
        }
      }
    }
  });
});

describe('provider process with random protobuf bytes', () => {
  let p: ProviderProcess;

  beforeAll(async () => {
    p = await startProvider();
  });

  afterAll(async () => {
    await p?.close();
  });

  const METHODS = [
    'GetProviderSchema',
    'ValidateProviderConfig',
    'ConfigureProvider',
    'ValidateResourceConfig',
    'UpgradeResourceState',
    'ReadResource',
    'PlanResourceChange',
    'ApplyResourceChange',
    'ImportResourceState',
    'ReadDataSource',
    'ValidateDataResourceConfig',
  ];

  function rawCall(client: grpc.Client, path: string, body: Buffer): Promise<'answered' | 'grpc-error'> {
    return new Promise((resolve) => {
      client.makeUnaryRequest(
        path,
        (b: Buffer) => b,
        (b: Buffer) => b,
        body,
        { deadline: Date.now() + 10_000 } as grpc.CallOptions,
        (err) => resolve(err ? 'grpc-error' : 'answered'),
      );
    });
  }

  test('300 random requests on 11 RPCs: each answered, the process stays up and keeps working', async () => {
    const outcomes = { answered: 0, 'grpc-error': 0 };
    for (let i = 0; i < 300; i++) {
      const method = pick(METHODS);
      const body = Buffer.from(bytes(int(200)));
      outcomes[await rawCall(p.grpcClient, `/tfplugin6.Provider/${method}`, body)]++;
      FUZZ_COUNTS.rpc++;
    }
    expect(outcomes.answered + outcomes['grpc-error']).toBe(300);
    expect(p.child.exitCode).toBeNull();
    const schema = await p.v6.getProviderSchema({});
    expect(Object.keys(schema.resourceSchemas ?? {})).toContain('whatsapp_local_storage');
    expect(p.stderr()).not.toMatch(/TypeError|RangeError|unhandled|uncaught/i);
  });
});

describe('planner', () => {
  const STATUSES = [
    'IN_COUNTRY_STORAGE_ENABLED',
    'DEFAULT',
    'IN_COUNTRY_STORAGE_DISABLED',
    'in_country_storage_enabled',
    'default',
    'NO_STORAGE_ENABLED',
    '',
    'UNKNOWN',
  ];
  const PLATFORMS = ['CLOUD_API', 'ON_PREMISE', 'NOT_APPLICABLE', 'cloud_api', 'UNKNOWN', ''];
  const VERIFICATION = ['VERIFIED', 'NOT_VERIFIED', 'EXPIRED', 'verified', 'UNKNOWN'];
  const REGIONS = [...SUPPORTED_REGIONS.map((r) => r.code), 'br', 'US', ''];
  const VERSIONS: ApiVersion[] = [
    { raw: FIRST_SETTINGS_VERSION, major: 21, minor: 0, flow: 'settings' },
    parseApiVersion(DEFAULT_API_VERSION),
    { raw: LAST_REGISTER_VERSION, major: 20, minor: 0, flow: 'register' },
  ];

  test('20,000 random inputs: never throws, invariants hold', () => {
    for (let i = 0; i < 20_000; i++) {
      FUZZ_COUNTS.planner++;
      const observed: ObservedState = {
        phoneNumberId: String(100000 + int(1e9)),
        registered: rng() < 0.6,
        platformType: pick(PLATFORMS),
        codeVerificationStatus: pick(VERIFICATION),
        storage: { status: pick(STATUSES), ...(rng() < 0.6 ? { region: pick(REGIONS) } : {}) },
      };
      const desired = { region: rng() < 0.25 ? null : pick(SUPPORTED_REGIONS).code };
      const version = pick(VERSIONS);
      const plan = planConvergence(observed, desired, version);
      const kinds = plan.steps.map((s) => s.kind);
      const at = (k: string) => kinds.indexOf(k as never);
      const why = () => JSON.stringify({ observed, desired, version: version.raw, kinds });

      if (observed.registered && storageMatches(observed.storage, desired.region)) expect(kinds).toEqual([]);
      if (plan.impossible) expect(kinds).toEqual([]);
      if (observed.platformType === 'ON_PREMISE') expect(kinds).toEqual([]); // converged, or impossible: never touched
      // Never leaves a number offline: a deregister is always followed by a register.
      if (at('deregister') >= 0 && !(at('register') > at('deregister'))) throw new Error(`deregister without a later register: ${why()}`);
      // Settings are written only while unregistered: after the deregister of a registered number.
      if (at('write_settings') >= 0) {
        if (version.flow === 'register') throw new Error(`write_settings on the legacy flow: ${why()}`);
        if (observed.registered && !(at('deregister') >= 0 && at('deregister') < at('write_settings')))
          throw new Error(`settings while registered: ${why()}`);
        if (!(at('register') > at('write_settings'))) throw new Error(`settings after register: ${why()}`);
      }
      // Verification happens before anything disruptive.
      if (at('verify_code') >= 0 && at('deregister') >= 0 && at('verify_code') > at('deregister'))
        throw new Error(`verification after the deregister: ${why()}`);
      // Every register is reachable with a PIN requirement (the executor's preflight checks it) and at most one of each write.
      for (const k of ['deregister', 'write_settings', 'register']) expect(kinds.filter((x) => x === k).length).toBeLessThanOrEqual(1);
      expect(plan.takesNumberOffline).toBe(observed.registered && at('deregister') >= 0);
      expect(typeof plan.explanation).toBe('string');
    }
  });
});
