/**
 * Schema sets → one {@link IrSchema}: every named type of every set (so a schema with no global
 * element, such as Plesk's backup.xsd alone, still yields its types), the anonymous types they
 * hold, and the global elements of each set as roots.
 */
import type { SchemaSet } from '../load/load-schemas.js';
import { BuildContext, BuildMemo } from './build-context.js';
import { buildComplexType, elementTypeRef } from './build-complex-type.js';
import { buildSimpleType } from './build-simple-type.js';
import type { IrRoot, IrSchema } from './ir.js';
import { SymbolTable } from './symbols.js';
import { PackageSymbols } from '../passes/symbol-table.js';

export function buildIr(sets: SchemaSet[]): IrSchema {
  const memo = new BuildMemo();
  const roots: IrRoot[] = [];
  const files: string[] = [];
  for (const set of sets) {
    for (const doc of set.documents) if (!files.includes(doc.displayPath)) files.push(doc.displayPath);
    const ctx = new BuildContext(new SymbolTable(set), memo);
    for (const node of ctx.symbols.types) {
      if (node.local === 'simpleType') buildSimpleType(ctx, node, []);
      else buildComplexType(ctx, node, []);
    }
    for (const node of ctx.symbols.elements) {
      const name = node.attrs.get('name')!;
      roots.push({ set: set.entry.displayPath, name, type: elementTypeRef(ctx, node, [name]), loc: node.loc });
    }
    ctx.drain();
  }
  return { entries: sets.map((s) => s.entry.displayPath), files, simpleTypes: memo.simpleTypes, complexTypes: memo.complexTypes, roots, packets: {}, operators: [], symbols: new PackageSymbols() };
}
