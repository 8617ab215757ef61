/**
 * The schema decoder: the handler of the tokenizer's tokens (tokenizer.ts) that builds the typed
 * value. No generic tree is built: each element is matched against its parent's content automaton
 * as it opens, and its value is placed in its record as it closes.
 *
 * It rejects what the schema rejects: elements out of order, missing or unknown elements,
 * too many occurrences, text where elements belong, unknown attributes, values outside their
 * facets, lone surrogates (XML cannot carry them), xsi:nil values other than true/false/1/0,
 * xsi:nil on an element that is not nillable, and a nil element with content or attributes (its
 * value, null, could not carry them). Errors name the element path, the 1-based line and column,
 * and what was expected. Under unknownElements 'keep', schema drift is kept and reported instead
 * (drift-reader.ts). A record of an xs:all type remembers the order its elements were read in.
 *
 * What it needs about each element is resolved once per schema (decode-plan.ts); the document's
 * pieces, path and errors are document-reader.ts's. The frames of open elements are reused from
 * one element to the next (decode-frame.ts), and a known element's name is compared in place with
 * the names its parent's automaton expects, so that reading an element allocates little beyond
 * its value.
 */
import { failedCheck, type CheckFailure, type RecordCheck, type Transition } from './content-automaton.js';
import { Frame, type Rec } from './decode-frame.js';
import { MAX_WAYS, type GroupSearch } from './group-search.js';
import { Kind, leafAt, type Leaf, type TypeInfo } from './decode-plan.js';
import { setReadOrder } from './decode-options.js';
import { DriftReader } from './drift-reader.js';
import { detached } from './own-strings.js';
import { ValueError } from './errors.js';
import type { GroupParticle, RawXml, SimpleTypeMeta } from './meta.js';
import { own, setOwn } from './own-properties.js';
import type { SimpleDecoder } from './simple-decoders.js';
import { NOT_KEPT } from './simple-values.js';
import { spelledAt } from './xml-chars.js';
import { escapeAttribute, escapeText, isWhiteSpace } from './xml-text.js';
import { XSI_NAMESPACE } from './xml-names.js';

const NIL_CONTENT = 'an element with xsi:nil="true" must be empty';

/** The target of an element of a searched content model: its value waits in the search for the records (group-search.ts). */
const PENDING: Rec = Object.freeze({}) as Rec;

/** The tokens of a document, read against the schema: the handler the tokenizer reports to. */
export class Decoder extends DriftReader {
  openTag(source: string, start: number, end: number): string {
    const parent = this.open > 0 ? this.frames[this.open - 1]! : undefined;
    if (parent?.kind === Kind.Any) {
      const name = source.slice(start, end);
      this.capture(parent, name);
      return name;
    }
    const hasAttributes = this.tokenizer.attrCount !== 0;
    if (!parent) {
      const root = this.rootName;
      const name = end - start === root.length && spelledAt(source, start, root) ? root : source.slice(start, end);
      if (this.result !== undefined || name !== root) this.fail(`expected the root element <${root}>, found <${this.quote(name, true)}>`, name);
      this.push(name, this.rootLeaf!, null, hasAttributes);
      return name;
    }
    if (parent.kind !== Kind.Elements) {
      const name = source.slice(start, end);
      // an empty record (attributes only) can keep an element; a text or a flag could not
      if (this.keep && parent.kind === Kind.Empty && !parent.nil) return this.keepElement(parent, name, hasAttributes, 'unknown');
      const shown = this.quote(name, true);
      this.fail(parent.kind === Kind.Simple || parent.kind === Kind.SimpleContent ? `element <${shown}> found where only text is allowed` : `element <${shown}> found in an element that must be empty`, name);
    }
    if (parent.nil) this.fail(NIL_CONTENT, source.slice(start, end));
    const state = parent.state!;
    // the expected names compared in place (no string made), else the name hashed
    const names = state.names;
    const length = end - start;
    let name: string | undefined;
    let move: Transition | undefined;
    if (names.length <= 8) {
      const first = source.charCodeAt(start);
      for (let i = 0; i < names.length; i++) {
        const candidate = names[i]!;
        if (candidate.length === length && candidate.charCodeAt(0) === first && spelledAt(source, start, candidate)) {
          name = candidate;
          move = state.moves[i];
          break;
        }
      }
    } else {
      name = source.slice(start, end);
      move = state.next.get(name);
    }
    if (!move) {
      name ??= source.slice(start, end);
      move = state.wildcard;
    }
    if (!move && this.keep) return this.keepElement(parent, name!, hasAttributes, parent.search?.read(name!) === true ? 'extra' : this.driftKind(parent, name!));
    if (!move) {
      const expected = state.expected.length > 0 ? `expected ${state.expected.length === 1 ? '' : 'one of '}${state.expected.join(', ')}` : `<${parent.name}> allows no more elements`;
      this.fail(`unexpected element <${this.quote(name!, true)}>; ${expected}${state.accepting && state.expected.length > 0 ? ` or the end of <${parent.name}>` : ''}`, name);
    }
    const type = parent.type!;
    const automaton = type.automaton!;
    const position = automaton.positions[move.to]!;
    let target = PENDING;
    const search = parent.search;
    if (search !== undefined) {
      // the records wait for the element's end: every way of grouping the elements is followed
      const failure = search.step(move);
      if (failure !== undefined && this.keep && isOverflow(failure)) return this.keepElement(parent, name!, hasAttributes, 'extra');
      if (failure !== undefined) this.failCheck(failure, search);
    } else {
      if (this.keep && this.overflows(parent, move, position)) return this.keepElement(parent, name!, hasAttributes, 'extra');
      target = this.enter(parent, move.to, move.keep);
    }
    parent.state = automaton.states[move.to];
    parent.children++;
    if (type.all) (parent.order ??= []).push(position.leaf.prop);
    this.push(name!, leafAt(this.schema, type, move.to), target, hasAttributes);
    return name!;
  }

