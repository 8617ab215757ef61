/**
 * The merged model of a package of several protocol versions (merge-versions.ts), seen from one
 * version: the types, particles and attributes that version declares, each as that version
 * declares it (its variant: type, occurrence, facets). What the metadata of that version is made
 * of (emit-version-metadata.ts): the same tables a package of that version's set alone would
 * have, under the merged model's names, except that an element whose type was learned from
 * another version has that type here too, with the types it reaches.
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import type { IrAttribute, IrComplexType, IrParticle, IrRoot, IrSchema, IrSimpleType, IrTypeRef } from './ir.js';

/** Whether a node of the merged model exists in `version` (a node without versions exists in all). */
export function inVersion(node: { versions?: string[] }, version: string): boolean {
  return node.versions === undefined || node.versions.includes(version);
}

/** A simple type's facets in `version` (its newest declaration when that version does not declare it). */
export function simpleMetaIn(type: IrSimpleType, version: string): SimpleTypeMeta {
  const variants = type.variants;
  if (!variants) return type.meta;
  return (variants.find((v) => v.versions.includes(version)) ?? variants.at(-1)!).meta;
}

/** One version's view of the merged model: copies of what it declares, and of what those reach. */
export interface VersionView {
  simpleTypes: IrSimpleType[];
  complexTypes: IrComplexType[];
  roots: IrRoot[];
}

export function versionView(ir: IrSchema, version: string): VersionView {
  const simple = new Map<IrSimpleType, IrSimpleType>();
  const complex = new Map<IrComplexType, IrComplexType>();
  const pending: Array<[IrComplexType, IrComplexType, string]> = [];
  /** the version a type is seen from: this one, or for a type this version lacks (learned from another) the newest that has it */
  const seenFrom = (type: { versions?: string[] }) => (inVersion(type, version) ? version : type.versions!.at(-1)!);

  const simpleView = (type: IrSimpleType): IrSimpleType => {
    let view = simple.get(type);
    if (!view) simple.set(type, (view = { ...type, meta: simpleMetaIn(type, seenFrom(type)) }));
    return view;
  };
  const complexView = (type: IrComplexType): IrComplexType => {
    let view = complex.get(type);
    if (!view) {
      view = { ...type };
      complex.set(type, view);
      pending.push([type, view, seenFrom(type)]);
    }
    return view;
  };
  const ref = (r: IrTypeRef): IrTypeRef => (r.kind === 'any' ? r : r.kind === 'simple' ? { kind: 'simple', type: simpleView(r.type) } : { kind: 'complex', type: complexView(r.type) });

  const particle = (p: IrParticle, version: string): IrParticle | undefined => {
    if (!inVersion(p, version)) return undefined;
    if (p.kind === 'element') {
      const v = p.variants?.find((x) => x.versions.includes(version));
      if (!v) return { ...p, type: ref(p.type) };
      const { default: dflt, ...rest } = p;
      return { ...rest, type: ref(v.type), min: v.min, max: v.max, nillable: v.nillable, ...(v.default !== undefined ? { default: v.default } : {}) };
    }
    const occurs = p.variants?.find((x) => x.versions.includes(version)) ?? p;
    if (p.kind === 'any') return { ...p, min: occurs.min, max: occurs.max };
    return { ...p, min: occurs.min, max: occurs.max, items: p.items.flatMap((item) => particle(item, version) ?? []) };
  };
  const attribute = (a: IrAttribute, version: string): IrAttribute | undefined => {
    if (!inVersion(a, version)) return undefined;
    const v = a.variants?.find((x) => x.versions.includes(version));
    if (!v) return { ...a, type: simpleView(a.type) };
    const { default: dflt, ...rest } = a;
    return { ...rest, type: simpleView(v.type), required: v.required, ...(v.default !== undefined ? { default: v.default } : {}) };
  };

  for (const type of ir.simpleTypes) if (inVersion(type, version)) simpleView(type);
  for (const type of ir.complexTypes) if (inVersion(type, version)) complexView(type);
  const roots = ir.roots.filter((r) => inVersion(r, version)).map((r) => ({ ...r, type: ref(r.type) }));
  for (let next = pending.shift(); next; next = pending.shift()) {
    const [type, view, from] = next;
    view.attrs = type.attrs.flatMap((a) => attribute(a, from) ?? []);
    const text = type.textVariants?.find((t) => t.versions.includes(from))?.type ?? type.text;
    if (text) view.text = simpleView(text);
    const model = type.model && particle(type.model, from);
    if (model) view.model = model;
    else delete view.model;
  }
  // in the merged model's order: the metadata's keys are sorted anyway, and a type's first use decides nothing
  return { simpleTypes: ir.simpleTypes.filter((t) => simple.has(t)).map((t) => simple.get(t)!), complexTypes: ir.complexTypes.filter((t) => complex.has(t)).map((t) => complex.get(t)!), roots };
}
