/**
 * Simple-value encoders compiled once per simple type: value → escaped lexical form.
 *
 * Each is {@link encodeSimple} followed by escaping, with a fast path for the common cases
 * (a plain string, an enumeration, an integer within exact bounds, a boolean) that returns
 * exactly what the general path would. Anything the fast path does not accept, valid or not,
 * goes the general way, so every rule is still checked and every message is the same.
 */
import type { SimpleTypeMeta, WhiteSpace } from './meta.js';
import { encodeSimple, exactBounds, onlyFastFacets } from './simple-values.js';
import { applyWhiteSpace, escapeAttribute, escapeText, TEXT_SPECIAL_CHARS } from './xml-text.js';

export type SimpleEncoder = (value: unknown) => string;

/** Text that neither whiteSpace processing nor escaping would change: returned as it is. */
const UNCHANGED: Record<WhiteSpace, RegExp> = {
  preserve: new RegExp(`[${TEXT_SPECIAL_CHARS}]`),
  replace: new RegExp(`[\\t\\n${TEXT_SPECIAL_CHARS}]`),
  collapse: new RegExp(`[\\t\\n${TEXT_SPECIAL_CHARS}]|^ | $| {2}`),
};

const textEncoders = new WeakMap<SimpleTypeMeta, SimpleEncoder>();
const attributeEncoders = new WeakMap<SimpleTypeMeta, SimpleEncoder>();

/** The encoder of `meta` for element text (`attribute` false) or a double-quoted attribute value. */
export function simpleEncoder(meta: SimpleTypeMeta, attribute: boolean): SimpleEncoder {
  const cache = attribute ? attributeEncoders : textEncoders;
  let encoder = cache.get(meta);
  if (!encoder) cache.set(meta, (encoder = compile(meta, attribute)));
  return encoder;
}

function compile(meta: SimpleTypeMeta, attribute: boolean): SimpleEncoder {
  const escape = attribute ? escapeAttribute : escapeText;
  const general: SimpleEncoder = (value) => escape(encodeSimple(meta, value));
  if (!onlyFastFacets(meta)) return general;
  const { ws } = meta;
  switch (meta.family) {
    case 'string': {
      if (meta.minInclusive !== undefined || meta.maxInclusive !== undefined || meta.minExclusive !== undefined || meta.maxExclusive !== undefined) return general;
      if (meta.enum) {
        const allowed = new Set(meta.enum);
        return (value) => {
          if (typeof value === 'string') {
            const text = applyWhiteSpace(value, ws);
            if (allowed.has(text)) return escape(text);
          }
          return general(value);
        };
      }
      if (attribute) return (value) => (typeof value === 'string' ? escape(applyWhiteSpace(value, ws)) : general(value));
      const unchanged = UNCHANGED[ws];
      return (value) => (typeof value === 'string' ? (unchanged.test(value) ? escape(applyWhiteSpace(value, ws)) : value) : general(value));
    }
    case 'int':
    case 'bigint': {
      if (meta.enum) return general;
      const bounds = exactBounds(meta);
      if (!bounds) return general;
      const { lo, hi, loX, hiX } = bounds;
      // digits and a sign never need escaping
      return (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= lo && value <= hi && value > loX && value < hiX ? String(value) : general(value));
    }
    case 'boolean':
      if (meta.enum || meta.minInclusive !== undefined || meta.maxInclusive !== undefined || meta.minExclusive !== undefined || meta.maxExclusive !== undefined) return general;
      return (value) => (value === true ? 'true' : value === false ? 'false' : general(value));
    default:
      return general;
  }
}