  /** Closes the group records a move to position `to` leaves, opens the ones it enters; returns the innermost. */
  enter(frame: Frame, to: number, keep: number): Rec {
    const type = frame.type!;
    const scopes = type.automaton!.positions[to]!.scopes;
    while (frame.scopes.length > keep) this.closeRecord(frame, frame.scopes.pop()!, frame.recs.pop()!);
    for (let j = keep; j < scopes.length; j++) {
      const group = scopes[j]!;
      const rec: Rec = type.makeGroupRecord(group);
      const owner = frame.recs[j]!;
      const list = own(owner, group.prop!) as Rec[] | undefined;
      if (list) list.push(rec);
      else setOwn(owner, group.prop!, [rec]);
      frame.recs.push(rec);
      frame.scopes.push(group);
    }
    return frame.recs[frame.recs.length - 1]!;
  }

  /** A searched element's records, built along the grouping its search settles on (group-search.ts). */
  build(frame: Frame, search: GroupSearch): void {
    const keeps = search.settle();
    if (!Array.isArray(keeps)) this.failCheck(keeps, search);
    for (let i = 0; i < keeps.length; i++) {
      const to = search.positions[i]!;
      this.keptValue = search.kept[i]!;
      const particle = frame.type!.automaton!.positions[to]!.leaf;
      this.place(this.enter(frame, to, keeps[i]!), leafAt(this.schema, frame.type!, to), search.values[i], particle.k === 'el' ? particle.name : '');
    }
  }

  push(name: string, leaf: Leaf, target: Rec | null, hasAttributes: boolean): void {
    let frame = this.frames[this.open];
    if (!frame) this.frames.push((frame = new Frame()));
    frame.open(name, leaf, target);
    this.open++;
    if (hasAttributes) this.attributes(frame, leaf.nillable);
    // no attributes: only the required ones can be wrong
    else if (frame.type !== undefined && frame.type.required.length > 0) this.checkRequired(frame, frame.type);
  }

