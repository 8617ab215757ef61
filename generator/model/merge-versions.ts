/**
 * Several protocol versions' models → one model (a package of several labelled schema sets).
 *
 * Each version's schema set is loaded and built into IR on its own (with the passes that read
 * nothing but its schemas: Plesk's conventions, refinements, integers); this step folds them,
 * oldest first, into one IR in which every type, element, group, wildcard and attribute records
 * the versions that declare it (`versions`) and how each declares it (`variants`: type,
 * occurrence, nillable, default; a simple type's facets per version). The naming passes, the
 * operations analysis and the printers then run once, on the merged model; the metadata of each
 * version is the merged model seen from that version (version-view.ts), exactly that version's
 * declarations except where a type was learned (below).
 *
 * What is matched with what:
 * - named types by XSD name and file (`server_input.xsd` `getType` of 1.6.6.0 and of 1.6.9.1), the
 *   built-ins by name: a type both sets declare is one node, with one TypeScript name;
 * - within a matched type, its attributes by name and its content model by structure
 *   (merge-particles.ts): a sequence's, choice's or all's items aligned (elements by name,
 *   groups by kind and the element names they hold), an element of one version only kept in
 *   place beside the others;
 * - anonymous types through the element that holds them (the structural path).
 * A complex type two versions declare with different kinds of content (elements in one, text in
 * the other) stays two nodes, and the element holding them gets both types.
 *
 * Decisions (docs/protocol-versions-and-drift.md):
 * - the TypeScript type of an element is the union of its versions' types (`number | string`
 *   when one version says xs:int and another xs:string), so that it holds what any version sends
 *   or answers; an element or attribute some versions of its record lack is optional; a simple
 *   type's values are the union of its versions' values;
 * - an element that some versions type and others leave xs:anyType takes the typed versions'
 *   type in every version, recorded as `learned` (its JSDoc says so): the schemas of the untyped
 *   versions say nothing against it, and XmlAny would make the type useless in all of them.
 */
import { compareProtocolVersions } from '../../runtime/client/protocol-versions.js';
import type { IrAttribute, IrComplexType, IrElement, IrElementVariant, IrParticle, IrSchema, IrSimpleType, IrTypeRef, IrVersion } from './ir.js';
import { alignItems, finishModel, sameVariant } from './merge-particles.js';

/** One version's model, built from its own schema set. */
export interface VersionIr {
  protocolVersion: string;
  revision: string;
  ir: IrSchema;
}

type AnyType = IrComplexType | IrSimpleType;

export function mergeVersions(inputs: VersionIr[]): IrSchema {
  const sorted = [...inputs].sort((a, b) => compareProtocolVersions(a.protocolVersion, b.protocolVersion));
  const merger = new VersionMerger(sorted[0]!);
  for (const next of sorted.slice(1)) merger.fold(next);
  const ir = merger.merged;
  finishModel(ir);
  ir.versions = sorted.map((s): IrVersion => ({ protocolVersion: s.protocolVersion, revision: s.revision, entries: s.ir.entries, files: s.ir.files }));
  ir.entries = sorted.flatMap((s) => s.ir.entries.map((e) => `${e} (${s.protocolVersion})`));
  ir.files = [...new Set(sorted.flatMap((s) => s.ir.files))];
  return ir;
}

/** The key a named type is matched by: its file and XSD name (built-ins: `(built-in)` and `xs:…`). */
function keyOf(type: AnyType): string | undefined {
  return type.xsdName === undefined ? undefined : `${type.loc.file}\u0000${type.xsdName}`;
}

/** Two declarations of one complex type can be one node: the same kind of content, and models that start alike. */
function compatible(m: IrComplexType, b: IrComplexType): boolean {
  if (m.content !== b.content || (m.text === undefined) !== (b.text === undefined)) return false;
  const x = m.model;
  const y = b.model;
  if (x === undefined || y === undefined) return x === y;
  return x.kind === y.kind && (x.kind !== 'element' || x.name === (y as IrElement).name);
}

