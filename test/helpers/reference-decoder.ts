/**
 * The REFERENCE decoder of the differential fuzz (test/decoder-differential.test.ts, npm run fuzz
 * -- --decoder): a frozen copy of runtime/codec/decode.ts as it was on saxes, before the decoder
 * got a tokenizer of its own (issue 14). saxes is a conformant XML tokenizer; this decoder on top
 * of it is the behaviour the new one must keep: the same accept/reject, the same values, the same
 * error paths, lines and columns. It is kept here, not in runtime/, so that no generated package
 * ships it (saxes stays a devDependency for it). Only the imports and the export's name differ from
 * the copy; do not "fix" it: a difference from the new decoder is what the fuzz is there to find.
 * Behaviour changed on purpose since is ported here, each change marked "issue 24": every kind of
 * structural drift and values outside their facets kept under unknownElements 'keep', and a nil
 * element with content or attributes refused (nil simple content read as null).
 * It still uses the runtime's decode plans, content automata and simple-value decoders (shared
 * with the new decoder, not the part being replaced); should their interfaces change, copy the
 * versions it was written against beside it rather than adapting its logic.
 *
 * The original header follows.
 *
 * The decoder: XML → typed value, in one pass over the events of a streaming, conformant XML
 * tokenizer (saxes). No generic tree is built: each element is matched against its parent's
 * content automaton as it opens, and its value is placed in its record as it closes.
 *
 * It rejects what the schema rejects: elements out of order, missing or unknown elements,
 * too many occurrences, text where elements belong, unknown attributes, values outside their
 * facets, lone surrogates (XML cannot carry them), xsi:nil values other than true/false/1/0 and
 * xsi:nil on an element that is not nillable. Errors name the element path, the 1-based line and
 * column, and what was expected.
 *
 * What it needs about each element is resolved once per schema (decode-plan.ts). The frames of
 * open elements are reused from one element to the next, and a decoder (with its tokenizer) from
 * one document to the next, so that reading an element allocates little beyond its value.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { RecordCheck, State, Transition } from '../../runtime/codec/content-automaton.js';
import { Kind, leafAt, rootLeaf, UNKNOWN_LEAF, type Leaf, type TypeInfo } from '../../runtime/codec/decode-plan.js';
import { keptContentOf, type DecodeOptions, type SchemaDriftEvent, type UnknownContent } from '../../runtime/codec/decode-options.js';
import { ValueError, XmlDecodeError } from '../../runtime/codec/errors.js';
import type { GroupParticle, RawXml, SchemaMeta, TypeRef } from '../../runtime/codec/meta.js';
import type { SimpleDecoder } from '../../runtime/codec/simple-decoders.js';
import { driftedValue, NOT_KEPT } from '../../runtime/codec/simple-values.js';
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import { escapeAttribute, escapeText, isWhiteSpace } from '../../runtime/codec/xml-text.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
type Rec = Record<string, unknown>;

/** An open element. Frames are reused: {@link Frame.open} sets every field. */
class Frame {
  name = '';
  kind = Kind.Any;
  leaf: Leaf | undefined = undefined;
  type: TypeInfo | undefined = undefined;
  /** where the value goes: record and property (null for the root) */
  target: Rec | null = null;
  text = '';
  nil = false;
  state: State | undefined = undefined;
  readonly recs: Rec[] = [];
  readonly scopes: GroupParticle[] = [];
  raw = '';
  depth = 0;
  hasMarkup = false;
  attributes: Record<string, string> | undefined = undefined;
  /** how many xsi prefixes this element declared (undone when it closes) */
  xsiDeclared = 0;
  /** known child elements opened so far (the position of an unknown one) */
  children = 0;
  /** issue 24: why an element being captured was kept */
  keptKind: 'unknown' | 'extra' | 'misplaced' = 'unknown';
  /** unknownElements: 'keep': what this element holds that the schema does not declare */
  drift: UnknownContent | undefined = undefined;
  /** an unknown element being captured: its place among its parent's known children (else -1) */
  unknownAt = -1;

