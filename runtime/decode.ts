/**
 * The decoder: XML → typed value, in one pass over the events of a streaming, conformant XML
 * tokenizer (saxes). No generic tree is built: each element is matched against its parent's
 * content automaton as it opens, and its value is placed in its record as it closes.
 *
 * It rejects what the schema rejects: elements out of order, missing or unknown elements,
 * too many occurrences, text where elements belong, unknown attributes, values outside their
 * facets. Errors name the element path, the line and column, and what was expected.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { automatonFor, type Automaton, type RecordCheck, type State } from './content-automaton.js';
import { ValueError, XmlDecodeError } from './errors.js';
import type { ComplexTypeMeta, GroupParticle, RawXml, SchemaMeta, SimpleTypeMeta, TypeRef } from './meta.js';
import { decodeSimple } from './simple-values.js';
import { escapeAttribute, escapeText, isWhiteSpace } from './xml-text.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
type Rec = Record<string, unknown>;

const enum Kind { Elements, Simple, SimpleContent, Empty, Flag, Any }

class Frame {
  text = '';
  nil = false;
  automaton: Automaton | undefined;
  state: State | undefined;
  recs: Rec[] = [];
  scopes: GroupParticle[] = [];
  simple: SimpleTypeMeta | undefined;
  dflt: string | undefined;
  raw = '';
  depth = 0;
  hasMarkup = false;
  attributes: Record<string, string> | undefined;
  /** how many xsi prefixes this element declared (undone when it closes) */
  xsiDeclared = 0;
  /** matched by xs:any: the value keeps the element's name */
  wildcard = false;
  constructor(
    readonly name: string,
    readonly kind: Kind,
    readonly type: ComplexTypeMeta | undefined,
    /** where the value goes: record and property (null for the root) */
    readonly target: Rec | null,
    readonly prop: string,
    readonly array: boolean,
  ) {}
}

class Decoder {
  readonly stack: Frame[] = [];
  readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  result: unknown;
  /** prefixes bound to the XML Schema instance namespace by the open elements */
  xsiPrefixes: string[] = [];

  constructor(readonly schema: SchemaMeta, readonly rootName: string, readonly rootType: TypeRef) {
    const p = this.parser;
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', (tag) => this.close(tag.name));
    p.on('text', (text) => this.text(text));
    p.on('cdata', (text) => this.text(text));
    p.on('doctype', () => this.fail('a document type declaration (DOCTYPE) is not allowed'));
    p.on('error', (error) => {
      throw new XmlDecodeError(this.path(), `not well-formed XML: ${error.message.replace(/^\d+:\d+: /, '')}`, p.line, p.column);
    });
  }

  path(): string {
    return this.stack.map((f) => f.name).join('/');
  }

  fail(reason: string, child?: string): never {
    const path = this.path();
    throw new XmlDecodeError(child === undefined ? path : path ? `${path}/${child}` : child, reason, this.parser.line, this.parser.column);
  }

  open(tag: SaxesTagPlain): void {
    const parent = this.stack[this.stack.length - 1];
    const name = tag.name;
    if (parent?.kind === Kind.Any) return this.capture(parent, tag);
    if (!parent) {
      if (this.result !== undefined || name !== this.rootName) this.fail(`expected the root element <${this.rootName}>, found <${name}>`, name);
      return this.push(name, this.rootType, tag, null, '', false, false, undefined);
    }
    if (parent.kind !== Kind.Elements) {
      this.fail(parent.kind === Kind.Simple || parent.kind === Kind.SimpleContent ? `element <${name}> found where only text is allowed` : `element <${name}> found in an element that must be empty`, name);
    }
    const state = parent.state!;
    const move = state.next.get(name) ?? state.wildcard;
    if (!move) {
      const expected = state.expected.length > 0 ? `expected ${state.expected.length === 1 ? '' : 'one of '}${state.expected.join(', ')}` : `<${parent.name}> allows no more elements`;
      this.fail(`unexpected element <${name}>; ${expected}${state.accepting && state.expected.length > 0 ? ` or the end of <${parent.name}>` : ''}`, name);
    }
    const automaton = parent.automaton!;
    const position = automaton.positions[move.to]!;
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
    const leaf = position.leaf;
    const target = parent.recs[parent.recs.length - 1]!;
    const array = leaf.max === -1 || leaf.max > 1;
    if (leaf.k === 'any') return this.push(name, { any: true }, tag, target, leaf.prop, true, false, undefined, true);
    this.push(name, leaf.type, tag, target, leaf.prop, array, leaf.nillable === true, leaf.dflt);
  }

