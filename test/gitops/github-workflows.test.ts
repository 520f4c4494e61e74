/**
 * The GitHub Actions workflows of examples/gitops, run step by step (test/gitops/github-runner.ts)
 * in a copy of the layout with this package packed into vendor/, against the emulator standing in
 * for graph.facebook.com, in five scenarios: in sync, a change made by hand (out of band), a
 * commit not applied yet, a revoked token and no state. `gh` is a recording stub; the tests assert
 * on the commands the workflows would run against GitHub.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DriftReport } from '../../src/cli/drift/report-model';
import type { RunningEmulator } from '../../src/emulator';
import { GhStub } from './gh';
import { runGithubJob, type JobRun } from './github-runner';
import {
  PIN,
  SALES_BR,
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

const REPO = 'acme/whatsapp-infra';
const PR = 7;

let emulator: RunningEmulator;
let work: string;
let tarball: string;
let applied: string;
const cleanup: Array<{ dispose(): void }> = [];

beforeAll(async () => {
  emulator = await startGitopsEmulator();
  work = mkdtempSync(join(tmpdir(), 'wls-gitops-gha-'));
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

function track<T extends { dispose(): void }>(thing: T): T {
  cleanup.push(thing);
  return thing;
}

const EVENTS = {
  'plan-on-pr.yml': {
    job: 'plan',
    event_name: 'pull_request',
    event: { pull_request: { number: PR, head: { sha: 'c0ffee1234567890' } } },
  },
  'apply-on-merge.yml': { job: 'apply', event_name: 'push', event: { ref: 'refs/heads/main' } },
  'nightly-drift.yml': { job: 'drift', event_name: 'schedule', event: { schedule: '17 3 * * *' } },
} as const;

let runNumber = 100;

async function run(file: keyof typeof EVENTS, repo: TeamRepository, gh: GhStub, token: string): Promise<JobRun> {
  const { job, event_name, event } = EVENTS[file];
  runNumber += 1;
  const result = track(
    await runGithubJob({
      workflow: `.github/workflows/${file}`,
      job,
      repository: repo.dir,
      engines: engines(),
      github: {
        event_name,
        event,
        repository: REPO,
        token: 'ghs_jobtoken',
        run_id: String(runNumber),
        sha: 'c0ffee1234567890',
        ref: 'refs/heads/main',
      },
      secrets: { WHATSAPP_ACCESS_TOKEN: token, WHATSAPP_TWO_STEP_PIN: PIN },
      vars: {},
      machineEnv: {
        PATH: `${gh.binDir}:/usr/local/bin:/usr/bin:/bin`,
        ...gh.env(),
        // The runner's route to graph.facebook.com leads to the emulator.
        WHATSAPP_BASE_URL: emulator.url,
        CHECKPOINT_DISABLE: '1',
        LANG: 'C.UTF-8',
      },
    }),
  );
  // Whatever happened, neither secret reached the log, the summary or anything sent to GitHub.
  const published = JSON.stringify({ log: result.log, summary: result.summary, gh: gh.state(), calls: gh.calls() });
  for (const secret of [TOKEN, PIN, 'EAAgitopsREVOKED']) expect(published).not.toContain(secret);
  return result;
}

function step(result: JobRun, name: string) {
  const found = result.steps.find((s) => s.id === name || s.name === name);
  if (!found) throw new Error(`no step ${name}: ${result.steps.map((s) => s.name).join(', ')}`);
  return found;
}

describe('plan-on-pr.yml', () => {
  const expected: Record<Scenario, { exitcode: string; status: JobRun['status']; comment: RegExp[] }> = {
    'in sync': { exitcode: '0', status: 'success', comment: [/No changes: the numbers already match this branch\./] },
    'out-of-band change': {
      exitcode: '2',
      status: 'success',
      comment: [/^- whatsapp_local_storage\.sales_br will be updated in-place$/m, /^Plan: 0 to add, 1 to change, 0 to destroy\.$/m],
    },
    'unapplied change': {
      exitcode: '2',
      status: 'success',
      comment: [/^- whatsapp_local_storage\.sales_br will be updated in-place$/m, /^> Warning: /m],
    },
    'bad token': { exitcode: '1', status: 'failure', comment: [/\*\*The plan failed\*\* \(exit 1\)/, /^> Error: /m] },
    'no state': {
      exitcode: '2',
      status: 'success',
      comment: [/^- whatsapp_local_storage\.sales_br will be created$/m, /^Plan: 2 to add, 0 to change, 0 to destroy\.$/m],
    },
  };

  test.each(SCENARIOS)('%s: plans with -detailed-exitcode, comments once, fails only on a plan error', async (scenario) => {
    const repo = track(new TeamRepository(tarball));
    const gh = track(new GhStub());
    const { token } = await arrange(scenario, repo, emulator, applied);
    const result = await run('plan-on-pr.yml', repo, gh, token);

    const want = expected[scenario];
    expect({ status: result.status, exitcode: step(result, 'plan').outputs.exitcode }).toEqual({
      status: want.status,
      exitcode: want.exitcode,
    });
    if (want.status === 'failure') expect(result.steps.filter((s) => s.outcome === 'failure').map((s) => s.name)).toEqual(['Plan']);
    // A plan never writes to the API.
    expect(await graphWrites(emulator)).toEqual([]);
    expect(gh.commands()).toEqual([
      ['api', '--paginate', `repos/${REPO}/issues/${PR}/comments`, '--jq', expect.stringContaining('whatsapp-local-storage-plan')],
      ['pr', 'comment', String(PR), '--body-file', 'comment.md'],
    ]);
    expect(gh.calls().every((c) => c.token && c.repo === REPO)).toBe(true);
    const comment = gh.state().prComments[String(PR)][0].body;
    expect(comment.startsWith('<!-- whatsapp-local-storage-plan -->\n### Local Storage plan for c0ffee1\n')).toBe(true);
    for (const pattern of want.comment) expect(comment).toMatch(pattern);
    expect(comment).toContain('<details><summary>Full plan</summary>');
    expect(comment).toContain(`https://github.com/${REPO}/actions/runs/`);
    expect(result.summary).toBe(comment);
  });

  test('a second push edits the comment of the first in place', async () => {
    const repo = track(new TeamRepository(tarball));
    const gh = track(new GhStub({ prComments: { [PR]: [{ id: 41, body: 'LGTM, but wait for the plan' }] } }));
    await arrange('in sync', repo, emulator, applied);
    const first = await run('plan-on-pr.yml', repo, gh, TOKEN);
    expect(first.status).toBe('success');
    repo.moveSalesToGermany();
    gh.clearCalls();
    const second = await run('plan-on-pr.yml', repo, gh, TOKEN);
    expect(second.status).toBe('success');

    const comments = gh.state().prComments[String(PR)];
    expect(comments.map((c) => c.id)).toEqual([41, 1000]);
    expect(gh.commands().slice(1)).toEqual([['api', '--method', 'PATCH', `repos/${REPO}/issues/comments/1000`, '-F', 'body=@comment.md']]);
    expect(comments[0].body).toBe('LGTM, but wait for the plan');
    expect(comments[1].body).toMatch(/whatsapp_local_storage\.sales_br will be updated in-place/);
    expect(comments[1].body).not.toMatch(/No changes/);
  });
});

describe('apply-on-merge.yml', () => {
  const expected: Record<Scenario, { status: JobRun['status']; applied: boolean; salesRegion: string }> = {
    'in sync': { status: 'success', applied: false, salesRegion: 'BR' },
    'out-of-band change': { status: 'success', applied: true, salesRegion: 'BR' },
    'unapplied change': { status: 'success', applied: true, salesRegion: 'DE' },
    'bad token': { status: 'failure', applied: false, salesRegion: 'BR' },
    'no state': { status: 'success', applied: true, salesRegion: 'BR' },
  };

  test('is serialized and never cancelled half-way', () => {
    const workflow = parse(
      readFileSync(join(__dirname, '..', '..', 'examples', 'gitops', '.github', 'workflows', 'apply-on-merge.yml'), 'utf8'),
    ) as { concurrency?: unknown };
    expect(workflow.concurrency).toEqual({ group: 'local-storage-apply', 'cancel-in-progress': false });
  });

  test.each(SCENARIOS)('%s: applies the merged configuration only when it differs', async (scenario) => {
    const repo = track(new TeamRepository(tarball));
    const gh = track(new GhStub());
    const { token } = await arrange(scenario, repo, emulator, applied);
    const result = await run('apply-on-merge.yml', repo, gh, token);

    const want = expected[scenario];
    expect(result.status).toBe(want.status);
    expect(step(result, 'Apply').outcome).toBe(want.applied ? 'success' : 'skipped');
    expect(await salesRegion(emulator)).toBe(want.salesRegion);
    expect(gh.commands()).toEqual([]);
    if (want.status === 'failure') {
      expect(step(result, 'plan').outcome).toBe('failure');
      expect(result.summary).toContain('**the apply failed**');
      expect(await graphWrites(emulator)).toEqual([]);
    } else {
      expect(result.summary).toContain(want.applied ? 'Local Storage: applied.' : 'Local Storage: nothing to apply');
      expect(repo.stateSummary()).toEqual({
        'whatsapp_local_storage.sales_br': want.salesRegion,
        'whatsapp_local_storage.support': 'DEFAULT',
      });
    }
    if (scenario === 'in sync' || scenario === 'no state') expect(await graphWrites(emulator)).toEqual([]);
  });
});

describe('nightly-drift.yml', () => {
  const LABEL = 'local-storage-drift';
  const TITLE = 'Local Storage drift';
  const expected: Record<Scenario, { code: string; report: string }> = {
    'in sync': { code: '0', report: 'in_sync' },
    'out-of-band change': { code: '2', report: 'differs' },
    'unapplied change': { code: '2', report: 'differs' },
    'bad token': { code: '1', report: 'error' },
    'no state': { code: '2', report: 'differs' },
  };

  function report(result: JobRun): DriftReport {
    return JSON.parse(readFileSync(join(result.workspace, 'drift', 'drift-report.json'), 'utf8')) as DriftReport;
  }

  test.each(SCENARIOS)('%s: exit code, report, artifact and issue agree', async (scenario) => {
    const repo = track(new TeamRepository(tarball));
    const gh = track(new GhStub());
    const { token } = await arrange(scenario, repo, emulator, applied);
    const result = await run('nightly-drift.yml', repo, gh, token);

    const want = expected[scenario];
    expect({ code: step(result, 'drift').outputs.code, report: report(result).status }).toEqual(want);
    expect(result.status).toBe(want.code === '0' ? 'success' : 'failure');
    expect(await graphWrites(emulator)).toEqual([]);
    expect(result.artifacts).toEqual<Array<Record<string, unknown>>>([
      {
        name: 'drift-report',
        files: expect.arrayContaining(['drift/drift-report.json', 'drift/drift-report.md', 'drift/drift-report.xml']),
      },
    ]);
    expect(result.summary).toContain(readFileSync(join(result.workspace, 'drift', 'drift-report.md'), 'utf8').trim());

    // The command's own annotations: one per differing number, an error when the check failed.
    const levels = result.annotations.map((a) => a.level);
    if (want.code === '0') expect(levels).toEqual(['notice']);
    if (want.code === '1') expect(levels).toEqual(['error']);
    if (want.code === '2') expect(result.annotations.some((a) => a.properties.includes(SALES_BR) && a.level !== 'notice')).toBe(true);

    const commands = gh.commands();
    if (want.code === '1') {
      // An error says nothing about drift: no issue is touched.
      expect(commands).toEqual([]);
      expect(step(result, 'Keep one issue while drift lasts').outcome).toBe('skipped');
      return;
    }
    expect(commands.slice(0, 2)).toEqual([
      ['label', 'create', LABEL, '--color', 'D93F0B', '--description', 'Phone numbers differ from infra/', '--force'],
      [
        'issue',
        'list',
        '--state',
        'open',
        '--label',
        LABEL,
        '--limit',
        '100',
        '--json',
        'number,title',
        '--jq',
        expect.stringContaining(TITLE),
      ],
    ]);
    if (want.code === '0') {
      expect(commands).toHaveLength(2);
      expect(gh.state().issues).toEqual([]);
    } else {
      expect(commands.slice(2)).toEqual([['issue', 'create', '--title', TITLE, '--label', LABEL, '--body-file', 'body.md']]);
      const [issue] = gh.state().issues;
      expect(issue).toMatchObject({ number: 1, title: TITLE, labels: [LABEL], state: 'open' });
      expect(issue.body).toContain(SALES_BR);
    }
  });

  test('keeps one issue across drifting nights and closes it once back in sync', async () => {
    const repo = track(new TeamRepository(tarball));
    // An older, closed drift issue and an unrelated open issue with the same label stay untouched.
    const gh = track(
      new GhStub({
        labels: [{ name: LABEL, color: 'ededed', description: '' }],
        issues: [
          { number: 3, title: TITLE, body: 'old', labels: [LABEL], state: 'closed', comments: [] },
          { number: 5, title: 'Local Storage drift: rotate the token', body: 'manual', labels: [LABEL], state: 'open', comments: [] },
        ],
        nextNumber: 9,
      }),
    );
    await arrange('out-of-band change', repo, emulator, applied);

    const night1 = await run('nightly-drift.yml', repo, gh, TOKEN);
    expect(night1.status).toBe('failure');
    expect(gh.commands().filter((c) => c[0] === 'issue' && c[1] !== 'list')).toEqual([
      ['issue', 'create', '--title', TITLE, '--label', LABEL, '--body-file', 'body.md'],
    ]);

    gh.clearCalls();
    const night2 = await run('nightly-drift.yml', repo, gh, TOKEN);
    expect(night2.status).toBe('failure');
    expect(gh.commands().filter((c) => c[0] === 'issue' && c[1] !== 'list')).toEqual([
      ['issue', 'edit', '9', '--body-file', 'body.md'],
      [
        'issue',
        'comment',
        '9',
        '--body',
        expect.stringMatching(
          /^Still drifting on \d{4}-\d{2}-\d{2}: \[run \d+\]\(https:\/\/github\.com\/acme\/whatsapp-infra\/actions\/runs\/\d+\)\.$/,
        ),
      ],
    ]);

    // Someone applies main again: the numbers are back where infra/ says.
    await repo.applyOutsidePipelines(emulator);
    gh.clearCalls();
    const night3 = await run('nightly-drift.yml', repo, gh, TOKEN);
    expect(night3.status).toBe('success');
    expect(gh.commands().filter((c) => c[0] === 'issue' && c[1] !== 'list')).toEqual([
      ['issue', 'close', '9', '--comment', expect.stringMatching(/^Back in sync on \d{4}-\d{2}-\d{2}: /)],
    ]);

    const issues = gh.state().issues;
    expect(issues.map((i) => [i.number, i.state])).toEqual([
      [3, 'closed'],
      [5, 'open'],
      [9, 'closed'],
    ]);
    expect(issues.find((i) => i.number === 9)!.comments).toHaveLength(2);
    expect(issues.find((i) => i.number === 5)!).toMatchObject({ body: 'manual', comments: [] });
  });
});
