/**
 * --state-file: the world survives restarts. Written atomically (temp file +
 * rename) shortly after each change and synchronously on close.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EmulatorStateDump } from './types';

const SAVE_DELAY_MS = 50;

export class StateFile {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly dump: () => EmulatorStateDump,
  ) {}

  /** The saved dump, or undefined when the file does not exist yet. */
  load(): EmulatorStateDump | undefined {
    if (!existsSync(this.path)) return undefined;
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as EmulatorStateDump;
    } catch (e) {
      throw new Error(`state file ${this.path} is not valid JSON (${(e as Error).message}): delete it or point --state-file elsewhere`);
    }
  }

  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, SAVE_DELAY_MS);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.dump(), null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
