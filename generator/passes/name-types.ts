/**
 * Gives every user-declared type its TypeScript name, in one global step so that no name depends
 * on the order emitters run in.
 *
 * Order of claims: names asked for by a convention (`RequestPacket`), then named types, then
 * anonymous types; within each, by file, line and column (code-point order). A name that would
 * shadow a TypeScript global or a runtime export gets the suffix `Type` (`string` → `StringType`);
 * a name already taken gets a number (`InitialSetupType2`).
 */
import type { IrComplexType, IrSchema, IrSimpleType } from '../model/ir.js';
import { compareCodePoints, compareLocations, NameRegistry, pascalCase } from './names.js';

/** Globals a generated type must not shadow, and names the generated entry exports itself. */
export const RESERVED_TYPE_NAMES = [
  'Array', 'ArrayBuffer', 'BigInt', 'Boolean', 'DataView', 'Date', 'Error', 'Exclude', 'Extract', 'Function',
  'Infinity', 'Intl', 'Iterable', 'Iterator', 'JSON', 'Map', 'Math', 'NaN', 'NonNullable', 'Number', 'Object',
  'Omit', 'Partial', 'Pick', 'Promise', 'Proxy', 'Readonly', 'Record', 'Reflect', 'RegExp', 'Required',
  'ReturnType', 'Set', 'String', 'Symbol', 'TypeError', 'Uint8Array', 'WeakMap', 'WeakSet', 'undefined',
  // runtime exports
  'AnyElement', 'AtMostOneOf', 'OneOf', 'RawXml', 'SchemaMeta', 'XmlAny', 'XmlDecodeError', 'XmlEncodeError', 'TypeMap', 'ElementMap',
  'PleskClient', 'PleskSystemError', 'PleskOperationError', 'PleskTransportError',
];

type Named = IrComplexType | IrSimpleType;

export function nameTypes(ir: IrSchema): IrSchema {
  const registry = new NameRegistry(RESERVED_TYPE_NAMES);
  const all: Named[] = [...ir.complexTypes, ...ir.simpleTypes];
  const rank = (t: Named) => ('preferredName' in t && t.preferredName ? 0 : t.xsdName !== undefined ? 1 : 2);
  const sorted = [...all].sort(
    (a, b) => rank(a) - rank(b) || compareLocations(a, b) || compareCodePoints(a.hint.join('/'), b.hint.join('/')),
  );
  for (const type of sorted) {
    const base = ('preferredName' in type && type.preferredName) || pascalCase(...type.hint);
    type.tsName = registry.claim(RESERVED_TYPE_NAMES.includes(base) ? `${base}Type` : base);
  }
  return ir;
}
