/**
 * The GitLab CI jobs of examples/gitops/.gitlab-ci.yml, their before_script and script run as a
 * GitLab runner's bash shell would (test/gitops/gitlab-runner.ts), in a copy of the layout with
 * this package packed into vendor/, against the emulator, in the five scenarios of the GitHub
 * tests; plus which jobs each kind of pipeline contains, and drift-check.sh for other CI systems.
 */
import { childOutput } from '../child-output';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DriftReport } from '../../src/cli/drift/report-model';
import type { RunningEmulator } from '../../src/emulator';
import { ciJob, imagePath, loadGitlabCi, pipelineJobs, runGitlabJob, type GitlabJobRun } from './gitlab-runner';
import {
  LAYOUT,
  PIN,
  SCENARIOS,
  TOKEN,
  TeamRepository,
  appliedState,
  arrange,
  engines,
  graphWrites,
  packTarball,
  salesRegion,
  startGitopsEmulator,
  type Scenario,
} from './layout';

jest.setTimeout(900_000);

let emulator: RunningEmulator;
let work: string;
let tarball: string;
let applied: string;
const cleanup: Array<{ dispose(): void }> = [];

beforeAll(async () => {
  emulator = await startGitopsEmulator();
  work = mkdtempSync(join(tmpdir(), 'wls-gitops-gitlab-'));
  tarball = packTarball(work);
  applied = await appliedState(tarball, emulator, work);
});

afterEach(() => {
  while (cleanup.length) cleanup.pop()!.dispose();
});

afterAll(async () => {
  await emulator?.close();
  rmSync(work, { recursive: true, force: true });
});

const PIPELINES = {
  merge_request: { CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_IID: '7', CI_DEFAULT_BRANCH: 'main' },
  push_main: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' },
  push_branch: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'move-sales', CI_DEFAULT_BRANCH: 'main' },
  schedule: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' },
} as const;

async function run(
  job: 'plan' | 'apply' | 'drift',
  pipeline: keyof typeof PIPELINES,
  repo: TeamRepository,
  token: string,
): Promise<GitlabJobRun> {
  const { tofu } = engines();
  const result = await runGitlabJob({
    repository: repo.dir,
    job,
    variables: {
      ...PIPELINES[pipeline],
      CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
      CI_PROJECT_ID: '42',
      CI_JOB_TOKEN: 'glcbt-jobtoken',
      WHATSAPP_ACCESS_TOKEN: token,
      WHATSAPP_TWO_STEP_PIN: PIN,
    },
    imageEnv: {
      // The job's image: node and npm, and OpenTofu already installed (the before_script then skips its download).
      PATH: imagePath(work, {
        node: process.execPath,
        npm: join(dirname(process.execPath), 'npm'),
        npx: join(dirname(process.execPath), 'npx'),
        tofu: tofu.path,
      }),
      WHATSAPP_BASE_URL: emulator.url,
      CHECKPOINT_DISABLE: '1',
      LANG: 'C.UTF-8',
    },
    restoredCaches: { '.npm': join(homedir(), '.npm') },
  });
  cleanup.push(result);
  expect(result.log).not.toMatch(new RegExp(`${TOKEN}|${PIN}|EAAgitopsREVOKED`));
  return result;
}

const existing = (result: GitlabJobRun) => Object.fromEntries(result.artifacts.map((a) => [`${a.kind} ${a.path}`, a.exists]));

test('each pipeline holds the job meant for it', () => {
  const ci = loadGitlabCi(LAYOUT);
  expect(pipelineJobs(ci, PIPELINES.merge_request)).toEqual(['plan']);
  expect(pipelineJobs(ci, PIPELINES.push_main)).toEqual(['apply']);
  expect(pipelineJobs(ci, PIPELINES.schedule)).toEqual(['drift']);
  expect(pipelineJobs(ci, PIPELINES.push_branch)).toEqual([]);
  // Applies queue behind each other (and the drift check behind them); none is ever interrupted.
  expect(ci.apply).toMatchObject({ resource_group: 'local-storage-apply', interruptible: false });
  expect(ciJob(ci, 'drift')?.resource_group).toBe('local-storage-apply');
  expect(ciJob(ci, 'drift')?.artifacts?.reports?.junit).toBe('drift/drift-report.xml');
});

describe('plan (merge request)', () => {
  const expected: Record<Scenario, { status: GitlabJobRun['status']; counts?: { create: number; update: number; delete: number } }> = {
    'in sync': { status: 'success', counts: { create: 0, update: 0, delete: 0 } },
    'out-of-band change': { status: 'success', counts: { create: 0, update: 1, delete: 0 } },
    'unapplied change': { status: 'success', counts: { create: 0, update: 1, delete: 0 } },
    'bad token': { status: 'failed' },
    'no state': { status: 'success', counts: { create: 2, update: 0, delete: 0 } },
  };

  test.each(SCENARIOS)('%s', async (scenario) => {
    const repo = new TeamRepository(tarball);
    cleanup.push(repo);
    const { token } = await arrange(scenario, repo, emulator, applied);
    const result = await run('plan', 'merge_request', repo, token);
    const want = expected[scenario];
    expect(result.status).toBe(want.status);
    expect(await graphWrites(emulator)).toEqual([]);
    const plan = readFileSync(join(result.projectDir, 'infra', 'plan.txt'), 'utf8');
    expect(existing(result)).toEqual({ 'paths infra/plan.txt': true, 'reports:terraform infra/plan.json': want.counts !== undefined });
    if (want.counts) {
      expect(JSON.parse(readFileSync(join(result.projectDir, 'infra', 'plan.json'), 'utf8'))).toEqual(want.counts);
    } else {
      expect(plan).toMatch(/^Error: /m);
    }
  });
});

