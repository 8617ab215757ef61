/**
 * The decoder's options: what it does with content the schema does not declare (schema drift:
 * a newer server's elements and attributes), and where it reports it.
 */
import { ownHidden } from './own-properties.js';

export interface DecodeOptions {
  /**
   * `'error'` (the default): an element or attribute the schema does not declare fails the decode.
   * `'keep'`: inside an element with element content (a record), it is kept, with its position,
   * on the record (read it with `unknownContentOf(record)`; re-encoding the record writes it back
   * where it was) and reported to `onUnknown`. An element the schema declares but in the wrong
   * place, an unknown enumeration value, a value outside a facet, and unknown content inside a
   * text-only or empty element still fail: the types would lie otherwise.
   */
  unknownElements?: 'error' | 'keep';
  /** with `'keep'`: called for each element or attribute kept */
  onUnknown?: (event: SchemaDriftEvent) => void;
  /**
   * Masks what an error message quotes of the document (a value, a text, a name the schema does
   * not declare, a reference): each piece is given to it before it is cut short, and the error
   * shows what it returns; everything else about the error (its path's known names, line,
   * column, the rest of its reason) stays as it is. The client masks its credentials with it.
   */
  redact?: (text: string) => string;
}

/** One element or attribute an answer carries that the schema does not declare. */
export interface SchemaDriftEvent {
  /** its path: `packet/…/task/size`, or `packet/…/task/@size` for an attribute */
  path: string;
  /** its name */
  name: string;
  kind: 'element' | 'attribute';
  line: number;
  column: number;
}

/** An element kept by `unknownElements: 'keep'`: its name, attributes and inner markup (`xml`: what is between its tags, not the tags themselves), and how many known child elements came before it. */
export interface UnknownElement {
  name: string;
  /** the number of known child elements of the record's element written before it */
  at: number;
  attributes?: Record<string, string>;
  /** its inner markup, re-serialized */
  xml: string;
}

/** What `'keep'` kept on a record: unknown child elements (in document order) and unknown attributes. */
export interface UnknownContent {
  elements: UnknownElement[];
  attributes?: Record<string, string>;
}

/** The key under which a record holds its {@link UnknownContent} (not enumerable: the record's known fields stay as they are). */
export const UNKNOWN_CONTENT: unique symbol = Symbol.for('plesk-codegen.unknownContent');

/** The unknown content the decoder kept on a decoded record (`unknownElements: 'keep'`), if any. */
export function unknownContentOf(record: unknown): UnknownContent | undefined {
  return record !== null && typeof record === 'object' ? (ownHidden(record, UNKNOWN_CONTENT) as UnknownContent | undefined) : undefined;
}

/** Attaches unknown content to a record (as the decoder does), for a value built by hand. */
export function setUnknownContent(record: object, content: UnknownContent): void {
  Object.defineProperty(record, UNKNOWN_CONTENT, { value: content, enumerable: false, configurable: true, writable: true });
}
