/**
 * What one protocol version's tables declare, asked of a value or of a path, for a package of
 * several versions (one set of tables per version, metadata.ts):
 *
 * - {@link firstUndeclared}: the first element, attribute or enumeration value of a packet (a
 *   value, walked property by property along the tables) that a version does not declare —
 *   `packet/backup-manager` for a backup-manager call in 1.6.9.1;
 * - {@link declaresProps} / {@link declaresNames}: whether a version declares what sits at a path
 *   of properties (from a value) or of XML names (from an answer, for drift reports).
 *
 * Only what is declared is looked at: a value a version declares but refuses (a missing required
 * element, a string too long) is the encoder's to report. And {@link namedVersion}: the version a
 * document names on its root (`<packet version="1.6.6.0">`), read before it is decoded.
 */
import type { ComplexTypeMeta, Particle, SchemaMeta, SimpleTypeMeta, TypeRef } from '../codec/meta.js';
import { own } from '../codec/own-properties.js';

/** A part of a value the tables do not declare. */
export interface Undeclared {
  kind: 'element' | 'attribute' | 'value';
  /** the properties leading to it from the root, the last its own (for a value: the property holding it) */
  props: string[];
  /** the XML names of the elements leading to it, as far as these tables know them */
  names: string[];
  /** the value, for kind `value` */
  value?: string;
}

/** Where a property of a record leads: an attribute, the text, an element, or the records of a repeating group. */
type Member =
  | { k: 'attr'; name: string; type: string }
  | { k: 'text'; type: string }
  | { k: 'el'; name: string; type: TypeRef }
  | { k: 'group'; items: readonly Particle[] }
  | { k: 'any' };

