/**
 * Runs one job of a .gitlab-ci.yml on this machine as a GitLab runner with the bash shell would:
 * `before_script` (the job's, else `default:`'s) and `script` as one bash script under
 * `set -eo pipefail` in CI_PROJECT_DIR (a copy of the repository), `after_script` in a shell of
 * its own; `variables` (global, then the job's) with `$VAR` / `${VAR}` references expanded from
 * the predefined and CI/CD variables; `artifacts` (`paths` and `reports`) checked for existence
 * after the job, honouring `artifacts:when`. `rules:` / `workflow:rules` are evaluated for
 * `if:` expressions made of `$VAR`, string literals, `==`, `!=`, `&&`, `||` and parentheses;
 * `changes:` is taken as matched (the tests model a commit that touches infra/).
 * The job's `image` is this machine: node, npm and the engine of .tools/engines.json on PATH.
 * Not emulated: services, needs/dependencies, extends, include, cache keys (npm uses this
 * machine's cache, linked in as a restored cache), `when: manual`, retry.
 */
import { childOutput } from '../child-output';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export interface GitlabRunOptions {
  repository: string;
  job: string;
  /** Predefined and CI/CD variables of the pipeline (CI_PIPELINE_SOURCE, WHATSAPP_ACCESS_TOKEN, ...). */
  variables: Record<string, string>;
  /** The image's environment: PATH with node, npm and the engine; anything the job inherits. */
  imageEnv: Record<string, string>;
  /** `cache:` paths restored before the job, as project path -> directory (linked, not copied). */
  restoredCaches?: Record<string, string>;
}

export interface GitlabJobRun {
  status: 'success' | 'failed';
  exitCode: number;
  log: string;
  /** Each artifact path and report, and whether it exists after the job. */
  artifacts: Array<{ kind: string; path: string; exists: boolean }>;
  projectDir: string;
  dispose(): void;
}

type Rules = Array<{ if?: string; when?: string }>;

/** A job (or `default:`) as the YAML parser reads it; the keys of features not emulated are named so the runner can refuse them. */
export interface CiJob {
  variables?: Record<string, unknown>;
  rules?: Rules;
  /** A line or a (nested) list of lines. */
  script?: unknown;
  before_script?: unknown;
  after_script?: unknown;
  cache?: { paths?: unknown };
  artifacts?: { when?: string; paths?: unknown; reports?: Record<string, unknown> };
  resource_group?: string;
  interruptible?: boolean;
  services?: unknown;
  needs?: unknown;
  dependencies?: unknown;
  extends?: unknown;
  trigger?: unknown;
  parallel?: unknown;
}

/** .gitlab-ci.yml as the YAML parser reads it: the global keywords the runner reads, and the jobs beside them. */
export interface Ci {
  workflow?: { rules?: Rules };
  variables?: Record<string, unknown>;
  default?: CiJob;
  [key: string]: unknown;
}

export function loadGitlabCi(repository: string): Ci {
  return parse(readFileSync(join(repository, '.gitlab-ci.yml'), 'utf8'), { merge: true }) as Ci;
}

/** The job of that name (a mapping at the top level), or undefined. */
export function ciJob(ci: Ci, name: string): CiJob | undefined {
  const job = ci[name];
  return typeof job === 'object' && job !== null ? job : undefined;
}

/** Expands `$VAR` and `${VAR}` from `known`; unknown variables become empty, as in GitLab. */
export function expand(value: string, known: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, a: string | undefined, b: string | undefined) => known[(a ?? b)!] ?? '',
  );
}

/** The variables a job sees: predefined/CI-CD ones, then global `variables`, then the job's, each expanded. */
export function jobVariables(ci: Ci, job: string, pipeline: Record<string, string>): Record<string, string> {
  const out = { ...pipeline };
  for (const block of [ci.variables ?? {}, ciJob(ci, job)?.variables ?? {}]) {
    for (const [k, v] of Object.entries(block)) {
      const raw = typeof v === 'object' && v !== null ? String((v as { value: unknown }).value) : String(v);
      out[k] = expand(raw, out);
    }
  }
  return out;
}

/** Evaluates a rules `if:` expression. */
export function ruleMatches(expression: string, variables: Record<string, string>): boolean {
  const tokens = expression.match(/\$[A-Za-z_][A-Za-z0-9_]*|"[^"]*"|'[^']*'|==|!=|&&|\|\||\(|\)|\S+/g) ?? [];
  let pos = 0;
  const value = (): string | null => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`rules: unexpected end of \`${expression}\``);
    if (t.startsWith('$')) return variables[t.slice(1)] ?? null;
    if (/^["']/.test(t)) return t.slice(1, -1);
    if (t === 'null') return null;
    throw new Error(`rules: \`${t}\` in \`${expression}\` is not emulated`);
  };
  const comparison = (): boolean => {
    if (tokens[pos] === '(') {
      pos += 1;
      const inner = or();
      if (tokens[pos++] !== ')') throw new Error(`rules: missing ) in \`${expression}\``);
      return inner;
    }
    const left = value();
    if (tokens[pos] === '==' || tokens[pos] === '!=') {
      const op = tokens[pos++];
      const right = value();
      return op === '==' ? left === right : left !== right;
    }
    return left !== null && left !== '';
  };
  const and = (): boolean => {
    let result = comparison();
    while (tokens[pos] === '&&') {
      pos += 1;
      const right = comparison();
      result = result && right;
    }
    return result;
  };
  const or = (): boolean => {
    let result = and();
    while (tokens[pos] === '||') {
      pos += 1;
      const right = and();
      result = result || right;
    }
    return result;
  };
  const result = or();
  if (pos !== tokens.length) throw new Error(`rules: \`${tokens[pos]}\` in \`${expression}\` is not emulated`);
  return result;
}