describe('apply (default branch)', () => {
  const expected: Record<Scenario, { status: GitlabJobRun['status']; salesRegion: string; writes: boolean }> = {
    'in sync': { status: 'success', salesRegion: 'BR', writes: false },
    'out-of-band change': { status: 'success', salesRegion: 'BR', writes: true },
    'unapplied change': { status: 'success', salesRegion: 'DE', writes: true },
    'bad token': { status: 'failed', salesRegion: 'BR', writes: false },
    'no state': { status: 'success', salesRegion: 'BR', writes: false },
  };

  test.each(SCENARIOS)('%s', async (scenario) => {
    const repo = new TeamRepository(tarball);
    cleanup.push(repo);
    const { token } = await arrange(scenario, repo, emulator, applied);
    const result = await run('apply', 'push_main', repo, token);
    const want = expected[scenario];
    expect(result.status).toBe(want.status);
    expect(await salesRegion(emulator)).toBe(want.salesRegion);
    expect((await graphWrites(emulator)).length > 0).toBe(want.writes);
    if (want.status === 'success') {
      expect(repo.stateSummary()).toEqual({
        'whatsapp_local_storage.sales_br': want.salesRegion,
        'whatsapp_local_storage.support': 'DEFAULT',
      });
    }
  });
});

describe('drift (schedule)', () => {
  const expected: Record<Scenario, { exitCode: number; report: string }> = {
    'in sync': { exitCode: 0, report: 'in_sync' },
    'out-of-band change': { exitCode: 2, report: 'differs' },
    'unapplied change': { exitCode: 2, report: 'differs' },
    'bad token': { exitCode: 1, report: 'error' },
    'no state': { exitCode: 2, report: 'differs' },
  };

  test.each(SCENARIOS)('%s', async (scenario) => {
    const repo = new TeamRepository(tarball);
    cleanup.push(repo);
    const { token } = await arrange(scenario, repo, emulator, applied);
    const result = await run('drift', 'schedule', repo, token);
    const want = expected[scenario];
    const report = JSON.parse(readFileSync(join(result.projectDir, 'drift', 'drift-report.json'), 'utf8')) as DriftReport;
    expect({ exitCode: result.exitCode, report: report.status }).toEqual(want);
    expect(result.status).toBe(want.exitCode === 0 ? 'success' : 'failed');
    expect(existing(result)).toEqual({ 'paths drift/': true, 'reports:junit drift/drift-report.xml': true });
    expect(readFileSync(join(result.projectDir, 'drift', 'drift-report.xml'), 'utf8')).toMatch(/<testsuites?[\s>]/);
    expect(await graphWrites(emulator)).toEqual([]);
  });
});

/** Runs a command without blocking this process, which serves the emulator. */
async function exec(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await childOutput(command, args, { cwd, env });
  return { status: code, stdout, stderr };
}

describe('drift-check.sh (any other CI)', () => {
  test.each([
    ['in sync', 0, /Local Storage: in sync/],
    ['out-of-band change', 2, /Local Storage: differences \(drift or not applied\), see drift\/drift-report\.md/],
  ] as const)('%s: exits %d with its line and the three reports', async (scenario, code, line) => {
    const repo = new TeamRepository(tarball);
    cleanup.push(repo);
    const { token } = await arrange(scenario, repo, emulator, applied);
    const { tofu } = engines();
    const env = {
      PATH: imagePath(work, {
        node: process.execPath,
        npm: join(dirname(process.execPath), 'npm'),
        npx: join(dirname(process.execPath), 'npx'),
        tofu: tofu.path,
      }),
      HOME: repo.root,
      npm_config_cache: join(homedir(), '.npm'),
      WHATSAPP_ACCESS_TOKEN: token,
      TF_VAR_pin: PIN,
      WHATSAPP_BASE_URL: emulator.url,
      CHECKPOINT_DISABLE: '1',
    };
    const ci = await exec('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], repo.dir, env);
    expect(ci.status).toBe(0);
    const out = await exec('bash', ['drift-check.sh'], repo.dir, env);
    expect({ code: out.status, line: line.test(out.stdout) }).toEqual({ code, line: true });
    for (const f of ['drift-report.json', 'drift-report.md', 'drift-report.xml']) expect(existsSync(join(repo.dir, 'drift', f))).toBe(true);
    expect(out.stdout + out.stderr).not.toMatch(new RegExp(`${TOKEN}|${PIN}`));
  });
});
