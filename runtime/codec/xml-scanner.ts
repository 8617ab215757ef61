/**
 * The tokenizer's state and its character-level readers: character data, references, attribute
 * values, and the checks that every character is one XML allows. The markup readers
 * (markup-readers.ts) and the tokenizer itself (tokenizer.ts) build on it.
 *
 * A reader is given the offset where its token starts and returns the offset after it, or
 * {@link MORE} when the text read so far ends inside the token. A reader that finds the document
 * not well-formed fails at the offset after the offending character (`fail`), through the
 * handler, which throws.
 */
import { CarriedToken } from './carried-token.js';
import { AMP, CR, GT, HASH, hex, isXmlChar, LF, LT, nameEnd, RSQB, SEMICOLON, SPACE, TAB } from './xml-chars.js';

/** What the tokenizer reports to. Each method may throw; `notWellFormed` must. */
export interface TokenHandler {
  /**
   * A start tag, read to its `>`: its name is `source.slice(start, end)`, its attributes are the
   * tokenizer's `attrNames` / `attrValues` up to `attrCount`, in document order. Returns the
   * element's name (the string the end tag is compared with).
   */
  openTag(source: string, start: number, end: number): string;
  /** The end of the innermost open element (`name`): its end tag, or the `/>` of an empty-element tag. */
  closeTag(name: string): void;
  /** Character data (of text or a CDATA section): `source.slice(start, end)`, already decoded. */
  text(source: string, start: number, end: number): void;
  /** The document is not well-formed: `reason` says why. Throws. */
  notWellFormed(reason: string): never;
  /**
   * How a piece of the document (`name`: an element or attribute name) appears in a `reason`;
   * given before the piece is cut short (the client masks its credentials here). Without it, as
   * it is.
   */
  quote?(text: string, name: boolean): string;
}

/** Returned by a token reader that ran out of input before the token's end. */
export const MORE = -1;

/** XML's five predefined entities: name, and the text a reference to it stands for. */
export const PREDEFINED: ReadonlyArray<readonly [string, string]> = [['lt', '<'], ['gt', '>'], ['amp', '&'], ['apos', "'"], ['quot', '"']];

/** The text of a reference (already quoted by the handler), for messages. */
function shown(text: string): string {
  return JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text);
}

export class XmlScanner {
  /** the attributes of the start tag being reported: names and values, in document order */
  readonly attrNames: string[] = [];
  readonly attrValues: string[] = [];
  attrCount = 0;
  /** the names of the open elements, outermost first */
  protected readonly open: string[] = [];
  protected handler: TokenHandler;
  protected sawRoot = false;
  protected closedRoot = false;
  /** the text being read: the current piece, or the whole document */
  protected buf = '';
  /** where the last token read ends in `buf`: the position errors and events are reported at */
  protected pos = 0;
  /** a comment, CDATA section or processing instruction carried over to the next piece */
  protected readonly carried: CarriedToken = new CarriedToken();
  /** the value of the attribute read last */
  protected value = '';
  /** the replacement text of the last reference read */
  protected refText = '';

  constructor(handler: TokenHandler) {
    this.handler = handler;
  }

  /** A piece of the document as a reason shows it (see {@link TokenHandler.quote}), before it is cut short. */
  protected quote(text: string, name = false): string {
    return this.handler.quote === undefined ? text : this.handler.quote(text, name);
  }

  /** Fails at `at` (the offset after the offending character). */
  protected fail(reason: string, at: number): never {
    this.pos = at;
    return this.handler.notWellFormed(reason);
  }

  /** Fails on the character at `i`, which does not belong there: as a character XML does not allow, if it is one. */
  protected unexpected(i: number, reason: string): never {
    this.checkChars(i, i + 1);
    return this.fail(reason, i + 1);
  }

  /** Like {@link unexpected}, where `i` may be the end `n` (the document ends there). */
  protected unexpectedAt(i: number, n: number, reason: string): never {
    return i < n ? this.unexpected(i, reason) : this.fail(reason, n);
  }

