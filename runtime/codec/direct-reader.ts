/**
 * The direct reader: the decoder's way through a whole document that holds nothing unusual. It
 * reads the text itself, from the start tag it expects to the end tag it expects, with no tokens,
 * no frames and no events: at a `<` it compares the names the content automaton allows next with
 * the text in place, reads a simple element's text and its end tag in the same step and converts
 * the text with the element's own converter, and places each value through the stores the
 * generator emitted for its property (record-code.ts). What it builds is exactly what the schema
 * decoder (schema-decoder.ts) builds: the same plans (decode-plan.ts), records, converters, checks
 * (content-automaton.ts' failedCheck) and order of properties.
 *
 * It declines, rather than judges, anything beyond the plain case: markup other than elements
 * (comments, processing instructions, CDATA, a DOCTYPE), a character reference, a carriage return
 * in text, a namespace or xsi attribute, an attribute value with a reference or white space
 * other than spaces, a name its automaton state does not expect, a value its converter refuses,
 * a broken rule, a document that is not well-formed. Declining throws {@link DECLINED} (one
 * object, no stack), and decode.ts reads the document again with the schema decoder, which
 * accepts it, keeps its drift, or fails with its path, line, column and message. So the direct
 * reader never decides what a document means, only reads sooner what the schema decoder would
 * read the same way; the differential tests compare the two on valid, mutated and drifting
 * documents.
 */
import { failedCheck, type Transition } from './content-automaton.js';
import { Kind, leafAt, type Leaf, type TypeInfo } from './decode-plan.js';
import { setReadOrder } from './decode-options.js';
import type { Rec } from './decode-frame.js';
import { detached } from './drift-reader.js';
import type { GroupParticle, SchemaMeta } from './meta.js';
import { XML_DECLARATION } from './markup-readers.js';
import { own, setOwn } from './own-properties.js';
import { escapeAttribute, escapeText } from './xml-text.js';
import type { SimpleDecoder } from './simple-decoders.js';
import { AMP, BOM, CR, GT, LF, LT, nameEnd, RSQB, SLASH, SPACE, spelledAt, TAB } from './xml-chars.js';

/** Thrown when the direct reader leaves a document to the schema decoder. */
export const DECLINED: unique symbol = Symbol('declined');

function decline(): never {
  throw DECLINED;
}

/** What a reference among XML's five stands for (`&amp;` …), by its name's length and first letter. */
function predefined(buf: string, i: number): string | undefined {
  if (buf.startsWith('amp;', i)) return '&';
  if (buf.startsWith('lt;', i)) return '<';
  if (buf.startsWith('gt;', i)) return '>';
  if (buf.startsWith('quot;', i)) return '"';
  if (buf.startsWith('apos;', i)) return "'";
  return undefined;
}

/** Whether `c` may follow an element's name in its tag: `>`, `/` or white space. */
const endsName = (c: number): boolean => c === GT || c === SLASH || c === SPACE || c === LF || c === TAB || c === CR;

export class DirectReader {
  buf = '';
  /** where reading goes on: after the last element read */
  pos = 0;
  schema: SchemaMeta | undefined = undefined;
  /** the attributes of the start tag read last, in document order */
  readonly attrNames: string[] = [];
  readonly attrValues: string[] = [];
  attrCount = 0;
  /** the start tag read last ended with `/>` */
  empty = false;

  /** A whole document's value; throws {@link DECLINED} for anything it leaves to the schema decoder. */
  read(schema: SchemaMeta, rootName: string, root: Leaf, xml: string): unknown {
    this.schema = schema;
    this.buf = xml;
    let p = xml.charCodeAt(0) === BOM ? 1 : 0;
    if (xml.startsWith('<?xml', p)) {
      const q = xml.indexOf('?>', p + 5);
      XML_DECLARATION.lastIndex = p;
      if (q < 0 || !XML_DECLARATION.test(xml) || XML_DECLARATION.lastIndex !== q + 2) decline();
      p = q + 2;
    }
    p = this.space(p);
    if (xml.charCodeAt(p) !== LT || !spelledAt(xml, p + 1, rootName) || !endsName(xml.charCodeAt(p + 1 + rootName.length))) decline();
    const value = this.element(root, rootName, p + 1 + rootName.length);
    if (this.space(this.pos) !== xml.length) decline();
    return value;
  }

