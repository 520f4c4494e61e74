/**
 * Shared pieces of the reliability suites: an emulator seeded with a
 * distinctive token and PIN (so a leak is a plain substring search), an
 * OpenTofu workspace reused across cases, a fault-arming proxy, and readers of
 * the truth (emulator state, engine state file, call log).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import {
  defaultSeed,
  generatedPhoneNumberId,
  generatedSeed,
  startEmulator,
  type CallLogEntry,
  type EmulatorSeed,
  type FaultSpec,
  type RunningEmulator,
} from '../../src/emulator';
import { EngineWorkspace, REQUIRED_PROVIDERS_HCL, requiredEngines, type EngineInfo } from '../e2e/harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

/** Distinctive secrets: any occurrence in output, logs or state is a leak. */
export const TOKEN = 'EAArelSECRETtokenQ7w9Zx3Kp5Lm2Nv8';
export const PIN = '482915';
export const WRONG_PIN = '000111';
export const WABA = '102290129340398';
/** Registered, local storage in BR (default seed). */
export const NUMBER = '179776755229976';

/** The default seed with our token and PIN, plus `extra` generated registered numbers (storage disabled). */
export function reliabilitySeed(extra = 0): EmulatorSeed {
  const seed = generatedSeed(extra, { token: TOKEN, pin: PIN, wabaId: WABA, label: 'Soak', base: defaultSeed() });
  for (const n of seed.phone_numbers) n.pin = PIN;
  return seed;
}

export const soakId = generatedPhoneNumberId;

export function startReliabilityEmulator(extra = 0): Promise<RunningEmulator> {
  return startEmulator({ port: 0, seed: reliabilitySeed(extra), quiet: true });
}

export function tofu(): EngineInfo {
  return requiredEngines().find((e) => e.name === 'tofu')!;
}

export function terraform(): EngineInfo {
  return requiredEngines().find((e) => e.name === 'terraform')!;
}

/** An engine workspace whose provider sees nothing from the machine's environment. */
export function workspace(engine: EngineInfo): EngineWorkspace {
  return new EngineWorkspace(engine);
}

export function providerHcl(baseUrl: string, extra: { timeoutSeconds?: number; maxRetries?: number; apiVersion?: string } = {}): string {
  return `${REQUIRED_PROVIDERS_HCL}
variable "token" {
  type      = string
  sensitive = true
}

provider "whatsapp" {
  base_url     = "${baseUrl}"
  access_token = var.token
  api_version  = "${extra.apiVersion ?? FIRST_SETTINGS_VERSION}"
${extra.timeoutSeconds !== undefined ? `  request_timeout_seconds = ${extra.timeoutSeconds}\n` : ''}${extra.maxRetries !== undefined ? `  max_retries = ${extra.maxRetries}\n` : ''}}
`;
}

/** One whatsapp_local_storage resource with the PIN from a sensitive variable. */
export function resourceHcl(name: string, id: string, region: string | null, pinVariable = true): string {
  return `
resource "whatsapp_local_storage" "${name}" {
  phone_number_id          = "${id}"
  data_localization_region = ${region === null ? 'null' : `"${region}"`}
${pinVariable ? '  pin                      = var.pin\n' : ''}}
`;
}

export const PIN_VARIABLE = `
variable "pin" {
  type      = string
  sensitive = true
}
`;

/** Secrets reach the engine through TF_VAR_ environment variables, never the command line. */
export function secretEnv(pin = PIN, token = TOKEN): Record<string, string> {
  return { TF_VAR_pin: pin, TF_VAR_token: token };
}

export interface Truth {
  registered: boolean;
  status: string;
  region: string | null;
}

/** The fields of the phone number node and its settings that graphTruth reads. */
type NodeBody = { status?: string };
type SettingsBody = { storage_configuration: { status: string; data_localization_region?: string } };

/** What the emulator holds, read through Graph (the same reads a user would make). */
export async function graphTruth(emu: RunningEmulator, id: string): Promise<Truth> {
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const [node, settings] = await Promise.all([
    axios.get<NodeBody>(`${emu.url}/${FIRST_SETTINGS_VERSION}/${id}`, { headers, params: { fields: 'status,platform_type' } }),
    axios.get<SettingsBody>(`${emu.url}/${FIRST_SETTINGS_VERSION}/${id}/settings`, { headers }),
  ]);
  const sc = settings.data.storage_configuration;
  return { registered: node.data.status === 'CONNECTED', status: sc.status, region: sc.data_localization_region ?? null };
}