  /** A character at or above U+D800 at `i`: a surrogate pair, or a BMP character; returns the index after it. */
  protected beyondBmp(c: number, i: number): number {
    if (c <= 0xdbff) {
      const low = this.buf.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) return i + 2;
      this.fail(`an unpaired surrogate (${hex(c)}), which no XML document can hold`, i + 1);
    }
    if (c <= 0xdfff) this.fail(`an unpaired surrogate (${hex(c)}), which no XML document can hold`, i + 1);
    if (c >= 0xfffe) this.fail(`a character XML does not allow (${hex(c)}).`, i + 1);
    return i + 1;
  }

  /** Every character of buf[from, to) must be one XML allows. Returns whether a CR is among them. */
  protected checkChars(from: number, to: number): boolean {
    const buf = this.buf;
    let cr = false;
    for (let i = from; i < to; ) {
      const c = buf.charCodeAt(i);
      if (c >= SPACE && c < 0xd800) i++;
      else if (c >= 0xd800) i = this.beyondBmp(c, i);
      else if (c === LF || c === TAB) i++;
      else if (c === CR) {
        cr = true;
        i++;
      } else this.fail(`a character XML does not allow (${hex(c)}).`, i + 1);
    }
    return cr;
  }

  /** Character data from `p` to the next `<` (or the end). */
  protected text(p: number): number {
    const buf = this.buf;
    const n = buf.length;
    let i = p;
    /** the decoded text up to `from`, when something needed decoding */
    let out: string | undefined;
    let from = p;
    /** where `]]>` may start: after the last reference */
    let plain = p;
    let nonSpace = false;
    while (i < n) {
      const c = buf.charCodeAt(i);
      if (c > GT) {
        nonSpace = true;
        if (c < 0xd800) {
          i++;
          continue;
        }
        i = this.beyondBmp(c, i);
        continue;
      }
      if (c === LT) break;
      if (c === AMP) {
        const end = this.reference(i, n);
        out = (out ?? '') + buf.slice(from, i) + this.refText;
        from = plain = i = end;
        nonSpace = true;
        continue;
      }
      if (c >= SPACE) {
        if (c === GT && i - plain >= 2 && buf.charCodeAt(i - 1) === RSQB && buf.charCodeAt(i - 2) === RSQB) this.fail('the string "]]>" is not allowed in text.', i + 1);
        if (c !== SPACE) nonSpace = true;
        i++;
        continue;
      }
      if (c === LF || c === TAB) {
        i++;
        continue;
      }
      if (c === CR) {
        out = `${out ?? ''}${buf.slice(from, i)}\n`;
        i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
        from = i;
        continue;
      }
      this.fail(`a character XML does not allow (${hex(c)}).`, i + 1);
    }
    // reported at the `<` after it (read), as saxes does
    this.pos = i < n ? i + 1 : n;
    if (this.open.length === 0) {
      if (nonSpace) this.fail('text data outside of root node.', this.pos);
    } else if (i === n) {
      // text at the end of a document with open elements: it is cut short (the end says so)
    } else if (out === undefined) this.handler.text(buf, p, i);
    else {
      out += buf.slice(from, i);
      this.handler.text(out, 0, out.length);
    }
    return i;
  }

  /** A reference at `i` (`&`), which must end before `n`: sets `refText`, returns the index after its `;`. */
  protected reference(i: number, n: number): number {
    const buf = this.buf;
    let j = i + 1;
    if (buf.charCodeAt(j) === HASH) {
      const isHex = buf.charCodeAt(j + 1) === 120;
      j += isHex ? 2 : 1;
      const digits = j;
      let cp = 0;
      for (; j < n; j++) {
        const c = buf.charCodeAt(j);
        const d = c >= 48 && c <= 57 ? c - 48 : isHex && c >= 97 && c <= 102 ? c - 87 : isHex && c >= 65 && c <= 70 ? c - 55 : -1;
        if (d < 0) break;
        cp = cp * (isHex ? 16 : 10) + d;
        if (cp > 0x10ffff) cp = 0x110000;
      }
      if (j === digits || buf.charCodeAt(j) !== SEMICOLON) this.unexpectedAt(j, n, `malformed character reference ${shown(this.quote(buf.slice(i, Math.min(j + 1, n))))}: it must be &#digits; or &#xhex-digits;.`);
      if (!isXmlChar(cp)) this.fail(`the character reference ${shown(this.quote(buf.slice(i, j + 1)))} names a character XML does not allow.`, j + 1);
      this.refText = String.fromCodePoint(cp);
      return j + 1;
    }
    const semicolon = buf.indexOf(';', j);
    const end = semicolon < 0 || semicolon > n ? n : semicolon;
    for (const [name, text] of PREDEFINED) {
      if (end - j === name.length && buf.startsWith(name, j)) {
        this.refText = text;
        return end + 1;
      }
    }
    const after = nameEnd(buf, j, end);
    if (semicolon < 0 || after !== end || end === j) this.unexpectedAt(after, n, `malformed reference ${shown(this.quote(buf.slice(i, Math.min(after + 1, n))))}: a reference is &name; or a character reference; a literal & is written &amp;.`);
    return this.fail(`undefined entity ${shown(this.quote(buf.slice(i, end + 1)))}: without a DTD only &lt; &gt; &amp; &apos; &quot; and character references exist.`, end + 1);
  }

  /** An attribute value from `i` to its closing quote: sets `value`, returns the quote's index ({@link MORE}: not read to its end yet). */
  protected attributeValue(i: number, quote: number, n: number): number {
    const buf = this.buf;
    const start = i;
    let out: string | undefined;
    let from = i;
    for (;;) {
      if (i >= n) return MORE;
      const c = buf.charCodeAt(i);
      if (c === quote) break;
      if (c > LT) {
        i = c < 0xd800 ? i + 1 : this.beyondBmp(c, i);
        continue;
      }
      if (c === LT) this.fail('"<" is not allowed in an attribute value (it is written &lt;).', i + 1);
      if (c === AMP) {
        const end = this.reference(i, n);
        out = (out ?? '') + buf.slice(from, i) + this.refText;
        from = i = end;
        continue;
      }
      if (c === TAB || c === LF || c === CR) {
        out = `${out ?? ''}${buf.slice(from, i)} `;
        i += c === CR && buf.charCodeAt(i + 1) === LF ? 2 : 1;
        from = i;
        continue;
      }
      if (c < SPACE) this.fail(`a character XML does not allow (${hex(c)}).`, i + 1);
      i++;
    }
    this.value = out === undefined ? buf.slice(start, i) : out + buf.slice(from, i);
    return i;
  }
}
