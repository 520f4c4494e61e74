/** The pieces of the workflow runners the pipeline tests rely on: expressions, environment files, GitLab rules. */
import { condition, interpolate, type ExpressionScope } from './expressions';
import { parseEnvironmentFile } from './github-runner';
import { expand, ruleMatches } from './gitlab-runner';

const scope = (jobFailed = false): ExpressionScope => ({
  contexts: {
    steps: { plan: { outputs: { exitcode: '2' }, outcome: 'success' }, skipped: { outputs: {}, outcome: 'skipped' } },
    github: { event: { pull_request: { number: 7 } }, repository: 'acme/infra' },
    secrets: { TOKEN: 's3cret' },
    env: {},
  },
  jobFailed,
});

test('expressions: paths, loose equality, status functions and the implied success()', () => {
  expect(interpolate('pr ${{ github.event.pull_request.number }} in ${{ github.repository }}', scope())).toBe('pr 7 in acme/infra');
  expect(interpolate('[${{ steps.missing.outputs.x }}]', scope())).toBe('[]');
  expect(condition("steps.plan.outputs.exitcode == '2'", scope())).toBe(true);
  expect(condition('steps.plan.outputs.exitcode == 2', scope())).toBe(true);
  expect(condition("${{ steps.skipped.outputs.code != '' }}", scope())).toBe(false);
  expect(condition("steps.plan.outputs.exitcode == '2'", scope(true))).toBe(false);
  expect(condition("${{ !cancelled() && steps.plan.outputs.exitcode != '' }}", scope(true))).toBe(true);
  expect(condition('always()', scope(true))).toBe(true);
  expect(condition('failure()', scope(true))).toBe(true);
  expect(condition(undefined, scope(true))).toBe(false);
  expect(condition("startsWith(github.repository, 'ACME/')", scope())).toBe(true);
  expect(() => condition("hashFiles('x')", scope())).toThrow(/hashFiles\(\) is not emulated/);
  expect(() => interpolate('${{ matrix.os }}', scope())).toThrow(/unknown context 'matrix'/);
});

test('environment files: k=v lines and multi-line k<<DELIM blocks', () => {
  expect(parseEnvironmentFile('a=1\nb=x=y\n\nbody<<EOF\nline 1\nline 2\nEOF\nc=\n')).toEqual([
    ['a', '1'],
    ['b', 'x=y'],
    ['body', 'line 1\nline 2'],
    ['c', ''],
  ]);
  expect(() => parseEnvironmentFile('body<<EOF\nno end\n')).toThrow(/no closing EOF/);
  expect(() => parseEnvironmentFile('just text\n')).toThrow(/invalid line/);
});

test('GitLab: variable expansion and rules expressions', () => {
  expect(expand('${CI_API_V4_URL}/projects/$CI_PROJECT_ID/x/$UNSET', { CI_API_V4_URL: 'https://g/api/v4', CI_PROJECT_ID: '42' })).toBe(
    'https://g/api/v4/projects/42/x/',
  );
  const vars = { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' };
  expect(ruleMatches('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"', vars)).toBe(true);
  expect(ruleMatches('$CI_PIPELINE_SOURCE == "schedule" || ($CI_COMMIT_BRANCH != "main")', vars)).toBe(false);
  expect(ruleMatches('$CI_MERGE_REQUEST_IID', vars)).toBe(false);
  expect(() => ruleMatches('$CI_COMMIT_BRANCH =~ /^main$/', vars)).toThrow(/not emulated/);
});
