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

import { XmlDecodeError } from './errors.js';
import { isWhiteSpaceCode } from './xml-text.js';

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
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const AMP = 38;
const SQUOTE = 39;
const SLASH = 47;
const SEMICOLON = 59;
const LT = 60;
const EQUALS = 61;
const GT = 62;
const QUESTION = 63;
const RSQB = 93;
const BOM = 0xfeff;

/** ASCII name characters: bit 1, may start a name; bit 2, may continue one. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 58 || c === 95;
  const other = (c >= 48 && c <= 57) || c === 45 || c === 46;
  ASCII_NAME[c] = letter ? 3 : other ? 2 : 0;
}

/** XML 1.0 NameStartChar beyond ASCII (a code point of the BMP, not a surrogate). */
function isNameStartBeyondAscii(c: number): boolean {
  return (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d)
    || (c >= 0x37f && c <= 0x1fff) || c === 0x200c || c === 0x200d || (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef)
    || (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd);
}

/** XML 1.0 NameChar beyond ASCII (BMP). */
function isNameCharBeyondAscii(c: number): boolean {
  return c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040 || isNameStartBeyondAscii(c);
}

/** XML's Char production, for a code point given by a character reference. */
function isXmlChar(cp: number): boolean {
  return cp === TAB || cp === LF || cp === CR || (cp >= SPACE && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Whether `source` spells `name` from `at` on (a loop of charCodeAt: for names, faster than startsWith). */
export function spelledAt(source: string, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (source.charCodeAt(at + i) !== name.charCodeAt(i)) return false;
  return true;
}


function hex(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text of a reference without the `&`, for messages. */
function shown(text: string): string {
  return JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text);
}

const PREDEFINED: ReadonlyArray<readonly [string, string]> = [['lt', '<'], ['gt', '>'], ['amp', '&'], ['apos', "'"], ['quot', '"']];

const XML_DECLARATION = /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

/** The reason given for a DOCTYPE: not a syntax error, a refusal (no DTD, so no entity expansion and no external fetch). */
export const DOCTYPE_REFUSED = 'a document type declaration (DOCTYPE) is not allowed';

/** Returned by a token reader that ran out of input before the token's end. */
const MORE = -1;

export class Tokenizer {
  /** the attributes of the start tag being reported: names and values, in document order */
  readonly attrNames: string[] = [];
  readonly attrValues: string[] = [];
  attrCount = 0;
  /** the names of the open elements, outermost first */
  readonly #open: string[] = [];
  #handler: TokenHandler;
  #sawRoot = false;
  #closedRoot = false;
  /** nothing has been read yet (an XML declaration or a byte order mark may come) */
  #atStart = true;
  /** the text being read: the current piece, or the whole document */
  #buf = '';
  /** where the last token read ends in #buf: the position errors and events are reported at */
  #pos = 0;
  /** the line and column at #buf's start (what earlier pieces held) */
  #baseLine = 1;
  #baseColumn = 0;
  /** a cache for positions asked for in order: the line and column at #cachedAt of #buf */
  #cachedAt = 0;
  #cachedLine = 1;
  #cachedColumn = 0;
  /** a comment, CDATA section or processing instruction carried over: where to go on searching its end */
  #resumeAt = -1;
  /** its terminator, while the pieces that follow do not hold it: they wait in #pieces, unjoined */
  #awaiting: string | undefined = undefined;
  #pieces: string[] = [];
  /** the last characters received while #awaiting (where the terminator may begin) */
  #tail = '';

  constructor(handler: TokenHandler) {
    this.#handler = handler;
  }

  /** Starts a new document. */
  reset(handler: TokenHandler): void {
    this.#handler = handler;
    this.#open.length = 0;
    this.attrCount = 0;
    this.#sawRoot = false;
    this.#closedRoot = false;
    this.#atStart = true;
    this.#buf = '';
    this.#pos = 0;
    this.#baseLine = 1;
    this.#baseColumn = 0;
    this.#cachedAt = 0;
    this.#cachedLine = 1;
    this.#cachedColumn = 0;
    this.#resumeAt = -1;
    this.#awaiting = undefined;
    this.#pieces = [];
    this.#tail = '';
  }

  /** Lets go of the document's text and values. */
  release(): void {
    this.#buf = '';
    this.#value = '';
    this.#refText = '';
    this.#tail = '';
    this.#pieces = [];
    this.attrNames.length = 0;
    this.attrValues.length = 0;
    this.#open.length = 0;
  }

  /** The names of the open elements, outermost first. */
  get openNames(): readonly string[] {
    return this.#open;
  }

  /** The 1-based line of the position last read. */
  get line(): number {
    this.#locate();
    return this.#cachedLine;
  }

  /** The characters read on that line, as saxes counts them (0 right after a line end). */
  get column(): number {
    this.#locate();
    return this.#cachedColumn;
  }

  /** Reads a whole document. */
  whole(xml: string): void {
    this.#buf = xml;
    this.#run(xml.length, true);
    this.#finish();
  }

  /** Reads the next piece of a document. */
  write(piece: string): void {
    const awaiting = this.#awaiting;
    if (awaiting !== undefined) {
      // a long comment or CDATA section: the pieces are not joined (nor scanned again) before its end has come
      const probe = this.#tail + piece;
      if (probe.indexOf(awaiting) < 0) {
        this.#pieces.push(piece);
        this.#tail = probe.slice(-(awaiting.length - 1));
        return;
      }
      this.#gather();
    }
    const lt = piece.lastIndexOf('<');
    // a piece without `<` only extends the token it is in: kept (a rope, flattened once)
    if (lt < 0) {
      this.#buf += piece;
      return;
    }
    const carried = this.#buf.length;
    this.#buf = carried === 0 ? piece : this.#buf + piece;
    const stop = this.#run(carried + lt, false);
    this.#advance(stop);
  }

  /**
   * Fails at the end of what was read so far (on the character after it): bytes that could not
   * be read. What was read is first tokenized as far as it goes, so that an earlier error comes
   * first.
   */
  failAtEnd(reason: string): never {
    if (this.#awaiting !== undefined) this.#gather();
    this.#run(this.#buf.length, false);
    this.#pos = this.#buf.length;
    this.#locate();
    this.#cachedColumn++;
    return this.#handler.notWellFormed(reason);
  }

  /** #buf and the pieces waiting for the end of the token it holds, as one string. */
  #gather(): void {
    this.#buf = this.#buf + this.#pieces.join('');
    this.#resumeAt = Math.max(0, this.#buf.length - this.#tail.length);
    this.#awaiting = undefined;
    this.#pieces = [];
    this.#tail = '';
  }

  /** The end of a document read in pieces. */
  end(): void {
    if (this.#awaiting !== undefined) this.#gather();
    this.#run(this.#buf.length, true);
    this.#finish();
  }

  #finish(): void {
    const open = this.#open;
    if (open.length > 0) this.#fail(`unclosed tag: ${open[open.length - 1]}`, this.#buf.length);
    if (!this.#sawRoot) this.#fail('document must contain a root element.', this.#buf.length);
  }

  /** Drops #buf's first `stop` characters (read), counting their lines. */
  #advance(stop: number): void {
    if (stop === 0) return;
    this.#pos = stop;
    this.#locate();
    this.#baseLine = this.#cachedLine;
    this.#baseColumn = this.#cachedColumn;
    this.#buf = this.#buf.slice(stop);
    this.#pos = 0;
    this.#cachedAt = 0;
    if (this.#resumeAt >= 0) this.#resumeAt -= stop;
  }

  /** Brings the position cache to #pos. */
  #locate(): void {
    const buf = this.#buf;
    const to = Math.min(this.#pos, buf.length);
    let i = this.#cachedAt;
    let line = this.#cachedLine;
    let column = this.#cachedColumn;
    if (to < i) {
      i = 0;
      line = this.#baseLine;
      column = this.#baseColumn;
    }
    for (; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c === LF) {
        line++;
        column = 0;
      } else if (c === CR) {
        line++;
        column = 0;
        // CR LF is one line end (a position is never between them)
        if (buf.charCodeAt(i + 1) === LF) i++;
      } else if (c < 0xdc00 || c > 0xdfff || i === 0 || buf.charCodeAt(i - 1) < 0xd800 || buf.charCodeAt(i - 1) > 0xdbff) column++;
    }
    this.#cachedAt = i;
    this.#cachedLine = line;
    this.#cachedColumn = column;
  }

  /** Fails at `at` (the offset after the offending character). */
  #fail(reason: string, at: number): never {
    this.#pos = at;
    return this.#handler.notWellFormed(reason);
  }

  /**
   * Reads the tokens of #buf that start before `limit` (which is at a `<`, or the end when
   * `final`). Returns where it stopped: `limit`, or the start of a token that needs more input.
   */
  #run(limit: number, final: boolean): number {
    const buf = this.#buf;
    let p = this.#pos;
    if (this.#atStart && p < limit) {
      const afterBom = buf.charCodeAt(p) === BOM ? p + 1 : p;
      // (an XML declaration may start right after the mark: wait until it is here to be seen)
      if (afterBom >= limit && !final) return p;
      this.#atStart = false;
      p = afterBom;
      if (buf.startsWith('<?xml', p) && (p + 5 >= buf.length || isWhiteSpaceCode(buf.charCodeAt(p + 5)) || buf.charCodeAt(p + 5) === QUESTION)) {
        const end = this.#declaration(p, final);
        if (end === MORE) {
          this.#atStart = true;
          return p;
        }
        p = end;
      }
    }
    while (p < limit) {
      const next = buf.charCodeAt(p) === LT ? this.#markup(p, final) : this.#text(p);
      if (next === MORE) {
        if (final) this.#fail('the document ends inside markup (unexpected end).', buf.length);
        return p;
      }
      p = next;
    }
    this.#pos = p;
    return p;
  }

  /** The XML declaration at `p`: only the form XML 1.0 gives (version, then encoding, then standalone). */
  #declaration(p: number, final: boolean): number {
    const buf = this.#buf;
    const q = buf.indexOf('?>', p + 5);
    if (q < 0) {
      if (!final) return MORE;
      this.#fail('the XML declaration does not end (no "?>").', buf.length);
    }
    this.#checkChars(p, q + 2);
    XML_DECLARATION.lastIndex = p;
    if (!XML_DECLARATION.test(buf) || XML_DECLARATION.lastIndex !== q + 2) {
      this.#fail('malformed XML declaration: it must be <?xml version="1.x" encoding="…" standalone="yes|no"?>, encoding and standalone optional, in that order.', q + 2);
    }
    this.#pos = q + 2;
    return q + 2;
  }

  /** Character data from `p` to the next `<` (or the end). */
  #text(p: number): number {
    const buf = this.#buf;
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
        i = this.#beyondBmp(c, i);
        continue;
      }
      if (c === LT) break;
      if (c === AMP) {
        const end = this.#reference(i, n);
        out = (out ?? '') + buf.slice(from, i) + this.#refText;
        from = plain = i = end;
        nonSpace = true;
        continue;
      }
      if (c >= SPACE) {
        if (c === GT && i - plain >= 2 && buf.charCodeAt(i - 1) === RSQB && buf.charCodeAt(i - 2) === RSQB) this.#fail('the string "]]>" is not allowed in text.', i + 1);
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
      this.#fail(`a character XML does not allow (${hex(c)}).`, i + 1);
    }
    // reported at the `<` after it (read), as saxes does
    this.#pos = i < n ? i + 1 : n;
    if (this.#open.length === 0) {
      if (nonSpace) this.#fail('text data outside of root node.', this.#pos);
    } else if (i === n) {
      // text at the end of a document with open elements: it is cut short (#finish says so)
    } else if (out === undefined) this.#handler.text(buf, p, i);
    else {
      out += buf.slice(from, i);
      this.#handler.text(out, 0, out.length);
    }
    return i;
  }

  /** A character at or above U+D800 at `i`: a surrogate pair, or a BMP character; returns the index after it. */
  #beyondBmp(c: number, i: number): number {
    if (c <= 0xdbff) {
      const low = this.#buf.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) return i + 2;
      this.#fail(`an unpaired surrogate (${hex(c)}), which no XML document can hold`, i + 1);
    }
    if (c <= 0xdfff) this.#fail(`an unpaired surrogate (${hex(c)}), which no XML document can hold`, i + 1);
    if (c >= 0xfffe) this.#fail(`a character XML does not allow (${hex(c)}).`, i + 1);
    return i + 1;
  }

  /** Fails on the character at `i`, which does not belong there: as a character XML does not allow, if it is one. */
  #unexpected(i: number, reason: string): never {
    this.#checkChars(i, i + 1);
    return this.#fail(reason, i + 1);
  }

  /** Like #unexpected, where `i` may be the end `n` (the document ends there). */
  #unexpectedAt(i: number, n: number, reason: string): never {
    return i < n ? this.#unexpected(i, reason) : this.#fail(reason, n);
  }

  /** Every character of #buf[from, to) must be one XML allows. Returns whether a CR is among them. */
  #checkChars(from: number, to: number): boolean {
    const buf = this.#buf;
    let cr = false;
    for (let i = from; i < to; ) {
      const c = buf.charCodeAt(i);
      if (c >= SPACE && c < 0xd800) i++;
      else if (c >= 0xd800) i = this.#beyondBmp(c, i);
      else if (c === LF || c === TAB) i++;
      else if (c === CR) {
        cr = true;
        i++;
      } else this.#fail(`a character XML does not allow (${hex(c)}).`, i + 1);
    }
    return cr;
  }

  /** the replacement text of the last reference read */
  #refText = '';

  /** A reference at `i` (`&`), which must end before `n`: sets #refText, returns the index after its `;`. */
  #reference(i: number, n: number): number {
    const buf = this.#buf;
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
      if (j === digits || buf.charCodeAt(j) !== SEMICOLON) this.#unexpectedAt(j, n, `malformed character reference ${shown(buf.slice(i, Math.min(j + 1, n)))}: it must be &#digits; or &#xhex-digits;.`);
      if (!isXmlChar(cp)) this.#fail(`the character reference ${shown(buf.slice(i, j + 1))} names a character XML does not allow.`, j + 1);
      this.#refText = String.fromCodePoint(cp);
      return j + 1;
    }
    const semicolon = buf.indexOf(';', j);
    const end = semicolon < 0 || semicolon > n ? n : semicolon;
    for (const [name, text] of PREDEFINED) {
      if (end - j === name.length && buf.startsWith(name, j)) {
        this.#refText = text;
        return end + 1;
      }
    }
    const nameEnd = this.#nameEnd(j, end);
    if (semicolon < 0 || nameEnd !== end || end === j) this.#unexpectedAt(nameEnd, n, `malformed reference ${shown(buf.slice(i, Math.min(nameEnd + 1, n)))}: a reference is &name; or a character reference; a literal & is written &amp;.`);
    return this.#fail(`undefined entity ${shown(buf.slice(i, end + 1))}: without a DTD only &lt; &gt; &amp; &apos; &quot; and character references exist.`, end + 1);
  }

  /** The end of the XML Name at `i` (before `n`): `i` itself when none starts there. */
  #nameEnd(i: number, n: number): number {
    const buf = this.#buf;
    let j = i;
    while (j < n) {
      const c = buf.charCodeAt(j);
      // the usual case first: an ASCII name character after the first
      if (c < 128 && j > i) {
        if ((ASCII_NAME[c]! & 2) === 0) break;
        j++;
        continue;
      }
      const start = j === i;
      if (c < 128) {
        if ((ASCII_NAME[c]! & 1) === 0) break;
        j++;
      } else if (c >= 0xd800 && c <= 0xdb7f) {
        // [#x10000-#xEFFFF]: a high surrogate up to DB7F with its low one
        const low = buf.charCodeAt(j + 1);
        if (!(low >= 0xdc00 && low <= 0xdfff)) break;
        j += 2;
      } else if (start ? isNameStartBeyondAscii(c) : isNameCharBeyondAscii(c)) j++;
      else break;
    }
    return j;
  }

  /** Markup at `p` (a `<`). */
  #markup(p: number, final: boolean): number {
    const buf = this.#buf;
    const c = buf.charCodeAt(p + 1);
    if (c === SLASH) return this.#endTag(p);
    if (c === BANG) return this.#bang(p, final);
    if (c === QUESTION) return this.#instruction(p, final);
    if (p + 1 >= buf.length) return MORE;
    return this.#startTag(p);
  }

  #startTag(p: number): number {
    const buf = this.#buf;
    const n = buf.length;
    const nameStart = p + 1;
    const nameEnd = this.#nameEnd(nameStart, n);
    if (nameEnd === nameStart) {
      this.#unexpected(nameStart, `a tag name cannot start with ${JSON.stringify(buf[nameStart])} (a literal < is written &lt;).`);
    }
    if (this.#open.length === 0 && this.#closedRoot) this.#fail('documents may contain only one root.', nameEnd);
    let i = nameEnd;
    let count = 0;
    let selfClosing = false;
    let seen: Set<string> | undefined;
    // the usual case: no attributes, `>` right after the name
    if (buf.charCodeAt(i) === GT) i++;
    else for (;;) {
      const spaceAt = i;
      let c = buf.charCodeAt(i);
      while (isWhiteSpaceCode(c)) c = buf.charCodeAt(++i);
      if (i >= n) return MORE;
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return MORE;
        if (buf.charCodeAt(i + 1) !== GT) this.#unexpected(i + 1, '"/" in a start tag must be followed by ">".');
        i += 2;
        selfClosing = true;
        break;
      }
      const attrStart = i;
      const attrEnd = this.#nameEnd(i, n);
      if (attrEnd === attrStart) {
        this.#unexpected(i, `${JSON.stringify(buf[i])} is not allowed in a tag${spaceAt === nameEnd && count === 0 ? ' name' : ''} (attributes are name="value").`);
      }
      if (attrEnd >= n) return MORE;
      if (i === spaceAt) this.#unexpected(i, spaceAt === nameEnd && count === 0 ? `${JSON.stringify(buf[i])} is not allowed in a tag name.` : 'attributes must be separated by white space.');
      i = attrEnd;
      c = buf.charCodeAt(i);
      while (isWhiteSpaceCode(c)) c = buf.charCodeAt(++i);
      if (i >= n) return MORE;
      if (c !== EQUALS) this.#unexpected(i, `the attribute ${buf.slice(attrStart, attrEnd)} has no value (attributes are name="value").`);
      c = buf.charCodeAt(++i);
      while (isWhiteSpaceCode(c)) c = buf.charCodeAt(++i);
      if (i >= n) return MORE;
      if (c !== DQUOTE && c !== SQUOTE) this.#unexpected(i, `the value of the attribute ${buf.slice(attrStart, attrEnd)} must be quoted.`);
      const valueEnd = this.#attributeValue(i + 1, c, n);
      if (valueEnd === MORE) return MORE;
      const name = buf.slice(attrStart, attrEnd);
      if (count < 16) {
        for (let k = 0; k < count; k++) if (this.attrNames[k] === name) this.#fail(`duplicate attribute: ${name}.`, valueEnd + 1);
      } else {
        // many attributes (hostile or not): a set, not a comparison with each before
        if (count === 16) seen = new Set(this.attrNames.slice(0, 16));
        if (seen!.has(name)) this.#fail(`duplicate attribute: ${name}.`, valueEnd + 1);
        seen!.add(name);
      }
      this.attrNames[count] = name;
      this.attrValues[count] = this.#value;
      count++;
      i = valueEnd + 1;
    }
    this.attrCount = count;
    this.#pos = i;
    this.#sawRoot = true;
    const name = this.#handler.openTag(buf, nameStart, nameEnd);
    if (selfClosing) {
      this.#handler.closeTag(name);
      if (this.#open.length === 0) this.#closedRoot = true;
    } else this.#open.push(name);
    return i;
  }

  /** the value of the attribute read last */
  #value = '';

  /** An attribute value from `i` to its closing quote: sets #value, returns the quote's index. */
  #attributeValue(i: number, quote: number, n: number): number {
    const buf = this.#buf;
    const start = i;
    let out: string | undefined;
    let from = i;
    for (;;) {
      if (i >= n) return MORE;
      const c = buf.charCodeAt(i);
      if (c === quote) break;
      if (c > LT) {
        i = c < 0xd800 ? i + 1 : this.#beyondBmp(c, i);
        continue;
      }
      if (c === LT) this.#fail('"<" is not allowed in an attribute value (it is written &lt;).', i + 1);
      if (c === AMP) {
        const end = this.#reference(i, n);
        out = (out ?? '') + buf.slice(from, i) + this.#refText;
        from = i = end;
        continue;
      }
      if (c === TAB || c === LF || c === CR) {
        out = `${out ?? ''}${buf.slice(from, i)} `;
        i += c === CR && buf.charCodeAt(i + 1) === LF ? 2 : 1;
        from = i;
        continue;
      }
      if (c < SPACE) this.#fail(`a character XML does not allow (${hex(c)}).`, i + 1);
      i++;
    }
    this.#value = out === undefined ? buf.slice(start, i) : out + buf.slice(from, i);
    return i;
  }

  #endTag(p: number): number {
    const buf = this.#buf;
    const n = buf.length;
    const nameStart = p + 2;
    const open = this.#open;
    // the usual case: the innermost open element's name, then `>`
    if (open.length > 0) {
      const top = open[open.length - 1]!;
      const end = nameStart + top.length;
      if (buf.charCodeAt(end) === GT && spelledAt(buf, nameStart, top)) {
        this.#pos = end + 1;
        this.#handler.closeTag(top);
        open.pop();
        if (open.length === 0) this.#closedRoot = true;
        return end + 1;
      }
    }
    const nameEnd = this.#nameEnd(nameStart, n);
    let i = nameEnd;
    let c = buf.charCodeAt(i);
    while (isWhiteSpaceCode(c)) c = buf.charCodeAt(++i);
    if (i >= n) return MORE;
    if (nameEnd === nameStart) this.#unexpected(nameStart, 'an end tag must have a name: </name>.');
    if (c !== GT) this.#unexpected(i, `${JSON.stringify(buf[i])} is not allowed in an end tag.`);
    const top = open.length === 0 ? undefined : open[open.length - 1]!;
    if (top === undefined) this.#fail(`unmatched closing tag: ${buf.slice(nameStart, nameEnd)}.`, i + 1);
    if (top.length !== nameEnd - nameStart || !spelledAt(buf, nameStart, top)) this.#fail(`unexpected close tag: </${buf.slice(nameStart, nameEnd)}> where </${top}> was expected.`, i + 1);
    this.#pos = i + 1;
    this.#handler.closeTag(top);
    open.pop();
    if (open.length === 0) this.#closedRoot = true;
    return i + 1;
  }

  /** `<!`: a comment, a CDATA section, or a DOCTYPE (refused). */
  #bang(p: number, final: boolean): number {
    const buf = this.#buf;
    if (buf.startsWith('--', p + 2)) return this.#comment(p, final);
    if (buf.startsWith('[CDATA[', p + 2)) return this.#cdata(p, final);
    if (buf.startsWith('DOCTYPE', p + 2)) return this.#fail(DOCTYPE_REFUSED, p + 9);
    const rest = buf.slice(p + 2, p + 9);
    if (rest.length < 7 && ['--', '[CDATA[', 'DOCTYPE'].some((word) => word.startsWith(rest))) return MORE;
    return p + 2 < buf.length ? this.#unexpected(p + 2, '"<!" must begin a comment (<!--) or a CDATA section (<![CDATA[).') : MORE;
  }

  /** The end of a terminator-delimited token, searched from the carried hint. */
  #search(terminator: string, from: number): number {
    const buf = this.#buf;
    const at = buf.indexOf(terminator, Math.max(from, this.#resumeAt));
    this.#resumeAt = at < 0 ? Math.max(from, buf.length - terminator.length + 1) : -1;
    if (at < 0) {
      this.#awaiting = terminator;
      this.#tail = buf.slice(this.#resumeAt);
    }
    return at;
  }

  #comment(p: number, final: boolean): number {
    const buf = this.#buf;
    const dashes = this.#search('--', p + 4);
    if (dashes < 0 || dashes + 2 >= buf.length) {
      if (dashes >= 0) this.#resumeAt = dashes;
      return final ? this.#fail('a comment does not end (no "-->").', buf.length) : MORE;
    }
    this.#checkChars(p + 4, dashes);
    if (buf.charCodeAt(dashes + 2) !== GT) this.#fail('"--" is not allowed inside a comment.', dashes + 3);
    this.#pos = dashes + 3;
    return dashes + 3;
  }

  #cdata(p: number, final: boolean): number {
    const buf = this.#buf;
    if (this.#open.length === 0) this.#fail('text data outside of root node (a CDATA section).', p + 9);
    const end = this.#search(']]>', p + 9);
    if (end < 0) return final ? this.#fail('a CDATA section does not end (no "]]>").', buf.length) : MORE;
    const cr = this.#checkChars(p + 9, end);
    this.#pos = end + 3;
    if (!cr) this.#handler.text(buf, p + 9, end);
    else {
      const text = buf.slice(p + 9, end).replace(/\r\n?/g, '\n');
      this.#handler.text(text, 0, text.length);
    }
    return end + 3;
  }

  /** `<?`: a processing instruction (ignored); its target cannot be `xml` in any case. */
  #instruction(p: number, final: boolean): number {
    const buf = this.#buf;
    const n = buf.length;
    const targetEnd = this.#nameEnd(p + 2, n);
    if (targetEnd >= n) return final ? this.#fail('a processing instruction does not end (no "?>").', n) : MORE;
    if (targetEnd === p + 2) this.#unexpected(p + 2, 'a processing instruction must start with a target name: <?target …?>.');
    if (targetEnd - p - 2 === 3 && buf.slice(p + 2, targetEnd).toLowerCase() === 'xml') {
      this.#fail('an XML declaration must be at the start of the document (and no processing instruction is named xml).', targetEnd);
    }
    const c = buf.charCodeAt(targetEnd);
    if (c === QUESTION) {
      if (targetEnd + 1 >= n) return final ? this.#fail('a processing instruction does not end (no "?>").', n) : MORE;
      if (buf.charCodeAt(targetEnd + 1) === GT) {
        this.#pos = targetEnd + 2;
        return targetEnd + 2;
      }
    }
    if (!isWhiteSpaceCode(c)) this.#unexpected(targetEnd, `${JSON.stringify(buf[targetEnd])} is not allowed in a processing instruction's target.`);
    const end = this.#search('?>', targetEnd);
    if (end < 0) return final ? this.#fail('a processing instruction does not end (no "?>").', n) : MORE;
    this.#checkChars(targetEnd, end);
    this.#pos = end + 2;
    return end + 2;
  }
}

/** Throws an {@link XmlDecodeError} when `xml` is not a well-formed XML 1.0 document without a DTD. */
export function checkWellFormed(xml: string): void {
  const tokenizer: Tokenizer = new Tokenizer({
    openTag: (source, start, end) => source.slice(start, end),
    closeTag: () => {},
    text: () => {},
    notWellFormed(reason) {
      throw new XmlDecodeError(tokenizer.openNames.join('/'), reason === DOCTYPE_REFUSED ? reason : `not well-formed XML: ${reason}`, tokenizer.line, Math.max(1, tokenizer.column));
    },
  });
  tokenizer.whole(xml);
}
