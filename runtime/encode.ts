/**
 * The encoder: a value → XML in schema order, whatever the order of the object's keys.
 *
 * It walks the content model of each type (the ordered metadata table) and checks as it goes:
 * required members, exactly one member of a choice, occurrence bounds, unknown properties and
 * every facet of every simple value. The first broken rule throws an {@link XmlEncodeError}
 * naming the element path; nothing is returned half-written.
 */
import { ValueError, XmlEncodeError } from './errors.js';
import type { AnyElement, ComplexTypeMeta, ElementParticle, GroupParticle, Particle, RawXml, SchemaMeta, TypeRef } from './meta.js';
import { keysOf, propsOfRecord } from './record-keys.js';
import { describe, encodeSimple } from './simple-values.js';
import { escapeAttribute, escapeText } from './xml-text.js';

const XSI_NIL = ' xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
type Rec = Record<string, unknown>;

class Encoder {
  /** the document so far, in pieces (joined once at the end: no quadratic copying, little garbage) */
  readonly parts: string[] = [];
  readonly path: string[] = [];
  constructor(readonly schema: SchemaMeta) {}

  fail(reason: string, extra?: string): never {
    throw new XmlEncodeError(this.path.join('/') + (extra ?? ''), reason);
  }

  element(name: string, type: TypeRef, value: unknown, nillable: boolean): void {
    this.path.push(name);
    if (value === null && nillable) this.parts.push(`<${name}${XSI_NIL}/>`);
    else if ('s' in type) this.simpleElement(name, type.s, value);
    else if ('c' in type) this.complexElement(name, this.schema.complex[type.c]!, value);
    else this.anyContent(name, value);
    this.path.pop();
  }

