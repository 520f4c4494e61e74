/**
 * The fault matrix: every call of a converge (BR -> IN on a registered number:
 * read number, read settings, deregister, settings, register, read-back) times
 * every fault, each run as a real OpenTofu apply against the emulator.
 *
 * Each case asserts, besides its expected outcome:
 *  - the number is registered afterwards unless recovery was impossible
 *    (and then the error says so in capitals);
 *  - the state file matches the emulator (registered, status, region);
 *  - no register/deregister/settings call was repeated without a read in
 *    between (unless a throttle proved it did nothing), and at most one
 *    register and one deregister took effect;
 *  - a follow-up plan is empty, or shows exactly the remaining change, and
 *    a re-apply (after fixing the cause) converges with an empty plan after it.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallLogEntry, FaultSpec, RunningEmulator } from '../../src/emulator';
import type { EngineWorkspace } from '../e2e/harness';
import {
  ArmingProxy,
  blindRepeats,
  graphTruth,
  NUMBER,
  PIN,
  PIN_VARIABLE,
  providerHcl,
  resourceHcl,
  secretEnv,
  startReliabilityEmulator,
  stateOf,
  tofu,
  TOKEN,
  workspace,
  WRONG_PIN,
  type Truth,
} from './harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

export type CallName = 'read_number' | 'read_settings' | 'deregister' | 'settings' | 'register' | 'read_back';
export type FaultName = 'http_500' | 'transient' | 'timeout' | 'reset' | 'throttle' | 'quota_72h' | 'wrong_pin' | 'expired_token';
export type Outcome = 'converged' | 'failed_online' | 'failed_offline';

export interface MatrixCase {
  call: CallName;
  fault: FaultName;
  outcome: Outcome;
  /** Must appear in the failed apply's output. */
  message?: RegExp;
}

const TARGET: Record<CallName, { endpoint: string; method: string }> = {
  read_number: { endpoint: 'phone_number', method: 'GET' },
  read_settings: { endpoint: 'settings', method: 'GET' },
  deregister: { endpoint: 'deregister', method: 'POST' },
  settings: { endpoint: 'settings', method: 'POST' },
  register: { endpoint: 'register', method: 'POST' },
  read_back: { endpoint: 'phone_number', method: 'GET' },
};

const EXPIRED = { code: 190, error_subcode: 463, http_status: 401, message: 'Error validating access token: Session has expired.' };

function faultSpec(fault: FaultName, target: { endpoint: string; method: string }): FaultSpec {
  const base = { endpoint: target.endpoint, method: target.method, phoneNumberId: NUMBER } as FaultSpec;
  const post = target.method === 'POST';
  switch (fault) {
    case 'http_500':
      return {
        ...base,
        mode: 'raw',
        httpStatus: 500,
        contentType: 'text/html',
        body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
      };
    case 'transient':
      return {
        ...base,
        mode: 'error',
        error: { code: 2, http_status: 503, message: 'Service temporarily unavailable', is_transient: true },
      };
    case 'timeout':
      return { ...base, mode: 'hang', ...(post ? { applyFirst: true } : {}) };
    case 'reset':
      return { ...base, mode: 'reset', ...(post ? { applyFirst: true } : {}) };
    case 'throttle':
      return { ...base, mode: 'error', error: { code: 130429, message: 'Rate limit hit' }, headers: { 'retry-after': '1' } };
    case 'quota_72h':
      return { ...base, mode: 'error', error: { code: 133016, message: 'Account register deregister rate limit exceeded' } };
    case 'expired_token':
      return { ...base, mode: 'error', error: EXPIRED };
    case 'wrong_pin':
      throw new Error('wrong_pin is not injected: the configuration carries a wrong PIN');
  }
}

const CONVERGED_FAULTS: FaultName[] = ['http_500', 'transient', 'timeout', 'reset', 'throttle'];
const TOKEN_MESSAGE = /access token is invalid or expired/;
const OFFLINE = /IS NOT REGISTERED/;

