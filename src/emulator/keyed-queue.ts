/**
 * Serializes work per key (a phone number id): calls on one number run one
 * after another in arrival order; calls on different numbers never wait for
 * each other.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T> | T): Promise<T> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(key, mine);
    try {
      if (previous) await previous;
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === mine) this.tails.delete(key);
    }
  }

  /** Keys with work running or waiting. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