  attributes(frame: Frame, nillable: boolean): void {
    const { attrNames: keys, attrValues: values, attrCount: count } = this.tokenizer;
    // namespace declarations first: they hold for every attribute of the element, whatever their order
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      if (key === 'xmlns' && values[i] !== '') this.fail(`elements in the namespace "${this.quote(values[i]!, false)}" are not part of this schema (it has no target namespace)`);
      if (key.startsWith('xmlns:') && values[i] === XSI_NAMESPACE) {
        this.xsiPrefixes.push(key.slice(6));
        frame.xsiDeclared++;
      }
    }
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      const value = values[i]!;
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      const colon = key.indexOf(':');
      if (colon > 0 && this.xsiPrefixes.includes(key.slice(0, colon))) {
        const local = key.slice(colon + 1);
        if (local === 'nil') {
          // XML Schema: xsi:nil is an xs:boolean, and only a nillable element may carry it at all
          if (!nillable) this.fail(`<${this.quote(frame.name, true)}> is not nillable: it cannot carry ${this.quote(key, true)}`);
          const flag = collapseBoolean(value);
          if (flag === undefined) {
            const shown = this.quote(value, false);
            this.fail(`${this.quote(key, true)} must be true, false, 1 or 0, not ${JSON.stringify(shown.length > 20 ? `${shown.slice(0, 20)}…` : shown)}`);
          }
          frame.nil = flag;
        } else if (local !== 'schemaLocation' && local !== 'noNamespaceSchemaLocation') this.fail(`the attribute ${this.quote(key, true)} is not supported`);
        continue;
      }
      if (frame.kind === Kind.Any) {
        setOwn((frame.attributes ??= {}), key, detached(value));
        continue;
      }
      const attr = frame.type?.attributes.get(key);
      if (!attr && this.keep && frame.type !== undefined && frame.kind !== Kind.Flag) {
        this.keepAttribute(frame, key, value);
        continue;
      }
      if (!attr) {
        const allowed = frame.type?.meta.attrs.map((a) => a.name) ?? [];
        this.fail(`unknown attribute ${this.quote(key, true)}${allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : `; <${frame.name}> takes no attributes`}`);
      }
      const decoded = this.simpleValue(attr.decode, value, `@${key}`, attr.simple);
      if (attr.store !== undefined) attr.store(frame.recs[0]!, decoded);
      else if (attr.inherited) setOwn(frame.recs[0]!, attr.meta.prop, decoded);
      else frame.recs[0]![attr.meta.prop] = decoded;
      if (this.keptValue) this.recordKept(frame.recs[0]!, attr.meta.prop, -1, decoded);
    }
    // (a nil element's value is null: its attributes are refused when it closes)
    if (frame.type !== undefined && !frame.nil) this.checkRequired(frame, frame.type);
  }

  checkRequired(frame: Frame, type: TypeInfo): void {
    for (const attr of type.required) if (own(frame.recs[0]!, attr.prop) === undefined) this.fail(`the required attribute ${attr.name} is missing`);
  }

  text(source: string, start: number, end: number): void {
    if (this.open === 0) return;
    const frame = this.frames[this.open - 1]!;
    const kind = frame.kind;
    if (kind === Kind.Simple || kind === Kind.SimpleContent) {
      const text = start === 0 && end === source.length ? source : source.slice(start, end);
      frame.text = frame.text === '' ? text : frame.text + text;
    } else if (kind === Kind.Any) {
      const text = source.slice(start, end);
      frame.raw += escapeText(text);
      frame.text += text;
    } else if (!isWhiteSpace(source, start, end)) {
      if (frame.nil && kind === Kind.Elements) this.fail(NIL_CONTENT);
      this.fail(`text "${this.quote(source.slice(start, end).trim(), false).slice(0, 40)}" found where only elements are allowed`);
    }
  }

  capture(frame: Frame, name: string): void {
    frame.depth++;
    frame.hasMarkup = true;
    const { attrNames, attrValues, attrCount } = this.tokenizer;
    let open = `<${name}`;
    for (let i = 0; i < attrCount; i++) open += ` ${attrNames[i]}="${escapeAttribute(attrValues[i]!)}"`;
    frame.raw += `${open}>`;
  }

  closeTag(name: string): void {
    const frame = this.frames[this.open - 1]!;
    if (frame.kind === Kind.Any && frame.depth > 0) {
      frame.raw += `</${name}>`;
      frame.depth--;
      return;
    }
    if (frame.unknownAt >= 0) return this.closeKept(frame);
    const leaf = frame.leaf!;
    let value: unknown;
    switch (frame.kind) {
      case Kind.Simple:
        if (frame.nil) {
          if (frame.text !== '') this.fail(NIL_CONTENT);
          value = null;
        } else value = this.simpleValue(leaf.simple!, frame.text === '' && leaf.dflt !== undefined ? leaf.dflt : frame.text, undefined, leaf.simpleMeta);
        break;
      case Kind.SimpleContent:
        if (frame.nil) {
          if (frame.text !== '') this.fail(NIL_CONTENT);
          value = this.nilRecord(frame);
          break;
        }
        value = frame.recs[0];
        if (frame.type!.textStore !== undefined) frame.type!.textStore(value as Rec, this.simpleValue(leaf.simple!, frame.text, undefined, leaf.simpleMeta));
        else setOwn(value as Rec, frame.type!.meta.text!.prop, this.simpleValue(leaf.simple!, frame.text, undefined, leaf.simpleMeta));
        if (this.keptValue) this.recordKept(value as Rec, frame.type!.meta.text!.prop, -1, (value as Rec)[frame.type!.meta.text!.prop]);
        break;
      case Kind.Elements:
        if (frame.nil) value = this.nilRecord(frame);
        else {
          if (!frame.state!.accepting) this.fail(`<${frame.name}> ends too early; expected ${frame.state!.expected.length === 1 ? '' : 'one of '}${frame.state!.expected.join(', ')}${this.misplacedNote(frame, frame.state!.expected)}`);
          if (frame.search !== undefined) this.build(frame, frame.search);
          while (frame.scopes.length > 0) this.closeRecord(frame, frame.scopes.pop()!, frame.recs.pop()!);
          value = frame.recs[0];
          this.runChecks(frame.type!.checks, value as Rec);
          if (frame.order !== undefined) {
            setReadOrder(value as Rec, frame.order);
            frame.order = undefined;
          }
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
        if (leaf.wildcard) value = { name: detached(frame.name), ...attributes, xml: detached(frame.raw) };
        else value = !frame.hasMarkup && frame.attributes === undefined ? detached(frame.text) : ({ ...attributes, xml: detached(frame.raw) } satisfies RawXml);
        break;
      }
    }
    this.open--;
    if (frame.xsiDeclared > 0) this.xsiPrefixes.length -= frame.xsiDeclared;
    const target = frame.target;
    if (!target) {
      this.keptValue = false;
      this.result = value;
      return;
    }
    if (target === PENDING) {
      this.frames[this.open - 1]!.search!.hold(value, this.keptValue);
      this.keptValue = false;
      return;
    }
    this.place(target, leaf, value, frame.name);
  }

  /** Puts the value of the element `name` in its record. */
  place(target: Rec, leaf: Leaf, value: unknown, name: string): void {
    const store = leaf.store;
    if (store !== undefined) {
      // the emitted store of the property (record-code.ts): the same rules, by the property's name
      const index = store(target, value);
      if (index < 0) this.fail(`<${name}> may occur only once here`, name);
      if (this.keptValue) this.recordKept(target, leaf.prop, leaf.array ? index : -1, value);
      return;
    }
    if (leaf.array) {
      const list = own(target, leaf.prop) as unknown[] | undefined;
      if (this.keptValue) this.recordKept(target, leaf.prop, list === undefined ? 0 : list.length, value);
      if (list) list.push(value);
      else if (leaf.inherited) setOwn(target, leaf.prop, [value]);
      else target[leaf.prop] = [value];
    } else {
      if (own(target, leaf.prop) !== undefined) this.fail(`<${name}> may occur only once here`, name);
      if (leaf.inherited) setOwn(target, leaf.prop, value);
      else target[leaf.prop] = value;
      if (this.keptValue) this.recordKept(target, leaf.prop, -1, value);
    }
  }

  /** The value of a nil element that is a record: null, which cannot carry its attributes. */
  nilRecord(frame: Frame): null {
    const rec = frame.recs[0]!;
    for (const key in rec) if (own(rec, key) !== undefined) this.fail(`an element with xsi:nil="true" cannot carry the attribute ${frame.type!.meta.attrs.find((a) => a.prop === key)?.name ?? key}: its value is null`);
    if (frame.drift?.attributes !== undefined) this.fail(`an element with xsi:nil="true" cannot carry the attribute ${this.quote(Object.keys(frame.drift.attributes)[0]!, true)}: its value is null`);
    return null;
  }

  closeRecord(frame: Frame, group: GroupParticle, rec: Rec): void {
    this.runChecks(frame.type!.automaton!.checks.get(group)!, rec);
  }

  runChecks(checks: RecordCheck[], rec: Rec): void {
    const failure = failedCheck(checks, rec);
    if (failure !== undefined) this.failCheck(failure, undefined);
  }

  /** A record's failed check, worded (a search that dropped ways says so). */
  failCheck({ check, missing, found }: CheckFailure, search: GroupSearch | undefined): never {
    const note = search?.dropped === true ? ` (the decoder follows at most ${MAX_WAYS} ways of grouping the elements into iterations at once, and dropped some)` : '';
    if (check.kind === 'all') this.fail(`the element <${missing!.name}> is required${this.misplacedNote(this.frames[this.open - 1]!, [missing!.name])}${note}`);
    if (found < check.min) this.fail(`at least ${check.min} ${check.name} required, found ${found}${note}`);
    this.fail(`at most ${check.max} ${check.name} allowed, found ${found}${note}`);
  }

  /** A simple value; under 'keep', one outside its facets is kept when its type holds it (then `keptValue` is set). */
  simpleValue(decode: SimpleDecoder, text: string, child: string | undefined, meta: SimpleTypeMeta | undefined): unknown {
    try {
      const value = decode(text);
      return typeof value === 'string' ? detached(value) : value;
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      if (this.keep) {
        const kept = this.keepValue(meta, text, error, child);
        if (kept !== NOT_KEPT) return kept;
      }
      const message = this.redact === undefined ? error.message : error.messageWith((piece) => this.quote(piece, false));
      this.fail(this.keep ? `${message} (unknownElements: 'keep' keeps a value outside its facets only where its TypeScript type holds it; regenerate from the server's schemas)` : message, child);
    }
  }
}

/** A failure of a count past its maxOccurs (unknownElements 'keep' keeps the element as `extra`). */
function isOverflow({ check, found }: CheckFailure): boolean {
  return check.kind === 'count' && check.max !== -1 && found > check.max;
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
