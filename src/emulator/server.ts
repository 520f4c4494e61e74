/** Wires state, rules, faults and the admin API into one Node http server. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin-api';
import { CallLog } from './call-log';
import { FaultBook } from './faults';
import { handleGraphHttp } from './graph-handler';
import { KeyedQueue } from './keyed-queue';
import { EmulatorState } from './state';
import { StateFile } from './state-file';
import type { EmulatorSeed } from './types';

export interface EmulatorServerOptions {
  seed: EmulatorSeed;
  stateFile?: string;
  latencyMs?: number;
}

export class EmulatorServer {
  readonly state: EmulatorState;
  readonly log: CallLog;
  readonly faults = new FaultBook();
  private readonly queue = new KeyedQueue();
  private readonly file?: StateFile;
  private readonly server: Server;

  constructor(private readonly opts: EmulatorServerOptions) {
    this.state = new EmulatorState(opts.seed);
    if (opts.stateFile) {
      this.file = new StateFile(opts.stateFile, () => this.state.dump());
      const saved = this.file.load();
      if (saved) this.state.restore(saved);
      this.state.onChange = () => this.file!.scheduleSave();
    }
    this.log = new CallLog(this.state.options.call_log_limit);
    this.faults.latencyMs = opts.latencyMs ?? 0;
    const graphCtx = { state: this.state, log: this.log, faults: this.faults, queue: this.queue };
    const adminCtx = { state: this.state, log: this.log, faults: this.faults, reset: () => this.reset() };
    this.server = createServer((req, res) => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const pathname = q < 0 ? url : url.slice(0, q);
      const query = q < 0 ? '' : url.slice(q + 1);
      const work = pathname.startsWith('/__emulator')
        ? handleAdmin(adminCtx, req, res, pathname, query)
        : handleGraphHttp(graphCtx, req, res, pathname, query);
      work.catch(() => {
        if (!res.headersSent) res.destroy();
      });
    });
    this.server.keepAliveTimeout = 65_000;
  }

  reset(): void {
    this.state.reset();
    this.log.clear();
    this.log.limit = this.state.options.call_log_limit;
    this.faults.clear();
    this.faults.latencyMs = this.opts.latencyMs ?? 0;
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting, drops open connections (hung calls too) and flushes the state file. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((err) => {
        try {
          this.file?.flush();
        } catch (e) {
          return reject(e instanceof Error ? e : new Error(String(e)));
        }
        if (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(err);
        else resolve();
      });
      this.server.closeAllConnections();
    });
  }
}
