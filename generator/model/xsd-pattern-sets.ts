/**
 * The character sets of XSD's escapes (XML Schema Part 2, F.1.1): `.`, the multi-character
 * escapes `\s \S \i \I \c \C \d \D \w \W`, the categories `\p{L}` … and the blocks `\p{IsBasicLatin}` ….
 *
 * `\i` and `\c` are the name characters of XML 1.0 fifth edition (as XSD 1.1 defines them; the
 * same ranges the runtime checks element names with), fixed ranges. Categories stay names: the
 * JavaScript engine that runs the package classes code points by its own Unicode tables.
 */
import type { CharSet } from '../../runtime/codec/meta.js';
import { unicodeBlock } from './unicode-blocks.js';

const WHITE_SPACE = [0x09, 0x0a, 0x0d, 0x0d, 0x20, 0x20];
const NAME_START = [
  0x3a, 0x3a, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a, 0xc0, 0xd6, 0xd8, 0xf6, 0xf8, 0x2ff, 0x370, 0x37d, 0x37f, 0x1fff, 0x200c, 0x200d,
  0x2070, 0x218f, 0x2c00, 0x2fef, 0x3001, 0xd7ff, 0xf900, 0xfdcf, 0xfdf0, 0xfffd, 0x10000, 0xeffff,
];
const NAME_CHAR = [...NAME_START, 0x2d, 0x2e, 0x30, 0x39, 0xb7, 0xb7, 0x300, 0x36f, 0x203f, 0x2040];
/** XSD's `C` is Cc, Cf, Co and Cn; JavaScript's `\p{C}` also holds the surrogates (Cs), which no XML text has. */
const OTHER = ['Cc', 'Cf', 'Co', 'Cn'];
const CATEGORIES = new Set(['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp', 'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn']);

/** `.`: every character but line feed and carriage return. */
export const ANY_BUT_NEWLINE: CharSet = { ranges: [0x0a, 0x0a, 0x0d, 0x0d], not: true };

/** The set of a multi-character escape (`s` for `\s` …), or undefined when the letter names none. */
export function multiCharEscape(letter: string): CharSet | undefined {
  switch (letter) {
    case 's': return { ranges: WHITE_SPACE };
    case 'S': return { ranges: WHITE_SPACE, not: true };
    case 'i': return { ranges: NAME_START };
    case 'I': return { ranges: NAME_START, not: true };
    case 'c': return { ranges: NAME_CHAR };
    case 'C': return { ranges: NAME_CHAR, not: true };
    case 'd': return { cats: ['Nd'] };
    case 'D': return { cats: ['Nd'], not: true };
    case 'w': return { cats: ['P', 'Z', ...OTHER], not: true };
    case 'W': return { cats: ['P', 'Z', ...OTHER] };
    default: return undefined;
  }
}

/** The set `\p{name}` stands for (complemented for `\P`), or undefined when XSD knows no such category or block. */
export function propertyEscape(name: string, complement: boolean): CharSet | undefined {
  let set: CharSet | undefined;
  if (name.startsWith('Is')) {
    const ranges = unicodeBlock(name.slice(2));
    if (ranges) set = { ranges };
  } else if (CATEGORIES.has(name)) {
    set = { cats: name === 'C' ? OTHER : [name] };
  }
  return set && (complement ? { ...set, not: true } : set);
}

/** The categories XSD names, for messages. */
export const CATEGORY_NAMES = [...CATEGORIES].join(', ');
