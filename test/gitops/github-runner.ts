/**
 * Runs one job of a GitHub Actions workflow on this machine, step by step, as the hosted runner
 * would for the parts the GitOps workflows use:
 * - `run:` steps in order, with the step's shell (`bash -e {0}` by default, `bash --noprofile
 *   --norc -eo pipefail {0}` for `shell: bash`), `working-directory`, `defaults.run`, `env` at
 *   workflow, job and step level, `if:` (with the implied success()), `continue-on-error`;
 * - the environment files between steps: GITHUB_OUTPUT (-> steps.<id>.outputs), GITHUB_ENV,
 *   GITHUB_PATH, GITHUB_STEP_SUMMARY (both `k=v` and `k<<DELIM` forms), and workflow commands
 *   (`::error ...::`) collected as annotations;
 * - `${{ }}` in env values, `with:` and `run:` from an explicit context (github, secrets, vars,
 *   env, steps, job, runner);
 * - `uses:` steps replaced by their local equivalent: actions/checkout copies the repository
 *   layout into the workspace, actions/setup-node puts this node first on PATH (and with
 *   `cache: npm` uses this machine's npm cache, as a restored cache would), opentofu/setup-opentofu
 *   and hashicorp/setup-terraform put the engines of .tools/engines.json on PATH (the version asked
 *   for must be the one provided), actions/upload-artifact records which files it would upload.
 * Not emulated (an error if a workflow uses it): other actions, matrix, services, containers,
 * job outputs and `needs`, reusable workflows, `timeout-minutes` (the test's own timeout applies).
 */
import { childOutput } from '../child-output';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { condition, interpolate, type ExpressionScope, type Value } from './expressions';

export interface Engines {
  tofu: { path: string; version: string };
  terraform: { path: string; version: string };
}

export interface GithubRunOptions {
  /** Path of the workflow file inside `repository`. */
  workflow: string;
  job: string;
  /** The repository's files as of the commit being built (what actions/checkout checks out). */
  repository: string;
  engines: Engines;
  /** The `github` context; `event` is also written to GITHUB_EVENT_PATH. */
  github: {
    event_name: string;
    event: Record<string, Value>;
    repository: string;
    token: string;
    run_id: string;
    sha: string;
    ref: string;
  };
  secrets: Record<string, string>;
  vars?: Record<string, string>;
  /** The runner machine's environment before the job (PATH with the gh stub, HOME, ...). */
  machineEnv: Record<string, string>;
}

export interface StepRun {
  id?: string;
  name: string;
  outcome: 'success' | 'failure' | 'skipped';
  exitCode?: number;
  outputs: Record<string, string>;
  log: string;
}

export interface JobRun {
  status: 'success' | 'failure';
  steps: StepRun[];
  /** Everything the steps appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  annotations: Array<{ level: string; properties: string; message: string }>;
  artifacts: Array<{ name: string; files: string[] }>;
  workspace: string;
  log: string;
  /** Removes the job's workspace and temporary files. */
  dispose(): void;
}

interface StepSpec {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, Value>;
  env?: Record<string, Value>;
  if?: string | boolean;
  shell?: string;
  'working-directory'?: string;
  'continue-on-error'?: boolean;
}

interface RunDefaults {
  shell?: string;
  'working-directory'?: string;
}

/** What a workflow job may hold; the keys of features not emulated are named so the runner can refuse them. */
interface JobSpec {
  env?: Record<string, Value>;
  defaults?: { run?: RunDefaults };
  steps: StepSpec[];
  strategy?: unknown;
  services?: unknown;
  container?: unknown;
  needs?: unknown;
  uses?: unknown;
}

/** A workflow file as the YAML parser reads it. */
interface WorkflowSpec {
  env?: Record<string, Value>;
  defaults?: { run?: RunDefaults };
  jobs?: Record<string, JobSpec>;
}

const DEFAULT_SHELL = 'bash -e {0}';
const SHELLS: Record<string, string> = {
  bash: 'bash --noprofile --norc -eo pipefail {0}',
  sh: 'sh -e {0}',
};

/** Reads `k=v` lines and `k<<DELIM ... DELIM` blocks of an environment file. */
export function parseEnvironmentFile(text: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line.trim()) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== heredoc[2]; i += 1) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`environment file: no closing ${heredoc[2]} for ${heredoc[1]}`);
      entries.push([heredoc[1], value.join('\n')]);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`environment file: invalid line \`${line}\``);
    entries.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return entries;
}

