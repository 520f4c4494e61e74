/**
 * Meta's register/deregister quota: the pure decision over a ledger (table tests), and
 * the executor enforcing it against the emulator before any write, recording every call
 * it sends (an unknown outcome as spent, a 133016 as a full window with its time), and
 * holding the rolling gate from before the deregister until the register.
 */
import type { RunningEmulator } from '../../src/emulator';
import { decideQuota, quotaLine, quotaStatus, QUOTA_WINDOW_MS, type QuotaEntry } from '../../src/engine/quota';
import type { OfflineGate, PlanStep } from '../../src/engine/types';
import { emulatorForFile, makeEngine, NUM_BR, PIN, truth, writes } from './emulator-harness';

const H = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const change: PlanStep[] = [
  { kind: 'deregister', reason: '' },
  { kind: 'write_settings', reason: '' },
  { kind: 'register', reason: '' },
];
const calls = (op: 'register' | 'deregister', n: number, from: number, outcome: QuotaEntry['outcome'] = 'ok'): QuotaEntry[] =>
  Array.from({ length: n }, (_, i) => ({ op, at: from + i * H, outcome }));

describe('decideQuota (pure)', () => {
  test('an empty ledger: a change uses one of each and leaves 9 and 9', () => {
    const d = decideQuota([], change, T0);
    expect(d).toMatchObject({
      uses: { register: 1, deregister: 1 },
      exceeded: [],
      register: { spent: 0, left: 10 },
      deregister: { spent: 0, left: 10 },
    });
    expect(quotaLine(d)).toBe('Quota: 1 deregister + 1 register; 9 + 9 of 10 left in 72 h');
  });

  test('9 of each spent: the change fits, the line names when the oldest leaves', () => {
    const ledger = [...calls('register', 9, T0), ...calls('deregister', 9, T0)];
    const d = decideQuota(ledger, change, T0 + 10 * H);
    expect(d.exceeded).toEqual([]);
    expect(quotaLine(d)).toBe('Quota: 1 deregister + 1 register; 0 + 0 of 10 left in 72 h, oldest out 2026-12-04 00:00 UTC');
  });

  test('a number already offline: its register is never held back by the ledger (it can only bring the number back)', () => {
    const ledger = [...calls('register', 10, T0, 'refused'), ...calls('deregister', 1, T0)];
    const d = decideQuota(
      ledger,
      [
        { kind: 'write_settings', reason: '' },
        { kind: 'register', reason: '' },
      ],
      T0 + 20 * H,
    );
    expect(d.exceeded).toEqual([]);
    expect(quotaLine(d)).toMatch(/^Quota: 0 deregister \+ 1 register; 9 \+ 0 of 10 left in 72 h/);
  });

  test('10 registers and 9 deregisters: refused as a whole (the deregister would strand the number), possible when the oldest register ages out', () => {
    const ledger = [...calls('register', 10, T0), ...calls('deregister', 9, T0)];
    const d = decideQuota(ledger, change, T0 + 20 * H);
    expect(d.exceeded).toEqual(['register']);
    expect(d.possibleAt).toBe(T0 + QUOTA_WINDOW_MS);
    // At that moment it fits.
    expect(decideQuota(ledger, change, T0 + QUOTA_WINDOW_MS).exceeded).toEqual([]);
  });

  test('an unknown outcome and a refused call count as spent', () => {
    const ledger = [
      ...calls('register', 8, T0),
      ...calls('register', 1, T0 + 8 * H, 'unknown'),
      ...calls('register', 1, T0 + 9 * H, 'refused'),
    ];
    expect(decideQuota(ledger, change, T0 + 10 * H)).toMatchObject({ exceeded: ['register'], register: { spent: 10 } });
  });

  test('a 133016 counts as a full window until the time it names, calls or not', () => {
    const blocked: QuotaEntry = { op: 'deregister', at: T0, outcome: 'blocked', until: T0 + 5 * H };
    expect(decideQuota([blocked], change, T0 + H)).toMatchObject({
      exceeded: ['deregister'],
      possibleAt: T0 + 5 * H,
      deregister: { spent: 10, freesAt: T0 + 5 * H },
    });
    expect(decideQuota([blocked], change, T0 + 5 * H).exceeded).toEqual([]);
    // Meta named no time: the whole window, counted from its answer.
    const unnamed: QuotaEntry = { op: 'register', at: T0, outcome: 'blocked' };
    expect(decideQuota([unnamed], change, T0 + H)).toMatchObject({ exceeded: ['register'], possibleAt: T0 + QUOTA_WINDOW_MS });
  });

  test('entries leave the window after 72 hours; an idle number reads the same until then', () => {
    const ledger = calls('register', 3, T0);
    expect(quotaStatus(ledger, T0 + 71 * H)).toEqual(quotaStatus(ledger, T0 + 3 * H));
    expect(quotaStatus(ledger, T0 + 72 * H + 1).register.spent).toBe(2);
    expect(quotaStatus(ledger, T0 + 75 * H).register).toEqual({ spent: 0, left: 10 });
  });
});