  simpleElement(name: string, typeName: string, value: unknown): void {
    const text = this.simpleText(typeName, value);
    this.parts.push(text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`);
  }

  /** A simple value, checked against its type and escaped for text (or, with `escape`, for an attribute). */
  simpleText(typeName: string, value: unknown, where?: string, escape: (text: string) => string = escapeText): string {
    if (value === null) this.fail('null is only allowed for a nillable element', where);
    try {
      return escape(encodeSimple(this.schema.simple[typeName]!, value));
    } catch (error) {
      if (error instanceof ValueError) this.fail(error.message, where);
      throw error;
    }
  }

  complexElement(name: string, type: ComplexTypeMeta, value: unknown): void {
    if (type.content === 'empty' && type.attrs.length === 0) {
      if (value !== true) this.fail(`expected true (an empty element), got ${describe(value)}`);
      this.parts.push(`<${name}/>`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`expected an object for ${type.name}, got ${describe(value)}`);
    const rec = value as Rec;
    let open = `<${name}`;
    for (const attr of type.attrs) {
      const v = rec[attr.prop];
      if (v === undefined) {
        if (attr.required) this.fail(`the required attribute ${attr.name} (property ${attr.prop}) is missing`);
        continue;
      }
      open += ` ${attr.name}="${this.simpleText(attr.type, v, `/@${attr.name}`, escapeAttribute)}"`;
    }
    this.checkKeys(rec, propsOfRecord(type), type.name);
    if (type.content === 'simple') {
      const text = this.simpleText(type.text!.type, rec[type.text!.prop], `.${type.text!.prop}`);
      this.parts.push(text === '' ? `${open}/>` : `${open}>${text}</${name}>`);
      return;
    }
    const at = this.parts.push(`${open}/>`);
    if (!type.model) return;
    this.particle(type.model, rec);
    if (this.parts.length > at) {
      this.parts[at - 1] = `${open}>`;
      this.parts.push(`</${name}>`);
    }
  }

  particle(p: Particle, rec: Rec): void {
    if (p.k === 'el') return this.elementParticle(p, rec);
    if (p.k === 'any') return this.wildcard(p.prop, p.min, p.max, rec);
    if (p.max === -1 || p.max > 1) return this.repeatingGroup(p, rec);
    this.groupBody(p, rec);
  }

  elementParticle(p: ElementParticle, rec: Rec): void {
    const v = rec[p.prop];
    if (v === undefined) {
      if (p.min > 0) this.fail(`the required element <${p.name}> (property ${p.prop}) is missing`);
      return;
    }
    if (p.max === -1 || p.max > 1) {
      if (!Array.isArray(v)) this.fail(`property ${p.prop} must be an array of <${p.name}> values, got ${describe(v)}`);
      this.checkCount(v.length, p.min, p.max, `<${p.name}>`);
      for (const item of v) this.element(p.name, p.type, item, p.nillable === true);
    } else this.element(p.name, p.type, v, p.nillable === true);
  }

  repeatingGroup(p: GroupParticle, rec: Rec): void {
    const items = rec[p.prop!];
    if (items === undefined) {
      if (p.min > 0) this.fail(`the required property ${p.prop} is missing`);
      return;
    }
    if (!Array.isArray(items)) this.fail(`property ${p.prop} must be an array, got ${describe(items)}`);
    this.checkCount(items.length, p.min, p.max, `items of ${p.prop}`);
    const known = propsOfRecord(p);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== 'object' || item === null) this.fail(`${p.prop}[${i}] must be an object, got ${describe(item)}`);
      this.checkKeys(item as Rec, known, `${p.prop}[${i}]`);
      this.groupBody(p, item as Rec, true);
    }
  }

  /** The content of a group for one record (a repeating group's iteration, or in place). */
  groupBody(p: GroupParticle, rec: Rec, iteration = false): void {
    if (!iteration && p.min === 0 && !keysOf(p).some((k) => rec[k] !== undefined)) return;
    if (p.k !== 'choice') {
      for (const item of p.items) this.particle(item, rec);
      return;
    }
    // the branch that holds the present properties; allocation-free unless something is wrong
    let chosen: Particle | undefined;
    let conflict = false;
    for (const branch of p.items) {
      const keys = keysOf(branch);
      let here = false;
      for (let i = 0; i < keys.length; i++) if (rec[keys[i]!] !== undefined) here = true;
      if (!here) continue;
      if (chosen === undefined) chosen = branch;
      else conflict = true;
    }
    if (conflict) {
      // several branches hold present properties: fine only if one branch holds them all (shared properties)
      const present = keysOf(p).filter((k) => rec[k] !== undefined);
      chosen = p.items.find((b) => present.every((k) => keysOf(b).includes(k)));
      if (!chosen) this.fail(`properties ${present.join(' and ')} belong to different members of one choice (${choiceNames(p)}): give exactly one`);
    }
    if (!chosen) {
      if (p.items.some((b) => nullable(b))) return;
      this.fail(`one of ${choiceNames(p)} is required (properties ${keysOf(p).join(', ')})`);
    }
    this.particle(chosen, rec);
  }

  wildcard(prop: string, min: number, max: number, rec: Rec): void {
    const v = rec[prop];
    if (v === undefined) {
      if (min > 0) this.fail(`property ${prop} (wildcard elements) is missing`);
      return;
    }
    if (!Array.isArray(v)) this.fail(`property ${prop} must be an array of elements, got ${describe(v)}`);
    this.checkCount(v.length, min, max, 'wildcard elements');
    for (const el of v as AnyElement[]) {
      if (typeof el?.name !== 'string' || !/^[\p{L}_][\p{L}\p{N}_.\-]*$/u.test(el.name)) this.fail(`a wildcard element needs a valid name, got ${describe(el?.name)}`);
      this.path.push(el.name);
      this.anyContent(el.name, el);
      this.path.pop();
    }
  }

  /** Untyped content: a string is text; {@link RawXml} is written as it is (it came from a decoder). */
  anyContent(name: string, value: unknown): void {
    if (typeof value === 'string') {
      this.parts.push(value === '' ? `<${name}/>` : `<${name}>${this.escape(value)}</${name}>`);
      return;
    }
    const raw = value as RawXml;
    if (typeof raw !== 'object' || raw === null || typeof raw.xml !== 'string') this.fail(`expected a string or { xml } for untyped content, got ${describe(value)}`);
    let open = `<${name}`;
    for (const [attr, v] of Object.entries(raw.attributes ?? {})) open += ` ${attr}="${escapeAttribute(v)}"`;
    this.parts.push(raw.xml === '' ? `${open}/>` : `${open}>${raw.xml}</${name}>`);
  }

  escape(text: string): string {
    try {
      return escapeText(text);
    } catch (error) {
      if (error instanceof ValueError) this.fail(error.message);
      throw error;
    }
  }

  checkCount(n: number, min: number, max: number, what: string): void {
    if (n < min) this.fail(`at least ${min} ${what} required, got ${n}`);
    if (max !== -1 && n > max) this.fail(`at most ${max} ${what} allowed, got ${n}`);
  }

  checkKeys(rec: Rec, known: Set<string>, owner: string): void {
    for (const key in rec) {
      if (!known.has(key) && rec[key] !== undefined) this.fail(`unknown property ${key} for ${owner}; expected one of ${[...known].join(', ')}`);
    }
  }
}

function nullable(p: Particle): boolean {
  if (p.min === 0) return true;
  if (p.k === 'el' || p.k === 'any') return false;
  return p.k === 'choice' ? p.items.some(nullable) : p.items.every(nullable);
}

function choiceNames(p: GroupParticle): string {
  return p.items.map((b) => (b.k === 'el' ? `<${b.name}>` : b.k === 'any' ? 'any element' : `(${keysOf(b).join(', ')})`)).join(', ');
}

/** Encodes `value` as the element `name` of type `type`. */
export function encodeElement(schema: SchemaMeta, name: string, type: TypeRef, value: unknown): string {
  const encoder = new Encoder(schema);
  encoder.element(name, type, value, false);
  return encoder.parts.join('');
}

/** Encodes a whole document: an XML declaration and the root element. */
export function encodeDocument(schema: SchemaMeta, name: string, type: TypeRef, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${encodeElement(schema, name, type, value)}`;
}
