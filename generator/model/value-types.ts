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
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import { isFlagType } from '../../runtime/codec/particles.js';
import type { IrComplexType, IrElement, IrSimpleType } from './ir.js';

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
  | { k: 'natural'; result: { name: string } };

/** An empty element (Plesk's NoneType): present is `true`. */
export const isFlag: (type: IrComplexType) => boolean = isFlagType;

/** The value of a simple type: its alias, or the primitive of a built-in. */
export function simpleValue(type: IrSimpleType): ValueType {
  return type.tsName.startsWith('xs:') ? { k: 'builtin', meta: type.meta } : { k: 'type', type };
}

/** The value of one occurrence of an element. */
export function elementValue(el: IrElement): ValueType {
  const t = el.type;
  const base: ValueType = t.kind === 'any' ? { k: 'any' } : t.kind === 'simple' ? simpleValue(t.type) : isFlag(t.type) ? { k: 'flag', type: t.type } : { k: 'type', type: t.type };
  return el.nillable ? { k: 'nullable', of: base } : base;
}
