/**
 * The encoder: a value → XML in schema order, whatever the order of the object's keys.
 *
 * It walks the content model of each type (compiled once into an encode plan, see
 * encode-plan.ts) and checks as it goes: required members, exactly one member of a choice,
 * occurrence bounds, unknown properties and every facet of every simple value. The first broken
 * rule throws an {@link XmlEncodeError} naming the element path; nothing is returned half-written.
 *
 * Only own enumerable properties are read (as JSON.stringify and structuredClone do; see
 * own-properties.ts): an inherited property, a polluted Object.prototype included, is never
 * written, and a property named like an Object.prototype member (`constructor`) is written only
 * when the value has it.
 *
 * Every tag is written out in the plan and appended to a MarkupWriter: no per-element
 * template strings, arrays or closures. What a decoder kept (unknownElements 'keep') and the
 * order it read an xs:all record's elements in are written back as they were read
 * (drift-writer.ts); a record built by hand is written in schema order.
 */
import { ValueError } from './errors.js';
import { ELEMENT, rootStep, typeOf, WILDCARD, type Step, type TypePlan } from './encode-plan.js';
import type { AnyElement, SchemaMeta, TypeRef } from './meta.js';
import { READ_ORDER, UNKNOWN_CONTENT, type UnknownContent } from './decode-options.js';
import { DriftWriter } from './drift-writer.js';
import { own, ownHidden } from './own-properties.js';
import type { SimpleEncoder } from './simple-encoders.js';
import { describe } from './simple-values.js';
import { isElementName } from './xml-names.js';

type Rec = Record<string, unknown>;

class Encoder extends DriftWriter {
  constructor(public schema: SchemaMeta) {
    super();
  }

  reset(schema: SchemaMeta): void {
    this.schema = schema;
    this.path.length = 0;
    this.drift = undefined;
    this.clear();
  }

  /** An element; `rec`, `index`: where its value is (-1: not in an array), for a value kept as read. */
  element(step: Step, value: unknown, rec: Rec | undefined, index: number): void {
    if (this.drift !== undefined) this.beforeChild(this.drift);
    this.path.push(step.name);
    if (value === null && step.nillable) this.write(step.nil);
    else if (step.simple !== undefined) {
      const text = this.simpleText(step.simple, value, undefined, rec, step.prop, index, false);
      this.write(text === '' ? step.empty : step.open + text + step.close);
    } else if (step.complex !== undefined) this.complexElement(step, typeOf(this.schema, step), value);
    else this.anyContent(step.name, value);
    this.path.pop();
  }

  /** A simple value, checked against its type and escaped by its compiled encoder (or as a decoder kept it, while unchanged). */
  simpleText(encode: SimpleEncoder, value: unknown, where: string | undefined, rec: Rec | undefined, prop: string, index: number, attribute: boolean): string {
    if (value === null) this.fail('null is only allowed for a nillable element', where);
    try {
      return encode(value);
    } catch (error) {
      if (error instanceof ValueError) return this.keptText(error, value, where, rec, prop, index, attribute);
      throw error;
    }
  }