/** The members of a record (a complex type, or one iteration of a repeating group) by property. */
function member(record: { attrs?: ComplexTypeMeta['attrs']; text?: ComplexTypeMeta['text']; particles: readonly Particle[] }, prop: string): Member | undefined {
  const attr = record.attrs?.find((a) => a.prop === prop);
  if (attr) return { k: 'attr', name: attr.name, type: attr.type };
  if (record.text?.prop === prop) return { k: 'text', type: record.text.type };
  const find = (particles: readonly Particle[]): Member | undefined => {
    for (const p of particles) {
      if (p.k === 'el') {
        if (p.prop === prop) return { k: 'el', name: p.name, type: p.type };
      } else if (p.k === 'any') {
        if (p.prop === prop) return { k: 'any' };
      } else if (p.prop !== undefined && (p.max > 1 || p.max === -1)) {
        if (p.prop === prop) return { k: 'group', items: p.items };
      } else {
        const inner = find(p.items);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return find(record.particles);
}

function recordOf(type: ComplexTypeMeta | undefined): Parameters<typeof member>[0] | undefined {
  return type && { attrs: type.attrs, ...(type.text ? { text: type.text } : {}), particles: type.model ? [type.model] : [] };
}

/** Whether a simple value is one a type with an enumeration lists (a type without one declares every value). */
function valueDeclared(schema: SchemaMeta, meta: SimpleTypeMeta | undefined, value: unknown): boolean {
  if (!meta || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint')) return true;
  if (meta.union) return meta.union.some((m) => valueDeclared(schema, m, value));
  if (meta.list) return typeof value !== 'string' || value.trim().split(/\s+/).every((item) => valueDeclared(schema, meta.list, item));
  if (!meta.enum) return true;
  const text = meta.ws === 'preserve' ? String(value) : String(value).replace(/[\t\n\r ]+/g, ' ').trim();
  return meta.enum.includes(text) || (meta.family !== 'string' && meta.enum.some((e) => Number(e) === Number(text)));
}

/** The first part of `value` (of the root type `type`) that `schema` does not declare, in property order; undefined when it declares all. */
export function firstUndeclared(schema: SchemaMeta, type: TypeRef, value: unknown): Undeclared | undefined {
  const walk = (ref: TypeRef, v: unknown, props: string[], names: string[]): Undeclared | undefined => {
    if ('any' in ref) return undefined;
    if ('s' in ref) return valueDeclared(schema, schema.simple[ref.s], v) ? undefined : { kind: 'value', props, names, value: String(v) };
    return walkRecord(recordOf(schema.complex[ref.c]), v, props, names);
  };
  const walkRecord = (record: Parameters<typeof member>[0] | undefined, v: unknown, props: string[], names: string[]): Undeclared | undefined => {
    if (!record || v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    for (const key of Object.keys(v)) {
      const item = own(v, key);
      if (item === undefined) continue;
      const at = [...props, key];
      const m = member(record, key);
      if (!m) return { kind: 'element', props: at, names };
      const each = Array.isArray(item) ? item : [item];
      for (const one of each) {
        const found =
          m.k === 'attr' ? (valueDeclared(schema, schema.simple[m.type], one) ? undefined : { kind: 'value' as const, props: at, names: [...names, `@${m.name}`], value: String(one) })
          : m.k === 'text' ? walk({ s: m.type }, one, at, names)
          : m.k === 'el' ? walk(m.type, one, at, [...names, m.name])
          : m.k === 'group' ? walkRecord({ particles: m.items }, one, at, names)
          : undefined;
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(type, value, [], []);
}

/** Whether `schema` declares what the properties `props` lead to from the root type (and, with `value`, that value there). */
export function declaresProps(schema: SchemaMeta, type: TypeRef, props: readonly string[], value?: string): { declared: boolean; names: string[] } {
  let record = 'c' in type ? recordOf(schema.complex[type.c]) : undefined;
  let last: Member | undefined;
  const names: string[] = [];
  for (const prop of props) {
    if (!record) return { declared: false, names };
    last = member(record, prop);
    if (!last) return { declared: false, names };
    if (last.k === 'el') names.push(last.name);
    if (last.k === 'attr') names.push(`@${last.name}`);
    record = last.k === 'el' && 'c' in last.type ? recordOf(schema.complex[last.type.c]) : last.k === 'group' ? { particles: last.items } : undefined;
  }
  if (value === undefined || !last) return { declared: true, names };
  const simple = last.k === 'attr' || last.k === 'text' ? last.type : last.k === 'el' && 's' in last.type ? last.type.s : undefined;
  return { declared: simple === undefined || valueDeclared(schema, schema.simple[simple], value), names };
}

/**
 * Whether `schema` declares the element (or `@attribute`) at an answer's path of XML names
 * (`packet/backup-manager/get-tasks-info/result/task/queue-pos`), the root's name first; a
 * repeating group is looked through, as the document does not show it. With `value`: whether the
 * enumeration there lists that value.
 */
export function declaresNames(schema: SchemaMeta, type: TypeRef, path: string, value?: string): boolean {
  const steps = path.split('/').slice(1);
  let particles: readonly Particle[] | undefined = 'c' in type ? recordOf(schema.complex[type.c])?.particles : undefined;
  let attrs = 'c' in type ? schema.complex[type.c]?.attrs : undefined;
  let simple: string | undefined;
  for (const [i, step] of steps.entries()) {
    if (step.startsWith('@')) {
      const attr = (attrs ?? []).find((a) => a.name === step.slice(1));
      if (i !== steps.length - 1 || !attr) return false;
      simple = attr.type;
      break;
    }
    const found = elementNamed(particles ?? [], step);
    if (!found) return false;
    const next = 'c' in found.type ? schema.complex[found.type.c] : undefined;
    particles = next?.model ? [next.model] : [];
    attrs = next?.attrs;
    simple = 's' in found.type ? found.type.s : next?.text?.type;
  }
  if (value === undefined) return true;
  const meta = simple === undefined ? undefined : schema.simple[simple];
  return meta?.enum !== undefined && valueDeclared(schema, meta, value);
}

function elementNamed(particles: readonly Particle[], name: string): Extract<Particle, { k: 'el' }> | undefined {
  for (const p of particles) {
    if (p.k === 'el') {
      if (p.name === name) return p;
    } else if (p.k !== 'any') {
      const inner = elementNamed(p.items, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * The version a document names on its root element (`<packet version="1.6.6.0">`), read from its
 * start without decoding it (a string, or UTF-8 bytes: their first KiB); undefined when it names none.
 */
export function namedVersion(document: string | Uint8Array): string | undefined {
  const text = typeof document === 'string' ? document.slice(0, 1024) : new TextDecoder().decode(document.subarray(0, 1024));
  const start = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<[\w.-]+\b([^>]*)>/.exec(text);
  return start ? /\bversion\s*=\s*(["'])(.*?)\1/.exec(start[1]!)?.[2] : undefined;
}
