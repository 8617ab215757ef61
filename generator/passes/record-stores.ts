/**
 * Which properties of each complex type's records the decoder stores values in, and how (one
 * value, or an array), recorded on the type (`stores`) for the printer of src/records.ts
 * (emit/emit-records.ts), which writes one store per property: the same rule the runtime's decode
 * plans apply to the tables (runtime/codec/decode-plan.ts: a leaf is an array when its particle
 * repeats or is a wildcard), decided here once so that the printer only prints. In a package of
 * several protocol versions the stores serve every version's tables (the same type names).
 */
import { isRepeating, type IrComplexType, type IrParticle, type IrSchema, type RecordStores } from '../model/ir.js';
import { isInheritedName } from '../../runtime/codec/own-properties.js';

export function recordStores(ir: IrSchema): IrSchema {
  for (const type of ir.complexTypes) type.stores = storesOf(type);
  return ir;
}

function storesOf(type: IrComplexType): RecordStores {
  const stores: RecordStores = { one: [], many: [] };
  const add = (list: string[], prop: string) => {
    if (!isInheritedName(prop) && !list.includes(prop)) list.push(prop);
  };
  for (const attr of type.attrs) add(stores.one, attr.prop);
  if (type.content === 'simple' && type.text) add(stores.one, type.textProp);
  const visit = (p: IrParticle): void => {
    // (in a package of several versions, an element one version repeats and another does not gets both stores: each version's plans pick theirs)
    if (p.kind === 'element') for (const v of p.variants ?? [p]) add(isRepeating(v) ? stores.many : stores.one, p.prop);
    else if (p.kind === 'any') add(stores.many, p.prop);
    else for (const item of p.items) visit(item);
  };
  if (type.content === 'elements' && type.model) visit(type.model);
  return stores;
}