/** The expected outcome of each cell; cells not listed do not apply (see docs/reliability.md). */
export const MATRIX: MatrixCase[] = [
  ...(['read_number', 'read_settings'] as const).flatMap((call): MatrixCase[] => [
    ...CONVERGED_FAULTS.map((fault) => ({ call, fault, outcome: 'converged' as const })),
    { call, fault: 'expired_token', outcome: 'failed_online', message: TOKEN_MESSAGE },
  ]),
  ...CONVERGED_FAULTS.map((fault) => ({ call: 'deregister' as const, fault, outcome: 'converged' as const })),
  {
    call: 'deregister',
    fault: 'quota_72h',
    outcome: 'failed_online',
    message: /10 register and 10 deregister requests per number in a moving 72-hour window/,
  },
  { call: 'deregister', fault: 'expired_token', outcome: 'failed_online', message: TOKEN_MESSAGE },
  ...CONVERGED_FAULTS.map((fault) => ({ call: 'settings' as const, fault, outcome: 'converged' as const })),
  { call: 'settings', fault: 'expired_token', outcome: 'failed_offline', message: OFFLINE },
  ...CONVERGED_FAULTS.map((fault) => ({ call: 'register' as const, fault, outcome: 'converged' as const })),
  { call: 'register', fault: 'quota_72h', outcome: 'failed_offline', message: /IS NOT REGISTERED[\s\S]*72-hour/ },
  { call: 'register', fault: 'wrong_pin', outcome: 'failed_offline', message: /IS NOT REGISTERED[\s\S]*PIN is wrong/ },
  { call: 'register', fault: 'expired_token', outcome: 'failed_offline', message: OFFLINE },
  ...CONVERGED_FAULTS.map((fault) => ({ call: 'read_back' as const, fault, outcome: 'converged' as const })),
  { call: 'read_back', fault: 'expired_token', outcome: 'failed_online', message: /reading the number back failed/ },
];

export interface MatrixRow extends MatrixCase {
  applyExit: number;
  truthAfter: Truth;
  stateAfter: ReturnType<typeof stateOf>;
  followUpPlanExit: number;
  reapplied: boolean;
  writes: string[];
  faultsInjected: number;
  ms: number;
}

export interface MatrixContext {
  emu: RunningEmulator;
  proxy: ArmingProxy;
  ws: EngineWorkspace;
  baseline: string;
}

/** One emulator, proxy and initialized workspace per test file (per jest worker). */
export async function setUpMatrix(): Promise<MatrixContext> {
  const emu = await startReliabilityEmulator();
  const proxy = await new ArmingProxy(emu).start();
  const ws = workspace(tofu());
  ws.write('main.tf', providerHcl(proxy.url, { timeoutSeconds: 1, maxRetries: 2 }) + PIN_VARIABLE + resourceHcl('main', NUMBER, 'BR'));
  await ws.expect(['init']);
  // Baseline: the number managed in BR, as the emulator seed has it; every case starts from this state file.
  await ws.expect(['apply', '-auto-approve'], 0, secretEnv());
  return { emu, proxy, ws, baseline: ws.rawState() };
}

export async function tearDownMatrix(ctx: MatrixContext | undefined): Promise<void> {
  ctx?.ws.dispose();
  await ctx?.proxy.close();
  await ctx?.emu.close();
}

function effective(calls: CallLogEntry[], endpoint: string, c: MatrixCase): number {
  const appliedFirst =
    (c.fault === 'timeout' || c.fault === 'reset') && TARGET[c.call].endpoint === endpoint && TARGET[c.call].method === 'POST';
  return calls.filter(
    (x) => x.method === 'POST' && x.endpoint === endpoint && (x.status === 200 || (appliedFirst && x.fault !== undefined)),
  ).length;
}