  open(name: string, leaf: Leaf, target: Rec | null): void {
    this.name = name;
    this.kind = leaf.kind;
    this.leaf = leaf;
    this.type = leaf.complex;
    this.target = target;
    this.text = '';
    this.nil = false;
    this.state = leaf.kind === Kind.Elements ? leaf.complex!.automaton!.start : undefined;
    // the type's own record first (setting an array's length is a call: avoided when it can be)
    const recs = this.recs;
    if (leaf.kind !== Kind.Flag && leaf.complex !== undefined) {
      if (recs.length === 1) recs[0] = {};
      else {
        if (recs.length !== 0) recs.length = 0;
        recs.push({});
      }
    } else if (recs.length !== 0) recs.length = 0;
    if (this.scopes.length !== 0) this.scopes.length = 0;
    this.xsiDeclared = 0;
    this.children = 0;
    this.drift = undefined;
    this.unknownAt = -1;
    if (leaf.kind === Kind.Any) {
      this.raw = '';
      this.depth = 0;
      this.hasMarkup = false;
      this.attributes = undefined;
    }
  }

  /** Drops every reference to a document's values. */
  clear(): void {
    this.leaf = undefined;
    this.type = undefined;
    this.target = null;
    this.text = '';
    this.state = undefined;
    this.recs.length = 0;
    this.scopes.length = 0;
    this.raw = '';
    this.attributes = undefined;
    this.drift = undefined;
  }
}

class Decoder {
  /** frames[0 .. open - 1] are the open elements, outermost first */
  readonly frames: Frame[] = [];
  open = 0;
  readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  result: unknown = undefined;
  /** prefixes bound to the XML Schema instance namespace by the open elements */
  readonly xsiPrefixes: string[] = [];
  rootName = '';
  rootLeaf: Leaf | undefined = undefined;
  /** attributes of the tag being opened */
  attributeCount = 0;
  /** unknownElements: 'keep' */
  keep = false;
  onUnknown: ((event: SchemaDriftEvent) => void) | undefined = undefined;

  constructor(public schema: SchemaMeta) {
    const p = this.parser;
    // counting attributes as the tokenizer reports them is cheaper than asking the tag (a dictionary) if it has any
    p.on('attribute', () => this.attributeCount++);
    p.on('opentag', (tag) => this.openTag(tag));
    p.on('closetag', (tag) => this.close(tag.name));
    p.on('text', (text) => this.text(text));
    p.on('cdata', (text) => this.text(text));
    p.on('doctype', () => this.fail('a document type declaration (DOCTYPE) is not allowed'));
    p.on('error', (error) => {
      throw new XmlDecodeError(this.path(), `not well-formed XML: ${error.message.replace(/^\d+:\d+: /, '')}`, p.line, this.column());
    });
  }

  start(schema: SchemaMeta, rootName: string, rootType: TypeRef, options: DecodeOptions | undefined): void {
    this.keep = options?.unknownElements === 'keep';
    this.onUnknown = options?.onUnknown;
    this.schema = schema;
    this.rootName = rootName;
    this.rootLeaf = rootLeaf(schema, rootType);
    this.result = undefined;
    this.open = 0;
    this.xsiPrefixes.length = 0;
    this.attributeCount = 0;
  }

  /** Lets go of the last document's values (the frames are kept, empty). */
  release(): void {
    this.result = undefined;
    this.onUnknown = undefined;
    for (const frame of this.frames) frame.clear();
  }

  path(): string {
    let path = '';
    for (let i = 0; i < this.open; i++) path += i === 0 ? this.frames[i]!.name : `/${this.frames[i]!.name}`;
    return path;
  }

  /**
   * The 1-based column of the tokenizer's position: the last character it read; right after a
   * newline, or before anything was read, the first column.
   */
  column(): number {
    return Math.max(1, this.parser.column);
  }

  fail(reason: string, child?: string): never {
    const path = this.path();
    throw new XmlDecodeError(child === undefined ? path : path ? `${path}/${child}` : child, reason, this.parser.line, this.column());
  }

