/**
 * Escaping for XML text and attribute values, and the whiteSpace facet.
 *
 * The fast path is one regular-expression test: most values need no escaping at all.
 */
import { ValueError } from './errors.js';

/** The characters (a regular-expression class body) that character data cannot hold as they are. */
export const TEXT_SPECIAL_CHARS: string = String.raw`&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF`;
const TEXT_SPECIAL = new RegExp(`[${TEXT_SPECIAL_CHARS}]`);
const ATTR_SPECIAL = new RegExp(`["\\t\\n${TEXT_SPECIAL_CHARS}]`);

/** Escapes character data; `\r` is written as a reference so that it survives parsing. */
export function escapeText(value: string): string {
  return TEXT_SPECIAL.test(value) ? slowEscape(value, false) : value;
}

/** Escapes an attribute value (double-quoted); tab, newline and CR survive as references. */
export function escapeAttribute(value: string): string {
  return ATTR_SPECIAL.test(value) ? slowEscape(value, true) : value;
}

function slowEscape(value: string, attribute: boolean): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 13) rep = '&#13;';
    else if (attribute && c === 34) rep = '&quot;';
    else if (attribute && c === 9) rep = '&#9;';
    else if (attribute && c === 10) rep = '&#10;';
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      throw new ValueError(`contains an unpaired surrogate (U+${c.toString(16).toUpperCase()}) at index ${i}, which XML cannot carry`);
    } else if ((c < 32 && c !== 9 && c !== 10) || (c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      throw new ValueError(`contains the character U+${c.toString(16).toUpperCase().padStart(4, '0')} at index ${i}, which XML 1.0 does not allow`);
    }
    if (rep !== undefined) {
      out += value.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return out + value.slice(start);
}

/** Applies a whiteSpace facet: `replace` turns tab/newline/CR into spaces, `collapse` also trims and folds runs. */
export function applyWhiteSpace(value: string, ws: 'preserve' | 'replace' | 'collapse'): string {
  if (ws === 'preserve' || !whiteSpaceChanges(value, ws)) return value;
  // not String.prototype.trim: it would also strip non-XML white space such as U+00A0
  return ws === 'replace' ? value.replace(/[\t\n\r]/g, ' ') : value.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '');
}

/** Whether the whiteSpace facet `ws` changes `value`: a tab, line feed or CR; for collapse also a leading, trailing or doubled space. */
export function whiteSpaceChanges(value: string, ws: 'replace' | 'collapse'): boolean {
  // (one regular-expression test: about twice as fast as a loop of charCodeAt on a short value)
  return (ws === 'collapse' ? COLLAPSE_CHANGES : REPLACE_CHANGES).test(value);
}

const REPLACE_CHANGES = /[\t\n\r]/;
const COLLAPSE_CHANGES = /[\t\n\r]|^ | $| {2}/;

/** Whether a string (or its part from `start` to `end`) is only XML white space. */
export function isWhiteSpace(value: string, start = 0, end: number = value.length): boolean {
  for (let i = start; i < end; i++) if (!isWhiteSpaceCode(value.charCodeAt(i))) return false;
  return true;
}

/** Whether a character code is XML white space: space, tab, line feed, carriage return. */
export function isWhiteSpaceCode(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}
