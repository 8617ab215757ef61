/**
 * Masking the credentials (the password, the secret key) in text that came from the server, in
 * every spelling a server, a proxy or a web page may echo them in:
 *
 * - as they are;
 * - XML- or HTML-escaped, one character at a time and in any mix: named references (`&lt;`,
 *   `&amp;`, `&quot;`, HTML's names of ASCII punctuation and of the Latin-1 letters, `&eacute;`),
 *   decimal (`&#60;`) and hexadecimal (`&#x3C;`, `&#X3c;`) references, with or without the
 *   closing `;` (HTML parses both);
 * - percent-encoded, in any mix: `%40`, `%3c`, the UTF-8 bytes of a non-ASCII character
 *   (`%C3%A9`) or its Latin-1 byte (`%E9`), and `+` for a space;
 * - with its white space folded: a run of XML white space in the secret (tab, newline, CR, space)
 *   matches any run of white space in the text, in any of the spellings above (XML Schema's
 *   whiteSpace facets and HTML rendering fold runs; leading and trailing white space of the secret
 *   is not looked for).
 *
 * The text is never decoded first: each spelling is matched where it stands, character by
 * character of the secret, so a secret that is itself markup (`p<&>"'%20`) is found raw as well as
 * escaped, and the whole spelling is replaced by `***`. The work is linear in the text (for each
 * position, at most the secret's length of constant-size steps), so no answer can stall it.
 *
 * {@link maskSecrets} is the one entry point for texts. The client masks server text where it
 * enters an error (an error text, a status line, a Content-Type, the start of a body, what a
 * decode error quotes of an answer: DecodeOptions.redact), never an error as a whole: its class,
 * name, reason, code and the client's own words are never rewritten.
 */

import { setOwn } from '../codec/own-properties.js';

/** What replaces each occurrence of a secret. */
export const MASK = '***';

/** HTML's named references of the Latin-1 range U+00A0 … U+00FF, in code-point order. */
const LATIN1_NAMES = [
  'nbsp', 'iexcl', 'cent', 'pound', 'curren', 'yen', 'brvbar', 'sect', 'uml', 'copy', 'ordf', 'laquo', 'not', 'shy', 'reg', 'macr',
  'deg', 'plusmn', 'sup2', 'sup3', 'acute', 'micro', 'para', 'middot', 'cedil', 'sup1', 'ordm', 'raquo', 'frac14', 'frac12', 'frac34', 'iquest',
  'Agrave', 'Aacute', 'Acirc', 'Atilde', 'Auml', 'Aring', 'AElig', 'Ccedil', 'Egrave', 'Eacute', 'Ecirc', 'Euml', 'Igrave', 'Iacute', 'Icirc', 'Iuml',
  'ETH', 'Ntilde', 'Ograve', 'Oacute', 'Ocirc', 'Otilde', 'Ouml', 'times', 'Oslash', 'Ugrave', 'Uacute', 'Ucirc', 'Uuml', 'Yacute', 'THORN', 'szlig',
  'agrave', 'aacute', 'acirc', 'atilde', 'auml', 'aring', 'aelig', 'ccedil', 'egrave', 'eacute', 'ecirc', 'euml', 'igrave', 'iacute', 'icirc', 'iuml',
  'eth', 'ntilde', 'ograve', 'oacute', 'ocirc', 'otilde', 'ouml', 'divide', 'oslash', 'ugrave', 'uacute', 'ucirc', 'uuml', 'yacute', 'thorn', 'yuml',
];

/** Named references → the character they stand for: XML's five, HTML's ASCII punctuation, Latin-1. */
export const NAMED_REFERENCES: ReadonlyMap<string, string> = new Map([
  ...(
    [
      ['amp', '&'], ['AMP', '&'], ['lt', '<'], ['LT', '<'], ['gt', '>'], ['GT', '>'], ['quot', '"'], ['QUOT', '"'], ['apos', "'"],
      ['excl', '!'], ['num', '#'], ['dollar', '$'], ['percnt', '%'], ['lpar', '('], ['rpar', ')'], ['ast', '*'], ['midast', '*'],
      ['plus', '+'], ['comma', ','], ['period', '.'], ['sol', '/'], ['colon', ':'], ['semi', ';'], ['equals', '='], ['quest', '?'],
      ['commat', '@'], ['lsqb', '['], ['lbrack', '['], ['bsol', '\\'], ['rsqb', ']'], ['rbrack', ']'], ['Hat', '^'], ['lowbar', '_'],
      ['UnderBar', '_'], ['grave', '`'], ['DiacriticalGrave', '`'], ['lcub', '{'], ['lbrace', '{'], ['verbar', '|'], ['vert', '|'],
      ['VerticalLine', '|'], ['rcub', '}'], ['rbrace', '}'], ['Tab', '\t'], ['NewLine', '\n'], ['NonBreakingSpace', '\u00a0'],
    ] as Array<[string, string]>
  ),
  ...LATIN1_NAMES.map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
]);