  openTag(tag: SaxesTagPlain): void {
    const parent = this.open > 0 ? this.frames[this.open - 1]! : undefined;
    const name = tag.name;
    const hasAttributes = this.attributeCount !== 0;
    this.attributeCount = 0;
    if (parent?.kind === Kind.Any) return this.capture(parent, tag);
    if (!parent) {
      if (this.result !== undefined || name !== this.rootName) this.fail(`expected the root element <${this.rootName}>, found <${name}>`, name);
      return this.push(name, this.rootLeaf!, tag, null, hasAttributes);
    }
    if (parent.kind !== Kind.Elements) {
      // issue 24: an empty record keeps an element
      if (this.keep && parent.kind === Kind.Empty && !parent.nil) return this.keepUnknown(parent, tag, hasAttributes, 'unknown');
      this.fail(parent.kind === Kind.Simple || parent.kind === Kind.SimpleContent ? `element <${name}> found where only text is allowed` : `element <${name}> found in an element that must be empty`, name);
    }
    // issue 24: a nil element has no content
    if (parent.nil) this.fail('an element with xsi:nil="true" must be empty', name);
    const state = parent.state!;
    const move = transition(state, name) ?? state.wildcard;
    // issue 24: every element that cannot be placed is kept, with its kind
    if (!move && this.keep) {
      const props = parent.type!.propsOf(name);
      const seen = props.some((prop) => parent.recs.some((rec) => rec[prop] !== undefined));
      return this.keepUnknown(parent, tag, hasAttributes, props.length === 0 ? 'unknown' : seen ? 'extra' : 'misplaced');
    }
    if (!move) {
      const expected = state.expected.length > 0 ? `expected ${state.expected.length === 1 ? '' : 'one of '}${state.expected.join(', ')}` : `<${parent.name}> allows no more elements`;
      this.fail(`unexpected element <${name}>; ${expected}${state.accepting && state.expected.length > 0 ? ` or the end of <${parent.name}>` : ''}`, name);
    }
    const type = parent.type!;
    const automaton = type.automaton!;
    const position = automaton.positions[move.to]!;
    // issue 24: one more than its record holds, or its group, is extra
    if (this.keep && move.keep < position.scopes.length) {
      const group = position.scopes[move.keep]!;
      const iterations = parent.recs[move.keep]![group.prop!] as unknown[] | undefined;
      if (group.max !== -1 && iterations !== undefined && iterations.length >= group.max) return this.keepUnknown(parent, tag, hasAttributes, 'extra');
    }
    if (this.keep && move.keep >= position.scopes.length) {
      const held = parent.recs[position.scopes.length]![position.leaf.prop];
      const max = position.leaf.max;
      if (held !== undefined && (max === 1 || (max !== -1 && (held as unknown[]).length >= max))) return this.keepUnknown(parent, tag, hasAttributes, 'extra');
    }
    // close the group records the move leaves, open the ones it enters
    while (parent.scopes.length > move.keep) this.closeRecord(parent, parent.scopes.pop()!, parent.recs.pop()!);
    for (let j = move.keep; j < position.scopes.length; j++) {
      const group = position.scopes[j]!;
      const rec: Rec = {};
      const owner = parent.recs[j]!;
      const list = owner[group.prop!] as Rec[] | undefined;
      if (list) list.push(rec);
      else owner[group.prop!] = [rec];
      parent.recs.push(rec);
      parent.scopes.push(group);
    }
    parent.state = automaton.states[move.to];
    parent.children++;
    this.push(name, leafAt(this.schema, type, move.to), tag, parent.recs[parent.recs.length - 1]!, hasAttributes);
  }

  /** unknownElements: 'keep': an element the parent's type does not declare is captured raw, in its place. */
  keepUnknown(parent: Frame, tag: SaxesTagPlain, hasAttributes: boolean, kind: 'unknown' | 'extra' | 'misplaced'): void {
    this.report(kind, tag.name, `${this.path()}/${tag.name}`);
    this.push(tag.name, UNKNOWN_LEAF, tag, null, hasAttributes);
    this.frames[this.open - 1]!.unknownAt = parent.children;
    this.frames[this.open - 1]!.keptKind = kind;
  }

  report(kind: SchemaDriftEvent['kind'], name: string, path: string): void {
    this.onUnknown?.({ path, name, kind, line: this.parser.line, column: this.parser.column });
  }

  push(name: string, leaf: Leaf, tag: SaxesTagPlain, target: Rec | null, hasAttributes: boolean): void {
    let frame = this.frames[this.open];
    if (!frame) this.frames.push((frame = new Frame()));
    frame.open(name, leaf, target);
    this.open++;
    if (hasAttributes) this.attributes(frame, tag.attributes as Record<string, string>, leaf.nillable);
    // no attributes: only the required ones can be wrong
    else if (frame.type !== undefined && frame.type.required.length > 0) this.checkRequired(frame, frame.type);
  }