export class VersionMerger {
  readonly merged: IrSchema;
  /** the version being folded in */
  private version: string;
  private readonly complexByKey = new Map<string, IrComplexType>();
  private readonly simpleByKey = new Map<string, IrSimpleType>();
  /** per fold: each incoming type → its merged node */
  private readonly mapped = new Map<AnyType, AnyType>();
  /** per fold: merged nodes that an incoming type was merged into already */
  private readonly taken = new Set<AnyType>();
  private readonly work: Array<() => void> = [];
  /**
   * per fold: each incoming particle or attribute → the merged one, and the merged ones already
   * merged. A derived type shares its base's particles, so one particle is met once per type
   * that has it, and is merged once.
   */
  private readonly done = new Map<object, object>();
  private readonly touched = new Set<object>();
  /** every node of the merged model */
  private readonly nodes = new Set<AnyType>();

  constructor(first: VersionIr) {
    this.version = first.protocolVersion;
    const { simpleTypes, complexTypes, roots } = first.ir;
    this.merged = { ...first.ir, simpleTypes: [], complexTypes: [], roots: [] };
    for (const root of roots) this.merged.roots.push({ ...root, type: this.ref(root.type, []), versions: [this.version] });
    for (const type of simpleTypes) this.simple(type, []);
    for (const type of complexTypes) this.complex(type, []);
    this.drain();
  }

  /** Folds a newer version into the merged model. */
  fold(next: VersionIr): void {
    this.version = next.protocolVersion;
    this.mapped.clear();
    this.taken.clear();
    this.done.clear();
    this.touched.clear();
    const ir = next.ir;
    for (const type of ir.simpleTypes) {
      const m = this.simpleByKey.get(keyOf(type) ?? '');
      if (m) this.mapSimple(type, m);
    }
    for (const type of ir.complexTypes) {
      const m = this.complexByKey.get(keyOf(type) ?? '');
      if (m && compatible(m, type)) this.mapComplex(type, m);
    }
    for (const root of ir.roots) {
      const m = this.merged.roots.find((r) => (root.packet !== undefined ? r.packet === root.packet : r.packet === undefined && r.set === root.set) && r.name === root.name);
      if (m) {
        m.versions!.push(this.version);
        const type = this.ref(root.type, [m.type]);
        if (type.kind === m.type.kind && (type.kind === 'any' || (m.type as { type: AnyType }).type === (type as { type: AnyType }).type)) continue;
        // the same global element with a type that could not be merged: the newer version's stands beside it
        this.merged.roots.push({ ...root, type, versions: [this.version] });
      } else {
        this.merged.roots.push({ ...root, type: this.ref(root.type, []), versions: [this.version] });
      }
    }
    this.drain();
    // types no root and no matched type reaches (backup.xsd's alone) are adopted all the same
    for (const type of ir.simpleTypes) this.simple(type, []);
    for (const type of ir.complexTypes) this.complex(type, []);
    this.drain();
    for (const direction of ['request', 'response'] as const) {
      const packet = ir.packets[direction];
      if (packet && this.merged.packets[direction] === undefined) this.merged.packets[direction] = this.mapped.get(packet) as IrComplexType;
    }
  }

  private drain(): void {
    for (let next = this.work.shift(); next; next = this.work.shift()) next();
  }

  /** The merged reference for an incoming one; `candidates` are the types the merged element has so far (for anonymous types). */
  ref(ref: IrTypeRef, candidates: IrTypeRef[]): IrTypeRef {
    if (ref.kind === 'any') return ref;
    if (ref.kind === 'simple') return { kind: 'simple', type: this.simple(ref.type, candidates.flatMap((c) => (c.kind === 'simple' ? [c.type] : []))) };
    return { kind: 'complex', type: this.complex(ref.type, candidates.flatMap((c) => (c.kind === 'complex' ? [c.type] : []))) };
  }

