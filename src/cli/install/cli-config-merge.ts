/**
 * Merges this package's provider_installation methods into an existing CLI configuration,
 * keeping the user's other settings and methods. Our methods sit between marker comments,
 * so merging again replaces them instead of adding a second copy.
 */
const BEGIN = '  # BEGIN whatsapp-local-storage';
const END = '  # END whatsapp-local-storage';

/** Index just past the brace that closes the one opened at `open` (strings and # comments skipped). */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return i + 1;
    }
  }
  throw new Error('the CLI configuration has an unclosed { : fix the file, then merge again');
}

/** The method blocks of our provider_installation block (its body without the outer braces). */
function methodsOf(block: string): string {
  const open = block.indexOf('{');
  return block.slice(open + 1, block.lastIndexOf('}')).replace(/^\n/, '');
}

/** Gives each of the user's methods without include/exclude an exclude of our addresses, so they never ask a registry for them. */
function excludeOurs(body: string, addresses: readonly string[]): string {
  return body.replace(/^(\s*)(direct|network_mirror|filesystem_mirror)\s*\{/gm, (match, indent: string, _kind: string, offset: number) => {
    const end = closingBrace(body, offset + match.length - 1);
    const inner = body.slice(offset + match.length, end - 1);
    if (/\b(include|exclude)\s*=/.test(inner)) return match;
    return `${match}\n${indent.replace(/^\n/, '')}  exclude = [${addresses.map((a) => `"${a}"`).join(', ')}]${inner.trim() === '' ? `\n${indent.replace(/^\n/, '')}` : ''}`;
  });
}

export function mergeProviderInstallation(existing: string, ourBlock: string, addresses: readonly string[]): string {
  const start = existing.search(/^provider_installation\s*\{/m);
  if (start < 0) return `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${existing ? '\n' : ''}${ourBlock}`;
  const open = existing.indexOf('{', start);
  const end = closingBrace(existing, open);
  let body = existing.slice(open + 1, end - 1);
  body = body.replace(new RegExp(`\\n?${BEGIN}[\\s\\S]*?${END}\\n?`), '\n');
  const userHasMethods = /^\s*(direct|network_mirror|filesystem_mirror|dev_overrides)\s*\{/m.test(body);
  const ours = methodsOf(ourBlock);
  // With methods of their own, the user's direct/mirrors stay; ours only need to come first.
  const oursToInsert = userHasMethods ? ours.replace(/\n\s*direct\s*\{[\s\S]*$/, '\n') : ours;
  const merged = `provider_installation {\n${BEGIN}\n${oursToInsert.replace(/\n*$/, '\n')}${END}${excludeOurs(body, addresses).replace(/^\n*/, '\n')}`;
  return `${existing.slice(0, start)}${merged.replace(/\n*$/, '\n')}}${existing.slice(end)}`;
}
