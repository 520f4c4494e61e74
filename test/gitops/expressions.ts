/**
 * GitHub Actions expressions (`${{ ... }}` and `if:`), the part the GitOps workflows use:
 * literals, context paths (`steps.plan.outputs.exitcode`, `github.event.pull_request.number`),
 * `!`, `&&`, `||`, `==`, `!=`, parentheses, and the functions success(), failure(), always(),
 * cancelled(), contains(), startsWith(), endsWith(), format(), toJSON(). Anything else is an error
 * naming the expression, so a workflow cannot use a construct this emulation would get wrong.
 */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface ExpressionScope {
  contexts: Record<string, Value>;
  /** The job status so far, for success() / failure(). */
  jobFailed: boolean;
}

type Token =
  { kind: 'punct'; text: string } | { kind: 'string'; text: string } | { kind: 'number'; value: number } | { kind: 'ident'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      let text = '';
      i += 1;
      for (;;) {
        if (i >= source.length) throw new Error(`unterminated string in \`${source}\``);
        if (source[i] === "'" && source[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (source[i] === "'") {
          i += 1;
          break;
        } else {
          text += source[i];
          i += 1;
        }
      }
      tokens.push({ kind: 'string', text });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else {
      const two = source.slice(i, i + 2);
      if (['&&', '||', '==', '!=', '<=', '>='].includes(two)) {
        tokens.push({ kind: 'punct', text: two });
        i += 2;
      } else if ('()!.,[]<>*'.includes(c)) {
        tokens.push({ kind: 'punct', text: c });
        i += 1;
      } else {
        throw new Error(`unexpected character '${c}' in \`${source}\``);
      }
    }
  }
  return tokens;
}

export function toText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

export function truthy(value: Value): boolean {
  return !(value === null || value === false || value === 0 || value === '' || (typeof value === 'number' && Number.isNaN(value)));
}

function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return NaN;
}

/** GitHub's loose equality: strings compare case-insensitively, mixed types compare as numbers. */
function looseEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  const isObject = (v: Value) => v !== null && typeof v === 'object';
  if (isObject(a) || isObject(b)) return a === b;
  if (typeof a === typeof b && a !== null && b !== null) return a === b;
  return toNumber(a) === toNumber(b);
}

class Parser {
  private pos = 0;
  /** Whether a status function (success/failure/always/cancelled) appeared: `if:` adds success() otherwise. */
  usedStatusFunction = false;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly scope: ExpressionScope,
  ) {}

  parse(): Value {
    const value = this.or();
    if (this.pos < this.tokens.length) throw new Error(`unexpected token in \`${this.source}\``);
    return value;
  }

  private peek(text: string): boolean {
    const t = this.tokens[this.pos];
    return t !== undefined && t.kind === 'punct' && t.text === text;
  }

  private take(text: string): void {
    if (!this.peek(text)) throw new Error(`expected '${text}' in \`${this.source}\``);
    this.pos += 1;
  }

  private or(): Value {
    let left = this.and();
    while (this.peek('||')) {
      this.pos += 1;
      const right = this.and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private and(): Value {
    let left = this.comparison();
    while (this.peek('&&')) {
      this.pos += 1;
      const right = this.comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private comparison(): Value {
    const left = this.unary();
    for (const op of ['==', '!=']) {
      if (this.peek(op)) {
        this.pos += 1;
        const equal = looseEquals(left, this.unary());
        return op === '==' ? equal : !equal;
      }
    }
    if (['<', '>', '<=', '>='].some((op) => this.peek(op))) throw new Error(`ordering operators are not emulated: \`${this.source}\``);
    return left;
  }

  private unary(): Value {
    if (this.peek('!')) {
      this.pos += 1;
      return !truthy(this.unary());
    }
    return this.primary();
  }

  private primary(): Value {
    const t = this.tokens[this.pos];
    if (!t) throw new Error(`unexpected end of \`${this.source}\``);
    if (t.kind === 'punct' && t.text === '(') {
      this.pos += 1;
      const value = this.or();
      this.take(')');
      return value;
    }
    this.pos += 1;
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return t.value;
    if (t.kind !== 'ident') throw new Error(`unexpected '${t.text}' in \`${this.source}\``);
    if (t.text === 'true' || t.text === 'false') return t.text === 'true';
    if (t.text === 'null') return null;
    if (this.peek('(')) return this.call(t.text);
    let value: Value = this.scope.contexts[t.text] ?? null;
    if (!(t.text in this.scope.contexts)) throw new Error(`unknown context '${t.text}' in \`${this.source}\``);
    for (;;) {
      if (this.peek('.')) {
        this.pos += 1;
        const name = this.tokens[this.pos];
        if (!name || name.kind !== 'ident') throw new Error(`expected a property name in \`${this.source}\``);
        this.pos += 1;
        value = this.property(value, name.text);
      } else if (this.peek('[')) {
        this.pos += 1;
        const key = this.or();
        this.take(']');
        value = this.property(value, toText(key));
      } else {
        return value;
      }
    }
  }

  private property(value: Value, name: string): Value {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    // Property names are case-insensitive in GitHub expressions.
    const key = Object.keys(value).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? null : value[key];
  }

  private call(name: string): Value {
    this.take('(');
    const args: Value[] = [];
    while (!this.peek(')')) {
      args.push(this.or());
      if (!this.peek(')')) this.take(',');
    }
    this.take(')');
    switch (name.toLowerCase()) {
      case 'success':
        this.usedStatusFunction = true;
        return !this.scope.jobFailed;
      case 'failure':
        this.usedStatusFunction = true;
        return this.scope.jobFailed;
      case 'always':
        this.usedStatusFunction = true;
        return true;
      case 'cancelled':
        this.usedStatusFunction = true;
        return false; // runs of this emulation are never cancelled
      case 'contains': {
        const [hay, needle] = args;
        if (Array.isArray(hay)) return hay.some((v) => looseEquals(v, needle));
        return toText(hay).toLowerCase().includes(toText(needle).toLowerCase());
      }
      case 'startswith':
        return toText(args[0]).toLowerCase().startsWith(toText(args[1]).toLowerCase());
      case 'endswith':
        return toText(args[0]).toLowerCase().endsWith(toText(args[1]).toLowerCase());
      case 'format':
        return toText(args[0]).replace(/\{(\d+)\}/g, (_, n: string) => toText(args[Number(n) + 1] ?? null));
      case 'tojson':
        return JSON.stringify(args[0], null, 2);
      default:
        throw new Error(`function ${name}() is not emulated: \`${this.source}\``);
    }
  }
}

export function evaluate(source: string, scope: ExpressionScope): { value: Value; usedStatusFunction: boolean } {
  const parser = new Parser(source, tokenize(source), scope);
  const value = parser.parse();
  return { value, usedStatusFunction: parser.usedStatusFunction };
}

/** Replaces every `${{ expr }}` in a string with the expression's text value. */
export function interpolate(text: string, scope: ExpressionScope): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => toText(evaluate(expr.trim(), scope).value));
}

/** A step's or job's `if:`: bare or wrapped in `${{ }}`, with an implied success() unless a status function is used. */
export function condition(source: string | boolean | undefined, scope: ExpressionScope): boolean {
  if (source === undefined) return !scope.jobFailed;
  if (typeof source === 'boolean') return source && !scope.jobFailed;
  const bare = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(source)?.[1] ?? source;
  const { value, usedStatusFunction } = evaluate(bare.trim(), scope);
  return usedStatusFunction ? truthy(value) : !scope.jobFailed && truthy(value);
}