describe('the executor and the quota, against the emulator', () => {
  let emu: RunningEmulator;
  const closeAfterTest = emulatorForFile((started) => (emu = started));
  const engine = () => closeAfterTest(makeEngine(emu));

  test('a ledger with 10 registers: refused before any write, the number stays registered', async () => {
    const e = engine();
    const now = (await emu.admin.clock()).now;
    const ledger = [...calls('register', 10, now - 20 * H), ...calls('deregister', 2, now - 20 * H)];
    const result = await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN, quotaLedger: ledger });
    expect(result).toMatchObject({ ok: false, error: { kind: 'quota' } });
    expect(result.error!.message).toContain('possible again at');
    expect(result.quotaCalls).toBeUndefined();
    expect(await writes(emu, NUM_BR)).toEqual([]);
    expect(await truth(emu, NUM_BR)).toMatchObject({ registered: true, region: 'BR' });
  });

  test("the calls a change sends come back for the ledger, on Meta's clock", async () => {
    await emu.admin.advanceClock(40 * H);
    const now = (await emu.admin.clock()).now;
    const result = await engine().converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result.ok).toBe(true);
    expect(result.quotaCalls!.map((c) => `${c.op}:${c.outcome}`)).toEqual(['deregister:ok', 'register:ok']);
    for (const c of result.quotaCalls!) expect(Math.abs(c.at - now)).toBeLessThan(5000);
  });

  test('a register without an answer is recorded as unknown', async () => {
    await emu.admin.injectFault({ endpoint: 'register', phoneNumberId: NUM_BR, mode: 'hang', times: 1 });
    const result = await closeAfterTest(makeEngine(emu, { timeoutMs: 300 })).converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result.quotaCalls!.map((c) => `${c.op}:${c.outcome}`)).toEqual(['deregister:ok', 'register:unknown', 'register:ok']);
  });

  test("a 133016 on the deregister (calls made elsewhere): recorded as blocked with Meta's time, the message says when it is possible again", async () => {
    await emu.admin.setOptions({ registration_limit: 1 });
    const e = engine();
    expect((await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN })).ok).toBe(true);
    const result = await e.converge(NUM_BR, { region: 'DE' }, { pin: PIN });
    expect(result).toMatchObject({ ok: false, error: { kind: 'quota' } });
    const block = result.quotaCalls!.find((c) => c.outcome === 'blocked')!;
    expect(block.op).toBe('deregister');
    expect(block.until! - block.at).toBeGreaterThan(71 * H);
    expect(result.error!.message).toMatch(/Possible again at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\./);
    expect(await truth(emu, NUM_BR)).toMatchObject({ registered: true, region: 'IN' });
  });

  test('the gate is entered before the deregister and left once the register answered', async () => {
    const log: string[] = [];
    const gate: OfflineGate = {
      enter: async () => {
        log.push(`enter after ${(await writes(emu, NUM_BR)).join(',') || 'nothing'}`);
        return () => {
          log.push('leave');
        };
      },
    };
    const result = await engine().converge(NUM_BR, { region: 'IN' }, { pin: PIN, offlineGate: gate });
    expect(result.ok).toBe(true);
    expect(log).toEqual(['enter after nothing', 'leave']);
  });
});