  simple(type: IrSimpleType, candidates: IrSimpleType[]): IrSimpleType {
    const done = this.mapped.get(type) as IrSimpleType | undefined;
    if (done) return done;
    if (this.nodes.has(type)) return type;
    const key = keyOf(type);
    const m = key !== undefined ? this.simpleByKey.get(key) : candidates.find((c) => c.xsdName === undefined && !this.taken.has(c));
    if (m) {
      this.mapSimple(type, m);
      return m;
    }
    this.mapped.set(type, type);
    this.nodes.add(type);
    type.versions = [this.version];
    type.variants = [{ versions: [this.version], meta: type.meta }];
    if (key !== undefined) this.simpleByKey.set(key, type);
    // built-ins are found through the elements that use them, never listed
    if (type.loc.file !== '(built-in)') this.merged.simpleTypes.push(type);
    return type;
  }

  private mapSimple(type: IrSimpleType, m: IrSimpleType): void {
    if (this.mapped.has(type)) return;
    this.mapped.set(type, m);
    this.taken.add(m);
    m.versions!.push(this.version);
    const text = JSON.stringify(type.meta);
    const same = m.variants!.find((v) => JSON.stringify(v.meta) === text);
    if (same) same.versions.push(this.version);
    else m.variants!.push({ versions: [this.version], meta: type.meta });
    m.doc ??= type.doc;
  }

  complex(type: IrComplexType, candidates: IrComplexType[]): IrComplexType {
    const done = this.mapped.get(type) as IrComplexType | undefined;
    if (done) return done;
    if (this.nodes.has(type)) return type;
    const key = keyOf(type);
    const m = key === undefined ? candidates.find((c) => c.xsdName === undefined && !this.taken.has(c) && compatible(c, type)) : undefined;
    if (m) {
      this.mapComplex(type, m);
      return m;
    }
    return this.adoptComplex(type, key);
  }

  private mapComplex(type: IrComplexType, m: IrComplexType): void {
    if (this.mapped.has(type)) return;
    this.mapped.set(type, m);
    this.taken.add(m);
    this.work.push(() => this.mergeComplex(m, type));
  }

  private adoptComplex(type: IrComplexType, key: string | undefined): IrComplexType {
    this.mapped.set(type, type);
    this.nodes.add(type);
    type.versions = [this.version];
    if (key !== undefined && !this.complexByKey.has(key)) this.complexByKey.set(key, type);
    this.merged.complexTypes.push(type);
    this.work.push(() => {
      type.attrs = type.attrs.map((attr) => this.adoptAttribute(attr));
      if (type.text) {
        type.text = this.simple(type.text, []);
        type.textVariants = [{ versions: [this.version], type: type.text }];
      }
      if (type.model) type.model = this.adoptParticle(type.model);
    });
    return type;
  }

  private adoptAttribute(attr: IrAttribute): IrAttribute {
    if (this.done.has(attr)) return this.done.get(attr) as IrAttribute;
    this.done.set(attr, attr);
    this.touched.add(attr);
    attr.type = this.simple(attr.type, []);
    attr.versions = [this.version];
    attr.variants = [{ versions: [this.version], type: attr.type, required: attr.required, ...(attr.default !== undefined ? { default: attr.default } : {}) }];
    return attr;
  }

  /** Gives an incoming particle (and everything inside it) its version and merged type references. */
  adoptParticle(p: IrParticle): IrParticle {
    if (this.done.has(p)) return this.done.get(p) as IrParticle;
    this.done.set(p, p);
    this.touched.add(p);
    p.versions = [this.version];
    if (p.kind === 'element') {
      p.type = this.ref(p.type, []);
      p.variants = [this.variantOf(p, p.type)];
      return p;
    }
    p.variants = [{ versions: [this.version], min: p.min, max: p.max }];
    if (p.kind !== 'any') p.items = p.items.map((item) => this.adoptParticle(item));
    return p;
  }

