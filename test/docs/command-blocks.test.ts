/**
 * Every command block of the user documentation runs as written, as a package user runs it:
 * per document, in order, in a fresh directory where the packed package is installed, with
 * OpenTofu 1.12 (`tofu`) and Terraform 1.5.7 (`terraform`) on PATH and a home directory of
 * its own. Blocks marked `<!-- file: NAME -->` are saved where the reader is; blocks that
 * cannot run here are marked `<!-- not-run: reason -->` and listed below; developer material
 * is marked `<!-- development: ... -->` and listed too (test/docs/doc-blocks.ts has the rules).
 *
 * What the test adds to the reader's session, and nothing else:
 * - port 8787, which the docs use for the emulator, becomes a free port of this run;
 * - `npm install whatsapp-local-storage` installs the packed tarball (the package is not on a
 *   registry yet); npm prefers its cache;
 * - every prompt of `tofu apply`, `terraform apply` and the like is answered `yes`;
 * - except in README.md (where the reader sets it up), the emulator runs and the environment
 *   the README sets is there: WHATSAPP_BASE_URL, WHATSAPP_ACCESS_TOKEN=demo-token,
 *   TF_VAR_pin=123456 and TF_CLI_CONFIG_FILE from `whatsapp-local-storage cli-config`. A
 *   document that starts the emulator itself gets no second one.
 * Variables and the directory carry over from block to block as in one terminal. A failing
 * block fails its document with the block's line and its output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { requiredEngines } from '../e2e/harness';
import { installProject, packTarball } from '../install/helpers';
import { blockRole, commandText, parseDoc, userDocPaths, type DocBlock, type ParsedDoc } from './doc-blocks';

jest.setTimeout(900_000);

const BLOCK_TIMEOUT_MS = 300_000;

/** Blocks that cannot run on a test machine, by document and the start of their reason. */
const NOT_RUN: Array<{ doc: string; reason: RegExp }> = [
  { doc: 'docs/adopt-waba.md', reason: /^needs Terraform 1\.14\+/ },
  { doc: 'docs/cdktf.md', reason: /^cdktn-cli needs Node\.js 22\.19\+/ },
  { doc: 'docs/cdktf.md', reason: /^cdktn-cli needs Node\.js 22\.19\+/ },
  { doc: 'docs/install.md', reason: /^needs the release zips/ },
];

/** Regions for a clone of the repository, not for a package user. */
const DEVELOPMENT = [
  { doc: 'README.md', section: 'Quick start' },
  { doc: 'README.md', section: 'Development' },
  { doc: 'docs/architecture.md', section: '(whole file)' },
  { doc: 'docs/development.md', section: '(whole file)' },
  { doc: 'docs/performance.md', section: '(whole file)' },
  { doc: 'docs/reliability.md', section: '(whole file)' },
];