  attributes(frame: Frame, attrs: Record<string, string>, nillable: boolean): void {
    // namespace declarations first: they hold for every attribute of the element, whatever their order
    for (const key in attrs) {
      if (key === 'xmlns' && attrs[key] !== '') this.fail(`elements in the namespace "${attrs[key]}" are not part of this schema (it has no target namespace)`);
      if (key.startsWith('xmlns:') && attrs[key] === XSI) {
        this.xsiPrefixes.push(key.slice(6));
        frame.xsiDeclared++;
      }
    }
    for (const key in attrs) {
      const value = attrs[key]!;
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      const colon = key.indexOf(':');
      if (colon > 0 && this.xsiPrefixes.includes(key.slice(0, colon))) {
        const local = key.slice(colon + 1);
        if (local === 'nil') {
          // XML Schema: xsi:nil is an xs:boolean, and only a nillable element may carry it at all
          if (!nillable) this.fail(`<${frame.name}> is not nillable: it cannot carry ${key}`);
          const flag = collapseBoolean(value);
          if (flag === undefined) this.fail(`${key} must be true, false, 1 or 0, not ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`);
          frame.nil = flag;
        } else if (local !== 'schemaLocation' && local !== 'noNamespaceSchemaLocation') this.fail(`the attribute ${key} is not supported`);
        continue;
      }
      if (frame.kind === Kind.Any) {
        (frame.attributes ??= {})[key] = value;
        continue;
      }
      const attr = frame.type?.attributes.get(key);
      if (!attr && this.keep && frame.type !== undefined && frame.kind !== Kind.Flag) {
        const drift = (frame.drift ??= keptContentOf(frame.recs[0]!));
        (drift.attributes ??= {})[key] = value;
        this.report('attribute', key, `${this.path()}/@${key}`);
        continue;
      }
      if (!attr) {
        const allowed = frame.type?.meta.attrs.map((a) => a.name) ?? [];
        this.fail(`unknown attribute ${key}${allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : `; <${frame.name}> takes no attributes`}`);
      }
      frame.recs[0]![attr.meta.prop] = this.simpleValue(attr.decode, value, `@${key}`, attr.simple, frame.recs[0]!, attr.meta.prop, -1);
    }
    // issue 24: a nil element's attributes are refused when it closes
    if (frame.type !== undefined && !frame.nil) this.checkRequired(frame, frame.type);
  }

  checkRequired(frame: Frame, type: TypeInfo): void {
    for (const attr of type.required) if (frame.recs[0]![attr.prop] === undefined) this.fail(`the required attribute ${attr.name} is missing`);
  }

  text(text: string): void {
    if (this.open === 0) return;
    const frame = this.frames[this.open - 1]!;
    if (frame.kind === Kind.Simple || frame.kind === Kind.SimpleContent) frame.text += text;
    else if (frame.kind === Kind.Any) {
      frame.raw += escapeText(text);
      frame.text += text;
    } else if (!isWhiteSpace(text)) {
      // issue 24
      if (frame.nil && frame.kind === Kind.Elements) this.fail('an element with xsi:nil="true" must be empty');
      this.fail(`text "${text.trim().slice(0, 40)}" found where only elements are allowed`);
    }
  }

  capture(frame: Frame, tag: SaxesTagPlain): void {
    frame.depth++;
    frame.hasMarkup = true;
    let open = `<${tag.name}`;
    for (const key in tag.attributes) open += ` ${key}="${escapeAttribute(tag.attributes[key] as string)}"`;
    frame.raw += `${open}>`;
  }