  /** Lets go of the document. */
  release(): void {
    this.buf = '';
    this.schema = undefined;
    this.attrNames.length = 0;
    this.attrValues.length = 0;
  }

  /** The index of the first character at or after `p` that is not white space. */
  space(p: number): number {
    const buf = this.buf;
    for (;;) {
      const c = buf.charCodeAt(p);
      if (c === SPACE || c === LF || c === TAB || c === CR) p++;
      else return p;
    }
  }

  /**
   * The element whose name ends at `i` (its start tag's rest, its content and its end tag), read
   * as `leaf` says: its value; `pos` is set after its end tag.
   */
  element(leaf: Leaf, name: string, i: number): unknown {
    i = this.tagRest(i);
    const kind = leaf.kind;
    if (kind === Kind.Simple) {
      if (this.attrCount !== 0) decline();
      const text = this.empty ? '' : this.text(i);
      if (!this.empty) this.endTag(this.pos, name);
      else this.pos = i;
      return convert(leaf.simple!, text === '' && leaf.dflt !== undefined ? leaf.dflt : text);
    }
    if (kind === Kind.Flag) {
      if (this.attrCount !== 0) decline();
      this.pos = i;
      if (!this.empty) this.endTag(this.space(i), name);
      return true;
    }
    if (kind === Kind.Any) return this.any(leaf, name, i);
    const type = leaf.complex!;
    const rec = type.make();
    if (this.attrCount !== 0) this.attributes(type, rec);
    for (const attr of type.required) if (own(rec, attr.prop) === undefined) decline();
    if (kind === Kind.Elements) {
      if (this.empty) {
        this.pos = i;
        this.close(type, type.automaton!.start.accepting, undefined, undefined, rec);
      } else this.elements(type, rec, name, i);
      return rec;
    }
    this.pos = i;
    if (kind === Kind.SimpleContent) {
      const value = convert(leaf.simple!, this.empty ? '' : this.text(i));
      if (type.textStore !== undefined) type.textStore(rec, value);
      else setOwn(rec, type.meta.text!.prop, value);
    } else if (!this.empty) this.pos = this.space(i);
    if (!this.empty) this.endTag(this.pos, name);
    return rec;
  }

  /**
   * An element of any type, or one a wildcard matched, from `i` (after its start tag): its text
   * alone, or what it holds as the schema decoder captures it (its attributes, and its content
   * written again: text escaped, each element's attributes in double quotes, `<a/>` as `<a></a>`).
   */
  any(leaf: Leaf, name: string, i: number): unknown {
    const buf = this.buf;
    let attributes: Record<string, string> | undefined;
    for (let k = 0; k < this.attrCount; k++) setOwn((attributes ??= {}), this.attrNames[k]!, detached(this.attrValues[k]!));
    let raw = '';
    let text = '';
    let hasMarkup = false;
    this.pos = i;
    if (!this.empty) {
      /** the elements open inside it */
      const open: string[] = [];
      for (let p = i; ; ) {
        const part = this.text(p);
        if (part !== '') {
          raw += escapeText(part);
          text += part;
        }
        p = this.pos;
        if (buf.charCodeAt(p + 1) === SLASH) {
          const inner = open.pop();
          this.endTag(p, inner ?? name);
          if (inner === undefined) break;
          raw += `</${inner}>`;
          p = this.pos;
          continue;
        }
        const end = nameEnd(buf, p + 1, buf.length);
        if (end === p + 1 || !endsName(buf.charCodeAt(end))) decline();
        const inner = buf.slice(p + 1, end);
        p = this.tagRest(end);
        hasMarkup = true;
        raw += `<${inner}`;
        for (let k = 0; k < this.attrCount; k++) raw += ` ${this.attrNames[k]!}="${escapeAttribute(this.attrValues[k]!)}"`;
        raw += '>';
        if (this.empty) raw += `</${inner}>`;
        else open.push(inner);
      }
    }
    const kept = attributes === undefined ? {} : { attributes };
    if (leaf.wildcard) return { name: detached(name), ...kept, xml: detached(raw) };
    return !hasMarkup && attributes === undefined ? detached(text) : { ...kept, xml: detached(raw) };
  }

