/**
 * Decode plans: what the decoder needs about each element, resolved once per schema (cached per
 * {@link SchemaMeta}) instead of on every element: a {@link TypeInfo} per complex type (how its
 * content is read, its content automaton, its attributes, its compiled simple decoders) and a
 * {@link Leaf} per position of each automaton (where the element's value goes and how it is read).
 * Complex types are resolved when first reached, which also makes recursive types safe.
 */
import { automatonFor, type Automaton, type RecordCheck } from './content-automaton.js';
import type { AttributeMeta, ComplexTypeMeta, ElementParticle, GroupParticle, Particle, SchemaMeta, SimpleTypeMeta, TypeRef, WildcardParticle } from './meta.js';
import { isInheritedName } from './own-properties.js';
import { isRepeating } from './particles.js';
import { recordCodeOf, recordMaker, type PropertyStore, type Rec, type TypeStores } from './record-code.js';
import { isTextAsWritten, simpleDecoder, type SimpleDecoder } from './simple-decoders.js';

/** How an element's content is read. */
export const enum Kind { Elements, Simple, SimpleContent, Empty, Flag, Any }

export interface AttributeInfo {
  meta: AttributeMeta;
  decode: SimpleDecoder;
  /** its simple type (a value outside its facets may be kept: unknownElements 'keep') */
  simple: SimpleTypeMeta;
  /** its property is named like a member of Object.prototype: it is set with setOwn */
  inherited: boolean;
  /** the emitted store of its property (record-code.ts), if the schema has emitted code */
  store: PropertyStore | undefined;
}

const makeObject = (): Rec => ({});

/** A complex type, resolved. */
export class TypeInfo {
  readonly kind: Kind;
  readonly automaton: Automaton | undefined;
  /** the leaves of the automaton's positions, resolved on first use */
  readonly leaves: Array<Leaf | undefined>;
  /** checks of the type's own record (the automaton's record level 0) */
  readonly checks: RecordCheck[];
  readonly attributes: Map<string, AttributeInfo>;
  readonly required: AttributeMeta[];
  /** simple content: the text's decoder and type */
  readonly text: SimpleDecoder | undefined;
  readonly textMeta: SimpleTypeMeta | undefined;
  /** an xs:all model: its records remember the order their elements were read in */
  readonly all: boolean;
  /** the emitted stores of its records' properties (record-code.ts); undefined: the tables alone */
  readonly stores: TypeStores | undefined;
  /** makes an empty record of the type: by a constructor of its own with emitted code, else `{}` */
  readonly make: () => Rec;
  /** simple content: the emitted store of the text's property */
  readonly textStore: PropertyStore | undefined;
  /** the makers of the records of its repeating groups' iterations */
  readonly #groupMakers = new Map<GroupParticle, () => Rec>();
  #props: Map<string, string[]> | undefined = undefined;