  close(name: string): void {
    const frame = this.frames[this.open - 1]!;
    if (frame.kind === Kind.Any && frame.depth > 0) {
      frame.raw += `</${name}>`;
      frame.depth--;
      return;
    }
    if (frame.unknownAt >= 0) return this.closeUnknown(frame);
    const leaf = frame.leaf!;
    let value: unknown;
    switch (frame.kind) {
      case Kind.Simple:
        if (frame.nil) {
          if (frame.text !== '') this.fail('an element with xsi:nil="true" must be empty');
          value = null;
        } else {
          const target = frame.target;
          const index = !leaf.array ? -1 : ((target?.[leaf.prop] as unknown[] | undefined)?.length ?? 0);
          value = this.simpleValue(leaf.simple!, frame.text === '' && leaf.dflt !== undefined ? leaf.dflt : frame.text, undefined, leaf.simpleMeta, target ?? undefined, leaf.prop, index);
        }
        break;
      case Kind.SimpleContent:
        // issue 24: nil simple content is null
        if (frame.nil) {
          if (frame.text !== '') this.fail('an element with xsi:nil="true" must be empty');
          value = this.nilRecord(frame);
          break;
        }
        value = frame.recs[0];
        (value as Rec)[frame.type!.meta.text!.prop] = this.simpleValue(leaf.simple!, frame.text, undefined, leaf.simpleMeta, value as Rec, frame.type!.meta.text!.prop, -1);
        break;
      case Kind.Elements:
        if (frame.nil) value = this.nilRecord(frame);
        else {
          if (!frame.state!.accepting) this.fail(`<${frame.name}> ends too early; expected ${frame.state!.expected.length === 1 ? '' : 'one of '}${frame.state!.expected.join(', ')}${this.misplacedNote(frame, frame.state!.expected)}`);
          while (frame.scopes.length > 0) this.closeRecord(frame, frame.scopes.pop()!, frame.recs.pop()!);
          value = frame.recs[0];
          this.runChecks(frame.type!.checks, value as Rec);
        }
        break;
      case Kind.Flag:
        value = frame.nil ? null : true;
        break;
      case Kind.Empty:
        value = frame.nil ? this.nilRecord(frame) : frame.recs[0];
        break;
      case Kind.Any: {
        const attributes = frame.attributes ? { attributes: frame.attributes } : {};
        if (leaf.wildcard) value = { name: frame.name, ...attributes, xml: frame.raw };
        else value = !frame.hasMarkup && frame.attributes === undefined ? frame.text : ({ ...attributes, xml: frame.raw } satisfies RawXml);
        break;
      }
    }
    this.open--;
    if (frame.xsiDeclared > 0) this.xsiPrefixes.length -= frame.xsiDeclared;
    const target = frame.target;
    if (!target) {
      this.result = value;
      return;
    }
    if (leaf.array) {
      const list = target[leaf.prop] as unknown[] | undefined;
      if (list) list.push(value);
      else target[leaf.prop] = [value];
    } else {
      if (target[leaf.prop] !== undefined) this.fail(`<${frame.name}> may occur only once here`, frame.name);
      target[leaf.prop] = value;
    }
  }

  /** The end of an unknown element kept by 'keep': it goes to its parent's unknown content, at its place. */
  closeUnknown(frame: Frame): void {
    const parent = this.frames[this.open - 2]!;
    const drift = (parent.drift ??= keptContentOf(parent.recs[0]!));
    drift.elements.push({ name: frame.name, at: frame.unknownAt, kind: frame.keptKind, ...(frame.attributes ? { attributes: frame.attributes } : {}), xml: frame.raw });
    this.open--;
    if (frame.xsiDeclared > 0) this.xsiPrefixes.length -= frame.xsiDeclared;
  }

  closeRecord(frame: Frame, group: GroupParticle, rec: Rec): void {
    this.runChecks(frame.type!.automaton!.checks.get(group)!, rec);
  }

  runChecks(checks: RecordCheck[], rec: Rec): void {
    for (const check of checks) {
      if (check.kind === 'all') {
        if (!check.always && !check.members.some((prop) => rec[prop] !== undefined)) continue;
        for (const { prop, name } of check.required) if (rec[prop] === undefined) this.fail(`the element <${name}> is required${this.misplacedNote(this.frames[this.open - 1]!, [name])}`);
        continue;
      }
      const value = rec[check.prop];
      const n = (value as unknown[] | undefined)?.length ?? 0;
      if (n > 0 && n < check.min) this.fail(`at least ${check.min} ${check.name} required, found ${n}`);
      if (check.max !== -1 && n > check.max) this.fail(`at most ${check.max} ${check.name} allowed, found ${n}`);
    }
  }

  /** issue 24: a missing element that came earlier, out of its place */
  misplacedNote(frame: Frame, expected: readonly string[]): string {
    const kept = frame.drift?.elements.find((e) => e.kind === 'misplaced' && expected.includes(e.name));
    return kept === undefined ? '' : `; <${kept.name}> came earlier, out of its place: unknownElements 'keep' kept it as it stands, and the TypeScript type needs it here`;
  }