  push(name: string, type: TypeRef, tag: SaxesTagPlain, target: Rec | null, prop: string, array: boolean, nillable: boolean, dflt: string | undefined, wildcard = false): void {
    let frame: Frame;
    if ('s' in type) {
      frame = new Frame(name, Kind.Simple, undefined, target, prop, array);
      frame.simple = this.schema.simple[type.s];
      frame.dflt = dflt;
    } else if ('c' in type) {
      const meta = this.schema.complex[type.c]!;
      const kind = meta.content === 'elements' ? Kind.Elements : meta.content === 'simple' ? Kind.SimpleContent : meta.attrs.length === 0 ? Kind.Flag : Kind.Empty;
      frame = new Frame(name, kind, meta, target, prop, array);
      if (kind !== Kind.Flag) frame.recs.push({});
      if (kind === Kind.Elements) {
        frame.automaton = automatonFor(meta.model!);
        frame.state = frame.automaton.start;
      } else if (kind === Kind.SimpleContent) frame.simple = this.schema.simple[meta.text!.type];
    } else {
      frame = new Frame(name, Kind.Any, undefined, target, prop, array);
      frame.wildcard = wildcard;
    }
    this.stack.push(frame);
    this.attributes(frame, tag.attributes as Record<string, string>, nillable);
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
        if (local === 'nil' && (value === 'true' || value === '1')) {
          if (!nillable) this.fail(`<${frame.name}> is not nillable`);
          frame.nil = true;
        } else if (local !== 'nil' && local !== 'schemaLocation' && local !== 'noNamespaceSchemaLocation') this.fail(`the attribute ${key} is not supported`);
        continue;
      }
      if (frame.kind === Kind.Any) {
        (frame.attributes ??= {})[key] = value;
        continue;
      }
      const attr = frame.type?.attrs.find((a) => a.name === key);
      if (!attr) {
        const allowed = frame.type?.attrs.map((a) => a.name) ?? [];
        this.fail(`unknown attribute ${key}${allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : `; <${frame.name}> takes no attributes`}`);
      }
      frame.recs[0]![attr.prop] = this.simpleValue(this.schema.simple[attr.type]!, value, `@${key}`);
    }
    const declared = frame.type?.attrs;
    if (declared) {
      for (const attr of declared) if (attr.required && frame.recs[0]![attr.prop] === undefined) this.fail(`the required attribute ${attr.name} is missing`);
    }
  }

  text(text: string): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) return;
    if (frame.kind === Kind.Simple || frame.kind === Kind.SimpleContent) frame.text += text;
    else if (frame.kind === Kind.Any) {
      frame.raw += escapeText(text);
      frame.text += text;
    } else if (!isWhiteSpace(text)) this.fail(`text "${text.trim().slice(0, 40)}" found where only elements are allowed`);
  }

  capture(frame: Frame, tag: SaxesTagPlain): void {
    frame.depth++;
    frame.hasMarkup = true;
    let open = `<${tag.name}`;
    for (const key in tag.attributes) open += ` ${key}="${escapeAttribute(tag.attributes[key] as string)}"`;
    frame.raw += `${open}>`;
  }

  close(name: string): void {
    const frame = this.stack[this.stack.length - 1]!;
    if (frame.kind === Kind.Any && frame.depth > 0) {
      frame.raw += `</${name}>`;
      frame.depth--;
      return;
    }
    let value: unknown;
    switch (frame.kind) {
      case Kind.Simple:
        if (frame.nil) {
          if (frame.text !== '') this.fail('an element with xsi:nil="true" must be empty');
          value = null;
        } else value = this.simpleValue(frame.simple!, frame.text === '' && frame.dflt !== undefined ? frame.dflt : frame.text);
        break;
      case Kind.SimpleContent:
        value = frame.recs[0];
        (value as Rec)[frame.type!.text!.prop] = this.simpleValue(frame.simple!, frame.text);
        break;
      case Kind.Elements:
        if (frame.nil) value = null;
        else {
          if (!frame.state!.accepting) this.fail(`<${frame.name}> ends too early; expected ${frame.state!.expected.length === 1 ? '' : 'one of '}${frame.state!.expected.join(', ')}`);
          while (frame.scopes.length > 0) this.closeRecord(frame, frame.scopes.pop()!, frame.recs.pop()!);
          value = frame.recs[0];
          this.runChecks(frame.automaton!.checks.get(null)!, value as Rec);
        }
        break;
      case Kind.Flag:
        value = frame.nil ? null : true;
        break;
      case Kind.Empty:
        value = frame.nil ? null : frame.recs[0];
        break;
      case Kind.Any: {
        const attributes = frame.attributes ? { attributes: frame.attributes } : {};
        if (frame.wildcard) value = { name: frame.name, ...attributes, xml: frame.raw };
        else value = !frame.hasMarkup && frame.attributes === undefined ? frame.text : ({ ...attributes, xml: frame.raw } satisfies RawXml);
        break;
      }
    }
    this.stack.pop();
    if (frame.xsiDeclared > 0) this.xsiPrefixes.length -= frame.xsiDeclared;
    const target = frame.target;
    if (!target) {
      this.result = value;
      return;
    }
    if (frame.array) {
      const list = target[frame.prop] as unknown[] | undefined;
      if (list) list.push(value);
      else target[frame.prop] = [value];
    } else {
      if (target[frame.prop] !== undefined) this.fail(`<${frame.name}> may occur only once here`, frame.name);
      target[frame.prop] = value;
    }
  }

  closeRecord(frame: Frame, group: GroupParticle, rec: Rec): void {
    this.runChecks(frame.automaton!.checks.get(group)!, rec);
  }

  runChecks(checks: RecordCheck[], rec: Rec): void {
    for (const check of checks) {
      const value = rec[check.prop];
      if (check.kind === 'required') {
        if (value === undefined) this.fail(`the element <${check.name}> is required`);
        continue;
      }
      const n = (value as unknown[] | undefined)?.length ?? 0;
      if (n > 0 && n < check.min) this.fail(`at least ${check.min} ${check.name} required, found ${n}`);
      if (check.max !== -1 && n > check.max) this.fail(`at most ${check.max} ${check.name} allowed, found ${n}`);
    }
  }

  simpleValue(meta: SimpleTypeMeta, text: string, child?: string): unknown {
    try {
      return decodeSimple(meta, text);
    } catch (error) {
      if (error instanceof ValueError) this.fail(error.message, child);
      throw error;
    }
  }
}

/** Decodes a document whose root element must be `rootName` of type `rootType`. */
export function decodeDocument(schema: SchemaMeta, rootName: string, rootType: TypeRef, xml: string): unknown {
  if (typeof xml !== 'string') throw new XmlDecodeError('', `expected the document as a string, got ${typeof xml}`);
  const decoder = new Decoder(schema, rootName, rootType);
  decoder.parser.write(xml).close();
  if (decoder.result === undefined) throw new XmlDecodeError('', `the document has no root element <${rootName}>`);
  return decoder.result;
}
