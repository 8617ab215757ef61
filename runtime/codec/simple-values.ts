/**
 * Simple values: lexical form ⇄ JavaScript value, with every facet checked both ways.
 *
 * - strings stay strings (`"007"` stays `"007"`), after the type's whiteSpace rule;
 * - booleans: `true|1` → true, `false|0` → false;
 * - small integers (int, unsignedInt …) are numbers; unbounded and 64-bit ones (integer, long,
 *   unsignedLong, positiveInteger …) are numbers while exact (|v| ≤ 2^53 − 1) and bigints beyond;
 * - xs:double is a number (INF, -INF, NaN included); xs:decimal stays its string.
 * Failures throw {@link ValueError}; the caller adds the path.
 */
import { ValueError } from './errors.js';
import type { PatternMeta, SimpleTypeMeta } from './meta.js';
import { PatternMatcher } from './pattern-match.js';
import { applyWhiteSpace } from './xml-text.js';

const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;
const DOUBLE = /^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|-?INF|NaN)$/;
const LEXICAL: Record<string, RegExp> = {
  date: /^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  dateTime: /^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  time: /^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  duration: /^-?P(?=.)([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T(?=.)([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$/,
  gYear: /^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gYearMonth: /^-?[0-9]{4,}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gMonth: /^--[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gMonthDay: /^--[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gDay: /^---[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  base64Binary: /^(([A-Za-z0-9+/] ?){4})*(([A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|([A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?$/,
  hexBinary: /^([0-9a-fA-F]{2})*$/,
  language: /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/,
  Name: /^[\p{L}_:][\p{L}\p{N}\p{M}_:.\-\u00B7]*$/u,
  NCName: /^[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*$/u,
  NMTOKEN: /^[\p{L}\p{N}\p{M}_:.\-\u00B7]+$/u,
  QName: /^([\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*:)?[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*$/u,
};
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const matchers = new WeakMap<PatternMeta, PatternMatcher>();
function matches(pattern: PatternMeta, text: string): boolean {
  let matcher = matchers.get(pattern);
  if (!matcher) matchers.set(pattern, (matcher = new PatternMatcher(pattern.re)));
  return matcher.matches(text);
}

/** Lexical form (as found in a document) → value. */
export function decodeSimple(meta: SimpleTypeMeta, raw: string): unknown {
  const text = applyWhiteSpace(raw, meta.ws);
  if (meta.union) return firstMember(meta, (m) => decodeSimple(m, text));
  if (meta.list) return text === '' ? [] : text.split(' ').map((item) => decodeSimple(meta.list!, item));
  let value: unknown;
  switch (meta.family) {
    case 'boolean':
      if (text === 'true' || text === '1') value = true;
      else if (text === 'false' || text === '0') value = false;
      else throw new ValueError((show) => `${quote(show(text))} is not a boolean (true, false, 1 or 0)`);
      break;
    case 'int':
      if (!INTEGER.test(text)) throw new ValueError((show) => `${quote(show(text))} is not an integer`);
      value = Number(text) + 0; // + 0 turns -0 into 0
      break;
    case 'bigint':
      if (!INTEGER.test(text)) throw new ValueError((show) => `${quote(show(text))} is not an integer`);
      value = meta.big ? BigInt(text) : safeInteger(text);
      break;
    case 'double':
      if (!DOUBLE.test(text)) throw new ValueError((show) => `${quote(show(text))} is not a number`);
      value = text === 'INF' ? Infinity : text === '-INF' ? -Infinity : Number(text);
      break;
    case 'decimal':
      if (!DECIMAL.test(text)) throw new ValueError((show) => `${quote(show(text))} is not a decimal number`);
      value = text;
      break;
    default:
      value = text;
  }
  checkFacets(meta, text, value);
  return value;
}

/** What {@link driftedValue} returns for a lexical form whose value the type's TypeScript type cannot hold. */
export const NOT_KEPT: unique symbol = Symbol('not kept');

/**
 * The value of a lexical form that {@link decodeSimple} refused for a facet, when the type's
 * TypeScript type still holds it (unknownElements 'keep' keeps it as read): a string outside its
 * length, pattern or lexical space (a date is a string), a number outside its range or digits, a
 * value of an open enumeration (`open`: a string enumeration of an answer) that it does not list.
 * {@link NOT_KEPT} when the type cannot hold it: letters in a number, an integer beyond 2^53 − 1 of a
 * type whose values are numbers (`int`, and `bigint` without `big`), an unknown value of a closed enumeration (request-only, or of
 * numbers or booleans, whose TypeScript type lists the values), a union or a list.
 */
export function driftedValue(meta: SimpleTypeMeta, raw: string): unknown {
  if (meta.union || meta.list) return NOT_KEPT;
  const text = applyWhiteSpace(raw, meta.ws);
  let value: unknown;
  switch (meta.family) {
    case 'boolean':
      if (text !== 'true' && text !== '1' && text !== 'false' && text !== '0') return NOT_KEPT;
      value = text === 'true' || text === '1';
      break;
    case 'int':
      if (!INTEGER.test(text)) return NOT_KEPT;
      value = Number(text) + 0;
      if (!Number.isSafeInteger(value)) return NOT_KEPT;
      break;
    case 'bigint':
      if (!INTEGER.test(text)) return NOT_KEPT;
      if (meta.big) value = BigInt(text);
      else {
        value = Number(text) + 0;
        if (!Number.isSafeInteger(value)) return NOT_KEPT;
      }
      break;
    case 'double':
      if (!DOUBLE.test(text)) return NOT_KEPT;
      value = text === 'INF' ? Infinity : text === '-INF' ? -Infinity : Number(text);
      break;
    case 'decimal':
      if (!DECIMAL.test(text)) return NOT_KEPT;
      value = text;
      break;
    default:
      value = text;
  }
  if (meta.enum && !(meta.family === 'string' && meta.open === true) && !enumHas(meta, text, value)) return NOT_KEPT;
  return value;
}

/** Value → lexical form (not yet escaped). */
export function encodeSimple(meta: SimpleTypeMeta, value: unknown): string {
  if (meta.union) return firstMember(meta, (m) => encodeSimple(m, value));
  if (meta.list) {
    if (!Array.isArray(value)) throw new ValueError(`expected an array for the list type ${meta.name}, got ${describe(value)}`);
    return value.map((item) => encodeSimple(meta.list!, item)).join(' ');
  }
  let text: string;
  switch (meta.family) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new ValueError(`expected a boolean, got ${describe(value)}`);
      text = value ? 'true' : 'false';
      break;
    case 'int':
    case 'bigint':
      // either mode accepts both: a safe-integer number, or a bigint (of any size the type allows)
      if (typeof value === 'bigint') text = value.toString();
      else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
      else throw new ValueError(`expected an integer (a safe-integer number or a bigint), got ${describe(value)}`);
      break;
    case 'double':
      if (typeof value !== 'number') throw new ValueError(`expected a number, got ${describe(value)}`);
      text = value === Infinity ? 'INF' : value === -Infinity ? '-INF' : String(value);
      break;
    case 'decimal':
      text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? applyWhiteSpace(value, 'collapse') : '';
      if (!DECIMAL.test(text)) throw new ValueError(`expected a decimal number, got ${describe(value)}`);
      break;
    default:
      if (typeof value !== 'string') throw new ValueError(`expected a string, got ${describe(value)}`);
      text = applyWhiteSpace(value, meta.ws);
  }
  checkFacets(meta, text, meta.family === 'string' || meta.family === 'decimal' ? text : value);
  return text;
}

/**
 * An integer as a number, exactly: one beyond 2^53 − 1 (which a number cannot hold, and which
 * rounding would turn into another id) is an error naming the package option that reads it.
 */
function safeInteger(text: string): number {
  if (text.length < 16) return Number(text) + 0; // + 0 turns -0 into 0
  const big = BigInt(text);
  if (big <= MAX_SAFE && big >= -MAX_SAFE) return Number(big);
  throw new ValueError((show) => `${quote(show(text))} is beyond 2^53 − 1, the largest integer a number holds exactly: generate the package with the option integers: "bigint" (--integers bigint) to read such values as bigint`);
}

function checkFacets(meta: SimpleTypeMeta, text: string, value: unknown): void {
  if (meta.lexical !== undefined && LEXICAL[meta.lexical] && !LEXICAL[meta.lexical]!.test(text)) {
    throw new ValueError((show) => `${quote(show(text))} is not a valid ${meta.lexical}`);
  }
  if (meta.enum && !enumHas(meta, text, value)) {
    throw new ValueError((show) => `${quote(show(text))} is not one of the values allowed by ${meta.name}: ${meta.enum!.join(', ')}`);
  }
  if (meta.patterns) {
    for (const group of meta.patterns) {
      if (!group.some((pattern) => matches(pattern, text))) throw new ValueError((show) => `${quote(show(text))} does not match the pattern ${group.map((p) => p.source).join(' | ')} of ${meta.name}`);
    }
  }
  if (meta.length !== undefined || meta.minLength !== undefined || meta.maxLength !== undefined) {
    const length = meta.family === 'string' && meta.lexical === 'base64Binary' ? Math.floor((text.replace(/[ =]/g, '').length * 3) / 4) : meta.lexical === 'hexBinary' ? text.length / 2 : codePoints(text);
    if (meta.length !== undefined && length !== meta.length) throw new ValueError((show) => `${quote(show(text))} has length ${length}; ${meta.name} requires exactly ${meta.length}`);
    if (meta.minLength !== undefined && length < meta.minLength) throw new ValueError((show) => `${quote(show(text))} is shorter than the minimum length ${meta.minLength} of ${meta.name}`);
    if (meta.maxLength !== undefined && length > meta.maxLength) throw new ValueError((show) => `"${cut(show(text), 40)}" is longer than the maximum length ${meta.maxLength} of ${meta.name}`);
  }
  if (meta.minInclusive !== undefined && compare(value, meta.minInclusive) < 0) throw new ValueError((show) => `${show(text)} is less than the minimum ${meta.minInclusive} of ${meta.name}`);
  if (meta.maxInclusive !== undefined && compare(value, meta.maxInclusive) > 0) throw new ValueError((show) => `${show(text)} is greater than the maximum ${meta.maxInclusive} of ${meta.name}`);
  if (meta.minExclusive !== undefined && compare(value, meta.minExclusive) <= 0) throw new ValueError((show) => `${show(text)} must be greater than ${meta.minExclusive} (${meta.name})`);
  if (meta.maxExclusive !== undefined && compare(value, meta.maxExclusive) >= 0) throw new ValueError((show) => `${show(text)} must be less than ${meta.maxExclusive} (${meta.name})`);
  if (meta.totalDigits !== undefined || meta.fractionDigits !== undefined) {
    const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
    const digits = (whole.replace(/^0+/, '') + fraction.replace(/0+$/, '')).length;
    if (meta.totalDigits !== undefined && digits > meta.totalDigits) throw new ValueError((show) => `${show(text)} has more than ${meta.totalDigits} digits (${meta.name})`);
    if (meta.fractionDigits !== undefined && fraction.replace(/0+$/, '').length > meta.fractionDigits) throw new ValueError((show) => `${show(text)} has more than ${meta.fractionDigits} fraction digits (${meta.name})`);
  }
}

function enumHas(meta: SimpleTypeMeta, text: string, value: unknown): boolean {
  if (meta.family === 'string' || meta.family === 'decimal') return meta.enum!.includes(text);
  const { enum: _values, ...plain } = meta; // the type without its enumeration (exactOptionalPropertyTypes has no `enum: undefined`)
  return meta.enum!.some((e) => compare(value, e) === 0 || (typeof value === 'boolean' && decodeSimple(plain, e) === value));
}

/** Compares a number, bigint or decimal string with a decimal bound; exact for integers of any size. */
function compare(value: unknown, bound: string): number {
  if (typeof value === 'number') {
    const b = Number(bound);
    // numbers compare exactly while the bound is exact too (all bounds of int, short, unsignedInt …)
    if (Number.isSafeInteger(b) || !Number.isInteger(value) || !INTEGER.test(bound)) return value < b ? -1 : value > b ? 1 : value === b ? 0 : NaN;
  }
  if (typeof value === 'bigint' || typeof value === 'number') {
    const a = BigInt(value);
    const b = BigInt(bound);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const a = Number(value);
  const b = Number(bound);
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
}

function firstMember<T>(meta: SimpleTypeMeta, attempt: (member: SimpleTypeMeta) => T): T {
  const reasons: ValueError[] = [];
  for (const member of meta.union!) {
    try {
      return attempt(member);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      reasons.push(error);
    }
  }
  throw new ValueError((show) => `no member of the union ${meta.name} accepts it (${reasons.map((r) => r.messageWith(show)).join('; ')})`);
}

/** No facet that the compiled fast paths (simple-encoders.ts, simple-decoders.ts) leave to the general one; bounds are looked at per family. */
export function onlyFastFacets(meta: SimpleTypeMeta): boolean {
  return (
    meta.union === undefined &&
    meta.list === undefined &&
    meta.lexical === undefined &&
    meta.patterns === undefined &&
    meta.length === undefined &&
    meta.minLength === undefined &&
    meta.maxLength === undefined &&
    meta.totalDigits === undefined &&
    meta.fractionDigits === undefined
  );
}

/** A bound as a number when that number is exact (a safe integer), `none` when there is no bound, `undefined` otherwise. */
export function exactBound(bound: string | undefined, none: number): number | undefined {
  if (bound === undefined) return none;
  const n = Number(bound);
  return Number.isSafeInteger(n) && INTEGER.test(bound) ? n : undefined;
}

/** The four integer bounds of a type as exact numbers (missing ones infinite), or undefined when one is not exact. */
export function exactBounds(meta: SimpleTypeMeta): { lo: number; hi: number; loX: number; hiX: number } | undefined {
  const lo = exactBound(meta.minInclusive, -Infinity);
  const hi = exactBound(meta.maxInclusive, Infinity);
  const loX = exactBound(meta.minExclusive, -Infinity);
  const hiX = exactBound(meta.maxExclusive, Infinity);
  return lo === undefined || hi === undefined || loX === undefined || hiX === undefined ? undefined : { lo, hi, loX, hiX };
}

function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** A value for an error message: quoted, and cut after 60 characters (a value can be megabytes long). */
function quote(text: string): string {
  return text.length > 60 ? `"${text.slice(0, 60)}…" (${text.length} characters)` : `"${text}"`;
}

/** A text cut after `n` characters, with `…`. */
function cut(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'bigint') return `the bigint ${value}n`;
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return `${typeof value} ${String(value)}`;
}