  complexElement(step: Step, type: TypePlan, value: unknown): void {
    if (type.flag) {
      if (value !== true) this.fail(`expected true (an empty element), got ${describe(value)}`);
      this.write(step.empty);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`expected an object for ${type.meta.name}, got ${describe(value)}`);
    const rec = value as Rec;
    let open: string | undefined; // the start tag so far, once an attribute is written
    for (const attr of type.attrs) {
      const v = own(rec, attr.meta.prop);
      if (v === undefined) {
        if (attr.meta.required) this.fail(`the required attribute ${attr.meta.name} (property ${attr.meta.prop}) is missing`);
        continue;
      }
      open = `${open ?? step.openStart}${attr.lead}${this.simpleText(attr.encode, v, `/@${attr.meta.name}`, rec, attr.meta.prop, -1, true)}"`;
    }
    const unknown = unknownKey(rec, type.known);
    if (unknown !== undefined) this.failUnknown(unknown, type.known, type.meta.name);
    const kept = ownHidden(rec, UNKNOWN_CONTENT) as UnknownContent | undefined;
    if (kept !== undefined && kept.attributes !== undefined) open = this.keptAttributes(open ?? step.openStart, kept.attributes);
    const start = open === undefined ? step.open : `${open}>`;
    const empty = open === undefined ? step.empty : `${open}/>`;
    const elements = kept !== undefined && kept.elements.length > 0 ? kept.elements : undefined;
    if (type.simpleContent) {
      if (elements !== undefined) this.fail(`kept unknown elements cannot be written inside the text of ${type.meta.name}`);
      const text = this.simpleText(type.text!, own(rec, type.textProp), `.${type.textProp}`, rec, type.textProp, -1, false);
      this.write(text === '' ? empty : start + text + step.close);
      return;
    }
    const outer = this.drift;
    if (!type.model) {
      if (elements === undefined) this.write(empty);
      else {
        // an empty type's record, with elements a decoder kept
        this.write(start);
        this.drift = { elements, next: 0, children: 0 };
        this.restOfDrift(this.drift);
        this.drift = outer;
        this.write(step.close);
      }
      return;
    }
    this.drift = elements !== undefined ? { elements, next: 0, children: 0 } : undefined;
    if (type.neverEmpty) {
      this.write(start);
      this.particle(type.model, rec);
      if (this.drift !== undefined) this.restOfDrift(this.drift);
      this.write(step.close);
    } else {
      // the content may turn out empty: the start tag waits for the first child
      const mark = this.openLater(start);
      this.particle(type.model, rec);
      if (this.drift !== undefined) this.restOfDrift(this.drift);
      this.closeLater(mark, empty, step.close);
    }
    this.drift = outer;
  }

  particle(step: Step, rec: Rec): void {
    if (step.kind === ELEMENT) this.elementParticle(step, rec);
    else if (step.kind === WILDCARD) this.wildcard(step, rec);
    else if (step.repeating) this.repeatingGroup(step, rec);
    else this.groupBody(step, rec, false);
  }

  elementParticle(step: Step, rec: Rec): void {
    const v = own(rec, step.prop);
    if (v === undefined) {
      if (step.min > 0) this.fail(`the required element <${step.name}> (property ${step.prop}) is missing`);
      return;
    }
    if (!step.repeating) return this.element(step, v, rec, -1);
    if (!Array.isArray(v)) this.fail(`property ${step.prop} must be an array of <${step.name}> values, got ${describe(v)}`);
    this.checkCount(v.length, step, `<${step.name}>`);
    for (let i = 0; i < v.length; i++) this.element(step, v[i], rec, i);
  }