async function runShell(
  template: string,
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; log: string }> {
  const file = join(env.RUNNER_TEMP, `step-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  const [command, ...args] = template.split(' ').map((a) => (a === '{0}' ? file : a));
  const { code, log } = await childOutput(command, args, { cwd, env });
  return { code, log };
}

function stringMap(values: Record<string, Value> | undefined, scope: ExpressionScope): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([k, v]) => [k, interpolate(typeof v === 'string' ? v : JSON.stringify(v), scope)]),
  );
}

/** Files matched by an upload-artifact path (a file, a directory, or a `dir/prefix*` glob). */
function artifactFiles(workspace: string, path: string): string[] {
  const walk = (p: string): string[] => (statSync(p).isDirectory() ? readdirSync(p).flatMap((f) => walk(join(p, f))) : [p]);
  return path
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => {
      const full = resolve(workspace, p);
      if (p.includes('*')) {
        const dir = dirname(full);
        const re = new RegExp(
          `^${full
            .slice(dir.length + 1)
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')}$`,
        );
        return existsSync(dir)
          ? readdirSync(dir)
              .filter((f) => re.test(f))
              .flatMap((f) => walk(join(dir, f)))
          : [];
      }
      return existsSync(full) ? walk(full) : [];
    })
    .map((f) => f.slice(workspace.length + 1));
}