/** What only a clone of the repository has: its sources, its npm scripts, its build output. */
const CLONE_ONLY = [/(^|[\s`([])src\//, /npm run /, /setup:engines/, /\bnode dist\//, /whatsapp-local-storage\/dist\//, /npx jest\b/];

/** Documents that start the emulator themselves. */
const STARTS_EMULATOR = ['README.md', 'docs/emulator.md'];

const docs: ParsedDoc[] = userDocPaths().map((doc) => parseDoc(doc));
const runnable = docs.filter((d) => d.blocks.some((b) => ['command', 'file'].includes(blockRole(b))));

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}

function must(command: string, args: string[], cwd: string): string {
  const out = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

interface Shared {
  work: string;
  tarball: string;
  base: string;
  engineBin: string;
  npmCache: string;
}

let shared: Promise<Shared> | undefined;
let results: Map<string, Promise<string[]>> | undefined;

/** Once per run: the tarball, a project with it installed (copied per document), the engines on a PATH. */
function prepare(): Promise<Shared> {
  shared ??= (async () => {
    const work = mkdtempSync(join(tmpdir(), 'wls-docs-'));
    const engineBin = join(work, 'engines');
    mkdirSync(engineBin);
    for (const engine of requiredEngines()) symlinkSync(engine.path, join(engineBin, engine.name));
    const tarball = packTarball(work);
    const base = join(work, 'base');
    installProject(base, [tarball]);
    const npmCache = must('npm', ['config', 'get', 'cache'], work).trim();
    return { work, tarball, base, engineBin, npmCache };
  })();
  return shared;
}

afterAll(async () => {
  if (results) await Promise.allSettled(results.values());
  if (shared) rmSync((await shared).work, { recursive: true, force: true });
});

interface BlockRun {
  code: number | null;
  output: string;
  pid: number;
}

function runBlock(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<BlockRun> {
  return new Promise((res, rej) => {
    // Its own process group, so what the block leaves running in the background can be stopped.
    const child = spawn('bash', [script], { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end('yes\n'.repeat(200));
    const timer = setTimeout(() => {
      output += `\n[doc test: block still running after ${BLOCK_TIMEOUT_MS / 1000} s, stopped]`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, BLOCK_TIMEOUT_MS);
    child.on('error', rej);
    // 'exit', not 'close': a background process of the block keeps the pipes open.
    child.on('exit', (code) => {
      clearTimeout(timer);
      setTimeout(() => res({ code, output, pid: child.pid! }), 200);
    });
  });
}

/** The reader's shell around one block: the npm shim, the carried-over state, fail on the first error. */
function blockScript(block: DocBlock, port: number, state: string, tarball: string): string {
  const text = commandText(block).replace(/8787/g, String(port));
  return [
    `npm() { local a=() x; for x in "$@"; do [ "$x" = whatsapp-local-storage ] && x=${JSON.stringify(tarball)}; a+=("$x"); done; command npm "\${a[@]}"; }`,
    `source ${JSON.stringify(state)}`,
    `__save() { { export -p | grep -Ev '^declare -x (PWD|OLDPWD|SHLVL|_)='; printf 'cd %q\\n' "$PWD"; } > ${JSON.stringify(state)}; printf '%s' "$PWD" > ${JSON.stringify(`${state}.pwd`)}; }`,
    `trap '__rc=$?; __save; exit $__rc' EXIT`,
    'set -eo pipefail',
    text,
  ].join('\n');
}

function tail(text: string, chars = 12_000): string {
  return text.length > chars ? `...\n${text.slice(-chars)}` : text;
}

async function runDocument(parsed: ParsedDoc): Promise<string[]> {
  const { work, tarball, base, engineBin, npmCache } = await prepare();
  const slug = parsed.doc.replace(/[^a-z0-9]+/gi, '-');
  const root = join(work, slug);
  const project = join(root, 'project');
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  cpSync(base, project, { recursive: true, verbatimSymlinks: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: [engineBin, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: home,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    TMPDIR: tmpdir(),
    npm_config_cache: npmCache,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: 'true',
  };
  let emulator: RunningEmulator | undefined;
  if (parsed.doc !== 'README.md') {
    const tfrc = join(root, 'wls.tfrc');
    writeFileSync(
      tfrc,
      must(join(base, 'node_modules', '.bin', 'whatsapp-local-storage'), ['cli-config', '--mirror-dir', join(root, 'mirror')], base),
    );
    Object.assign(env, {
      WHATSAPP_BASE_URL: `http://127.0.0.1:${port}`,
      WHATSAPP_ACCESS_TOKEN: 'demo-token',
      TF_VAR_pin: '123456',
      TF_CLI_CONFIG_FILE: tfrc,
    });
  }
  if (!STARTS_EMULATOR.includes(parsed.doc)) emulator = await startEmulator({ port, quiet: true });
  const state = join(root, 'state.sh');
  writeFileSync(state, `cd ${JSON.stringify(project)}\n`);
  writeFileSync(`${state}.pwd`, project);
  const groups: number[] = [];
  const ran: string[] = [];
  try {
    for (const block of parsed.blocks) {
      const role = blockRole(block);
      const where = `${parsed.doc}:${block.line}`;
      if (role === 'file') {
        const dir = readFileSync(`${state}.pwd`, 'utf8');
        const target = isAbsolute(block.file!) ? block.file! : resolve(dir, block.file!);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, block.text.replace(/8787/g, String(port)));
        ran.push(`${where} file ${block.file}`);
        continue;
      }
      if (role !== 'command') continue;
      const script = join(root, `block-${block.line}.sh`);
      writeFileSync(script, blockScript(block, port, state, tarball));
      const started = Date.now();
      const result = await runBlock(script, root, env);
      groups.push(result.pid);
      if (result.code !== 0) {
        throw new Error(
          `${where}: the \`\`\`${block.language} block exited ${result.code}:\n${block.text}\n--- output ---\n${tail(result.output)}`,
        );
      }
      ran.push(`${where} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    for (const pid of groups) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* nothing left */
      }
    }
    await emulator?.close();
    // Now, not in afterAll: removing a CDKTF app's node_modules takes a while, and other documents are still running.
    await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
  return ran;
}

test('user docs name no repository paths or repository scripts (those belong in a Development section)', () => {
  const problems: string[] = [];
  for (const { doc, userText } of docs) {
    for (const line of userText.split('\n')) {
      if (CLONE_ONLY.some((bad) => bad.test(line))) problems.push(`${doc}: ${line.trim()}`);
    }
  }
  expect(problems).toEqual([]);
});

test('developer material is marked, and only where listed', () => {
  const regions = docs.flatMap((d) => d.development.map(({ doc, section, reason }) => ({ doc, section, reason })));
  expect(regions.map(({ doc, section }) => ({ doc, section }))).toEqual(DEVELOPMENT);
  for (const r of regions) expect(r.reason.length).toBeGreaterThan(10);
});

test('blocks that cannot run are marked with a reason and listed', () => {
  const notRun = docs.flatMap((d) => d.blocks.filter((b) => blockRole(b) === 'not-run'));
  const listing = notRun.map((b) => `${b.doc}:${b.line}: ${b.notRun}`);
  console.log(`not run (${notRun.length}):\n${listing.join('\n')}`);
  expect(notRun.map((b) => b.doc)).toEqual(NOT_RUN.map((n) => n.doc));
  notRun.forEach((b, i) => expect(b.notRun).toMatch(NOT_RUN[i].reason));
});

test('the documents that start the emulator themselves are the ones listed', () => {
  const starting = runnable.filter((d) =>
    d.blocks.some((b) => blockRole(b) === 'command' && /whatsapp-local-storage emulator\b/.test(b.text)),
  );
  expect(starting.map((d) => d.doc)).toEqual(STARTS_EMULATOR);
});

test('every user document with commands is run', () => {
  expect(runnable.map((d) => d.doc)).toEqual(
    expect.arrayContaining(['README.md', 'docs/adopt-waba.md', 'docs/cdktf.md', 'docs/emulator.md', 'docs/install.md']),
  );
});

/**
 * Documents run side by side (each has its own directory, home, port and emulator), at most
 * DOC_CONCURRENCY at once: most of their time is spent waiting on npm, engines and the network.
 * The longest (docs/cdktf.md) starts first.
 */
const DOC_CONCURRENCY = 3;

function runAll(): Map<string, Promise<string[]>> {
  if (results) return results;
  results = new Map();
  const order = [...runnable].sort((a, b) => Number(b.doc === 'docs/cdktf.md') - Number(a.doc === 'docs/cdktf.md'));
  let running = 0;
  const queue: Array<() => void> = [];
  const slot = () =>
    new Promise<void>((res) => {
      if (running < DOC_CONCURRENCY) {
        running++;
        res();
      } else
        queue.push(() => {
          running++;
          res();
        });
    });
  const release = () => {
    running--;
    queue.shift()?.();
  };
  for (const parsed of order) {
    const result = slot()
      .then(() => runDocument(parsed))
      .finally(release);
    result.catch(() => undefined); // reported by the document's own test
    results.set(parsed.doc, result);
  }
  return results;
}

test.each(runnable.map((d) => [d.doc, d] as const))('%s runs as written from the packed package', async (_doc, parsed) => {
  const ran = await runAll().get(parsed.doc)!;
  console.log(`${parsed.doc}:\n${ran.join('\n')}`);
  expect(ran.length).toBe(parsed.blocks.filter((b) => ['command', 'file'].includes(blockRole(b))).length);
});