  /** The content of an element of elements (after its start tag at `p`) and its end tag, into `rec`. */
  elements(type: TypeInfo, rec: Rec, name: string, p: number): void {
    const buf = this.buf;
    const schema = this.schema!;
    const automaton = type.automaton!;
    let state = automaton.start;
    /** the records of the repeating groups the position is in (outermost first), and the groups */
    let recs: Rec[] | undefined;
    let scopes: GroupParticle[] | undefined;
    let order: string[] | undefined;
    let target = rec;
    for (;;) {
      p = this.space(p);
      if (buf.charCodeAt(p) !== LT) decline();
      const at = p + 1;
      const first = buf.charCodeAt(at);
      if (first === SLASH) break;
      // the names the state expects, compared in place; many: the name read and hashed
      const names = state.names;
      let move: Transition | undefined;
      let childName = '';
      if (names.length <= 8) {
        for (let j = 0; j < names.length; j++) {
          const candidate = names[j]!;
          if (candidate.charCodeAt(0) === first && spelledAt(buf, at, candidate) && endsName(buf.charCodeAt(at + candidate.length))) {
            move = state.moves[j];
            childName = candidate;
            break;
          }
        }
      } else {
        const end = nameEnd(buf, at, buf.length);
        childName = buf.slice(at, end);
        if (endsName(buf.charCodeAt(end))) move = state.next.get(childName);
      }
      // a name the state does not expect: a wildcard's, if it has one
      if (move === undefined && state.wildcard !== undefined) {
        const end = nameEnd(buf, at, buf.length);
        if (end === at || !endsName(buf.charCodeAt(end))) decline();
        childName = buf.slice(at, end);
        move = state.wildcard;
      }
      if (move === undefined) return decline();
      const position = automaton.positions[move.to]!;
      const depth = position.scopes.length;
      if (depth !== 0 || (scopes !== undefined && scopes.length !== 0)) {
        recs ??= [rec];
        scopes ??= [];
        // close the group records the move leaves, open the ones it enters
        while (scopes.length > move.keep) if (failedCheck(automaton.checks.get(scopes.pop()!)!, recs.pop()!) !== undefined) decline();
        for (let j = move.keep; j < depth; j++) {
          const group = position.scopes[j]!;
          const groupRec = type.makeGroupRecord(group);
          const list = own(recs[j]!, group.prop!) as Rec[] | undefined;
          if (list) list.push(groupRec);
          else setOwn(recs[j]!, group.prop!, [groupRec]);
          recs.push(groupRec);
          scopes.push(group);
        }
        target = recs[recs.length - 1]!;
      }
      state = automaton.states[move.to]!;
      if (type.all) (order ??= []).push(position.leaf.prop);
      const leaf = leafAt(schema, type, move.to);
      const value = this.element(leaf, childName, at + childName.length);
      p = this.pos;
      const store = leaf.store;
      if (store !== undefined) {
        if (store(target, value) < 0) decline();
      } else if (leaf.array) {
        const list = own(target, leaf.prop) as unknown[] | undefined;
        if (list) list.push(value);
        else setOwn(target, leaf.prop, [value]);
      } else {
        if (own(target, leaf.prop) !== undefined) decline();
        setOwn(target, leaf.prop, value);
      }
    }
    this.endTag(p, name);
    this.close(type, state.accepting, recs, scopes, rec);
    if (order !== undefined) setReadOrder(rec, order);
  }

  /** The checks of a record of elements that ends in a state (`accepting` or not), and of its open group records. */
  close(type: TypeInfo, accepting: boolean, recs: Rec[] | undefined, scopes: GroupParticle[] | undefined, rec: Rec): void {
    if (!accepting) decline();
    if (scopes !== undefined) while (scopes.length > 0) if (failedCheck(type.automaton!.checks.get(scopes.pop()!)!, recs!.pop()!) !== undefined) decline();
    if (failedCheck(type.checks, rec) !== undefined) decline();
  }

  /** The end tag of `name` at `p` (a `<`); `pos` is set after it. */
  endTag(p: number, name: string): void {
    const buf = this.buf;
    if (buf.charCodeAt(p) !== LT || buf.charCodeAt(p + 1) !== SLASH || !spelledAt(buf, p + 2, name)) decline();
    const gt = this.space(p + 2 + name.length);
    if (buf.charCodeAt(gt) !== GT) decline();
    this.pos = gt + 1;
  }

