/**
 * Simple-value decoders compiled once per simple type: lexical form (as found in a document) →
 * value.
 *
 * Each is {@link decodeSimple} with a fast path for the common cases (a string without facets,
 * an enumeration, a short integer within exact bounds, a boolean) that returns exactly what the
 * general path would. Anything the fast path does not accept, valid or not, goes the general
 * way, so every rule is still checked and every message is the same.
 */
import type { SimpleTypeMeta } from './meta.js';
import { decodeSimple, exactBounds, onlyFastFacets } from './simple-values.js';
import { applyWhiteSpace, whiteSpaceChanges } from './xml-text.js';

export type SimpleDecoder = (text: string) => unknown;

/**
 * An integer that a JS number holds exactly, with no white space to strip (an optional sign and
 * 1 to 15 digits), as a number (a sign and `0` make 0, never -0); else NaN. One pass of
 * `charCodeAt`, no regular expression and no `Number()`.
 */
export function shortInteger(text: string): number {
  const n = text.length;
  const c0 = n === 0 ? 0 : text.charCodeAt(0);
  let i = c0 === 45 || c0 === 43 ? 1 : 0;
  if (i === n || n - i > 15) return NaN;
  let value = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return c0 === 45 ? 0 - value : value;
}

const decoders = new WeakMap<SimpleTypeMeta, SimpleDecoder>();

export function simpleDecoder(meta: SimpleTypeMeta): SimpleDecoder {
  let decoder = decoders.get(meta);
  if (!decoder) decoders.set(meta, (decoder = compile(meta)));
  return decoder;
}

const isBounded = (meta: SimpleTypeMeta): boolean => meta.minInclusive !== undefined || meta.maxInclusive !== undefined || meta.minExclusive !== undefined || meta.maxExclusive !== undefined;

/**
 * Whether the type's value is its text itself whenever the text has no white space its facet
 * changes (no tab or line end, and for collapse no space at either end or two in a row): a string
 * with no facet but whiteSpace. Its decoder is then the identity on such a text, which a reader
 * that has seen every character (direct-scanner.ts) may skip.
 */
export function isTextAsWritten(meta: SimpleTypeMeta): boolean {
  return meta.family === 'string' && onlyFastFacets(meta) && !isBounded(meta) && meta.enum === undefined;
}

function compile(meta: SimpleTypeMeta): SimpleDecoder {
  const general: SimpleDecoder = (text) => decodeSimple(meta, text);
  if (!onlyFastFacets(meta)) return general;
  const { ws } = meta;
  const bounded = isBounded(meta);
  switch (meta.family) {
    case 'string': {
      if (bounded) return general;
      if (meta.enum) {
        const allowed = new Set(meta.enum);
        // the values white space leaves as they are (all, in practice): a text that spells one is that value, with no
        // white-space test, and the schema's own string (the decoded value holds no copy of it)
        const asWritten = new Map(meta.enum.filter((value) => ws === 'preserve' || !whiteSpaceChanges(value, ws)).map((value) => [value, value]));
        return (text) => {
          const value = asWritten.get(text);
          if (value !== undefined) return value;
          const collapsed = applyWhiteSpace(text, ws);
          return allowed.has(collapsed) ? collapsed : general(text);
        };
      }
      if (ws === 'preserve') return (text) => text;
      return (text) => (whiteSpaceChanges(text, ws) ? applyWhiteSpace(text, ws) : text);
    }
    case 'int':
    case 'bigint': {
      // a bigint field is a bigint whatever its size: the general path makes one
      if (meta.enum || meta.big) return general;
      const bounds = exactBounds(meta);
      if (!bounds) return general;
      const { lo, hi, loX, hiX } = bounds;
      return (text) => {
        const value = shortInteger(text); // (NaN fails every comparison)
        return value >= lo && value <= hi && value > loX && value < hiX ? value : general(text);
      };
    }
    case 'boolean':
      if (meta.enum || bounded) return general;
      return (text) => (text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : general(text));
    default:
      return general;
  }
}
