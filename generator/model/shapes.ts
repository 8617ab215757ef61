/**
 * The shape of a record's value (a complex type's, or one iteration of a repeating group's), as
 * data: its properties in schema order, and one union per xs:choice. shape-records.ts computes it
 * for every complex type and names the choices' aliases; emit-types.ts prints it.
 *
 * For this XSD                                     the shape
 *   xs:sequence of a, b                              props a, b
 *   minOccurs="0" / maxOccurs="unbounded"            optional / an array expression
 *   xs:choice of elements a, b                       a union of the branches { a } and { b }
 *   xs:choice of groups (a | b, c)                   a union of { a } and { b, c }
 *   a repeating group                                items: an array of a record's shape
 */
import type { SourceLocation } from '../errors.js';
import type { IrAttribute, IrElement } from './ir.js';
import type { ValueType } from './value-types.js';

/** What a property holds: a value, a list of them, the records of a repeating group, or wildcard elements. */
export type PropType =
  | { k: 'value'; value: ValueType }
  | { k: 'array'; of: PropType }
  | { k: 'record'; shape: Shape }
  | { k: 'wildcard' };

export interface Prop {
  name: string;
  type: PropType;
  optional: boolean;
  doc?: string;
  /** the declaration the property holds, for its JSDoc (XML name, constraints, source line) */
  source?: { element: IrElement } | { attribute: IrAttribute } | { text: true };
}

/** A record's type: plain properties, intersected with one union per choice. */
export interface Shape {
  props: Prop[];
  unions: Union[];
}

/** The branches of a choice; `optional` when the choice may be absent altogether. */
export interface Union {
  branches: Shape[];
  optional: boolean;
  /** where the xs:choice is declared */
  loc?: SourceLocation;
  /** the choice is each item of a repeating group held in this property (`operations`, `items`) */
  itemOf?: string;
  /** the name of the alias that stands for it, when it has one (set by shape-records.ts) */
  alias?: string;
}

/** A choice alias declared after its owner's declaration, in print order. */
export interface ChoiceAlias {
  name: string;
  union: Union;
  /** the choice may be left out, or one of its branches is empty */
  optional: boolean;
  /** each branch's property names, for the alias's doc */
  members: string[];
}

/** A branch that is a single property is written as a member of `OneOf<{ … }>`. */
export function isSingleProp(branch: Shape): boolean {
  return branch.props.length === 1 && branch.unions.length === 0;
}

/** The choice may be left out, or one of its branches is empty. */
export function mayBeEmpty(union: Union): boolean {
  return union.optional || union.branches.some((b) => b.props.every((p) => p.optional) && b.unions.length === 0);
}

/** The property names of a shape, its unions' included, in order, once each. */
export function keysOf(shape: Shape): string[] {
  return [...new Set([...shape.props.map((p) => p.name), ...shape.unions.flatMap((u) => u.branches.flatMap(keysOf))])];
}
