/** The recording `gh` of the workflow tests (test/gitops/gh-stub.mjs) on a PATH of its own. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GhIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  comments: string[];
}

export interface GhState {
  issues: GhIssue[];
  labels: Array<{ name: string; color: string; description: string }>;
  prComments: Record<string, Array<{ id: number; body: string }>>;
  nextNumber?: number;
  nextCommentId?: number;
}

/** One call of the stub, as its log line records it. */
export interface GhCall {
  args: string[];
  /** Whether GH_TOKEN was set. */
  token: boolean;
  repo: string | null;
}

export class GhStub {
  readonly dir = mkdtempSync(join(tmpdir(), 'wls-gh-'));
  readonly binDir = join(this.dir, 'bin');
  private readonly logFile = join(this.dir, 'calls.jsonl');
  private readonly stateFile = join(this.dir, 'state.json');

  constructor(initial: Partial<GhState> = {}) {
    mkdirSync(this.binDir);
    const gh = join(this.binDir, 'gh');
    writeFileSync(gh, `#!/bin/sh\nexec "${process.execPath}" "${join(__dirname, 'gh-stub.mjs')}" "$@"\n`);
    chmodSync(gh, 0o755);
    writeFileSync(this.stateFile, JSON.stringify({ issues: [], labels: [], prComments: {}, ...initial }));
    writeFileSync(this.logFile, '');
  }

  /** What the runner machine's environment needs for this stub. */
  env(): Record<string, string> {
    return { GH_STUB_LOG: this.logFile, GH_STUB_STATE: this.stateFile };
  }

  /** Every call so far, as argument lists, with whether GH_TOKEN and GH_REPO were set. */
  calls(): GhCall[] {
    return existsSync(this.logFile)
      ? readFileSync(this.logFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as GhCall)
      : [];
  }

  /** The calls' arguments only, starting a new list from this point with `clear`. */
  commands(): string[][] {
    return this.calls().map((c) => c.args);
  }

  clearCalls(): void {
    writeFileSync(this.logFile, '');
  }

  state(): GhState {
    return JSON.parse(readFileSync(this.stateFile, 'utf8')) as GhState;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