export interface StateView {
  registered: boolean | null;
  status: string | null;
  region: string | null;
}

export function stateOf(ws: EngineWorkspace, name = 'main'): StateView | undefined {
  let state;
  try {
    state = ws.state();
  } catch {
    return undefined;
  }
  const r = state.resources.find((x) => x.type === 'whatsapp_local_storage' && x.name === name);
  const a = r?.instances[0]?.attributes;
  if (!a) return undefined;
  return {
    registered: (a.registered as boolean | null) ?? null,
    status: (a.storage_status as string | null) ?? null,
    region: (a.data_localization_region as string | null) ?? null,
  };
}

/** Graph codes that prove a POST was refused before it did anything (the client may resend those). */
const THROTTLE = new Set([4, 17, 32, 341, 613, 80007, 130429]);

/**
 * "No non-idempotent call was repeated blindly": between two register (or two
 * deregister) calls there is a read of the number, unless the first was refused
 * by a throttle (which proves it did nothing). Returns the violations.
 */
export function blindRepeats(calls: CallLogEntry[]): string[] {
  const problems: string[] = [];
  for (const endpoint of ['register', 'deregister', 'settings'] as const) {
    let previous: CallLogEntry | undefined;
    let readSince = false;
    for (const c of calls) {
      if (c.method === 'GET' && c.endpoint === 'phone_number') readSince = true;
      if (c.method !== 'POST' || c.endpoint !== endpoint) continue;
      if (previous && !readSince && !(previous.graphCode !== undefined && THROTTLE.has(previous.graphCode))) {
        problems.push(`${endpoint} #${c.seq} repeated #${previous.seq} (status ${previous.status}) without reading the number first`);
      }
      previous = c;
      readSince = false;
    }
  }
  return problems;
}

export interface ProxyTrigger {
  endpoint: string;
  method?: string;
  status?: number;
}

/**
 * A pass-through HTTP proxy in front of the emulator that can arm a fault the
 * moment a given call's answer passes through (before the client sees it).
 * This targets calls the emulator's own queue cannot tell apart, such as the
 * read-back (the GET that follows the register), deterministically.
 */
export class ArmingProxy {
  private server!: http.Server;
  private armed: Array<{ trigger: ProxyTrigger; fault: FaultSpec }> = [];
  url = '';

  constructor(private readonly emu: RunningEmulator) {}

  async start(): Promise<this> {
    const target = new URL(this.emu.url);
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const upstream = http.request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (up) => {
            const body: Buffer[] = [];
            up.on('data', (c: Buffer) => body.push(c));
            up.on('end', () => {
              void this.fire(req.method ?? 'GET', req.url ?? '/', up.statusCode ?? 0).finally(() => {
                res.writeHead(up.statusCode ?? 502, up.headers);
                res.end(Buffer.concat(body));
              });
            });
            up.on('error', () => res.destroy());
          },
        );
        // The emulator reset the connection: so does the proxy (the client sees ECONNRESET).
        upstream.on('error', () => res.destroy());
        // The client gave up (timeout): drop the upstream call too, as a real network would.
        res.on('close', () => {
          if (!res.writableFinished) upstream.destroy();
        });
        upstream.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** When a call matching `trigger` is answered, inject `fault` before relaying the answer. */
  arm(trigger: ProxyTrigger, fault: FaultSpec): void {
    this.armed.push({ trigger, fault });
  }

  disarm(): void {
    this.armed = [];
  }

  private async fire(method: string, url: string, status: number): Promise<void> {
    const path = url.split('?')[0];
    const segments = path.split('/').filter(Boolean); // [version, id, edge?]
    const endpoint = segments.length === 2 ? 'phone_number' : (segments[2] ?? 'unknown');
    const i = this.armed.findIndex(
      (a) => a.trigger.endpoint === endpoint && (a.trigger.method ?? method) === method && (a.trigger.status ?? status) === status,
    );
    if (i < 0) return;
    const [{ fault }] = this.armed.splice(i, 1);
    await this.emu.admin.injectFault(fault);
  }

  close(): Promise<void> {
    this.server.closeAllConnections?.();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export function expectNoSecret(text: string, secret: string, where: string): void {
  const at = text.indexOf(secret);
  if (at >= 0)
    throw new Error(
      `secret found in ${where}: ...${text.slice(Math.max(0, at - 120), at)}[SECRET]${text.slice(at + secret.length, at + secret.length + 40)}...`,
    );
}
