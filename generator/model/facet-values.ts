/**
 * Facet values checked against the type they restrict (XML Schema Part 2, 4.3): an enumeration
 * value or a bound must be a value of the base type — in the lexical space of its family and within
 * its bounds, lengths and enumeration —, a facet must apply to the base's family at all, and
 * lengths and digit counts must be counts. A value that is not (`<xs:enumeration value="abc"/>`
 * under xs:integer, which would become the TypeScript type `NaN`) is a {@link SchemaError} naming
 * the file, the line and the value.
 *
 * Not checked here: an enumeration value of a string type against the base's patterns or its
 * named lexical form (xs:date …); the runtime refuses such a value wherever it is used.
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import { SchemaError } from '../errors.js';
import type { XsdNode } from '../load/xsd-node.js';

const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;
const DOUBLE = /^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|-?INF|NaN)$/;
const NUMERIC = new Set<SimpleTypeMeta['family']>(['int', 'bigint', 'decimal', 'double']);
const BOUNDS = ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'] as const;

/** Checks the value of `facet` (its `value` attribute, given) against `base`; throws SchemaError. */
export function checkFacetValue(base: SimpleTypeMeta, facet: XsdNode, value: string): void {
  const fail = (problem: string, fix: string): never => {
    throw new SchemaError('invalid-facet', facet.loc, problem, fix);
  };
  const kind = facet.local;
  if (base.union || base.list) {
    if (kind !== 'enumeration' && kind !== 'pattern' && kind !== 'whiteSpace' && !(base.list && kind.endsWith('ength'))) {
      fail(`xs:${kind} does not apply to the ${base.union ? 'union' : 'list'} type ${base.name}`, 'remove it, or restrict the member or item type instead');
    }
    return;
  }
  const numeric = NUMERIC.has(base.family);
  switch (kind) {
    case 'enumeration': {
      const reason = notAValueOf(base, value);
      if (reason) fail(`the enumeration value "${value}" is not a value of the base type ${base.name}: ${reason}`, `give a value of ${base.name}, or derive the type from xs:string`);
      return;
    }
    case 'minInclusive': case 'maxInclusive': case 'minExclusive': case 'maxExclusive': {
      if (!numeric) fail(`xs:${kind} does not apply to ${base.name}: plesk-codegen checks bounds of numbers only`, base.family === 'string' && base.lexical === undefined ? 'remove it, or bound the length with xs:maxLength' : 'remove it');
      const reason = notAValueOf(base, value);
      if (reason) fail(`the ${kind} value "${value}" is not a value of the base type ${base.name}: ${reason}`, `give a value of ${base.name}`);
      return;
    }
    case 'length': case 'minLength': case 'maxLength':
      if (numeric || base.family === 'boolean') fail(`xs:${kind} does not apply to ${base.name}, a ${base.family === 'boolean' ? 'boolean' : 'number'}`, base.family === 'boolean' ? 'remove it' : 'bound the value with xs:minInclusive / xs:maxInclusive, or its digits with xs:totalDigits');
      return;
    case 'totalDigits': case 'fractionDigits':
      if (base.family !== 'int' && base.family !== 'bigint' && base.family !== 'decimal') fail(`xs:${kind} does not apply to ${base.name}: only xs:decimal and the integer types have digits`, 'remove it');
      if (kind === 'totalDigits' && /^0+$/.test(value.trim())) fail('totalDigits "0" is not a positive integer', 'give a whole number of at least 1');
      if (kind === 'fractionDigits' && base.family !== 'decimal' && !/^0+$/.test(value.trim())) fail(`fractionDigits "${value}" on the integer type ${base.name} must be 0`, 'remove it: an integer has no fraction digits');
      return;
    case 'whiteSpace':
      if (base.family !== 'string' && value !== 'collapse') fail(`whiteSpace "${value}" on ${base.name}: the white space of a ${base.family === 'boolean' ? 'boolean' : 'number'} is always collapsed`, 'remove it, or give "collapse"');
      return;
    default:
  }
}