  constructor(readonly meta: ComplexTypeMeta, schema: SchemaMeta, name: string) {
    const code = recordCodeOf(schema);
    this.stores = code !== undefined && Object.hasOwn(code, name) ? code[name] : undefined;
    this.make = this.stores === undefined ? makeObject : recordMaker();
    this.kind = meta.content === 'elements' ? Kind.Elements : meta.content === 'simple' ? Kind.SimpleContent : meta.attrs.length === 0 ? Kind.Flag : Kind.Empty;
    this.automaton = this.kind === Kind.Elements ? automatonFor(meta.model!) : undefined;
    this.leaves = this.automaton ? this.automaton.positions.map(() => undefined) : [];
    this.checks = this.automaton ? this.automaton.checks.get(null)! : [];
    this.attributes = new Map(meta.attrs.map((a) => [a.name, { meta: a, decode: simpleDecoder(schema.simple[a.type]!), simple: schema.simple[a.type]!, inherited: isInheritedName(a.prop), store: this.#storeOf(a.prop, false) }]));
    this.required = meta.attrs.filter((a) => a.required);
    this.textMeta = meta.content === 'simple' ? schema.simple[meta.text!.type]! : undefined;
    this.text = this.textMeta ? simpleDecoder(this.textMeta) : undefined;
    this.all = meta.model?.k === 'all';
    this.textStore = meta.text === undefined ? undefined : this.#storeOf(meta.text.prop, false);
  }

  /** The emitted store of a property of the type's records (none for a name of Object.prototype's: setOwn writes those). */
  #storeOf(prop: string, many: boolean): PropertyStore | undefined {
    if (this.stores === undefined || isInheritedName(prop)) return undefined;
    const stores = many ? this.stores.many : this.stores.one;
    return stores !== undefined && Object.hasOwn(stores, prop) ? stores[prop] : undefined;
  }

  /** Makes an empty record of an iteration of one of the type's repeating groups. */
  makeGroupRecord(group: GroupParticle): Rec {
    if (this.stores === undefined) return {};
    let make = this.#groupMakers.get(group);
    if (make === undefined) this.#groupMakers.set(group, (make = recordMaker()));
    return make();
  }

  /** The emitted store of an element's property at one place (see {@link Leaf.store}). */
  storeAt(prop: string, many: boolean): PropertyStore | undefined {
    return this.#storeOf(prop, many);
  }

  /**
   * The properties of the elements of this name in the type's content model (empty: the type
   * does not declare it), for unknownElements 'keep': an undeclared element is `unknown`, a
   * declared one whose property is already set `extra`, any other one that cannot be placed
   * `misplaced`.
   */
  propsOf(name: string): readonly string[] {
    if (this.#props === undefined) {
      this.#props = new Map();
      for (const p of this.automaton?.positions ?? []) {
        if (p.leaf.k !== 'el') continue;
        const props = this.#props.get(p.leaf.name);
        if (props === undefined) this.#props.set(p.leaf.name, [p.leaf.prop]);
        else if (!props.includes(p.leaf.prop)) props.push(p.leaf.prop);
      }
    }
    return this.#props.get(name) ?? NONE;
  }

  /** Whether the type's content model declares an element of this name anywhere. */
  declares(name: string): boolean {
    return this.propsOf(name).length > 0;
  }
}

const NONE: readonly string[] = [];

/** An element as it sits at one place: where its value goes and how its content is read. */
export class Leaf {
  readonly kind: Kind;
  readonly simple: SimpleDecoder | undefined;
  /** the simple type of its value or text (a value outside its facets may be kept: unknownElements 'keep') */
  readonly simpleMeta: SimpleTypeMeta | undefined;
  readonly complex: TypeInfo | undefined;
  readonly prop: string;
  /** the property is named like a member of Object.prototype: it is set with setOwn */
  readonly inherited: boolean;
  readonly array: boolean;
  readonly nillable: boolean;
  readonly dflt: string | undefined;
  /** matched by xs:any: the value keeps the element's name */
  readonly wildcard: boolean;
  /** the emitted store of its property in its parent's records (record-code.ts), if the schema has emitted code */
  readonly store: PropertyStore | undefined;
  /** a simple element whose value is its text when white space leaves that as it is (simple-decoders.ts isTextAsWritten) */
  readonly textAsWritten: boolean;

  constructor(schema: SchemaMeta, type: TypeRef, particle: ElementParticle | WildcardParticle | undefined, owner?: TypeInfo) {
    const wildcard = particle?.k === 'any';
    if (!wildcard && 's' in type) {
      this.kind = Kind.Simple;
      this.simpleMeta = schema.simple[type.s]!;
      this.simple = simpleDecoder(this.simpleMeta);
      this.complex = undefined;
    } else if (!wildcard && 'c' in type) {
      this.complex = typeInfo(schema, type.c);
      this.kind = this.complex.kind;
      this.simple = this.complex.text;
      this.simpleMeta = this.complex.textMeta;
    } else {
      this.kind = Kind.Any;
      this.simple = undefined;
      this.simpleMeta = undefined;
      this.complex = undefined;
    }
    this.prop = particle?.prop ?? '';
    this.inherited = isInheritedName(this.prop);
    this.array = particle !== undefined && (wildcard || isRepeating(particle));
    this.nillable = particle?.k === 'el' && particle.nillable === true;
    this.dflt = particle?.k === 'el' ? particle.dflt : undefined;
    this.wildcard = wildcard;
    this.store = owner === undefined || particle === undefined ? undefined : owner.storeAt(this.prop, this.array);
    this.textAsWritten = this.kind === Kind.Simple && isTextAsWritten(this.simpleMeta!);
  }
}

/** The leaf of an element kept by unknownElements: 'keep': captured raw, placed by the decoder itself. */
export const UNKNOWN_LEAF: Leaf = new Leaf({ simple: {}, complex: {} }, { any: true }, undefined);

const typesBySchema = new WeakMap<SchemaMeta, Map<string, TypeInfo>>();
const namesBySchema = new WeakMap<SchemaMeta, Set<string>>();
const rootsBySchema = new WeakMap<SchemaMeta, Map<string, Leaf>>();

export function typeInfo(schema: SchemaMeta, name: string): TypeInfo {
  let types = typesBySchema.get(schema);
  if (!types) typesBySchema.set(schema, (types = new Map()));
  let info = types.get(name);
  if (!info) types.set(name, (info = new TypeInfo(schema.complex[name]!, schema, name)));
  return info;
}

/** The leaf of the automaton position `to` of a type. */
export function leafAt(schema: SchemaMeta, type: TypeInfo, to: number): Leaf {
  let leaf = type.leaves[to];
  if (!leaf) {
    const particle = type.automaton!.positions[to]!.leaf;
    type.leaves[to] = leaf = new Leaf(schema, particle.k === 'el' ? particle.type : { any: true }, particle, type);
  }
  return leaf;
}

/** The leaf of a document's root element (cached: the codecs pass a new type reference each call). */
export function rootLeaf(schema: SchemaMeta, type: TypeRef): Leaf {
  let roots = rootsBySchema.get(schema);
  if (!roots) rootsBySchema.set(schema, (roots = new Map()));
  const key = 's' in type ? `s:${type.s}` : 'c' in type ? `c:${type.c}` : 'any';
  let leaf = roots.get(key);
  if (!leaf) roots.set(key, (leaf = new Leaf(schema, type, undefined)));
  return leaf;
}

/** Every element and attribute name the schema declares (computed once, for error messages). */
export function declaredNames(schema: SchemaMeta): Set<string> {
  let names = namesBySchema.get(schema);
  if (names) return names;
  const found = new Set<string>();
  const visit = (p: Particle): void => {
    if (p.k === 'el') found.add(p.name);
    else if (p.k !== 'any') for (const item of p.items) visit(item);
  };
  for (const type of Object.values(schema.complex)) {
    for (const attr of type.attrs) found.add(attr.name);
    if (type.model) visit(type.model);
  }
  namesBySchema.set(schema, found);
  return found;
}