export async function runGithubJob(options: GithubRunOptions): Promise<JobRun> {
  const workflow = parse(readFileSync(join(options.repository, options.workflow), 'utf8')) as WorkflowSpec;
  const job = workflow.jobs?.[options.job];
  if (!job) throw new Error(`${options.workflow} has no job ${options.job}`);
  for (const unsupported of ['strategy', 'services', 'container', 'needs', 'uses'] as const) {
    if (job[unsupported] !== undefined) throw new Error(`${options.workflow}: jobs.${options.job}.${unsupported} is not emulated`);
  }

  const root = mkdtempSync(join(tmpdir(), 'wls-gha-'));
  const workspace = join(root, 'workspace');
  const runnerTemp = join(root, 'temp');
  const home = join(root, 'home');
  for (const d of [workspace, runnerTemp, home]) mkdirSync(d);
  const eventPath = join(root, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.github.event));

  const defaults: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: options.github.repository,
    GITHUB_RUN_ID: options.github.run_id,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_EVENT_NAME: options.github.event_name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: options.github.sha,
    GITHUB_REF: options.github.ref,
    GITHUB_JOB: options.job,
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
    HOME: home,
  };
  const githubContext: Record<string, Value> = { ...options.github, workspace, server_url: defaults.GITHUB_SERVER_URL, job: options.job };
  const steps: Record<string, Value> = {};
  const runs: StepRun[] = [];
  const annotations: JobRun['annotations'] = [];
  const artifacts: JobRun['artifacts'] = [];
  let summary = '';
  let log = '';
  let failed = false;
  const addedEnv: Record<string, string> = {};
  const addedPath: string[] = [];

  const scope = (env: Record<string, string>): ExpressionScope => ({
    contexts: {
      github: githubContext,
      secrets: { GITHUB_TOKEN: options.github.token, ...options.secrets },
      vars: options.vars ?? {},
      env,
      steps,
      job: { status: failed ? 'failure' : 'success' },
      runner: { os: 'Linux', temp: runnerTemp },
    },
    jobFailed: failed,
  });

  const workflowEnv = stringMap(workflow.env, scope({}));
  const jobEnv = { ...workflowEnv, ...stringMap(job.env, scope(workflowEnv)) };
  const runDefaults: RunDefaults = { ...(workflow.defaults?.run ?? {}), ...(job.defaults?.run ?? {}) };

  try {
    for (const [index, step] of job.steps.entries()) {
      const name = step.name ?? (step.run ? step.run.split('\n')[0] : step.uses!) ?? `step ${index}`;
      const contextEnv = { ...jobEnv, ...addedEnv };
      const stepEnv = { ...contextEnv, ...stringMap(step.env, scope(contextEnv)) };
      if (!condition(step.if, scope(stepEnv))) {
        runs.push({ id: step.id, name, outcome: 'skipped', outputs: {}, log: '' });
        if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      const files = Object.fromEntries(
        ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map((k) => {
          const f = join(runnerTemp, `${k.toLowerCase()}-${index}`);
          writeFileSync(f, '');
          return [k, f];
        }),
      );
      const env: Record<string, string> = {
        ...options.machineEnv,
        ...defaults,
        ...stepEnv,
        ...files,
        PATH: [...addedPath, options.machineEnv.PATH].join(':'),
      };
      let code = 0;
      let stepLog = '';
      if (step.run !== undefined) {
        const script = interpolate(step.run, scope(stepEnv));
        const template = step.shell
          ? (SHELLS[step.shell] ?? step.shell)
          : runDefaults.shell
            ? (SHELLS[runDefaults.shell] ?? runDefaults.shell)
            : DEFAULT_SHELL;
        const cwd = resolve(workspace, step['working-directory'] ?? runDefaults['working-directory'] ?? '.');
        ({ code, log: stepLog } = await runShell(template, script, cwd, env));
      } else if (step.uses) {
        const inputs = stringMap(step.with, scope(stepEnv));
        stepLog = useAction(step.uses, inputs, {
          workspace,
          repository: options.repository,
          root,
          engines: options.engines,
          addedPath,
          addedEnv,
          artifacts,
        });
      } else {
        throw new Error(`${options.workflow}: step ${index} has neither run nor uses`);
      }
      for (const line of stepLog.split('\n')) {
        const command = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
        if (command) annotations.push({ level: command[1], properties: (command[2] ?? '').trim(), message: command[3] });
      }
      const outputs = Object.fromEntries(parseEnvironmentFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')));
      for (const [k, v] of parseEnvironmentFile(readFileSync(files.GITHUB_ENV, 'utf8'))) addedEnv[k] = v;
      for (const p of readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse()) addedPath.unshift(p);
      summary += readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
      const outcome = code === 0 ? 'success' : 'failure';
      const conclusion = outcome === 'failure' && step['continue-on-error'] ? 'success' : outcome;
      if (conclusion === 'failure') failed = true;
      if (step.id) steps[step.id] = { outputs, outcome, conclusion };
      runs.push({ id: step.id, name, outcome, exitCode: code, outputs, log: stepLog });
      log += `--- ${name} (${outcome}${code ? `, exit ${code}` : ''})\n${stepLog}`;
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const dispose = () => rmSync(root, { recursive: true, force: true });
  return { status: failed ? 'failure' : 'success', steps: runs, summary, annotations, artifacts, workspace, log, dispose };
}

interface ActionEnvironment {
  workspace: string;
  repository: string;
  root: string;
  engines: Engines;
  addedPath: string[];
  addedEnv: Record<string, string>;
  artifacts: JobRun['artifacts'];
}

/** The local equivalent of each action the workflows use; returns the step's log. */
function useAction(uses: string, inputs: Record<string, string>, at: ActionEnvironment): string {
  const [action] = uses.split('@');
  const binDir = (name: string, target: string): string => {
    const dir = join(at.root, 'tools', name);
    mkdirSync(dir, { recursive: true });
    symlinkSync(target, join(dir, name));
    return dir;
  };
  switch (action) {
    case 'actions/checkout':
      cpSync(at.repository, at.workspace, { recursive: true });
      return `checked out ${at.repository}\n`;
    case 'actions/setup-node': {
      const dir = join(at.root, 'tools', 'node');
      mkdirSync(dir, { recursive: true });
      for (const tool of ['node', 'npm', 'npx']) {
        const found = tool === 'node' ? process.execPath : join(dirname(process.execPath), tool);
        if (existsSync(found)) symlinkSync(found, join(dir, tool));
      }
      at.addedPath.unshift(dir);
      // A restored npm cache: the packages this machine already fetched.
      if (inputs.cache === 'npm') at.addedEnv.npm_config_cache = join(homedir(), '.npm');
      return `node ${process.version} (asked for ${inputs['node-version'] ?? 'any'})\n`;
    }
    case 'opentofu/setup-opentofu':
    case 'hashicorp/setup-terraform': {
      const name = action === 'opentofu/setup-opentofu' ? 'tofu' : 'terraform';
      const engine = at.engines[name];
      const asked = inputs[name === 'tofu' ? 'tofu_version' : 'terraform_version'];
      if (asked && asked !== engine.version) throw new Error(`${uses} asks for ${name} ${asked}; the engine here is ${engine.version}`);
      if (inputs[name === 'tofu' ? 'tofu_wrapper' : 'terraform_wrapper'] !== 'false') {
        throw new Error(`${uses}: the wrapper script is not emulated; the workflows set ${name}_wrapper: false`);
      }
      at.addedPath.unshift(binDir(name, engine.path));
      return `${name} ${engine.version}\n`;
    }
    case 'actions/upload-artifact': {
      const files = artifactFiles(at.workspace, inputs.path ?? '');
      if (!files.length && inputs['if-no-files-found'] === 'error') throw new Error(`upload-artifact: no files at ${inputs.path}`);
      at.artifacts.push({ name: inputs.name ?? 'artifact', files });
      return files.length
        ? `would upload ${files.join(', ')}\n`
        : `::warning::No files were found with the provided path: ${inputs.path}\n`;
    }
    default:
      throw new Error(`${uses} is not emulated`);
  }
}
