/**
 * What the encoder writes that the schema does not type: untyped content (`XmlAny`, a wildcard's
 * elements), checked to be one well-formed element of the expected name (raw-xml.ts); and what a
 * decoder kept under unknownElements 'keep' (decode-options.ts), written back where it was read:
 * elements at their place among the known children, attributes after the known ones, values
 * outside their facets as they were read, while the record still holds them unchanged.
 */
import { keptValueOf, type UnknownElement } from './decode-options.js';
import { ValueError, XmlEncodeError } from './errors.js';
import { MarkupWriter } from './markup-writer.js';
import { own } from './own-properties.js';
import { checkOneElement } from './raw-xml.js';
import { describe } from './simple-values.js';
import { escapeAttribute, escapeText } from './xml-text.js';
import { isAttributeName } from './xml-names.js';

type Rec = Record<string, unknown>;

/** The kept elements of the element being written, and its known children so far. */
export interface DriftCursor {
  elements: UnknownElement[];
  next: number;
  children: number;
}

export class DriftWriter extends MarkupWriter {
  readonly path: string[] = [];
  /** the element being written holds kept elements to write back in their places */
  drift: DriftCursor | undefined = undefined;

  fail(reason: string, extra?: string): never {
    throw new XmlEncodeError(this.path.join('/') + (extra ?? ''), reason);
  }

  /** Before a known child: the kept elements that came before it. */
  beforeChild(cursor: DriftCursor): void {
    const { elements } = cursor;
    while (cursor.next < elements.length && elements[cursor.next]!.at <= cursor.children) this.keptElement(elements[cursor.next++]!);
    cursor.children++;
  }

  restOfDrift(cursor: DriftCursor): void {
    while (cursor.next < cursor.elements.length) this.keptElement(cursor.elements[cursor.next++]!);
  }

  keptElement(el: UnknownElement): void {
    const name = typeof el === 'object' && el !== null ? own(el, 'name') : undefined;
    if (typeof name !== 'string' || !isAttributeName(name)) this.fail(`kept unknown content needs a valid element name, got ${describe(name)}`);
    this.path.push(name);
    this.anyContent(name, el);
    this.path.pop();
  }

  keptAttributes(open: string, attributes: Record<string, string>): string {
    for (const [name, v] of Object.entries(attributes)) {
      if (!isAttributeName(name)) this.fail(`kept unknown attribute needs a valid name, got ${describe(name)}`);
      open += ` ${name}="${this.escape(String(v), true)}"`;
    }
    return open;
  }

  /**
   * A simple value its type refused (`error`): written as it is when the decoder kept it as read
   * at this place of `rec` and it is unchanged, else the error, at `where`.
   */
  keptText(error: ValueError, value: unknown, where: string | undefined, rec: Rec | undefined, prop: string, index: number, attribute: boolean): string {
    const kept = rec === undefined ? undefined : keptValueOf(rec, prop, index);
    if (kept === undefined || !Object.is(kept.value, value)) this.fail(error.message, where);
    const text = typeof value === 'string' ? value : typeof value === 'number' ? (value === Infinity ? 'INF' : value === -Infinity ? '-INF' : String(value)) : String(value);
    return this.escape(text, attribute);
  }

  /**
   * Untyped content: a string is text; {@link RawXml} (`{ attributes?, xml }`, or an element from
   * `xmlElement` named like the element) is written as one element, which must be well-formed.
   */
  anyContent(name: string, value: unknown): void {
    if (typeof value === 'string') {
      this.write(value === '' ? `<${name}/>` : `<${name}>${this.escape(value)}</${name}>`);
      return;
    }
    if (typeof value !== 'object' || value === null) this.fail(`expected a string or { xml } for untyped content, got ${describe(value)}`);
    const xml = own(value as Rec, 'xml');
    if (typeof xml !== 'string') this.fail(`expected a string or { xml } for untyped content, got ${describe(value)}`);
    const named = own(value as Rec, 'name');
    if (named !== undefined && named !== name) this.fail(`untyped content for <${name}> is the element ${describe(named)}: an XmlAny value is the content of <${name}> itself (xmlElement('${name}', …))`);
    const attributes = own(value as Rec, 'attributes') as Record<string, string> | undefined;
    let open = `<${name}`;
    for (const [attr, v] of Object.entries(attributes ?? {})) {
      if (!isAttributeName(attr)) this.fail(`an attribute of untyped content needs a valid XML name, got ${describe(attr)}`);
      if (typeof v !== 'string') this.fail(`the attribute ${attr} of untyped content must be a string, got ${describe(v)}`);
      open += ` ${attr}="${this.escape(v, true)}"`;
    }
    if (xml === '') {
      this.write(`${open}/>`);
      return;
    }
    const markup = `${open}>${xml}</${name}>`;
    try {
      checkOneElement(markup);
    } catch (error) {
      if (error instanceof ValueError) this.fail(`the xml of untyped content must be the well-formed content of <${name}>, and ${JSON.stringify(xml.length > 60 ? `${xml.slice(0, 60)}…` : xml)} is not: ${error.message} (build it with xmlElement(), or keep the value a decoder read)`);
      throw error;
    }
    this.write(markup);
  }

  escape(text: string, attribute: boolean = false): string {
    try {
      return attribute ? escapeAttribute(text) : escapeText(text);
    } catch (error) {
      if (error instanceof ValueError) this.fail(error.message);
      throw error;
    }
  }
}
