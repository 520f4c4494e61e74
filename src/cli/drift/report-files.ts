/**
 * Where the reports go and how they are written: all of them are removed when
 * a run starts and each is written whole (a temporary file renamed over) when
 * it ends, so no report of an earlier run survives a later one, even a failed one.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface ReportPaths {
  json: string;
  markdown: string;
  junit: string;
}

export const REPORT_NAMES = { json: 'drift-report.json', markdown: 'drift-report.md', junit: 'drift-report.xml' } as const;

/** `--out` (default: the configuration directory), with per-file overrides. */
export function reportPaths(outDir: string, overrides: Partial<ReportPaths> = {}): ReportPaths {
  const at = (name: string, override?: string) => resolve(override ?? join(outDir, name));
  return {
    json: at(REPORT_NAMES.json, overrides.json),
    markdown: at(REPORT_NAMES.markdown, overrides.markdown),
    junit: at(REPORT_NAMES.junit, overrides.junit),
  };
}

export function removeReports(paths: ReportPaths): void {
  for (const file of [paths.json, paths.markdown, paths.junit]) rmSync(file, { force: true });
}

/** Writes one report whole: readers see the old file (removed at start) or the complete new one. */
export function writeReport(file: string, content: string, createDirectory: boolean): void {
  const dir = dirname(file);
  if (!existsSync(dir)) {
    if (!createDirectory) throw new Error(`cannot write ${file}: ${dir} does not exist`);
    mkdirSync(dir, { recursive: true });
  }
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}