  private variantOf(p: IrElement, type: IrTypeRef): IrElementVariant {
    return { versions: [this.version], type, min: p.min, max: p.max, nillable: p.nillable, ...(p.default !== undefined ? { default: p.default } : {}) };
  }

  /**
   * Whether `b` or `m` was merged in this fold already (through another type that shares it), and
   * `m` stays as it is; records the pair otherwise.
   */
  private once(m: object, b: object): boolean {
    if (this.done.has(b)) return true;
    this.done.set(b, m);
    if (this.touched.has(m)) return true;
    this.touched.add(m);
    return false;
  }

  private mergeComplex(m: IrComplexType, b: IrComplexType): void {
    m.versions!.push(this.version);
    m.doc ??= b.doc;
    m.attrs = alignItems(m.attrs, b.attrs, (x, y) => x.name === y.name, (x, y) => this.mergeAttribute(x, y), (y) => this.adoptAttribute(y));
    if (b.text) {
      const text = this.simple(b.text, (m.textVariants ?? []).map((v) => v.type));
      const same = m.textVariants!.find((v) => v.type === text);
      if (same) same.versions.push(this.version);
      else m.textVariants!.push({ versions: [this.version], type: text });
    }
    if (m.model && b.model) m.model = this.mergeParticle(m.model, b.model);
  }

  private mergeAttribute(m: IrAttribute, b: IrAttribute): IrAttribute {
    if (this.once(m, b)) return m;
    m.versions!.push(this.version);
    const type = this.simple(b.type, m.variants!.map((v) => v.type));
    const variant = { versions: [this.version], type, required: b.required, ...(b.default !== undefined ? { default: b.default } : {}) };
    const same = m.variants!.find((v) => v.type === variant.type && v.required === variant.required && v.default === variant.default);
    if (same) same.versions.push(this.version);
    else m.variants!.push(variant);
    m.doc ??= b.doc;
    return m;
  }

  /** Merges an incoming particle into a merged one it was aligned with (the same kind; elements of one name). */
  mergeParticle(m: IrParticle, b: IrParticle): IrParticle {
    if (this.once(m, b)) return m;
    m.versions!.push(this.version);
    if (m.kind === 'element' && b.kind === 'element') {
      const variant = this.variantOf(b, this.ref(b.type, m.variants!.map((v) => v.type)));
      const same = m.variants!.find((v) => sameVariant(v, variant));
      if (same) same.versions.push(this.version);
      else m.variants!.push(variant);
      m.doc ??= b.doc;
      return m;
    }
    if (m.kind === 'element' || b.kind === 'element') throw new Error('internal: an element aligned with a group');
    const occurs = m.variants!.find((v) => v.min === b.min && v.max === b.max);
    if (occurs) occurs.versions.push(this.version);
    else m.variants!.push({ versions: [this.version], min: b.min, max: b.max });
    if (m.kind !== 'any' && b.kind !== 'any') m.items = alignItems(m.items, b.items, sameParticle, (x, y) => this.mergeParticle(x, y), (y) => this.adoptParticle(y));
    return m;
  }
}

/** Whether two particles of two versions stand for one another: elements of one name, groups of one kind holding some element of one name, wildcards. */
function sameParticle(x: IrParticle, y: IrParticle): boolean {
  if (x.kind !== y.kind) return false;
  if (x.kind === 'element') return x.name === (y as IrElement).name;
  if (x.kind === 'any') return true;
  const names = elementNames(x);
  const other = elementNames(y);
  return (names.size === 0 && other.size === 0) || [...other].some((n) => names.has(n));
}

function elementNames(p: IrParticle, out = new Set<string>()): Set<string> {
  if (p.kind === 'element') out.add(p.name);
  else if (p.kind !== 'any') for (const item of p.items) elementNames(item, out);
  return out;
}
