/**
 * The fenced blocks of the user documentation (README.md and docs/*.md) and the HTML-comment
 * markers that say what the doc test does with them:
 *
 * - `<!-- not-run: reason -->` right before a block: the block cannot run as written (it needs
 *   something a test machine lacks); the test lists it with its reason.
 * - `<!-- file: NAME -->` right before a block: the doc tells the reader to save the block as
 *   NAME; the test writes it there (relative to the reader's current directory).
 * - `<!-- development: reason -->` before a `## ` heading marks that section, at the top of a
 *   file the whole file, as material for a clone of the repository, not for a package user.
 *
 * Blocks in sh, bash or console (its `$ ` lines) are commands; other blocks without a
 * `file:` marker are illustrations and are not run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness';

export const COMMAND_LANGUAGES = ['sh', 'bash', 'console'];

export interface DocBlock {
  /** Repository-relative path of the document. */
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  text: string;
  /** Set by `<!-- not-run: reason -->`. */
  notRun?: string;
  /** Set by `<!-- file: NAME -->`. */
  file?: string;
  /** Inside a region marked `<!-- development: ... -->`. */
  development: boolean;
}

export interface DevelopmentRegion {
  doc: string;
  /** The heading of the marked section, or `(whole file)`. */
  section: string;
  reason: string;
}

export interface ParsedDoc {
  doc: string;
  blocks: DocBlock[];
  development: DevelopmentRegion[];
  /** The document's lines outside development regions and outside fenced blocks' markers. */
  userText: string;
}

/** README.md, then docs/*.md in name order. */
export function userDocPaths(): string[] {
  const docs = readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

const MARKER = /^<!--\s*(not-run|file|development):\s*(.*?)\s*-->\s*$/;

export function parseDoc(doc: string, source = readFileSync(join(repoRoot, doc), 'utf8')): ParsedDoc {
  const lines = source.split('\n');
  const blocks: DocBlock[] = [];
  const development: DevelopmentRegion[] = [];
  const userLines: string[] = [];
  let pending: { kind: string; value: string } | undefined;
  let devSection: number | undefined; // heading level of the development section we are in (0: the whole file)
  let devHeadingLine = -1; // the marked heading itself opens the section
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (heading && i !== devHeadingLine && devSection !== undefined && devSection !== 0 && heading[1].length <= devSection)
      devSection = undefined;
    const marker = MARKER.exec(line);
    if (marker) {
      const [, kind, value] = marker;
      if (!value) throw new Error(`${doc}:${i + 1}: <!-- ${kind}: --> needs a reason or name`);
      if (kind === 'development') {
        const nextIndex = lines.findIndex((l, j) => j > i && l.trim() !== '');
        const nextHeading = nextIndex > 0 ? /^(#{1,6}) (.*)$/.exec(lines[nextIndex]) : null;
        if (!seenContent) {
          // the first line of the file
          devSection = 0;
          development.push({ doc, section: '(whole file)', reason: value });
        } else if (nextHeading) {
          devSection = nextHeading[1].length;
          devHeadingLine = nextIndex;
          development.push({ doc, section: nextHeading[2], reason: value });
        } else {
          throw new Error(`${doc}:${i + 1}: a development marker goes at the top of the file or right before a heading`);
        }
      } else {
        pending = { kind, value };
      }
      continue;
    }
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      if (i >= lines.length) throw new Error(`${doc}:${start + 1}: code block never closed`);
      const block: DocBlock = {
        doc,
        line: start + 1,
        language: fence[1],
        text: body.join('\n') + '\n',
        development: devSection !== undefined,
      };
      if (pending?.kind === 'not-run') block.notRun = pending.value;
      if (pending?.kind === 'file') block.file = pending.value;
      pending = undefined;
      blocks.push(block);
      seenContent = true;
      if (!block.development) userLines.push(...lines.slice(start, i + 1));
      continue;
    }
    if (line.trim() !== '') {
      if (pending) throw new Error(`${doc}:${i + 1}: <!-- ${pending.kind}: ${pending.value} --> must come right before a code block`);
      seenContent = true;
    }
    if (devSection === undefined) userLines.push(line);
  }
  return { doc, blocks, development, userText: userLines.join('\n') };
}

/** What the test does with a block. */
export function blockRole(block: DocBlock): 'development' | 'not-run' | 'file' | 'command' | 'illustration' {
  if (block.development) return 'development';
  if (block.notRun) return 'not-run';
  if (block.file) return 'file';
  if (COMMAND_LANGUAGES.includes(block.language)) return 'command';
  return 'illustration';
}

/** The shell text of a command block: a console block's `$ ` lines, other blocks as they are. */
export function commandText(block: DocBlock): string {
  if (block.language !== 'console') return block.text;
  return (
    block.text
      .split('\n')
      .filter((l) => l.startsWith('$ '))
      .map((l) => l.slice(2))
      .join('\n') + '\n'
  );
}