function rulesAllow(rules: Rules | undefined, variables: Record<string, string>): boolean {
  if (!rules) return true;
  const match = rules.find((r) => r.if === undefined || ruleMatches(r.if, variables));
  return match !== undefined && match.when !== 'never';
}

/** The jobs a pipeline with these variables would contain (workflow:rules, then each job's rules). */
export function pipelineJobs(ci: Ci, pipeline: Record<string, string>): string[] {
  if (!rulesAllow(ci.workflow?.rules, pipeline)) return [];
  const reserved = new Set([
    'workflow',
    'stages',
    'variables',
    'default',
    'include',
    'image',
    'services',
    'cache',
    'before_script',
    'after_script',
  ]);
  return Object.keys(ci).filter(
    (k) => !reserved.has(k) && !k.startsWith('.') && rulesAllow(ciJob(ci, k)?.rules, jobVariables(ci, k, pipeline)),
  );
}

async function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; log: string }> {
  const { code, log } = await childOutput('bash', ['--noprofile', '--norc', '-c', script], { cwd, env });
  return { code, log };
}

const lines = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v.flat(Infinity) : [v]).map(String));

/** The image's PATH: a directory holding the given tools, then the system directories. */
export function imagePath(root: string, tools: Record<string, string>): string {
  const dir = join(root, 'image-bin');
  mkdirSync(dir, { recursive: true });
  for (const [name, target] of Object.entries(tools)) if (!existsSync(join(dir, name))) symlinkSync(target, join(dir, name));
  return `${dir}:/usr/local/bin:/usr/bin:/bin`;
}

export async function runGitlabJob(options: GitlabRunOptions): Promise<GitlabJobRun> {
  const ci = loadGitlabCi(options.repository);
  const job = ciJob(ci, options.job);
  if (!job) throw new Error(`.gitlab-ci.yml has no job ${options.job}`);
  for (const unsupported of ['services', 'needs', 'dependencies', 'extends', 'trigger', 'parallel'] as const) {
    if (job[unsupported] !== undefined) throw new Error(`.gitlab-ci.yml: ${options.job}.${unsupported} is not emulated`);
  }
  const root = mkdtempSync(join(tmpdir(), 'wls-gitlab-'));
  const projectDir = join(root, 'project');
  const home = join(root, 'home');
  mkdirSync(home);
  cpSync(options.repository, projectDir, { recursive: true });
  const cachePaths = lines((job.cache ?? ci.default?.cache)?.paths).map((p) => p.replace(/\/$/, ''));
  for (const [path, dir] of Object.entries(options.restoredCaches ?? {})) {
    if (!cachePaths.includes(path))
      throw new Error(`.gitlab-ci.yml: ${options.job} caches ${cachePaths.join(', ') || 'nothing'}, not ${path}`);
    symlinkSync(dir, join(projectDir, path));
  }
  const variables = jobVariables(ci, options.job, {
    ...options.variables,
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: projectDir,
    CI_JOB_NAME: options.job,
  });
  const env = { ...options.imageEnv, HOME: home, ...variables };

  const before = lines(job.before_script ?? ci.default?.before_script);
  const after = lines(job.after_script ?? ci.default?.after_script);
  const main = await bash(['set -eo pipefail', ...before, ...lines(job.script)].join('\n'), projectDir, env);
  let log = main.log;
  if (after.length)
    log += (
      await bash(['set -eo pipefail', ...after].join('\n'), projectDir, { ...env, CI_JOB_STATUS: main.code === 0 ? 'success' : 'failed' })
    ).log;

  const artifacts: GitlabJobRun['artifacts'] = [];
  const when = job.artifacts?.when ?? 'on_success';
  if (job.artifacts && (when === 'always' || (when === 'on_success') === (main.code === 0))) {
    for (const p of lines(job.artifacts.paths)) artifacts.push({ kind: 'paths', path: p, exists: existsSync(resolve(projectDir, p)) });
    for (const [kind, p] of Object.entries(job.artifacts.reports ?? {})) {
      for (const one of lines(p)) artifacts.push({ kind: `reports:${kind}`, path: one, exists: existsSync(resolve(projectDir, one)) });
    }
  }
  return {
    status: main.code === 0 ? 'success' : 'failed',
    exitCode: main.code,
    log,
    artifacts,
    projectDir,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
