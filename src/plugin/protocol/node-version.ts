/**
 * A provider started by an older Node.js than it supports stops with a sentence on stdout:
 * engines quote the first stdout line of a plugin that fails its handshake, while stderr
 * shows only in their debug log.
 */
export function exitUnlessNodeAtLeast(minMajor: number, program: string, versions: NodeJS.ProcessVersions = process.versions): void {
  const major = Number(versions.node.split('.')[0]);
  if (major >= minMajor) return;
  process.stdout.write(
    `${program} needs Node.js ${minMajor} or newer, and this is Node.js ${versions.node} (${process.execPath}). Put Node.js ${minMajor}+ first on PATH, or install the standalone provider executable, which needs no Node.js (docs/install.md).\n`,
  );
  process.exit(1);
}
