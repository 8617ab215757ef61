/**
 * Which enumerations a newer server may extend: a string enumeration reachable from the response
 * packet (the envelope recorded by apply-plesk-conventions.ts) is open. Its metadata says so
 * (`open: true`), so that the decoder keeps a value it does not list under unknownElements 'keep',
 * and its TypeScript type says so: `'working' | 'finished' | UnknownValue` (type-expressions.ts).
 * An enumeration only requests use stays closed: the package writes it, the server reads it.
 * Numeric and boolean enumerations stay closed (their TypeScript types list the values), and so do
 * unions and lists. A schema set without a response packet has no open enumeration.
 */
import type { IrComplexType, IrParticle, IrSchema, IrSimpleType } from '../model/ir.js';

export function openResponseEnums(ir: IrSchema): IrSchema {
  const response = ir.packets.response;
  if (response === undefined) return ir;
  const seen = new Set<IrComplexType>();
  const work: IrComplexType[] = [response];
  const open = (type: IrSimpleType) => {
    const meta = type.meta;
    if (meta.enum === undefined || meta.family !== 'string' || meta.union || meta.list || meta.open) return;
    type.meta = { ...meta, open: true };
  };
  const visit = (p: IrParticle | undefined): void => {
    if (p === undefined || p.kind === 'any') return;
    if (p.kind !== 'element') {
      for (const item of p.items) visit(item);
      return;
    }
    if (p.type.kind === 'simple') open(p.type.type);
    else if (p.type.kind === 'complex' && !seen.has(p.type.type)) {
      seen.add(p.type.type);
      work.push(p.type.type);
    }
  };
  seen.add(response);
  for (let type = work.pop(); type !== undefined; type = work.pop()) {
    for (const attr of type.attrs) open(attr.type);
    if (type.text) open(type.text);
    visit(type.model);
  }
  return ir;
}
