/**
 * What the decoder does with schema drift under unknownElements 'keep' (decode-options.ts): an
 * element its parent's content model cannot place where it stands is captured raw, at its place
 * among its parent's known children, with its kind (`unknown`, `extra`, `misplaced`); a value
 * outside its facets that its TypeScript type still holds is kept as read (driftedValue of
 * simple-values.ts) and remembered on its record, so that the encoder writes it back while it is
 * unchanged; each is reported to onUnknown, what it quotes of the document through `redact`.
 *
 * Nothing here runs for a document without drift, and nothing in 'error' mode: the schema
 * decoder (schema-decoder.ts) comes here only once its automaton has found no place for an
 * element, or a value has failed its facets.
 */
import { detached } from './own-strings.js';
import type { Transition, Position } from './content-automaton.js';
import type { Frame, Rec } from './decode-frame.js';
import { UNKNOWN_LEAF, type Leaf } from './decode-plan.js';
import { keptContentOf, type SchemaDriftKind } from './decode-options.js';
import { DocumentReader } from './document-reader.js';
import type { ValueError } from './errors.js';
import type { SimpleTypeMeta } from './meta.js';
import { own } from './own-properties.js';
import { driftedValue, NOT_KEPT } from './simple-values.js';

/** Element and attribute names whose values may be credentials: a drift event shows them as `***`. */
const SECRET_NAME = /pass(?:word|wd|phrase)?(?![-_]?type)|secret|token|private|(?:^|[-_])key(?:$|[-_])|apikey|credential/i;

/** How much of a kept value a drift event shows. */
const SHOWN_VALUE = 60;

export abstract class DriftReader extends DocumentReader {
  /** a value was just kept by {@link keepValue}: its caller records it where it puts it */
  keptValue = false;

  /** Opens a frame for an element (the schema decoder's). */
  abstract push(name: string, leaf: Leaf, target: Rec | null, hasAttributes: boolean): void;

  /**
   * The kind of drift of an element that its parent's automaton cannot place: not declared by the
   * parent's type (`unknown`), declared and already set in the parent's open records (`extra`), or
   * declared and not there yet (`misplaced`).
   */
  driftKind(parent: Frame, name: string): 'unknown' | 'extra' | 'misplaced' {
    const props = parent.type!.propsOf(name);
    if (props.length === 0) return 'unknown';
    for (const rec of parent.recs) for (const prop of props) if (own(rec, prop) !== undefined) return 'extra';
    return 'misplaced';
  }

  /**
   * Whether the automaton's move would put an element into a record that already holds as many as
   * its particle allows (an xs:all member twice, a bounded repeat past its maxOccurs), or open an
   * iteration of a repeating group past the group's maxOccurs: under 'keep' such an element is
   * `extra`. (In 'error' mode the record's checks fail instead.)
   */
  overflows(parent: Frame, move: Transition, position: Position): boolean {
    const depth = position.scopes.length;
    if (move.keep < depth) {
      // the move opens a new iteration of a repeating group: one more than the group allows?
      const group = position.scopes[move.keep]!;
      const iterations = own(parent.recs[move.keep]!, group.prop!) as unknown[] | undefined;
      return group.max !== -1 && iterations !== undefined && iterations.length >= group.max;
    }
    const particle = position.leaf;
    const value = own(parent.recs[depth]!, particle.prop);
    if (value === undefined) return false;
    if (particle.max === 1) return true;
    return particle.max !== -1 && (value as unknown[]).length >= particle.max;
  }

  /**
   * Under 'keep', what to add to a message about missing elements when the element came, out of
   * its place (a moved element is kept raw where it stands, and the record then lacks it).
   */
  misplacedNote(frame: Frame, expected: readonly string[]): string {
    const kept = frame.drift?.elements.find((e) => e.kind === 'misplaced' && expected.includes(e.name));
    return kept === undefined ? '' : `; <${kept.name}> came earlier, out of its place: unknownElements 'keep' kept it as it stands, and the TypeScript type needs it here`;
  }

  /** Captures an element raw, to be kept at its place among its parent's known children. */
  keepElement(parent: Frame, name: string, hasAttributes: boolean, kind: 'unknown' | 'extra' | 'misplaced'): string {
    this.report(kind, name, `${this.path()}/${name}`);
    this.push(name, UNKNOWN_LEAF, null, hasAttributes);
    const frame = this.frames[this.open - 1]!;
    frame.unknownAt = parent.children;
    frame.keptKind = kind;
    return name;
  }

  /** The end of an element kept raw: it goes to its parent's unknown content, at its place. */
  closeKept(frame: Frame): void {
    const parent = this.frames[this.open - 2]!;
    const drift = (parent.drift ??= keptContentOf(parent.recs[0]!));
    drift.elements.push({ name: detached(frame.name), at: frame.unknownAt, kind: frame.keptKind, ...(frame.attributes ? { attributes: frame.attributes } : {}), xml: detached(frame.raw) });
    this.open--;
    if (frame.xsiDeclared > 0) this.xsiPrefixes.length -= frame.xsiDeclared;
  }

  /** An attribute the element's record does not declare: kept on the record. */
  keepAttribute(frame: Frame, key: string, value: string): void {
    const drift = (frame.drift ??= keptContentOf(frame.recs[0]!));
    const attributes = (drift.attributes ??= {});
    Object.defineProperty(attributes, key, { value: detached(value), enumerable: true, writable: true, configurable: true });
    this.report('attribute', key, `${this.path()}/@${key}`);
  }

  /**
   * A value that failed its facets: kept as read when its TypeScript type holds it (and reported),
   * else {@link NOT_KEPT}. `child` is `@name` for an attribute.
   */
  keepValue(meta: SimpleTypeMeta | undefined, text: string, error: ValueError, child: string | undefined): unknown {
    if (meta === undefined) return NOT_KEPT;
    const value = driftedValue(meta, text);
    if (value === NOT_KEPT) return NOT_KEPT;
    const name = child === undefined ? this.frames[this.open - 1]!.name : child.slice(1);
    const secret = SECRET_NAME.test(name);
    const show = secret ? () => '***' : (piece: string) => this.quote(piece, false);
    const shown = show(text);
    this.report('value', name, child === undefined ? this.path() : `${this.path()}/${child}`, {
      value: shown.length > SHOWN_VALUE ? `${shown.slice(0, SHOWN_VALUE)}…` : shown,
      reason: error.messageWith(show),
    });
    this.keptValue = true;
    return typeof value === 'string' ? detached(value) : value;
  }

  /** Remembers on `rec` that the value at `prop` (`index`: -1 when not an array) was kept as read. */
  recordKept(rec: Rec, prop: string, index: number, value: unknown): void {
    this.keptValue = false;
    (keptContentOf(rec).values ??= []).push({ prop, index, value });
  }

  report(kind: SchemaDriftKind, name: string, path: string, value?: { value: string; reason: string }): void {
    const listener = this.onUnknown;
    if (listener === undefined) return;
    // a name from the document is shown through redact, the path's known names as they are
    const shownName = this.quote(name, true);
    const shownPath = shownName === name ? path : `${path.slice(0, path.length - name.length)}${shownName}`;
    // (strings of their own: a listener that keeps its events must not keep the document they were read from)
    const shown = value === undefined ? {} : { value: detached(value.value), reason: detached(value.reason) };
    listener({ path: detached(shownPath), name: detached(shownName), kind, ...shown, line: this.tokenizer.line, column: this.tokenizer.column });
  }
}
