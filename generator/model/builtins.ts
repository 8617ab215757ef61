/**
 * The XSD built-in simple types, as the runtime sees them: a value family, a whiteSpace rule,
 * a lexical check where the family alone is too loose, and the bounds of the integer types.
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';

type Builtin = Omit<SimpleTypeMeta, 'name'>;

const str = (ws: SimpleTypeMeta['ws'], lexical?: string): Builtin => (lexical ? { family: 'string', ws, lexical } : { family: 'string', ws });
const int = (min: string, max: string): Builtin => ({ family: 'int', ws: 'collapse', minInclusive: min, maxInclusive: max });
const big = (min?: string, max?: string): Builtin => ({
  family: 'bigint',
  ws: 'collapse',
  ...(min !== undefined ? { minInclusive: min } : {}),
  ...(max !== undefined ? { maxInclusive: max } : {}),
});

const BUILTINS: Record<string, Builtin> = {
  anySimpleType: str('preserve'),
  string: str('preserve'),
  normalizedString: str('replace'),
  token: str('collapse'),
  language: str('collapse', 'language'),
  Name: str('collapse', 'Name'),
  NCName: str('collapse', 'NCName'),
  ID: str('collapse', 'NCName'),
  IDREF: str('collapse', 'NCName'),
  ENTITY: str('collapse', 'NCName'),
  NMTOKEN: str('collapse', 'NMTOKEN'),
  QName: str('collapse', 'QName'),
  NOTATION: str('collapse', 'QName'),
  anyURI: str('collapse'),
  date: str('collapse', 'date'),
  dateTime: str('collapse', 'dateTime'),
  time: str('collapse', 'time'),
  duration: str('collapse', 'duration'),
  gYear: str('collapse', 'gYear'),
  gYearMonth: str('collapse', 'gYearMonth'),
  gMonth: str('collapse', 'gMonth'),
  gMonthDay: str('collapse', 'gMonthDay'),
  gDay: str('collapse', 'gDay'),
  base64Binary: str('collapse', 'base64Binary'),
  hexBinary: str('collapse', 'hexBinary'),
  boolean: { family: 'boolean', ws: 'collapse' },
  decimal: { family: 'decimal', ws: 'collapse' },
  double: { family: 'double', ws: 'collapse' },
  float: { family: 'double', ws: 'collapse' },
  integer: big(),
  nonNegativeInteger: big('0'),
  positiveInteger: big('1'),
  nonPositiveInteger: big(undefined, '0'),
  negativeInteger: big(undefined, '-1'),
  long: big('-9223372036854775808', '9223372036854775807'),
  unsignedLong: big('0', '18446744073709551615'),
  int: int('-2147483648', '2147483647'),
  short: int('-32768', '32767'),
  byte: int('-128', '127'),
  unsignedInt: int('0', '4294967295'),
  unsignedShort: int('0', '65535'),
  unsignedByte: int('0', '255'),
};

/** The built-in simple type `xs:<local>`, or undefined when XSD has no such simple type. */
export function builtinSimpleType(local: string): SimpleTypeMeta | undefined {
  const b = BUILTINS[local];
  return b ? { name: `xs:${local}`, ...b } : undefined;
}

/** Built-in names in code-point order, for error messages. */
export const BUILTIN_NAMES = Object.keys(BUILTINS).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
