#!/usr/bin/env node
/*
 * Stands in for the GitHub CLI when the GitOps workflows' steps run in tests: records every call
 * (arguments, and whether GH_TOKEN / GH_REPO were set) to $GH_STUB_LOG as JSON lines, and keeps
 * the few GitHub objects the workflows touch (issues, labels, pull request comments) in the JSON
 * file $GH_STUB_STATE, so `gh issue list` on the second night sees the issue of the first.
 * `--jq` filters run through the jq on PATH (gh itself embeds gojq; the filters used are plain jq).
 * Commands it does not know fail, so a workflow cannot call something the tests do not check.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const logFile = process.env.GH_STUB_LOG;
const stateFile = process.env.GH_STUB_STATE;
if (!logFile || !stateFile) {
  process.stderr.write('gh stub: GH_STUB_LOG and GH_STUB_STATE must be set\n');
  process.exit(1);
}
appendFileSync(logFile, `${JSON.stringify({ args, token: Boolean(process.env.GH_TOKEN), repo: process.env.GH_REPO || null })}\n`);

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
if (!process.env.GH_TOKEN) fail('gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.', 4);
const repo = process.env.GH_REPO;
if (!repo) fail('gh stub: GH_REPO is not set and the checkout has no GitHub remote');

const state = JSON.parse(readFileSync(stateFile, 'utf8'));
state.issues ??= [];
state.labels ??= [];
state.prComments ??= {};
state.nextNumber ??= 1;
state.nextCommentId ??= 1000;
const save = () => writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);

/** Splits `--flag value`, `--flag=value`, `-F k=v` and positionals; boolean flags listed in `switches`. */
function options(rest, switches = []) {
  const named = {};
  const positional = [];
  for (let i = 0; i < rest.length; i += 1) {
    const a = rest[i];
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const name = eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a;
      let value;
      if (eq > 0 && a.startsWith('--')) value = a.slice(eq + 1);
      else if (switches.includes(a)) value = true;
      else value = rest[(i += 1)];
      if (value === undefined) fail(`gh stub: ${a} needs a value`);
      (named[name] ??= []).push(value);
    } else {
      positional.push(a);
    }
  }
  const one = (...names) => names.map((n) => named[n]?.at(-1)).find((v) => v !== undefined);
  return { named, positional, one };
}

function output(value, jq) {
  const text = JSON.stringify(value);
  if (!jq) {
    process.stdout.write(`${text}\n`);
    return;
  }
  process.stdout.write(execFileSync('jq', ['-r', jq], { input: text, encoding: 'utf8' }));
}

const body = (o) => {
  const file = o.one('--body-file', '-F');
  if (file !== undefined) return readFileSync(file === '-' ? 0 : file, 'utf8');
  const text = o.one('--body', '-b');
  if (text === undefined) fail('gh stub: a body is required');
  return text;
};
const issueUrl = (n) => `https://github.com/${repo}/issues/${n}`;
const findIssue = (n) =>
  state.issues.find((i) => i.number === Number(n)) ?? fail(`GraphQL: Could not resolve to an issue with the number of ${n}.`);

const [group, verb, ...rest] = args;
const key = `${group} ${verb}`;
if (key === 'label create') {
  const o = options(rest, ['--force', '-f']);
  const name = o.positional[0];
  const existing = state.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (existing && !o.one('--force', '-f'))
    fail(`label with name "${name}" already exists; use \`--force\` to update its color and description`);
  const label = { name, color: o.one('--color', '-c') ?? 'ededed', description: o.one('--description', '-d') ?? '' };
  state.labels = [...state.labels.filter((l) => l !== existing), label];
  save();
} else if (key === 'issue list') {
  const o = options(rest);
  const wanted = o.one('--state', '-s') ?? 'open';
  const labels = o.named['--label'] ?? o.named['-l'] ?? [];
  const fields = (o.one('--json') ?? '').split(',').filter(Boolean);
  if (!fields.length) fail('gh stub: issue list is only emulated with --json');
  const issues = state.issues
    .filter((i) => wanted === 'all' || i.state === wanted)
    .filter((i) => labels.every((l) => i.labels.includes(l)))
    .sort((a, b) => b.number - a.number)
    .slice(0, Number(o.one('--limit', '-L') ?? 30))
    .map((i) => Object.fromEntries(fields.map((f) => [f, f === 'labels' ? i.labels.map((name) => ({ name })) : i[f]])));
  output(issues, o.one('--jq', '-q'));
} else if (key === 'issue create') {
  const o = options(rest);
  const labels = o.named['--label'] ?? o.named['-l'] ?? [];
  for (const l of labels) if (!state.labels.some((x) => x.name === l)) fail(`could not add label: '${l}' not found`);
  const issue = { number: state.nextNumber++, title: o.one('--title', '-t'), body: body(o), labels, state: 'open', comments: [] };
  state.issues.push(issue);
  save();
  process.stdout.write(`${issueUrl(issue.number)}\n`);
} else if (key === 'issue edit') {
  const o = options(rest);
  const issue = findIssue(o.positional[0]);
  issue.body = body(o);
  save();
  process.stdout.write(`${issueUrl(issue.number)}\n`);
} else if (key === 'issue comment') {
  const o = options(rest);
  const issue = findIssue(o.positional[0]);
  issue.comments.push(body(o));
  save();
  process.stdout.write(`${issueUrl(issue.number)}#issuecomment-${state.nextCommentId++}\n`);
} else if (key === 'issue close') {
  const o = options(rest);
  const issue = findIssue(o.positional[0]);
  const comment = o.one('--comment', '-c');
  if (comment !== undefined) issue.comments.push(comment);
  issue.state = 'closed';
  save();
} else if (key === 'pr comment') {
  const o = options(rest);
  const pr = o.positional[0];
  const id = state.nextCommentId++;
  (state.prComments[pr] ??= []).push({ id, body: body(o) });
  save();
  process.stdout.write(`https://github.com/${repo}/pull/${pr}#issuecomment-${id}\n`);
} else if (group === 'api') {
  const o = options([verb, ...rest], ['--paginate']);
  const method = (o.one('--method', '-X') ?? 'GET').toUpperCase();
  const path = o.positional[0];
  const listComments = /^repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(path);
  const oneComment = /^repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(path);
  if (method === 'GET' && listComments && listComments[1] === repo) {
    output(
      (state.prComments[listComments[2]] ?? []).map((c) => ({ id: c.id, body: c.body, user: { login: 'github-actions[bot]' } })),
      o.one('--jq', '-q'),
    );
  } else if (method === 'PATCH' && oneComment && oneComment[1] === repo) {
    const comment =
      Object.values(state.prComments)
        .flat()
        .find((c) => c.id === Number(oneComment[2])) ?? fail('gh: Not Found (HTTP 404)');
    const fields = [...(o.named['-F'] ?? []), ...(o.named['--field'] ?? []), ...(o.named['-f'] ?? []), ...(o.named['--raw-field'] ?? [])];
    const field = fields.find((f) => f.startsWith('body=')) ?? fail('gh stub: PATCH without a body field');
    const value = field.slice('body='.length);
    comment.body = value.startsWith('@') && (o.named['-F'] || o.named['--field']) ? readFileSync(value.slice(1), 'utf8') : value;
    save();
    output({ id: comment.id, body: comment.body }, o.one('--jq', '-q'));
  } else {
    fail(`gh stub: api ${method} ${path} is not emulated`);
  }
} else {
  fail(`gh stub: \`gh ${args.join(' ')}\` is not emulated`);
}
