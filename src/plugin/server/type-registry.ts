/**
 * The types a provider serves, by name: dispatch, GetMetadata, GetProviderSchema and
 * the "what it offers" sentence of unsupported-feature diagnostics all read this one
 * registry, so adding a type is one edit in the provider's own list.
 */
import { DiagnosticsError, errorDiag } from '../diagnostics';
import type { BlockSchema } from '../schema/model';

interface Typed {
  readonly typeName: string;
  readonly schema: BlockSchema;
}

/** One kind of type (resources, data sources, list resources): lookup by name with a clear error. */
export class TypeKind<T extends Typed> {
  private readonly byName: ReadonlyMap<string, T>;

  constructor(
    private readonly providerName: string,
    /** Singular, as in "data source". */
    readonly label: string,
    types: readonly T[],
  ) {
    const byName = new Map<string, T>();
    for (const t of types) {
      if (byName.has(t.typeName)) throw new Error(`${providerName} provider: ${label} ${t.typeName} is registered twice`);
      byName.set(t.typeName, t);
    }
    this.byName = byName;
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  entries(): IterableIterator<[string, T]> {
    return this.byName.entries();
  }

  /** The type called `typeName`, or a DiagnosticsError naming what there is. */
  get(typeName: string | null | undefined, summary: string, noun = this.label): T {
    const found = typeName ? this.byName.get(typeName) : undefined;
    if (found) return found;
    throw new DiagnosticsError([
      errorDiag(
        summary,
        `The ${this.providerName} provider has no ${noun} "${typeName ?? ''}". ${this.names.length ? `It offers: ${this.names.join(', ')}.` : `It has no ${this.label}s.`}`,
      ),
    ]);
  }

  /** "the resource a", "the data sources a and b", "the resources a, b and c"; empty when there are none. */
  describe(): string {
    const names = this.names;
    if (names.length === 0) return '';
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `the ${this.label}${names.length === 1 ? '' : 's'} ${list}`;
  }
}

/** "It offers the resource x and the data sources y and z." */
export function offerSentence(kinds: ReadonlyArray<TypeKind<Typed>>): string {
  const parts = kinds.map((k) => k.describe()).filter((p) => p !== '');
  if (parts.length === 0) return 'It offers no resources or data sources.';
  return `It offers ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`}.`;
}
