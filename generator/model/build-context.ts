/**
 * State shared while one schema set is turned into IR: its symbol table, and memo tables that
 * make every declaration one IR node however often (and from however many sets) it is used.
 */
import { SchemaError } from '../errors.js';
import { MAX_DERIVATION_DEPTH, MAX_PARTICLES } from '../limits.js';
import type { XsdNode } from '../load/xsd-node.js';
import { builtinIr } from './build-simple-type.js';
import type { IrComplexType, IrSimpleType } from './ir.js';
import type { SymbolTable } from './symbols.js';

export class BuildMemo {
  readonly simple = new Map<XsdNode, IrSimpleType>();
  readonly complex = new Map<XsdNode, IrComplexType>();
  readonly builtins = new Map<string, IrSimpleType>();
  /** every user-declared type, in the order it was first built */
  readonly simpleTypes: IrSimpleType[] = [];
  readonly complexTypes: IrComplexType[] = [];
  /** the types under construction, each inside the one before: derivations, list items, union members */
  readonly building = new Set<XsdNode>();
  readonly pending = new Map<IrComplexType, () => void>();
  /** particles built or copied into derived types so far (see MAX_PARTICLES) */
  particles = 0;
  /** how long the chain of types each simple type's meta or complex type is built from is (builtins: 0) */
  readonly depth = new WeakMap<object, number>();
}

export class BuildContext {
  /** the xs:group declarations being expanded, outermost first (a repeat is a cycle) */
  readonly groupsOpen: XsdNode[] = [];

  constructor(
    readonly symbols: SymbolTable,
    readonly memo: BuildMemo,
  ) {}

  builtin(local: string): IrSimpleType | undefined {
    let ir = this.memo.builtins.get(local);
    if (!ir) {
      ir = builtinIr(local);
      if (ir) this.memo.builtins.set(local, ir);
    }
    return ir;
  }

  memoSimple(node: XsdNode, build: () => IrSimpleType): IrSimpleType {
    const done = this.memo.simple.get(node);
    if (done) return done;
    this.enter(node);
    const ir = build();
    this.memo.building.delete(node);
    this.memo.simple.set(node, ir);
    this.memo.simpleTypes.push(ir);
    return ir;
  }

  /**
   * Returns the IR node of a complex type declaration, creating it empty on first use and
   * queueing its content to be filled. Elements may refer to types still being filled (types are
   * recursive); only a derivation (extension or restriction) needs its base filled first.
   */
  complexShell(node: XsdNode, create: () => IrComplexType, fill: (ir: IrComplexType) => void): IrComplexType {
    const known = this.memo.complex.get(node);
    if (known) return known;
    const ir = create();
    this.memo.complex.set(node, ir);
    this.memo.complexTypes.push(ir);
    this.memo.pending.set(ir, () => {
      this.enter(node);
      fill(ir);
      this.leave(node);
    });
    return ir;
  }

  /** Fills a complex type now (for a derivation that needs its base's content). */
  filled(ir: IrComplexType): IrComplexType {
    const fill = this.memo.pending.get(ir);
    if (fill) {
      this.memo.pending.delete(ir);
      fill();
    } else if ([...this.memo.building].some((n) => this.memo.complex.get(n) === ir)) {
      throw new SchemaError('unknown-type', ir.loc, 'the type derives from itself', 'break the cycle of base types');
    }
    return ir;
  }

  /** Fills every queued type; returns when nothing is pending. */
  drain(): void {
    for (let next = this.memo.pending.keys().next(); !next.done; next = this.memo.pending.keys().next()) this.filled(next.value);
  }

  /**
   * Marks a derivation step as in progress; a second entry is a cycle, and more than
   * {@link MAX_DERIVATION_DEPTH} at once a chain too long to follow on the stack.
   */
  enter(node: XsdNode): void {
    if (this.memo.building.has(node)) {
      throw new SchemaError('unknown-type', node.loc, 'the type derives from itself', 'break the cycle of base types');
    }
    if (this.memo.building.size >= MAX_DERIVATION_DEPTH) throw chainTooLong(node);
    this.memo.building.add(node);
  }

  /**
   * Records that `made` (a simple type's meta, or a complex type) is built from `from` (its base,
   * list item type or union members); a chain longer than {@link MAX_DERIVATION_DEPTH} is a schema
   * error at `at`. Unlike {@link enter}, this sees chains declared base first, whose types are
   * built one after the other rather than inside each other: they copy facets, patterns,
   * attributes and content down the chain, and nest union and list metas.
   */
  derived<T extends object>(made: T, from: readonly object[], at: XsdNode): T {
    const depth = 1 + Math.max(0, ...from.map((f) => this.memo.depth.get(f) ?? 0));
    if (depth > MAX_DERIVATION_DEPTH) throw chainTooLong(at);
    this.memo.depth.set(made, depth);
    return made;
  }

  /** Counts `n` more particles, built at `at` or copied there from a base type. */
  countParticles(n: number, at: XsdNode): void {
    this.memo.particles += n;
    if (this.memo.particles > MAX_PARTICLES) {
      throw new SchemaError('limit-exceeded', at.loc, `the content models hold more than ${MAX_PARTICLES.toLocaleString('en-US')} particles once every xs:group reference and every extension's copy of its base's content is written out (groups used several times inside groups used several times multiply)`, 'make the repeated parts complex types, which are built once, instead of groups');
    }
  }

  leave(node: XsdNode): void {
    this.memo.building.delete(node);
  }
}

function chainTooLong(node: XsdNode): SchemaError {
  return new SchemaError('limit-exceeded', node.loc, `this type is derived in more than ${MAX_DERIVATION_DEPTH} steps (each a restriction or extension of a base type, a list of an item type or a union of member types); plesk-codegen follows at most ${MAX_DERIVATION_DEPTH} (Plesk's types: 2)`, 'shorten the chain: derive from a type nearer its start, restating the facets');
}
