/**
 * The direct reader's character-level readers (direct-reader.ts reads elements with them): white
 * space, a start tag's attributes, character data and end tags, each over the whole document in
 * `buf`. Each declines ({@link DECLINED}) what it does not read itself: a character reference, a
 * carriage return in text, a tab or line end in an attribute value, a name with a prefix or
 * `xmlns`, and everything that is not well-formed, which the schema decoder's tokenizer
 * (xml-scanner.ts) then reads and refuses with its line and column.
 */
import { AMP, CR, GT, LF, LT, nameEnd, RSQB, SEMICOLON, SLASH, SPACE, spelledAt, TAB } from './xml-chars.js';
import { PREDEFINED } from './xml-scanner.js';

/** 1 for a character that text takes as it is with nothing to check: printable ASCII and DEL but `<`, `&`, `>` and space. */
const PLAIN = new Uint8Array(128);
for (let c = SPACE + 1; c < 128; c++) PLAIN[c] = c === LT || c === AMP || c === GT ? 0 : 1;

/** Thrown when the direct reader leaves a document to the schema decoder. */
export const DECLINED: unique symbol = Symbol('declined');

export function decline(): never {
  throw DECLINED;
}

/** What the reference among XML's five whose name starts at `i` (after its `&`) stands for; undefined: another reference. */
function predefined(buf: string, i: number): string | undefined {
  for (const [name, text] of PREDEFINED) if (buf.startsWith(name, i) && buf.charCodeAt(i + name.length) === SEMICOLON) return text;
  return undefined;
}

/** Whether `c` may follow an element's name in its tag: `>`, `/` or white space. */
export const endsName = (c: number): boolean => c === GT || c === SLASH || c === SPACE || c === LF || c === TAB || c === CR;

export class DirectScanner {
  buf = '';
  /** where reading goes on: after the last element read */
  pos = 0;
  /** the attributes of the start tag read last, in document order */
  readonly attrNames: string[] = [];
  readonly attrValues: string[] = [];
  attrCount = 0;
  /** the start tag read last ended with `/>` */
  empty = false;
  /** the start tag read last has `xsi:nil` or `xmlns:xsi` among its attributes */
  xsi = false;
  /** the names of the start tag's attributes once it has 16 */
  seen: Set<string> | undefined = undefined;
  /** the text read last has white space a whiteSpace facet changes: a tab, a line feed, a space at either end or two in a row */
  spaced = false;

  /** The index of the first character at or after `p` that is not white space. */
  space(p: number): number {
    const buf = this.buf;
    for (;;) {
      const c = buf.charCodeAt(p);
      if (c === SPACE || c === LF || c === TAB || c === CR) p++;
      else return p;
    }
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
    this.xsi = false;
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
    // (a namespace declaration or a prefixed name is the schema decoder's, but xsi:nil with its declaration: the reader's nil())
    if (end === i || key.includes(':') || key.startsWith('xmlns')) {
      if (key !== 'xsi:nil' && key !== 'xmlns:xsi') decline();
      this.xsi = true;
    }
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
    // (a repeated name: compared with each before it up to 16, then looked up, as the tokenizer does: linear however many)
    if (this.attrCount < 16) {
      for (let k = 0; k < this.attrCount; k++) if (this.attrNames[k] === key) decline();
    } else {
      if (this.attrCount === 16) this.seen = new Set(this.attrNames.slice(0, 16));
      if (this.seen!.has(key)) decline();
      this.seen!.add(key);
    }
    this.attrNames[this.attrCount] = key;
    this.attrValues[this.attrCount] = value;
    this.attrCount++;
    return j + 1;
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
    let spaced = false;
    for (;;) {
      const c = buf.charCodeAt(i);
      // (most characters: printable ASCII and DEL but <, &, > and space, or any other below U+D800)
      if (c < 128 ? PLAIN[c] === 1 : c < 0xd800) {
        i++;
        continue;
      }
      if (c > GT) {
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
        if (c === SPACE && (i === p || buf.charCodeAt(i - 1) === SPACE)) spaced = true;
        i++;
        continue;
      }
      // a tab or a line feed; a carriage return (normalized), another control character or the end: declined
      if (c !== LF && c !== TAB) decline();
      spaced = true;
      i++;
    }
    this.spaced = spaced || (i > p && buf.charCodeAt(i - 1) === SPACE);
    this.pos = i;
    return out === undefined ? buf.slice(p, i) : out + buf.slice(from, i);
  }
}
