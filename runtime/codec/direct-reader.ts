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
 * in text, a namespace or xsi attribute (but `xsi:nil` as the encoder writes it: nil()), an
 * attribute value with white space other than spaces, a name its automaton state does not
 * expect, a value its converter refuses, a broken rule, a document that is not well-formed. Declining throws `DECLINED` (one
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
import { detached } from './own-strings.js';
import type { GroupParticle, SchemaMeta } from './meta.js';
import { isDeclaration } from './markup-readers.js';
import { own, setOwn } from './own-properties.js';
import { escapeAttribute, escapeText } from './xml-text.js';
import type { SimpleDecoder } from './simple-decoders.js';
import { decline, DirectScanner, endsName } from './direct-scanner.js';
import { BOM, GT, LT, nameEnd, SLASH, spelledAt } from './xml-chars.js';
import { XSI_NAMESPACE } from './xml-names.js';

export { DECLINED } from './direct-scanner.js';

/** The longest text {@link DirectReader.shared} looks up, and how many it keeps (a power of two). */
const SHARED_LENGTH = 16;
const SHARED_SLOTS = 64;

export class DirectReader extends DirectScanner {
  schema: SchemaMeta | undefined = undefined;
  /** short texts read lately in this document, by a hash of their length and three of their characters ('': none) */
  readonly known: string[] = Array.from({ length: SHARED_SLOTS }, () => '');

  /** A whole document's value; throws {@link DECLINED} for anything it leaves to the schema decoder. */
  read(schema: SchemaMeta, rootName: string, root: Leaf, xml: string): unknown {
    this.schema = schema;
    this.buf = xml;
    let p = xml.charCodeAt(0) === BOM ? 1 : 0;
    if (xml.startsWith('<?xml', p)) {
      const q = xml.indexOf('?>', p + 5);
      if (q < 0 || !isDeclaration(xml, p, q + 2)) decline();
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
    this.seen = undefined;
    // (the texts of one answer are shared within it, never kept past it: an answer's values may be secrets)
    this.known.fill('');
  }

  /**
   * The element whose name ends at `i` (its start tag's rest, its content and its end tag), read
   * as `leaf` says: its value; `pos` is set after its end tag.
   */
  element(leaf: Leaf, name: string, i: number): unknown {
    i = this.tagRest(i);
    if (this.xsi) return this.nil(leaf, name, i);
    const kind = leaf.kind;
    if (kind === Kind.Simple) {
      if (this.attrCount !== 0) decline();
      if (!this.empty) return this.simple(leaf, name, i);
      this.pos = i;
      return convert(leaf.simple!, leaf.dflt ?? '');
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
   * An element whose start tag has xsi attributes, read only in the form the encoder writes:
   * `xsi:nil="true"` (or `"1"`) and `xmlns:xsi` bound to XML Schema's instance namespace, on the
   * same tag and nothing else, on a nillable element not of any type, with no content: null.
   * Anything else (xsi declared on an ancestor, `"false"`, content) declines.
   */
  nil(leaf: Leaf, name: string, i: number): null {
    if (this.attrCount !== 2 || !leaf.nillable || leaf.kind === Kind.Any) decline();
    const k = this.attrNames[0] === 'xsi:nil' ? 0 : 1;
    if (this.attrNames[k] !== 'xsi:nil' || this.attrNames[1 - k] !== 'xmlns:xsi' || this.attrValues[1 - k] !== XSI_NAMESPACE) decline();
    if (this.attrValues[k] !== 'true' && this.attrValues[k] !== '1') decline();
    if (this.empty) this.pos = i;
    else this.endTag(i, name);
    return null;
  }

  /** A simple element's text from `i` (after its start tag) and its end tag: its value. */
  simple(leaf: Leaf, name: string, i: number): unknown {
    const text = this.text(i);
    // (a string whose text white space leaves as it is: that text, no decoder to call)
    const asWritten = leaf.textAsWritten && !this.spaced && text !== '';
    this.endTag(this.pos, name);
    return asWritten ? this.shared(text) : convert(leaf.simple!, text === '' && leaf.dflt !== undefined ? leaf.dflt : text);
  }

  /**
   * A text read as a string of its own. A short one (16 characters or fewer) spelled like one
   * read lately in the same document is given the string kept for it then (the statuses, types, protocols and flags of
   * a list, read once per item), the way V8's JSON.parse shares short strings: equal strings are
   * indistinguishable, so the value is the same, and it holds one string where it held one per
   * item.
   */
  shared(text: string): string {
    const length = text.length;
    if (length > SHARED_LENGTH) return detached(text);
    const slot = (length + 3 * text.charCodeAt(0) + 5 * text.charCodeAt(length >> 1) + 7 * text.charCodeAt(length - 1)) & (SHARED_SLOTS - 1);
    const known = this.known[slot]!;
    if (known === text) return known;
    return (this.known[slot] = detached(text));
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
      const after = at + childName.length;
      // the usual element, simple and with no attribute, read here; any other by element()
      const value = leaf.kind === Kind.Simple && buf.charCodeAt(after) === GT ? this.simple(leaf, childName, after + 1) : this.element(leaf, childName, after);
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
}

/** A simple value as the schema decoder makes it (a string detached from the document); a refusal declines. */
function convert(decode: SimpleDecoder, text: string): unknown {
  const value = decode(text);
  return typeof value === 'string' ? detached(value) : value;
}