  /**
   * The rest of a start tag from `i` (after its name): its attributes (`attrNames`, `attrValues`,
   * `attrCount`) and whether it ends with `/>` (`empty`). Returns the index after it.
   */
  tagRest(i: number): number {
    const buf = this.buf;
    this.attrCount = 0;
    for (;;) {
      let c = buf.charCodeAt(i);
      if (c === GT) {
        this.empty = false;
        return i + 1;
      }
      if (c === SLASH) {
        if (buf.charCodeAt(i + 1) !== GT) decline();
        this.empty = true;
        return i + 2;
      }
      const spaced = this.space(i);
      if (spaced === i) decline();
      i = spaced;
      c = buf.charCodeAt(i);
      if (c === GT || c === SLASH) continue;
      i = this.attribute(i);
    }
  }

  /** An attribute at `i` (`name="value"`, no character reference, no namespace): returns the index after its closing quote. */
  attribute(i: number): number {
    const buf = this.buf;
    const end = nameEnd(buf, i, buf.length);
    const key = buf.slice(i, end);
    // (a namespace declaration or a prefixed name, xsi:nil among them, is the schema decoder's)
    if (end === i || key.includes(':') || key.startsWith('xmlns')) decline();
    let j = this.space(end);
    if (buf.charCodeAt(j) !== 61) decline();
    j = this.space(j + 1);
    const quote = buf.charCodeAt(j);
    if (quote !== 34 && quote !== 39) decline();
    let from = j + 1;
    let out: string | undefined;
    for (j = from; ; j++) {
      const c = buf.charCodeAt(j);
      if (c === quote) break;
      if (c >= 0xd800) j = this.beyondBmp(c, j);
      else if (c === AMP) {
        const text = predefined(buf, j + 1);
        if (text === undefined) decline();
        out = (out ?? '') + buf.slice(from, j) + text;
        j = buf.indexOf(';', j);
        from = j + 1;
      }
      // a character reference, `<`, tab, line end, another control character or the end
      else if (c < SPACE || c === LT || Number.isNaN(c)) decline();
    }
    const value = out === undefined ? buf.slice(from, j) : out + buf.slice(from, j);
    for (let k = 0; k < this.attrCount; k++) if (this.attrNames[k] === key) decline();
    this.attrNames[this.attrCount] = key;
    this.attrValues[this.attrCount] = value;
    this.attrCount++;
    return j + 1;
  }

  /** The attributes of the start tag read last, into a record of `type`. */
  attributes(type: TypeInfo, rec: Rec): void {
    for (let k = 0; k < this.attrCount; k++) {
      const attr = type.attributes.get(this.attrNames[k]!);
      if (attr === undefined) decline();
      const value = convert(attr.decode, this.attrValues[k]!);
      if (attr.store !== undefined) attr.store(rec, value);
      else setOwn(rec, attr.meta.prop, value);
    }
  }

  /** A character at or above U+D800 at `i`: the index of its last code unit (a surrogate pair's low one); any other declines. */
  beyondBmp(c: number, i: number): number {
    if (c <= 0xdbff) {
      const low = this.buf.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) return i + 1;
    } else if (c >= 0xe000 && c <= 0xfffd) return i;
    return decline();
  }

  /** Character data from `p` (after a start tag) to the next `<`, decoded; `pos` is set at that `<`. */
  text(p: number): string {
    const buf = this.buf;
    let i = p;
    let out: string | undefined;
    let from = p;
    /** where `]]>` may start: after the last reference */
    let plain = p;
    for (;;) {
      const c = buf.charCodeAt(i);
      if (c > GT) {
        if (c < 0xd800) {
          i++;
          continue;
        }
        i = this.beyondBmp(c, i) + 1;
        continue;
      }
      if (c === LT) break;
      if (c === AMP) {
        const text = predefined(buf, i + 1);
        if (text === undefined) decline();
        out = (out ?? '') + buf.slice(from, i) + text;
        i = buf.indexOf(';', i) + 1;
        from = plain = i;
        continue;
      }
      if (c >= SPACE) {
        if (c === GT && i - plain >= 2 && buf.charCodeAt(i - 1) === RSQB && buf.charCodeAt(i - 2) === RSQB) decline();
        i++;
        continue;
      }
      // a tab or a line feed; a carriage return (normalized), another control character or the end: declined
      if (c !== LF && c !== TAB) decline();
      i++;
    }
    this.pos = i;
    return out === undefined ? buf.slice(p, i) : out + buf.slice(from, i);
  }
}

/** A simple value as the schema decoder makes it (a string detached from the document); a refusal declines. */
function convert(decode: SimpleDecoder, text: string): unknown {
  const value = decode(text);
  return typeof value === 'string' ? detached(value) : value;
}