  /** issue 24: a nil record is null, without attributes */
  nilRecord(frame: Frame): null {
    const rec = frame.recs[0]!;
    for (const key in rec) if (rec[key] !== undefined) this.fail(`an element with xsi:nil="true" cannot carry the attribute ${frame.type!.meta.attrs.find((a) => a.prop === key)?.name ?? key}: its value is null`);
    if (frame.drift?.attributes !== undefined) this.fail(`an element with xsi:nil="true" cannot carry the attribute ${Object.keys(frame.drift.attributes)[0]}: its value is null`);
    return null;
  }

  simpleValue(decode: SimpleDecoder, text: string, child: string | undefined, meta?: SimpleTypeMeta, rec?: Rec, prop?: string, index?: number): unknown {
    try {
      return decode(text);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      // issue 24: kept as read where the TypeScript type holds it
      const kept = this.keep && meta !== undefined ? driftedValue(meta, text) : NOT_KEPT;
      if (kept !== NOT_KEPT) {
        if (rec !== undefined) (keptContentOf(rec).values ??= []).push({ prop: prop!, index: index!, value: kept });
        return kept;
      }
      this.fail(this.keep ? `${error.message} (unknownElements: 'keep' keeps a value outside its facets only where its TypeScript type holds it; regenerate from the server's schemas)` : error.message, child);
    }
  }
}

/** An xs:boolean's value (white space collapsed), or undefined when the text is not one. */
function collapseBoolean(text: string): boolean | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && isWhiteSpace(text[start]!)) start++;
  while (end > start && isWhiteSpace(text[end - 1]!)) end--;
  const word = start === 0 && end === text.length ? text : text.slice(start, end);
  return word === 'true' || word === '1' ? true : word === 'false' || word === '0' ? false : undefined;
}

/** Lone surrogates anywhere in a document: a high one not followed by a low one, or a low one alone. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The index of the first lone surrogate, or -1 (one fast scan when the document has no surrogate at all). */
function loneSurrogateAt(xml: string): number {
  if (!ANY_SURROGATE.test(xml)) return -1;
  return LONE_SURROGATE.exec(xml)?.index ?? -1;
}

/** The transition on the element `name`: the names compared one by one when they are few, else hashed. */
function transition(state: State, name: string): Transition | undefined {
  const names = state.names;
  if (names.length > 8) return state.next.get(name);
  for (let i = 0; i < names.length; i++) if (names[i] === name) return state.moves[i];
  return undefined;
}

/**
 * The decoder between two documents, kept for the next one (with its tokenizer, which resets
 * itself at the end of each document). One that failed is dropped: its tokenizer is mid-document.
 */
let idle: Decoder | undefined;

/** (the reference) Decodes a document whose root element must be `rootName` of type `rootType`. */
export function referenceDecodeDocument(schema: SchemaMeta, rootName: string, rootType: TypeRef, xml: string, options?: DecodeOptions): unknown {
  if (typeof xml !== 'string') throw new XmlDecodeError('', `expected the document as a string, got ${typeof xml}`);
  const decoder = idle ?? new Decoder(schema);
  idle = undefined;
  if (options?.unknownElements !== undefined && options.unknownElements !== 'keep' && options.unknownElements !== 'error') {
    throw new TypeError(`decode: option unknownElements must be 'keep' or 'error', not ${String(options.unknownElements)}`);
  }
  decoder.start(schema, rootName, rootType, options);
  const lone = loneSurrogateAt(xml);
  if (lone >= 0) {
    // read up to it, so that an earlier error comes first and this one has its path and position
    decoder.parser.write(xml.slice(0, lone));
    const code = xml.charCodeAt(lone).toString(16).toUpperCase();
    throw new XmlDecodeError(decoder.path(), `not well-formed XML: an unpaired surrogate (U+${code}), which no XML document can hold`, decoder.parser.line, decoder.parser.column + 1);
  }
  decoder.parser.write(xml).close();
  const result = decoder.result;
  // (the tokenizer itself refuses a document without a root element, with its position)
  if (result === undefined) throw new XmlDecodeError('', `the document has no root element <${rootName}>`);
  decoder.release();
  idle = decoder;
  return result;
}
