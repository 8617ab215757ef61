/**
 * The TypeScript type of a value, as data: what the passes decide (an element's type, what a
 * client method resolves to) and the printers spell (`print-types.ts`), in types.ts without a
 * prefix and in client.ts and testing.ts as `T.Name`. One function says what the type of an
 * element is ({@link elementValue}); a runtime name a type uses (`XmlAny`, `OkResult`) is imported
 * where it is printed, because printing it records it.
 *
 * For this XSD                                     the value type
 *   a named simple or complex type                  { k: 'type' }           BackupTaskStatus
 *   an XSD built-in (xs:int, xs:string)             { k: 'builtin' }        number, string
 *   an empty complex type without attributes        { k: 'flag' }           NoneType (types.ts), true
 *   an untyped element (xs:anyType)                 { k: 'any' }            XmlAny
 *   nillable="true"                                 { k: 'nullable' }       T | null
 *   maxOccurs > 1 (for a property)                  { k: 'array' }          T[]
 *   types that versions of a package differ on      { k: 'union' }          A | B
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import { isFlagType } from '../../runtime/codec/particles.js';
import type { IrComplexType, IrElement, IrSimpleType, IrTypeRef } from './ir.js';

export type ValueType =
  | { k: 'type'; type: IrComplexType | IrSimpleType }
  | { k: 'builtin'; meta: SimpleTypeMeta }
  /** an empty complex type: types.ts names it (`NoneType`), client.ts and testing.ts spell it `true` */
  | { k: 'flag'; type: IrComplexType }
  | { k: 'any' }
  | { k: 'wildcard' }
  | { k: 'void' }
  | { k: 'nullable'; of: ValueType }
  | { k: 'undefinable'; of: ValueType }
  | { k: 'array'; of: ValueType }
  /** a result the client gives without status, errcode and errtext (the runtime's OkResult) */
  | { k: 'ok'; of: ValueType }
  /** an interface client.ts declares: a result given with its datasets as properties (named by name-client.ts) */
  | { k: 'natural'; result: { name: string } }
  /** a value of any of these (an element the protocol versions of a package type differently) */
  | { k: 'union'; of: ValueType[] };

/** An empty element (Plesk's NoneType): present is `true`. */
export const isFlag: (type: IrComplexType) => boolean = isFlagType;

/** The value of a simple type: its alias, or the primitive of a built-in. */
export function simpleValue(type: IrSimpleType): ValueType {
  return type.tsName.startsWith('xs:') ? { k: 'builtin', meta: type.meta } : { k: 'type', type };
}

/**
 * The value of one occurrence of an element: of its type, or, when the protocol versions of a
 * package give it different types, of any of them (merge-versions.ts), so that the type holds
 * what every version sends and answers.
 */
export function elementValue(el: IrElement): ValueType {
  // newest first: of two types that are one TypeScript type, the newest version's is written
  const types = [...(el.variants ?? [el])].reverse().map((v) => v.type).filter((t, i, all) => all.findIndex((u) => sameType(u, t)) === i);
  const values = types.map(typeValue).reverse();
  const base: ValueType = values.length === 1 ? values[0]! : { k: 'union', of: values };
  return el.nillable ? { k: 'nullable', of: base } : base;
}

function typeValue(t: IrTypeRef): ValueType {
  return t.kind === 'any' ? { k: 'any' } : t.kind === 'simple' ? simpleValue(t.type) : isFlag(t.type) ? { k: 'flag', type: t.type } : { k: 'type', type: t.type };
}

/** One type, or simple types whose values are one TypeScript type (`xs:anySimpleType` and a `string` type of another version). */
function sameType(a: IrTypeRef, b: IrTypeRef): boolean {
  if (a.kind === 'simple' && b.kind === 'simple') return a.type === b.type || tsOf(a.type.meta) === tsOf(b.type.meta);
  return a.kind === b.kind && (a.kind === 'any' || (a as { type: object }).type === (b as { type: object }).type);
}

/** What decides a simple type's TypeScript type (type-expressions.ts `simpleMetaType`): family, values, open or not, bigint, members. */
function tsOf(meta: SimpleTypeMeta): string {
  return JSON.stringify([meta.family, meta.enum, meta.open === true, meta.big, meta.union?.map(tsOf), meta.list && tsOf(meta.list)]);
}
