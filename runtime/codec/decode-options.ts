/**
 * The decoder's options: what it does with what the schema does not provide for (schema drift: a
 * newer server's elements, attributes and values), and where it reports it; and the hidden
 * properties a decoded record carries for that (what was kept, the order its children were read
 * in), which the encoder reads to write the record back as it was read.
 */
import { ownHidden } from './own-properties.js';

export interface DecodeOptions {
  /**
   * `'error'` (the default): anything the schema does not allow fails the decode.
   * `'keep'`: schema drift is kept and reported to `onUnknown` instead: an element the content
   * model cannot place where it stands (a name the type does not declare, one occurrence more
   * than it allows, a declared element out of its place) is kept raw, at its position, on its
   * parent's record (`unknownContentOf(record)`); an undeclared attribute of a record likewise;
   * a value outside its facets whose TypeScript type still holds it (a string too long or not
   * matching its pattern, a number out of its range, an enumeration value a response type does
   * not list) is kept as read. Re-encoding the record writes all of it back where it was. What
   * the TypeScript type cannot hold still fails (letters in an integer, an unknown value of a
   * request-only enumeration, an element or attribute inside a text-only element or a flag).
   */
  unknownElements?: 'error' | 'keep';
  /** with `'keep'`: called for each element, attribute or value kept */
  onUnknown?: (event: SchemaDriftEvent) => void;
  /**
   * Masks what an error message or a drift event quotes of the document (a value, a text, a name
   * the schema does not declare, a reference): each piece is given to it before it is cut short,
   * and the error shows what it returns; everything else about the error (its path's known
   * names, line, column, the rest of its reason) stays as it is. The client masks its
   * credentials with it.
   */
  redact?: (text: string) => string;
}

/**
 * The kinds of schema drift:
 * - `unknown`: an element the parent's type does not declare;
 * - `extra`: a declared element once more than the type allows there (a raised maxOccurs);
 * - `misplaced`: a declared element where the content model cannot place it (a moved element);
 * - `attribute`: an attribute the element's type does not declare;
 * - `value`: a value outside its type's facets, kept because its TypeScript type holds it.
 */
export type SchemaDriftKind = 'unknown' | 'extra' | 'misplaced' | 'attribute' | 'value';

/** One piece of an answer the schema does not provide for, kept by `unknownElements: 'keep'`. */
export interface SchemaDriftEvent {
  /** its path: `packet/…/task/size`, or `packet/…/task/@size` for an attribute */
  path: string;
  /** the element's or attribute's name */
  name: string;
  kind: SchemaDriftKind;
  /** `value`: the value as read (through `redact`; `***` when its name says it may be a secret), cut after 60 characters */
  value?: string;
  /** `value`: the rule it breaks (`"queued" is not one of the values allowed by BackupTaskStatus: …`) */
  reason?: string;
  line: number;
  column: number;
}

/** An element kept by `unknownElements: 'keep'`: its name, attributes and inner markup (`xml`: what is between its tags, not the tags themselves), and how many known child elements came before it. */
export interface UnknownElement {
  name: string;
  /** the number of known child elements of the record's element written before it */
  at: number;
  /** why it was kept (a value built by hand may leave it out) */
  kind?: 'unknown' | 'extra' | 'misplaced';
  attributes?: Record<string, string>;
  /** its inner markup, re-serialized */
  xml: string;
}

/** A value of a record kept as read although it breaks its type's facets: written back as it is while it is unchanged. */
export interface KeptValue {
  /** the property that holds it (the text's property for simple content, an attribute's property) */
  prop: string;
  /** its index when the property is an array, else -1 */
  index: number;
  value: unknown;
}

/** What `'keep'` kept on a record: elements it could not place (in document order), undeclared attributes, values outside their facets. */
export interface UnknownContent {
  elements: UnknownElement[];
  attributes?: Record<string, string>;
  values?: KeptValue[];
}

/** The key under which a record holds its {@link UnknownContent} (not enumerable: the record's known fields stay as they are). */
export const UNKNOWN_CONTENT: unique symbol = Symbol.for('plesk-codegen.unknownContent');

/**
 * The key under which a decoded record of an `xs:all` type holds the properties of its elements
 * in the order they were read (not enumerable): the encoder writes them in that order, so that a
 * decoded record re-encodes as it was read; a record built by hand is written in schema order.
 */
export const READ_ORDER: unique symbol = Symbol.for('plesk-codegen.readOrder');

/** The unknown content the decoder kept on a decoded record (`unknownElements: 'keep'`), if any. */
export function unknownContentOf(record: unknown): UnknownContent | undefined {
  return record !== null && typeof record === 'object' ? (ownHidden(record, UNKNOWN_CONTENT) as UnknownContent | undefined) : undefined;
}

/** Attaches unknown content to a record (as the decoder does), for a value built by hand. */
export function setUnknownContent(record: object, content: UnknownContent): void {
  Object.defineProperty(record, UNKNOWN_CONTENT, { value: content, enumerable: false, configurable: true, writable: true });
}

/** The unknown content of a record, attached empty first if it has none (the decoder's way in). */
export function keptContentOf(record: object): UnknownContent {
  let content = ownHidden(record, UNKNOWN_CONTENT) as UnknownContent | undefined;
  if (content === undefined) setUnknownContent(record, (content = { elements: [] }));
  return content;
}

/** The kept values of a record by place (built once per list: a record may hold many). */
const byPlace = new WeakMap<readonly KeptValue[], { size: number; places: Map<string, KeptValue> }>();

/** The value kept as read at `prop` (`index` -1 when not an array) of a record, if one was. */
export function keptValueOf(record: object, prop: string, index: number): KeptValue | undefined {
  const values = (ownHidden(record, UNKNOWN_CONTENT) as UnknownContent | undefined)?.values;
  if (values === undefined || !Array.isArray(values)) return undefined;
  let cached = byPlace.get(values);
  if (cached === undefined || cached.size !== values.length) {
    const places = new Map<string, KeptValue>();
    for (const kept of values) if (kept !== null && typeof kept === 'object') places.set(`${kept.index} ${kept.prop}`, kept);
    byPlace.set(values, (cached = { size: values.length, places }));
  }
  return cached.places.get(`${index} ${prop}`);
}

/** Attaches the order in which a record's elements were read (see {@link READ_ORDER}). */
export function setReadOrder(record: object, props: readonly string[]): void {
  Object.defineProperty(record, READ_ORDER, { value: Object.freeze(props), enumerable: false, configurable: true, writable: true });
}
