/**
 * XML 1.0's character classes, as the tokenizer tests them on character codes: the characters
 * a document may hold (Char), the characters of a Name, and the codes of the markup characters.
 */

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const DQUOTE = 34;
export const HASH = 35;
export const AMP = 38;
export const SQUOTE = 39;
export const SLASH = 47;
export const SEMICOLON = 59;
export const LT = 60;
export const EQUALS = 61;
export const GT = 62;
export const QUESTION = 63;
export const RSQB = 93;
export const BOM = 0xfeff;

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
export function isXmlChar(cp: number): boolean {
  return cp === TAB || cp === LF || cp === CR || (cp >= SPACE && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** The end of the XML Name at `i` of `buf` (before `n`): `i` itself when none starts there. */
export function nameEnd(buf: string, i: number, n: number): number {
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

/** Whether `source` spells `name` from `at` on (a loop of charCodeAt: for names, faster than startsWith). */
export function spelledAt(source: string, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (source.charCodeAt(at + i) !== name.charCodeAt(i)) return false;
  return true;
}

/** A character code as `U+XXXX`, for messages. */
export function hex(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}
