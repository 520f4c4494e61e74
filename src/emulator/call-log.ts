/** The ordered log of Graph calls (admin GET /__emulator/calls). */
import type { CallLogEntry, EndpointName } from './types';

/** Epoch milliseconds with sub-millisecond precision. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export class CallLog {
  private entries: CallLogEntry[] = [];
  private seq = 0;

  constructor(public limit: number) {}

  /** Assigns the next sequence number and appends (the oldest entries go once the limit is passed). */
  add(entry: Omit<CallLogEntry, 'seq'>): CallLogEntry {
    const full = entry as CallLogEntry;
    full.seq = ++this.seq;
    this.entries.push(full);
    // Trim in batches so a busy benchmark does not pay for a shift on every call.
    if (this.entries.length > this.limit + Math.max(100, this.limit / 10)) this.entries.splice(0, this.entries.length - this.limit);
    return full;
  }

  list(filter: { endpoint?: string; phoneNumberId?: string; sinceSeq?: number } = {}): CallLogEntry[] {
    const out = this.entries.length > this.limit ? this.entries.slice(this.entries.length - this.limit) : this.entries;
    return out.filter(
      (e) =>
        (filter.endpoint === undefined || e.endpoint === (filter.endpoint as EndpointName)) &&
        (filter.phoneNumberId === undefined || e.phoneNumberId === filter.phoneNumberId) &&
        (filter.sinceSeq === undefined || e.seq > filter.sinceSeq),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