  repeatingGroup(step: Step, rec: Rec): void {
    const items = own(rec, step.prop);
    if (items === undefined) {
      if (step.min > 0) this.fail(`the required property ${step.prop} is missing`);
      return;
    }
    if (!Array.isArray(items)) this.fail(`property ${step.prop} must be an array, got ${describe(items)}`);
    this.checkCount(items.length, step, `items of ${step.prop}`);
    const known = step.known!;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== 'object' || item === null) this.fail(`${step.prop}[${i}] must be an object, got ${describe(item)}`);
      const unknown = unknownKey(item as Rec, known);
      if (unknown !== undefined) this.failUnknown(unknown, known, `${step.prop}[${i}]`);
      this.groupBody(step, item as Rec, true);
    }
  }

  /** The content of a group for one record (a repeating group's iteration, or in place). */
  groupBody(step: Step, rec: Rec, iteration: boolean): void {
    if (!iteration && step.min === 0 && !anyPresent(step.keys, rec)) return;
    const items = step.items;
    if (!step.choice) {
      const order = step.all ? (ownHidden(rec, READ_ORDER) as readonly string[] | undefined) : undefined;
      if (order !== undefined) return this.inReadOrder(step, rec, order);
      for (let i = 0; i < items.length; i++) this.particle(items[i]!, rec);
      return;
    }
    // the branch that holds the present properties
    let chosen: Step | undefined;
    let conflict = false;
    for (let b = 0; b < items.length; b++) {
      if (!anyPresent(items[b]!.keys, rec)) continue;
      if (chosen === undefined) chosen = items[b];
      else conflict = true;
    }
    if (conflict) {
      // several branches hold present properties: fine only if one branch holds them all (shared properties)
      const present = step.keys.filter((k) => own(rec, k) !== undefined);
      chosen = items.find((b) => present.every((k) => b.keys.includes(k)));
      if (!chosen) this.fail(`properties ${present.join(' and ')} belong to different members of one choice (${choiceNames(step)}): give exactly one`);
    }
    if (!chosen) {
      if (step.nullableBranch) return;
      this.fail(`one of ${choiceNames(step)} is required (properties ${step.keys.join(', ')})`);
    }
    this.particle(chosen, rec);
  }

  /**
   * An xs:all record that a decoder read: the elements it read in the order it read them, then
   * any the record has gained since, in schema order.
   */
  inReadOrder(step: Step, rec: Rec, order: readonly string[]): void {
    const items = step.items;
    const written = new Set<Step>();
    for (const prop of order) {
      const item = items.find((i) => i.prop === prop);
      if (item === undefined || written.has(item)) continue;
      written.add(item);
      this.particle(item, rec);
    }
    for (const item of items) if (!written.has(item)) this.particle(item, rec);
  }

  wildcard(step: Step, rec: Rec): void {
    const v = own(rec, step.prop);
    if (v === undefined) {
      if (step.min > 0) this.fail(`property ${step.prop} (wildcard elements) is missing`);
      return;
    }
    if (!Array.isArray(v)) this.fail(`property ${step.prop} must be an array of elements, got ${describe(v)}`);
    this.checkCount(v.length, step, 'wildcard elements');
    for (const el of v as AnyElement[]) {
      if (this.drift !== undefined) this.beforeChild(this.drift);
      const name = typeof el === 'object' && el !== null ? own(el as unknown as Rec, 'name') : undefined;
      if (!isElementName(name)) this.fail(`a wildcard element needs a valid XML name (no colon), got ${describe(name)}`);
      this.path.push(name);
      this.anyContent(name, el);
      this.path.pop();
    }
  }

  checkCount(n: number, step: Step, what: string): void {
    if (n < step.min) this.fail(`at least ${step.min} ${what} required, got ${n}`);
    if (step.max !== -1 && n > step.max) this.fail(`at most ${step.max} ${what} allowed, got ${n}`);
  }

  failUnknown(key: string, known: Set<string>, owner: string): never {
    this.fail(`unknown property ${key} for ${owner}; expected one of ${[...known].join(', ')}`);
  }
}

/** An own enumerable property of `rec` that is set but not one of `known`. */
function unknownKey(rec: Rec, known: Set<string>): string | undefined {
  for (const key in rec) if (!known.has(key) && own(rec, key) !== undefined) return key;
  return undefined;
}

function anyPresent(keys: string[], rec: Rec): boolean {
  for (let i = 0; i < keys.length; i++) if (own(rec, keys[i]!) !== undefined) return true;
  return false;
}

function choiceNames(step: Step): string {
  return step.items.map((b) => (b.kind === ELEMENT ? `<${b.name}>` : b.kind === WILDCARD ? 'any element' : `(${b.keys.join(', ')})`)).join(', ');
}

/**
 * The encoder between two calls, kept for the next one. Besides saving an allocation, an encoder
 * always alive keeps its hidden class alive: when none is, a full collection frees that class
 * and every optimized encoder method that checks for it is thrown away.
 */
let idle: Encoder | undefined = new Encoder({ simple: {}, complex: {} });

/** Encodes `value` as the element `name` of type `type`. */
export function encodeElement(schema: SchemaMeta, name: string, type: TypeRef, value: unknown): string {
  // a getter of the value could encode something else meanwhile: then that call gets its own encoder
  const encoder = idle ?? new Encoder(schema);
  idle = undefined;
  encoder.reset(schema);
  try {
    encoder.element(rootStep(schema, name, type), value, undefined, -1);
    return encoder.take();
  } finally {
    encoder.reset(encoder.schema);
    idle = encoder;
  }
}

/** Encodes a whole document: an XML declaration and the root element. */
export function encodeDocument(schema: SchemaMeta, name: string, type: TypeRef, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${encodeElement(schema, name, type, value)}`;
}