/** The longest name above: a reference is looked for over at most this many characters. */
const LONGEST_NAME = Math.max(...[...NAMED_REFERENCES.keys()].map((k) => k.length));

/** One way to read the text at a position: the characters it stands for and where it ends. */
interface Reading {
  chars: string;
  end: number;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A character reference at `i` (`&…`), or undefined. Reads at most a dozen characters. */
export function referenceAt(text: string, i: number): Reading | undefined {
  if (text.charCodeAt(i) !== 38) return undefined;
  let j = i + 1;
  if (text.charCodeAt(j) === 35) {
    // &#…; decimal, &#x…; hexadecimal
    j++;
    const hex = text.charCodeAt(j) === 120 || text.charCodeAt(j) === 88;
    if (hex) j++;
    const start = j;
    let code = 0;
    while (j < text.length && j - start < 8) {
      const c = text.charCodeAt(j);
      const digit = hex ? hexValue(c) : c >= 48 && c <= 57 ? c - 48 : -1;
      if (digit < 0) break;
      code = code * (hex ? 16 : 10) + digit;
      j++;
    }
    if (j === start || code > 0x10ffff) return undefined;
    if (text.charCodeAt(j) === 59) j++;
    return { chars: String.fromCodePoint(code), end: j };
  }
  const start = j;
  while (j < text.length && j - start < LONGEST_NAME && isNameChar(text.charCodeAt(j))) j++;
  // the longest known name that the letters start with (HTML reads `&ampx` as `&` + `x`)
  for (let k = j; k > start; k--) {
    const chars = NAMED_REFERENCES.get(text.slice(start, k));
    if (chars !== undefined) return { chars, end: text.charCodeAt(k) === 59 ? k + 1 : k };
  }
  return undefined;
}

/** The byte of a `%HH` escape at `i`, or -1. */
function percentByte(text: string, i: number): number {
  if (text.charCodeAt(i) !== 37) return -1;
  const hi = hexValue(text.charCodeAt(i + 1));
  const lo = hexValue(text.charCodeAt(i + 2));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/**
 * Where a spelling of `secret[k…]` starting at `pos` ends (the longest one), or -1. Each step reads
 * one character of the secret, as the text's character itself, a reference (`&`), percent
 * escapes (`%`) or `+` for a space; only a reference or escape allocates. Two readings of one
 * position can both fit only where the secret itself holds `&` or `%` followed by the rest of a
 * reference or escape (`&amp;` in the password): the search branches there and nowhere else.
 */
function matchFrom(text: string, pos: number, secret: string, k: number): number {
  if (k === secret.length) return pos;
  if (pos >= text.length) return -1;
  const c = text.charCodeAt(pos);
  let best = -1;
  if (isSpace(secret.charCodeAt(k))) {
    // a run of white space in the secret: any run of white space in the text
    let k2 = k + 1;
    while (k2 < secret.length && isSpace(secret.charCodeAt(k2))) k2++;
    let p = pos;
    for (let next = spaceAt(text, p); next > p; next = spaceAt(text, p)) p = next;
    if (p > pos) best = matchFrom(text, p, secret, k2);
  }
  if (c === secret.charCodeAt(k)) best = Math.max(best, matchFrom(text, pos + 1, secret, k + 1));
  if (c === 38) {
    const ref = referenceAt(text, pos);
    if (ref && secret.startsWith(ref.chars, k)) best = Math.max(best, matchFrom(text, ref.end, secret, k + ref.chars.length));
  } else if (c === 37) {
    const first = percentByte(text, pos);
    if (first >= 0) {
      if (secret.charCodeAt(k) === first) best = Math.max(best, matchFrom(text, pos + 3, secret, k + 1));
      const utf8 = first >= 0xc2 ? utf8At(text, pos, first) : undefined;
      if (utf8 && secret.startsWith(utf8.chars, k)) best = Math.max(best, matchFrom(text, utf8.end, secret, k + utf8.chars.length));
    }
  } else if (c === 43 && secret.charCodeAt(k) === 32) best = Math.max(best, matchFrom(text, pos + 1, secret, k + 1));
  return best;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Where one white-space character spelled at `i` ends (itself, `+`, a reference, a percent escape), or -1. */
function spaceAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isSpace(c) || c === 43) return i + 1;
  if (c === 38) {
    const ref = referenceAt(text, i);
    return ref && ref.chars.length === 1 && isSpace(ref.chars.charCodeAt(0)) ? ref.end : -1;
  }
  const byte = c === 37 ? percentByte(text, i) : -1;
  return byte >= 0 && isSpace(byte) ? i + 3 : -1;
}

/** The character a UTF-8 sequence of percent escapes spells from `i` (its first byte `first`), or undefined. */
function utf8At(text: string, i: number, first: number): Reading | undefined {
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : 2;
  if (first > 0xf4) return undefined;
  let code = first & (0xff >> (length + 1));
  for (let n = 1; n < length; n++) {
    const byte = percentByte(text, i + 3 * n);
    if (byte < 0x80 || byte > 0xbf) return undefined;
    code = (code << 6) | (byte & 0x3f);
  }
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return { chars: String.fromCodePoint(code), end: i + 3 * length };
}

/** Where a spelling of `secret` starting at `start` ends, or -1. */
function matchAt(text: string, start: number, secret: string): number {
  const c = text.charCodeAt(start);
  if (c !== secret.charCodeAt(0) && c !== 38 && c !== 37 && c !== 43) return -1;
  return matchFrom(text, start, secret, 0);
}

/** The secrets worth looking for: non-empty, once each, longest first (a secret inside another is masked with it). */
function usable(secrets: ReadonlyArray<string | undefined>): string[] {
  const trimmed = secrets.map((s) => (typeof s === 'string' ? s.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '') : ''));
  return [...new Set(trimmed.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

/**
 * The text with every spelling of every secret replaced by `***` (see the file comment for the
 * spellings). With `limit`, only the first `limit` characters are returned, masked, except that a
 * spelling starting before the limit is masked whole and its end included: cutting a text after
 * masking it this way never leaves the start of a secret behind.
 */
export function maskSecrets(text: string, secrets: ReadonlyArray<string | undefined>, limit: number = Infinity): string {
  const list = usable(secrets);
  const stop = Math.min(text.length, limit) | 0;
  if (list.length === 0) return text.length > stop ? text.slice(0, stop) : text;
  const starts = startsOf(list);
  let out = '';
  let from = 0;
  for (let i = 0; i < stop; i++) {
    if (starts.indexOf(text[i]!) < 0) continue;
    const end = firstMatch(text, i, list);
    if (end > i) {
      out += text.slice(from, i) + MASK;
      from = end;
      i = end - 1;
    }
  }
  return out + text.slice(from, Math.max(from, stop));
}

/** Where every spelling of every secret stands in the text: `[start, end)` spans, in order, not overlapping. */
export function secretSpans(text: string, secrets: ReadonlyArray<string | undefined>): Array<[number, number]> {
  const list = usable(secrets);
  const spans: Array<[number, number]> = [];
  if (list.length === 0) return spans;
  const starts = startsOf(list);
  for (let i = 0; i < text.length; i++) {
    if (starts.indexOf(text[i]!) < 0) continue;
    const end = firstMatch(text, i, list);
    if (end > i) {
      spans.push([i, end]);
      i = end - 1;
    }
  }
  return spans;
}

/** The characters a spelling of one of the secrets can start with. */
function startsOf(list: string[]): string {
  let starts = '&%+';
  for (const secret of list) {
    if (isSpace(secret.charCodeAt(0))) starts += ' \t\n\r';
    else if (!starts.includes(secret[0]!)) starts += secret[0];
  }
  return starts;
}

/** Where the spelling of the first (longest) secret that starts at `i` ends, or -1. */
function firstMatch(text: string, i: number, list: string[]): number {
  for (let s = 0; s < list.length; s++) {
    const end = matchAt(text, i, list[s]!);
    if (end > i) return end;
  }
  return -1;
}

/** A copy of plain data (strings, arrays, plain objects) with every string masked; other values as they are. */
export function maskValue(value: unknown, mask: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return mask(value);
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, mask, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, maskValue((value as Record<string, unknown>)[key], mask, depth + 1));
  return copy;
}
