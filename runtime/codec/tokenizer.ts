/**
 * The decoder's XML tokenizer: one pass of `charCodeAt` and `indexOf` over the document, as
 * strict as XML 1.0 (fifth edition) for a document without a DTD, and written for the decoder:
 * it builds no per-element objects. A start tag is handed over as the position of its name in
 * the source (the decoder compares it with the names its automaton expects, so no string is
 * made for a known element) and its attributes as two reused arrays; character data as a range
 * of the source when it needs no decoding, else as one decoded string.
 *
 * What it refuses: characters outside XML's Char production (C0 controls other than tab, line
 * feed and carriage return, U+FFFE, U+FFFF, unpaired surrogates), names that are not XML Names,
 * a document type declaration (no DTD, so no entity but XML's five and character references),
 * undefined or malformed references, `<` in attribute values, `]]>` in text, `--` in comments,
 * repeated attributes, end tags that do not match, CDATA and text outside the root element, a
 * second root, an XML declaration anywhere but at the very start or not of the form the
 * specification gives, processing instructions named `xml` in any case, and a document that
 * ends inside markup or an element. Line ends are normalized (CR LF and CR to LF; in attribute
 * values tab, CR and LF to a space) as XML requires. Namespaces are the decoder's business.
 *
 * Input comes whole ({@link Tokenizer.whole}) or in pieces ({@link Tokenizer.write}, then
 * {@link Tokenizer.end}). A piece is read up to its last `<`: every token before it is complete
 * unless it is a comment, CDATA section or processing instruction that holds a `<`, which is
 * carried over, whole, to the next piece (its terminator is searched from where the last search
 * stopped, so a long one is not scanned twice). What is read is let go.
 *
 * Positions are those of saxes (so that errors read as before): the 1-based line, and the
 * column as the count of characters read on that line (a surrogate pair counts as one), where
 * a start or end tag is reported after its `>` and text at the `<` after it. They are computed
 * only when asked for.
 */

import { MarkupReaders } from './markup-readers.js';
import { TextPositions } from './text-positions.js';
import { BOM, LT, QUESTION } from './xml-chars.js';
import { MORE, type TokenHandler } from './xml-scanner.js';
import { isWhiteSpaceCode } from './xml-text.js';

export type { TokenHandler } from './xml-scanner.js';
export { DOCTYPE_REFUSED } from './markup-readers.js';

/**
 * The tokenizer: the readers of xml-scanner.ts and markup-readers.ts run over a whole document or
 * over its pieces (text-positions.ts counts lines, carried-token.ts holds a long token's pieces).
 */
export class Tokenizer extends MarkupReaders {
  /** nothing has been read yet (an XML declaration or a byte order mark may come) */
  #atStart = true;
  readonly #positions = new TextPositions();

  /** Starts a new document. */
  reset(handler: TokenHandler): void {
    this.handler = handler;
    this.open.length = 0;
    this.attrCount = 0;
    this.sawRoot = false;
    this.closedRoot = false;
    this.#atStart = true;
    this.buf = '';
    this.pos = 0;
    this.#positions.reset();
    this.carried.reset();
  }

  /** Lets go of the document's text and values. */
  release(): void {
    this.buf = '';
    this.value = '';
    this.refText = '';
    this.carried.reset();
    this.attrNames.length = 0;
    this.attrValues.length = 0;
    this.open.length = 0;
  }

  /** The 1-based line of the position last read. */
  get line(): number {
    this.#positions.locate(this.buf, this.pos);
    return this.#positions.line;
  }

  /** The characters read on that line, as saxes counts them (0 right after a line end). */
  get column(): number {
    this.#positions.locate(this.buf, this.pos);
    return this.#positions.column;
  }

  /** Reads a whole document. */
  whole(xml: string): void {
    this.buf = xml;
    this.#run(xml.length, true);
    this.#finish();
  }

  /** Reads the next piece of a document. */
  write(piece: string): void {
    // a long comment or CDATA section: the pieces are not joined (nor scanned again) before its end has come
    if (this.carried.awaiting !== undefined) {
      if (this.carried.hold(piece)) return;
      this.buf = this.carried.gather(this.buf);
    }
    const lt = piece.lastIndexOf('<');
    // a piece without `<` only extends the token it is in: kept (a rope, flattened once)
    if (lt < 0) {
      this.buf += piece;
      return;
    }
    const carried = this.buf.length;
    this.buf = carried === 0 ? piece : this.buf + piece;
    const stop = this.#run(carried + lt, false);
    this.#advance(stop);
  }

  /**
   * Fails at the end of what was read so far (on the character after it): bytes that could not
   * be read. What was read is first tokenized as far as it goes, so that an earlier error comes
   * first.
   */
  failAtEnd(reason: string): never {
    if (this.carried.awaiting !== undefined) this.buf = this.carried.gather(this.buf);
    this.#run(this.buf.length, false);
    this.pos = this.buf.length;
    this.#positions.locate(this.buf, this.pos);
    this.#positions.column++;
    return this.handler.notWellFormed(reason);
  }

  /** The end of a document read in pieces. */
  end(): void {
    if (this.carried.awaiting !== undefined) this.buf = this.carried.gather(this.buf);
    this.#run(this.buf.length, true);
    this.#finish();
  }

  #finish(): void {
    const open = this.open;
    if (open.length > 0) this.fail(`unclosed tag: ${this.quote(open[open.length - 1]!, true)}`, this.buf.length);
    if (!this.sawRoot) this.fail('document must contain a root element.', this.buf.length);
  }

  /** Drops buf's first `stop` characters (read), counting their lines. */
  #advance(stop: number): void {
    if (stop === 0) return;
    this.#positions.drop(this.buf, stop);
    this.buf = this.buf.slice(stop);
    this.pos = 0;
    this.carried.drop(stop);
  }

  /**
   * Reads the tokens of buf that start before `limit` (which is at a `<`, or the end when
   * `final`). Returns where it stopped: `limit`, or the start of a token that needs more input.
   */
  #run(limit: number, final: boolean): number {
    const buf = this.buf;
    let p = this.pos;
    if (this.#atStart && p < limit) {
      const afterBom = buf.charCodeAt(p) === BOM ? p + 1 : p;
      // (an XML declaration may start right after the mark: wait until it is here to be seen)
      if (afterBom >= limit && !final) return p;
      this.#atStart = false;
      p = afterBom;
      if (buf.startsWith('<?xml', p) && (p + 5 >= buf.length || isWhiteSpaceCode(buf.charCodeAt(p + 5)) || buf.charCodeAt(p + 5) === QUESTION)) {
        const end = this.declaration(p, final);
        if (end === MORE) {
          this.#atStart = true;
          return p;
        }
        p = end;
      }
    }
    const stop = this.#tokens(buf, p, limit, final);
    if (stop >= limit) this.pos = stop;
    return stop;
  }

  /**
   * The tokens of buf from `p` to `limit`: where it stopped (at `limit`, or before a token that
   * needs more input). A method of its own, called once per run: V8 optimises it as a function,
   * where the same loop inside {@link #run} was optimised on the stack (OSR) in every document and
   * that code thrown away at the loop's exit, once per document (a deoptimisation measured at
   * about 8% of the decode of 10,000 tasks).
   */
  #tokens(buf: string, p: number, limit: number, final: boolean): number {
    while (p < limit) {
      const next = buf.charCodeAt(p) === LT ? this.markup(p, final) : this.text(p);
      if (next === MORE) {
        if (final) this.fail('the document ends inside markup (unexpected end).', buf.length);
        return p;
      }
      p = next;
    }
    return p;
  }
}