/** Why `value` (as written in the schema) is not a value of `base`, or undefined when it is one. */
function notAValueOf(base: SimpleTypeMeta, raw: string): string | undefined {
  const text = base.family === 'string' ? raw : raw.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '');
  switch (base.family) {
    case 'boolean':
      return ['true', 'false', '1', '0'].includes(text) ? undefined : `"${text}" is not a boolean (true, false, 1 or 0)`;
    case 'int': case 'bigint':
      if (!INTEGER.test(text)) return `"${text}" is not an integer`;
      break;
    case 'decimal':
      if (!DECIMAL.test(text)) return `"${text}" is not a decimal number`;
      break;
    case 'double':
      if (!DOUBLE.test(text)) return `"${text}" is not a number (a double: digits, an exponent, INF, -INF or NaN)`;
      break;
    default: {
      const length = Array.from(text).length;
      if (base.length !== undefined && length !== base.length) return `its length ${length} is not the length ${base.length} of ${base.name}`;
      if (base.minLength !== undefined && length < base.minLength) return `it is shorter than the minimum length ${base.minLength} of ${base.name}`;
      if (base.maxLength !== undefined && length > base.maxLength) return `it is longer than the maximum length ${base.maxLength} of ${base.name}`;
      if (base.enum && !base.enum.includes(text)) return `it is not one of the values of ${base.name}: ${base.enum.join(', ')}`;
      return undefined;
    }
  }
  for (const bound of BOUNDS) {
    const limit = base[bound];
    if (limit === undefined) continue;
    const order = compareNumbers(text, limit, base.family === 'double');
    if (order === undefined) continue;
    if (bound === 'minInclusive' && order < 0) return `${text} is less than the minimum ${limit} of ${base.name}`;
    if (bound === 'maxInclusive' && order > 0) return `${text} is greater than the maximum ${limit} of ${base.name}`;
    if (bound === 'minExclusive' && order <= 0) return `${text} is not greater than ${limit}, the exclusive minimum of ${base.name}`;
    if (bound === 'maxExclusive' && order >= 0) return `${text} is not less than ${limit}, the exclusive maximum of ${base.name}`;
  }
  if (base.enum && !base.enum.some((e) => compareNumbers(text, e.trim(), base.family === 'double') === 0)) return `it is not one of the values of ${base.name}: ${base.enum.join(', ')}`;
  return undefined;
}

/** Orders two numbers written in decimal (exactly, whatever their size) or, for doubles, as JavaScript numbers; undefined when a NaN takes part. */
function compareNumbers(a: string, b: string, double: boolean): number | undefined {
  if (double || !DECIMAL.test(a) || !DECIMAL.test(b)) {
    const x = parseDouble(a);
    const y = parseDouble(b);
    return Number.isNaN(x) || Number.isNaN(y) ? undefined : x < y ? -1 : x > y ? 1 : 0;
  }
  const [signA, wholeA, fractionA] = decimalParts(a);
  const [signB, wholeB, fractionB] = decimalParts(b);
  if (signA !== signB) return signA < signB ? -1 : 1;
  let order: number;
  if (wholeA.length !== wholeB.length) order = wholeA.length < wholeB.length ? -1 : 1;
  else if (wholeA !== wholeB) order = wholeA < wholeB ? -1 : 1;
  else {
    const digits = Math.max(fractionA.length, fractionB.length);
    const [x, y] = [fractionA.padEnd(digits, '0'), fractionB.padEnd(digits, '0')];
    order = x < y ? -1 : x > y ? 1 : 0;
  }
  return order * signA;
}

/** Sign (-1, 0 for zero, 1), whole digits without leading zeros, fraction digits without trailing zeros. */
function decimalParts(text: string): [number, string, string] {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
  const w = whole.replace(/^0+/, '');
  const f = fraction.replace(/0+$/, '');
  return [w === '' && f === '' ? 0 : negative ? -1 : 1, w, f];
}

function parseDouble(text: string): number {
  return text === 'INF' ? Infinity : text === '-INF' ? -Infinity : Number(text);
}
