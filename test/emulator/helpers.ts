/** Real-HTTP helpers for the emulator conformance suite (no stubs: axios against a listening emulator). */
import axios, { AxiosResponse } from 'axios';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../src/emulator';
import type { StorageConfiguration } from '../../src/emulator/types';

export const TOKEN = 'EAAJB...';
export const DEMO_TOKEN = 'demo-token';
export const WABA = '102290129340398';
export const N_REGISTERED = '106540352242922';
export const N_BR = '179776755229976';
export const N_LEGACY = '110200345501442';

/** The minimal seed shape issue 2 says outside tools rely on, verbatim: the emulator must keep accepting it. */
export const ISSUE_MINIMAL_SEED = {
  tokens: { TOKEN: { phone_numbers: ['106540352242922'] } },
  phone_numbers: [
    {
      id: '106540352242922',
      waba_id: '102290129340398',
      display_phone_number: '+55 11 5555 0100',
      verified_name: 'Acme',
      code_verification_status: 'VERIFIED',
      platform_type: 'CLOUD_API',
      registered: true,
      pin: '123456',
      storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' },
    },
  ],
};

/** The `error` of a Graph error envelope. */
export interface GraphError {
  code: number;
  message: string;
  type: string;
  error_subcode?: number;
  error_data?: { messaging_product: string; details: string };
  is_transient: boolean;
  fbtrace_id: string;
}

/** The Graph answers these tests read: a node, its settings, a page of numbers, a write's result or an error; all optional. */
export interface GraphBody {
  id?: string;
  status?: string;
  code_verification_status?: string;
  storage_configuration?: StorageConfiguration;
  data?: GraphBody[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
  success?: boolean;
  error?: GraphError;
}

/** A parsed answer as a Graph body, or undefined when it is not a JSON object (raw faults answer text). */
export function graphBody(data: unknown): GraphBody | undefined {
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? data : undefined;
}

/** The answer's JSON object; a body that is not one fails the test. */
export function body(res: AxiosResponse<unknown>): GraphBody {
  const parsed = graphBody(res.data);
  if (!parsed) throw new Error(`expected a JSON object from the Graph API, got ${JSON.stringify(res.data)}`);
  return parsed;
}

export interface CallOptions {
  token?: string | null;
  json?: unknown;
  form?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  rawBody?: string;
  timeoutMs?: number;
}

export class GraphCaller {
  constructor(readonly emulator: RunningEmulator) {}

  async call(method: 'GET' | 'POST' | 'DELETE', path: string, opts: CallOptions = {}): Promise<AxiosResponse<unknown>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.token === undefined ? TOKEN : opts.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let data: unknown;
    if (opts.json !== undefined) {
      data = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    } else if (opts.form) {
      data = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (opts.rawBody !== undefined) {
      data = opts.rawBody;
    }
    const qs = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
    return axios
      .request<unknown>({
        method,
        url: `${this.emulator.url}${path}${qs}`,
        data,
        headers,
        validateStatus: () => true,
        transformResponse: (r: unknown) => r, // keep the raw text; parse below so malformed bodies are visible
        timeout: opts.timeoutMs ?? 10_000,
        proxy: false,
      })
      .then((res) => {
        try {
          res.data = JSON.parse(res.data as string);
        } catch {
          /* raw faults answer non-JSON on purpose */
        }
        return res;
      });
  }

  get(path: string, opts?: CallOptions) {
    return this.call('GET', path, opts);
  }

  post(path: string, opts?: CallOptions) {
    return this.call('POST', path, opts);
  }
}

/** Starts an emulator for a describe block and resets it before each test. */
export function useEmulator(options: StartEmulatorOptions = {}): { graph: () => GraphCaller; emu: () => RunningEmulator } {
  let emulator: RunningEmulator | undefined;
  let caller: GraphCaller | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, ...options });
    caller = new GraphCaller(emulator);
  });
  beforeEach(async () => {
    await emulator!.admin.reset();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return { graph: () => caller!, emu: () => emulator! };
}

/** Asserts a Graph error envelope with the given code and HTTP status; returns the error object. */
export function expectGraphError(res: AxiosResponse<unknown>, code: number, httpStatus: number, subcode?: number): GraphError {
  const err = graphBody(res.data)?.error;
  expect({ status: res.status, code: err?.code }).toEqual({ status: httpStatus, code });
  if (!err) throw new Error('no Graph error envelope'); // the expect above has failed already
  expect(typeof err.message).toBe('string');
  expect(typeof err.type).toBe('string');
  expect(err.error_data).toEqual<Record<string, unknown>>({ messaging_product: 'whatsapp', details: expect.any(String) });
  expect(typeof err.is_transient).toBe('boolean');
  expect(err.fbtrace_id).toMatch(/^[A-Za-z0-9_-]{10,}$/);
  if (subcode !== undefined) expect(err.error_subcode).toBe(subcode);
  return err;
}
