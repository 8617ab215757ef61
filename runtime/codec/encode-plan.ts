/**
 * Encode plans: the metadata tables compiled once per schema (cached per {@link SchemaMeta})
 * into objects the encoder walks without looking anything up.
 *
 * Every particle becomes a {@link Step} and every complex type a {@link TypePlan}, each of one
 * shape whatever it describes (so property reads stay monomorphic), with its tags written out
 * (`<name>`, `</name>`, `<name/>`), its simple types compiled ({@link simpleEncoder}) and the
 * property sets of its records ready. Complex types are compiled when first reached, which
 * also makes recursive types safe.
 */
import type { AttributeMeta, ComplexTypeMeta, Particle, SchemaMeta, TypeRef } from './meta.js';
import { isFlagType, isNullable, isRepeating } from './particles.js';
import { keysOf, propsOfRecord } from './record-keys.js';
import { simpleEncoder, type SimpleEncoder } from './simple-encoders.js';
import { XSI_NAMESPACE } from './xml-names.js';

export const ELEMENT = 0;
export const GROUP = 1;
export const WILDCARD = 2;

const XSI_NIL = ` xsi:nil="true" xmlns:xsi="${XSI_NAMESPACE}"`;

/** A particle of a content model: an element, a model group or a wildcard. */
export class Step {
  /** element: `<name>`, `</name>`, `<name/>`, `<name` and the empty nil form */
  readonly open: string;
  readonly close: string;
  readonly empty: string;
  readonly openStart: string;
  readonly nil: string;
  /** element: the simple type's encoder, when the element has one (neither this nor `complex`: untyped content) */
  readonly simple: SimpleEncoder | undefined;
  /** element: the complex type's name, when it has one */
  readonly complex: string | undefined;
  /** element: the complex type's plan, once looked up ({@link typeOf}) */
  typePlan: TypePlan | undefined = undefined;
  readonly nillable: boolean;
  /** group: a choice */
  readonly choice: boolean;
  /** group: an xs:all (a decoded record is written in the order it was read) */
  readonly all: boolean;
  /** group: the steps of its items */
  readonly items: Step[];
  /** the properties it sets in the record it sits in */
  readonly keys: string[];
  /** repeating group: the properties of one iteration's record */
  readonly known: Set<string> | undefined;
  /** choice: a branch may be left empty */
  readonly nullableBranch: boolean;
  /** the particle, for messages */
  readonly particle: Particle;
  readonly kind: number;
  readonly name: string;
  readonly prop: string;
  readonly min: number;
  readonly max: number;
  readonly repeating: boolean;

  constructor(p: Particle, schema: SchemaMeta) {
    this.particle = p;
    this.kind = p.k === 'el' ? ELEMENT : p.k === 'any' ? WILDCARD : GROUP;
    this.name = p.k === 'el' ? p.name : '';
    this.prop = p.k === 'el' || p.k === 'any' ? p.prop : (p.prop ?? '');
    this.min = p.min;
    this.max = p.max;
    this.repeating = isRepeating(p);
    const tags = tagsOf(this.name);
    this.open = tags.open;
    this.close = tags.close;
    this.empty = tags.empty;
    this.openStart = tags.openStart;
    this.nil = tags.nil;
    const type: TypeRef | undefined = p.k === 'el' ? p.type : undefined;
    this.simple = type && 's' in type ? simpleEncoder(schema.simple[type.s]!, false) : undefined;
    this.complex = type && 'c' in type ? type.c : undefined;
    this.nillable = p.k === 'el' && p.nillable === true;
    this.choice = p.k === 'choice';
    this.all = p.k === 'all';
    this.items = p.k === 'el' || p.k === 'any' ? [] : p.items.map((item) => new Step(item, schema));
    this.keys = keysOf(p);
    this.known = this.kind === GROUP && this.repeating && p.k !== 'el' && p.k !== 'any' ? propsOfRecord(p) : undefined;
    this.nullableBranch = p.k === 'choice' && p.items.some(nullable);
  }
}

/** The tags of an element (all empty strings for a particle that is not one). */
function tagsOf(name: string): { open: string; close: string; empty: string; openStart: string; nil: string } {
  if (name === '') return { open: '', close: '', empty: '', openStart: '', nil: '' };
  return { open: `<${name}>`, close: `</${name}>`, empty: `<${name}/>`, openStart: `<${name}`, nil: `<${name}${XSI_NIL}/>` };
}

export interface AttributePlan {
  meta: AttributeMeta;
  /** ` name="` */
  lead: string;
  encode: SimpleEncoder;
}

/** A complex type, compiled. */
export class TypePlan {
  /** an empty type without attributes: its value is `true` */
  readonly flag: boolean;
  readonly attrs: AttributePlan[];
  readonly known: Set<string>;
  readonly simpleContent: boolean;
  /** simple content: the property that holds the text, and its encoder */
  readonly textProp: string;
  readonly text: SimpleEncoder | undefined;
  readonly model: Step | undefined;
  /** the model always writes at least one element (so the start tag can be written first) */
  readonly neverEmpty: boolean;

  constructor(readonly meta: ComplexTypeMeta, schema: SchemaMeta) {
    this.flag = isFlagType(meta);
    this.attrs = meta.attrs.map((a) => ({ meta: a, lead: ` ${a.name}="`, encode: simpleEncoder(schema.simple[a.type]!, true) }));
    this.known = propsOfRecord(meta);
    this.simpleContent = meta.content === 'simple';
    this.textProp = meta.text?.prop ?? '';
    this.text = meta.text ? simpleEncoder(schema.simple[meta.text.type]!, false) : undefined;
    this.model = meta.model ? new Step(meta.model, schema) : undefined;
    this.neverEmpty = meta.model !== undefined && !nullable(meta.model);
  }

  /** The plan of the complex type `name` of `schema`, compiled on first use. */
  static of(schema: SchemaMeta, name: string): TypePlan {
    let plans = plansBySchema.get(schema);
    if (!plans) plansBySchema.set(schema, (plans = new Map()));
    let plan = plans.get(name);
    if (!plan) plans.set(name, (plan = new TypePlan(schema.complex[name]!, schema)));
    return plan;
  }
}

const plansBySchema = new WeakMap<SchemaMeta, Map<string, TypePlan>>();

/** The step of a document's root element (cached: the codecs pass a new type reference each call). */
export function rootStep(schema: SchemaMeta, name: string, type: TypeRef): Step {
  let roots = rootsBySchema.get(schema);
  if (!roots) rootsBySchema.set(schema, (roots = new Map()));
  const key = `${name} ${'s' in type ? `s:${type.s}` : 'c' in type ? `c:${type.c}` : 'any'}`;
  let step = roots.get(key);
  if (!step) roots.set(key, (step = new Step({ k: 'el', name, prop: '', type, min: 1, max: 1 }, schema)));
  return step;
}

const rootsBySchema = new WeakMap<SchemaMeta, Map<string, Step>>();

/** The plan of an element step's complex type. */
export function typeOf(schema: SchemaMeta, step: Step): TypePlan {
  return (step.typePlan ??= TypePlan.of(schema, step.complex!));
}

/** Whether a particle may match nothing at all (particles.ts). */
export const nullable: (p: Particle) => boolean = isNullable;
