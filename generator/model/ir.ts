/**
 * The schema model (IR) every pass and emitter reads.
 *
 * It records decisions, not raw syntax: derivations are already flattened (an extension's content
 * is its base's content followed by its own), simple types carry the facets of their whole
 * derivation chain, and every node knows where it was declared. Order is kept in arrays.
 */
import type { SourceLocation } from '../errors.js';
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';

export interface IrSimpleType {
  /** the XSD name; undefined for an anonymous type */
  xsdName?: string;
  /** for anonymous types: the chain of names it sits under, used by the naming pass */
  hint: string[];
  loc: SourceLocation;
  doc?: string;
  /** facets folded across the derivation chain (its `name` is the XSD name) */
  meta: SimpleTypeMeta;
  /** the TypeScript name, set by the naming pass */
  tsName: string;
}

export type IrTypeRef =
  | { kind: 'simple'; type: IrSimpleType }
  | { kind: 'complex'; type: IrComplexType }
  | { kind: 'any' };

export interface IrElement {
  kind: 'element';
  name: string;
  type: IrTypeRef;
  min: number;
  /** -1: unbounded */
  max: number;
  nillable: boolean;
  default?: string;
  doc?: string;
  loc: SourceLocation;
  /** property name in the enclosing record, set by the naming pass */
  prop: string;
}

export interface IrGroup {
  kind: 'seq' | 'choice' | 'all';
  min: number;
  max: number;
  items: IrParticle[];
  loc: SourceLocation;
  /** property holding the iterations of a repeating group, set by the naming pass */
  prop: string;
  /** a name chosen by a convention pass instead of the default */
  preferredProp?: string;
}

export interface IrWildcard {
  kind: 'any';
  min: number;
  max: number;
  loc: SourceLocation;
  prop: string;
}

export type IrParticle = IrElement | IrGroup | IrWildcard;

export interface IrAttribute {
  name: string;
  type: IrSimpleType;
  required: boolean;
  default?: string;
  doc?: string;
  loc: SourceLocation;
  prop: string;
}

export interface IrComplexType {
  xsdName?: string;
  hint: string[];
  loc: SourceLocation;
  doc?: string;
  attrs: IrAttribute[];
  content: 'empty' | 'simple' | 'elements';
  /** simple content: the type of the text */
  text?: IrSimpleType;
  textProp: string;
  model?: IrParticle;
  /** the name a convention pass asks for (wins over `hint`) */
  preferredName?: string;
  tsName: string;
}

/** A global element of one schema set. */
export interface IrRoot {
  /** the entry schema's display path */
  set: string;
  name: string;
  type: IrTypeRef;
  loc: SourceLocation;
  /** a Plesk packet envelope, recognised by the conventions pass */
  packet?: 'request' | 'response';
}

export interface IrSchema {
  /** display paths of the entry schemas, in the order given */
  entries: string[];
  /** display paths of every schema file read */
  files: string[];
  simpleTypes: IrSimpleType[];
  complexTypes: IrComplexType[];
  roots: IrRoot[];
}

export function isRepeating(p: { max: number }): boolean {
  return p.max === -1 || p.max > 1;
}
