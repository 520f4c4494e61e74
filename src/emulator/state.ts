/**
 * The emulator's world: phone numbers, tokens, WABAs, per-number counters,
 * options and the controllable clock. Plain data, dumpable to JSON (state file,
 * GET /__emulator/state) and rebuildable from the seed (reset).
 */
import { DEFAULT_OPTIONS, withNumberDefaults } from './seed';
import type { EmulatorOptions, EmulatorSeed, EmulatorStateDump, NumberCounters, PhoneNumberRecord, SeedToken, SeedWaba } from './types';

interface TokenGrant {
  numbers: Set<string>;
  wabas: Set<string>;
  expired: boolean;
}

export class EmulatorState {
  options!: EmulatorOptions;
  numbers = new Map<string, PhoneNumberRecord>();
  wabas = new Map<string, SeedWaba>();
  counters = new Map<string, NumberCounters>();
  private tokens = new Map<string, TokenGrant>();
  private rawTokens: Record<string, SeedToken> = {};
  /** Emulator time = real time + offset (moved by the admin clock). */
  clockOffsetMs = 0;
  /** Called after every change, so the server can persist the state file. */
  onChange: () => void = () => {};

  constructor(private readonly seed: EmulatorSeed) {
    this.loadSeed(seed);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Back to the seed (numbers, tokens, counters, clock, options). */
  reset(): void {
    this.loadSeed(this.seed);
    this.changed();
  }

  changed(): void {
    this.onChange();
  }

  private loadSeed(seed: EmulatorSeed): void {
    const fallbackWaba = seed.wabas?.[0]?.id ?? '100000000000001';
    this.options = { ...DEFAULT_OPTIONS, supported_regions: [...DEFAULT_OPTIONS.supported_regions], ...(seed.options ?? {}) };
    this.numbers = new Map(seed.phone_numbers.map((p) => [p.id, withNumberDefaults(p, fallbackWaba)]));
    this.wabas = new Map((seed.wabas ?? []).map((w) => [w.id, { ...w }]));
    for (const n of this.numbers.values()) if (!this.wabas.has(n.waba_id)) this.wabas.set(n.waba_id, { id: n.waba_id });
    this.setTokens(seed.tokens);
    this.counters = new Map();
    this.clockOffsetMs = seed.clock !== undefined ? Date.parse(seed.clock) - Date.now() : 0;
    const start = this.now();
    for (const p of seed.phone_numbers) {
      if (!p.quota_used) continue;
      const counters = this.countersOf(p.id);
      for (const op of ['register', 'deregister'] as const) {
        const used = p.quota_used[op];
        counters[op] =
          typeof used === 'number'
            ? Array.from({ length: used }, () => start)
            : (used ?? []).map((t) => Date.parse(t)).sort((a, b) => a - b);
      }
    }
  }

  private setTokens(tokens: Record<string, SeedToken>): void {
    this.rawTokens = structuredClone(tokens);
    this.tokens = new Map(
      Object.entries(tokens).map(([t, g]) => [
        t,
        { numbers: new Set(g.phone_numbers ?? []), wabas: new Set(g.wabas ?? []), expired: g.expired === true },
      ]),
    );
  }

  token(token: string): TokenGrant | undefined {
    return this.tokens.get(token);
  }

  /** Whether `token` may touch phone number `id` (listed directly or through its WABA). */
  mayTouchNumber(grant: TokenGrant, n: PhoneNumberRecord): boolean {
    return grant.numbers.has(n.id) || grant.wabas.has(n.waba_id);
  }

  mayTouchWaba(grant: TokenGrant, wabaId: string): boolean {
    if (grant.wabas.has(wabaId)) return true;
    for (const id of grant.numbers) if (this.numbers.get(id)?.waba_id === wabaId) return true;
    return false;
  }

  countersOf(id: string): NumberCounters {
    let c = this.counters.get(id);
    if (!c) {
      c = { register: [], deregister: [], pinFailures: 0 };
      this.counters.set(id, c);
    }
    return c;
  }

  dump(): EmulatorStateDump {
    return {
      version: 1,
      options: structuredClone(this.options),
      tokens: structuredClone(this.rawTokens),
      wabas: [...this.wabas.values()].map((w) => ({ ...w })),
      phone_numbers: [...this.numbers.values()].map((n) => structuredClone(n)),
      counters: Object.fromEntries([...this.counters].map(([id, c]) => [id, structuredClone(c)])),
      clockOffsetMs: this.clockOffsetMs,
    };
  }

  /** Replaces the world with a dump (state file). The seed stays what reset() returns to. */
  restore(dump: EmulatorStateDump): void {
    if (!dump || dump.version !== 1 || !Array.isArray(dump.phone_numbers)) {
      throw new Error('state file is not an emulator state dump (version 1): delete it or point --state-file elsewhere');
    }
    this.options = { ...DEFAULT_OPTIONS, ...dump.options };
    this.numbers = new Map(dump.phone_numbers.map((p) => [p.id, p]));
    this.wabas = new Map((dump.wabas ?? []).map((w) => [w.id, w]));
    this.setTokens(dump.tokens ?? {});
    this.counters = new Map(Object.entries(dump.counters ?? {}));
    this.clockOffsetMs = dump.clockOffsetMs ?? 0;
  }
}
