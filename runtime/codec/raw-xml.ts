/**
 * Untyped content given by hand: {@link xmlElement}, the typed builder of an element the schema
 * leaves untyped (an `XmlAny` property, a wildcard's `AnyElement`), and the check the encoder runs
 * on every {@link RawXml} before writing it: the element it makes, `<name attributes>xml</name>`,
 * must be one well-formed element (read by the decoder's own tokenizer), so that no `xml` can
 * close the elements around it or add elements after them (`</result></operation><system>…`).
 */
import { ValueError } from './errors.js';
import type { AnyElement } from './meta.js';
import { Tokenizer } from './tokenizer.js';
import type { TokenHandler } from './xml-scanner.js';
import { escapeAttribute, escapeText } from './xml-text.js';
import { isAttributeName } from './xml-names.js';

/** The tokenizer's handler for a check: it only needs the tokens to be well-formed. */
class WellFormed implements TokenHandler {
  openTag(source: string, start: number, end: number): string {
    return source.slice(start, end);
  }

  closeTag(): void {}

  text(): void {}

  notWellFormed(reason: string): never {
    throw new ValueError(reason);
  }
}

const handler = new WellFormed();
let checker: Tokenizer | undefined;

/**
 * Throws a ValueError unless `markup` is exactly one well-formed element (nothing before or after
 * it but nothing at all): a document without DTD, as the decoder reads one.
 */
export function checkOneElement(markup: string): void {
  const tokenizer = (checker ??= new Tokenizer(handler));
  try {
    tokenizer.reset(handler);
    tokenizer.whole(markup);
  } finally {
    tokenizer.release();
  }
}

/** The start tag of an element with its attributes escaped, without its closing `>`. */
export function startTagOf(name: string, attributes: Readonly<Record<string, string>> | undefined): string {
  let open = `<${name}`;
  if (attributes === undefined) return open;
  if (typeof attributes !== 'object' || attributes === null) throw new ValueError(`the attributes of <${name}> must be an object of strings, not ${typeof attributes}`);
  for (const [attr, value] of Object.entries(attributes)) {
    if (!isAttributeName(attr)) throw new ValueError(`an attribute of <${name}> needs a valid XML name, got ${JSON.stringify(String(attr))}`);
    if (typeof value !== 'string') throw new ValueError(`the attribute ${attr} of <${name}> must be a string, got ${value === null ? 'null' : typeof value}`);
    open += ` ${attr}="${escapeAttribute(value)}"`;
  }
  return open;
}

/**
 * An element the schema leaves untyped, built from parts: its name, its attributes and its
 * children (text, which is escaped, and elements built by `xmlElement` or read by a decoder), for
 * an `XmlAny` property (its name must be the property's element's) or a wildcard's list:
 *
 *     xmlElement('plan', { id: '7' }, ['Unlimited ', xmlElement('b', {}, ['& more'])])
 *     // { name: 'plan', attributes: { id: '7' }, xml: 'Unlimited <b>&amp; more</b>' }
 *
 * The markup is in the form a decoder gives it back (an empty child is `<b></b>`).
 *
 * @throws ValueError naming what is not XML: a name, an attribute, a child
 */
export function xmlElement(name: string, attributes: Readonly<Record<string, string>> = {}, children: ReadonlyArray<string | AnyElement> = []): AnyElement {
  if (!isAttributeName(name)) throw new ValueError(`xmlElement: the element name must be an XML name, got ${JSON.stringify(String(name))}`);
  const open = startTagOf(name, attributes);
  if (!Array.isArray(children)) throw new ValueError(`xmlElement: the children of <${name}> must be an array of strings and elements`);
  let xml = '';
  for (const child of children) {
    if (typeof child === 'string') xml += escapeText(child);
    else if (typeof child === 'object' && child !== null && typeof child.name === 'string' && typeof child.xml === 'string') {
      if (!isAttributeName(child.name)) throw new ValueError(`xmlElement: a child of <${name}> needs a valid XML name, got ${JSON.stringify(child.name)}`);
      const start = startTagOf(child.name, child.attributes);
      // as a decoder re-serializes markup (`<b></b>`), so that what is built decodes to itself
      xml += `${start}>${child.xml}</${child.name}>`;
    } else throw new ValueError(`xmlElement: a child of <${name}> must be a string or an element (xmlElement), got ${child === null ? 'null' : typeof child}`);
  }
  try {
    checkOneElement(xml === '' ? `${open}/>` : `${open}>${xml}</${name}>`);
  } catch (error) {
    if (error instanceof ValueError) throw new ValueError(`xmlElement: <${name}> would not be well-formed XML: ${error.message}`);
    throw error;
  }
  const keys = Object.keys(attributes);
  return keys.length === 0 ? { name, xml } : { name, attributes: { ...attributes }, xml };
}
