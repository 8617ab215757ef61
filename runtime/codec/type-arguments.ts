/**
 * The arguments of `encodeType` / `decodeType`, checked before they reach the codecs: a type name
 * must be one of the schema's own complex types (never an inherited property such as
 * `constructor`), and an element name an XML name (it is written into markup as it is).
 */
import type { SchemaMeta } from './meta.js';
import { isElementName } from './xml-names.js';

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : typeof value === 'bigint' ? `${value}n` : String(value);
}

/** @throws TypeError naming the argument, the value and what it must be */
export function checkTypeArguments(fn: string, schema: SchemaMeta, type: unknown, element: unknown): void {
  if (typeof type !== 'string' || !Object.hasOwn(schema.complex, type)) {
    const names = Object.keys(schema.complex);
    throw new TypeError(`${fn}: argument type ${shown(type)} is not a complex type of this schema; give one of the ${names.length} names of TypeMap (${names.slice(0, 3).join(', ')}, …)`);
  }
  if (!isElementName(element)) {
    throw new TypeError(`${fn}: argument element ${shown(element)} is not an XML element name; give a name that starts with a letter or _ and holds only letters, digits, _, - and . (no colon, space or markup)`);
  }
}
