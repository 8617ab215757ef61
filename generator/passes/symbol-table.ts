/**
 * Every name the generated package exports from its root, decided once, before anything is
 * printed: the runtime's exports and the fixed names of the generated files (reserved first),
 * then the schema types (name-types.ts), the choice aliases (shape-records.ts), the operator
 * classes and the result interfaces of the client (name-client.ts). A name is claimed with the
 * candidates its kind allows, in order; the first free one wins, and when all are taken the last
 * gets a number. Claims happen in an order that depends on the schemas only (source order), so a
 * name never depends on which emitter runs first, and adding an unrelated schema file renames
 * nothing.
 *
 * Members of one class (the client's operators, an operator's methods) are names of their own
 * scope: {@link MemberScope}.
 */

export type SymbolKind =
  /** exported by the runtime at the package root (`PleskOperationError`, `CallOptions`) */
  | 'runtime'
  /** a fixed name of a generated file (`PleskClient`, `TypeMap`, `encodeRequestPacket`) */
  | 'generated'
  /** a schema type (types.ts) */
  | 'type'
  /** the alias of an xs:choice (types.ts) */
  | 'choice'
  /** an operator's class of methods (client.ts) */
  | 'operator'
  /** a result given with its datasets as properties (client.ts) */
  | 'result';

export interface Symbol {
  kind: SymbolKind;
  name: string;
  /** the name asked for first */
  requested: string;
  /** what the symbol stands for, for messages (`complexType ThingOperations (thing.xsd:3)`) */
  origin: string;
}

export class PackageSymbols {
  readonly symbols: Symbol[] = [];
  private readonly byName = new Map<string, Symbol>();

  /** A name that must be exactly this (a runtime export, a fixed generated name). */
  reserve(kind: SymbolKind, name: string, origin: string): void {
    const previous = this.byName.get(name);
    if (previous) throw new Error(`internal: ${origin} and ${previous.origin} both need the name ${name}`);
    this.add({ kind, name, requested: name, origin });
  }

  /**
   * The first of `candidates` not yet taken, or the last with the smallest number that makes it
   * free (`Name2`, `Name3`, …).
   */
  claim(kind: SymbolKind, candidates: string[], origin: string): string {
    const free = candidates.find((c) => !this.byName.has(c));
    const last = candidates.at(-1)!;
    let name = free;
    for (let i = 2; name === undefined; i++) if (!this.byName.has(`${last}${i}`)) name = `${last}${i}`;
    this.add({ kind, name, requested: candidates[0]!, origin });
    return name;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): Symbol | undefined {
    return this.byName.get(name);
  }

  /** The symbols of some kinds, in the order they were decided. */
  ofKind(...kinds: SymbolKind[]): Symbol[] {
    return this.symbols.filter((s) => kinds.includes(s.kind));
  }

  private add(symbol: Symbol): void {
    this.symbols.push(symbol);
    this.byName.set(symbol.name, symbol);
  }
}

/** The member names of one class: those it has already (inherited ones included), then each claimed. */
export class MemberScope {
  private readonly taken: Set<string>;

  constructor(existing: Iterable<string>) {
    this.taken = new Set(existing);
  }

  /** `wanted`, or when taken the first free of `wanted` + `suffix`, then numbered. */
  claim(wanted: string, suffix: string): string {
    let name = wanted;
    if (this.taken.has(name)) name = `${wanted}${suffix}`;
    for (let i = 2; this.taken.has(name); i++) name = `${wanted}${suffix}${i}`;
    this.taken.add(name);
    return name;
  }
}