export async function runMatrixCase(ctx: MatrixContext, c: MatrixCase): Promise<MatrixRow> {
  const { emu, proxy, ws } = ctx;
  const started = Date.now();
  await emu.admin.reset();
  proxy.disarm();
  ws.write('terraform.tfstate', ctx.baseline);
  ws.remove('terraform.tfstate.backup');
  ws.write('main.tf', providerHcl(proxy.url, { timeoutSeconds: 1, maxRetries: 2 }) + PIN_VARIABLE + resourceHcl('main', NUMBER, 'IN'));

  let pin = PIN;
  const target = TARGET[c.call];
  if (c.fault === 'wrong_pin') {
    pin = WRONG_PIN;
  } else if (c.fault === 'quota_72h' && c.call === 'register') {
    // The real rule: one register allowed per window, and it was just used.
    await emu.admin.setOptions({ registration_limit: 1 });
    const res = await fetch(`${emu.url}/${FIRST_SETTINGS_VERSION}/${NUMBER}/register`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', pin: PIN }),
    });
    expect(res.status).toBe(200);
  } else if (c.call === 'read_back') {
    // The read-back is the GET after the register: armed when the register's answer passes the proxy.
    proxy.arm(
      { endpoint: 'register', method: 'POST', status: 200 },
      c.fault === 'expired_token' ? { endpoint: '*', mode: 'error', error: EXPIRED, times: 100 } : faultSpec(c.fault, target),
    );
  } else {
    await emu.admin.injectFault(faultSpec(c.fault, target));
    // An expired token stays expired: every later call fails too.
    if (c.fault === 'expired_token')
      proxy.arm(
        { endpoint: target.endpoint, method: target.method, status: 401 },
        { endpoint: '*', mode: 'error', error: EXPIRED, times: 100 },
      );
  }
  await emu.admin.clearCalls();

  const apply = await ws.run(['apply', '-auto-approve', '-refresh=false'], secretEnv(pin));
  const output = (apply.stdout + apply.stderr).replace(/\s+/g, ' ');
  const calls = await emu.admin.calls();
  await emu.admin.clearFaults();
  proxy.disarm();
  const truthAfter = await graphTruth(emu, NUMBER);
  const stateAfter = stateOf(ws);
  const context = `${c.call} x ${c.fault}: apply exited ${apply.code}\n${output}\ncalls: ${calls.map((x) => `${x.method} ${x.endpoint} ${x.status}${x.fault ? ` (${x.fault})` : ''}`).join(', ')}`;
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`${what}\n--- ${context}`);
  };

  // Outcome.
  check(apply.code === (c.outcome === 'converged' ? 0 : 1), `expected ${c.outcome}`);
  if (c.outcome === 'converged') check(truthAfter.registered && truthAfter.region === 'IN', 'not converged to IN');
  check(
    truthAfter.registered === (c.outcome !== 'failed_offline'),
    `registered is ${truthAfter.registered}, expected ${c.outcome !== 'failed_offline'}`,
  );
  if (c.message) check(c.message.test(output), `output lacks ${c.message}`);
  // The state the engine holds is the truth (or, where nothing could be read, says it does not know the storage).
  check(stateAfter !== undefined, 'no state');
  check(stateAfter!.registered === truthAfter.registered, `state registered=${stateAfter!.registered}, emulator ${truthAfter.registered}`);
  const storageKnown = stateAfter!.status !== 'UNKNOWN';
  if (storageKnown) {
    check(stateAfter!.status === truthAfter.status, `state storage_status=${stateAfter!.status}, emulator ${truthAfter.status}`);
    check(stateAfter!.region === truthAfter.region, `state region=${stateAfter!.region}, emulator ${truthAfter.region}`);
  }
  // Nothing non-idempotent repeated blindly.
  const blind = blindRepeats(calls);
  check(blind.length === 0, blind.join('; '));
  check(effective(calls, 'register', c) <= 1, 'more than one register took effect');
  check(effective(calls, 'deregister', c) <= 1, 'more than one deregister took effect');

  // Fix the cause, then: follow-up plan is empty or shows exactly the remaining change; a re-apply converges.
  if (c.fault === 'quota_72h') await emu.admin.advanceClock(73 * 3600 * 1000);
  const remaining = !(truthAfter.registered && truthAfter.region === 'IN');
  const plan = await ws.run(['plan', '-detailed-exitcode'], secretEnv());
  check(
    plan.code === (remaining ? 2 : 0),
    `follow-up plan exited ${plan.code}, expected ${remaining ? 2 : 0}\n${plan.stdout}${plan.stderr}`,
  );
  if (remaining) {
    check(
      /1 to change/.test(plan.stdout) && /"IN"|registered/.test(plan.stdout),
      `follow-up plan does not show the remaining change:\n${plan.stdout}`,
    );
    const again = await ws.run(['apply', '-auto-approve'], secretEnv());
    check(again.code === 0, `re-apply failed:\n${again.stdout}${again.stderr}`);
    const final = await graphTruth(emu, NUMBER);
    check(final.registered && final.region === 'IN', 're-apply did not converge');
    const last = await ws.run(['plan', '-detailed-exitcode'], secretEnv());
    check(last.code === 0, `plan after re-apply exited ${last.code}\n${last.stdout}`);
  }

  return {
    ...c,
    applyExit: apply.code,
    truthAfter,
    stateAfter,
    followUpPlanExit: plan.code,
    reapplied: remaining,
    writes: calls.filter((x) => x.method === 'POST').map((x) => `${x.endpoint}${x.fault ? `(${x.fault})` : ''}`),
    faultsInjected: calls.filter((x) => x.fault !== undefined).length,
    ms: Date.now() - started,
  };
}

/** Rows for docs/reliability.md (written to the temp dir; the doc's table is made from them). */
export function saveRows(file: string, rows: MatrixRow[]): void {
  writeFileSync(join(tmpdir(), file), JSON.stringify(rows, null, 2));
}
