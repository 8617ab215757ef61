/**
 * State shared while one schema set is turned into IR: its symbol table, and memo tables that
 * make every declaration one IR node however often (and from however many sets) it is used.
 */
import { SchemaError } from '../errors.js';
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
  readonly building = new Set<XsdNode>();
  readonly pending = new Map<IrComplexType, () => void>();
}

export class BuildContext {
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

  /** Marks a derivation step as in progress; a second entry is a cycle. */
  enter(node: XsdNode): void {
    if (this.memo.building.has(node)) {
      throw new SchemaError('unknown-type', node.loc, 'the type derives from itself', 'break the cycle of base types');
    }
    this.memo.building.add(node);
  }

  leave(node: XsdNode): void {
    this.memo.building.delete(node);
  }
}
