/**
 * The TypeScript type of every value: simple types, element values and records.
 *
 * For this XSD                                     we generate
 *   enumeration working|stopped                      'working' | 'stopped'
 *   xs:int, xs:unsignedInt                           number
 *   xs:integer, xs:long, xs:positiveInteger          number | bigint   (bigint only beyond 2^53)
 *   an empty complex type (NoneType), a flag         true
 *   an untyped element (xs:anyType)                  XmlAny
 *   minOccurs="0" / maxOccurs="unbounded"            optional / T[]
 *   xs:choice of a, b                                { a: A; b?: never } | { b: B; a?: never }
 *   a repeating group                                items: Array<{ … }>
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import type { IrComplexType, IrElement, IrParticle, IrSimpleType } from '../model/ir.js';
import { isRepeating } from '../model/ir.js';

export function simpleMetaType(meta: SimpleTypeMeta): string {
  if (meta.union) return unique(meta.union.map(simpleMetaType)).join(' | ');
  if (meta.list) return `Array<${simpleMetaType(meta.list)}>`;
  switch (meta.family) {
    case 'boolean': return 'boolean';
    case 'int': case 'double': return meta.enum ? unique(meta.enum.map((v) => String(Number(v)))).join(' | ') : 'number';
    case 'bigint': return 'number | bigint';
    default: return meta.enum ? unique(meta.enum.map((v) => quote(v))).join(' | ') : 'string';
  }
}

/** A reference to a simple type: its alias, or the primitive for a built-in. */
export function simpleRef(type: IrSimpleType): string {
  return type.tsName.startsWith('xs:') ? simpleMetaType(type.meta) : type.tsName;
}

export function isFlag(type: IrComplexType): boolean {
  return type.content === 'empty' && type.attrs.length === 0;
}

export function elementValueType(el: IrElement): string {
  const t = el.type;
  const base = t.kind === 'any' ? 'XmlAny' : t.kind === 'simple' ? simpleRef(t.type) : t.type.tsName;
  return el.nillable ? `${base} | null` : base;
}

export interface Prop {
  name: string;
  type: string;
  optional: boolean;
  doc?: string;
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
}

export function shapeOf(particle: IrParticle, optional: boolean): Shape {
  switch (particle.kind) {
    case 'element':
      return { props: [{ name: particle.prop, type: isRepeating(particle) ? arrayOf(elementValueType(particle)) : elementValueType(particle), optional: optional || particle.min === 0, ...(particle.doc ? { doc: particle.doc } : {}) }], unions: [] };
    case 'any':
      return { props: [{ name: particle.prop, type: 'AnyElement[]', optional: optional || particle.min === 0 }], unions: [] };
    default: {
      if (isRepeating(particle)) {
        const item = shapeOf({ ...particle, min: 1, max: 1 }, false);
        return { props: [{ name: particle.prop, type: `Array<${renderShape(item, '  ')}>`, optional: optional || particle.min === 0 }], unions: [] };
      }
      const inner = optional || particle.min === 0;
      if (particle.kind !== 'choice') return merge(particle.items.map((item) => shapeOf(item, inner)));
      const branches = particle.items.map((item) => shapeOf(item, false));
      const nullable = branches.some((b) => b.props.every((p) => p.optional) && b.unions.length === 0);
      return { props: [], unions: [{ branches, optional: inner && !nullable }] };
    }
  }
}

/** A branch that is a single required property can be written as a member of `OneOf<{ … }>`. */
function isSingleProp(branch: Shape): boolean {
  return branch.props.length === 1 && !branch.props[0]!.optional && branch.unions.length === 0;
}

function withNever(branch: Shape, keys: string[]): Shape {
  const own = new Set(keysOf(branch));
  return { props: [...branch.props, ...keys.filter((k) => !own.has(k)).map((k) => ({ name: k, type: 'never', optional: true }))], unions: branch.unions };
}

function keysOf(shape: Shape): string[] {
  return unique([...shape.props.map((p) => p.name), ...shape.unions.flatMap((u) => u.branches.flatMap(keysOf))]);
}

function merge(shapes: Shape[]): Shape {
  const props: Prop[] = [];
  for (const s of shapes) for (const p of s.props) if (!props.some((q) => q.name === p.name)) props.push(p);
  return { props, unions: shapes.flatMap((s) => s.unions) };
}

export function renderProps(props: Prop[], indent: string): string {
  return props
    .map((p) => `${p.doc ? `${indent}${docComment(p.doc, indent)}\n` : ''}${indent}${propertyName(p.name)}${p.optional ? '?' : ''}: ${p.type};`)
    .join('\n');
}

/**
 * Renders a shape as a type expression, indented to sit at `indent`. A choice whose branches are
 * single properties becomes `OneOf<{ a: A; b: B }>` (or `AtMostOneOf` when it may be absent);
 * any other choice is spelt out, each branch marking the others' properties `?: never`.
 */
export function renderShape(shape: Shape, indent: string): string {
  const inner = `${indent}  `;
  const object = shape.props.length === 0 ? '{}' : `{\n${renderProps(shape.props, inner)}\n${indent}}`;
  if (shape.unions.length === 0) return object;
  const unions = shape.unions.map((union) => {
    if (union.branches.every(isSingleProp)) {
      return `${union.optional ? 'AtMostOneOf' : 'OneOf'}<{\n${renderProps(union.branches.map((b) => b.props[0]!), inner)}\n${indent}}>`;
    }
    const keys = unique(union.branches.flatMap(keysOf));
    const branches = union.branches.map((b) => withNever(b, keys));
    if (union.optional) branches.push(withNever({ props: [], unions: [] }, keys));
    return `(\n${branches.map((b) => `${inner}| ${renderShape(b, inner)}`).join('\n')}\n${indent})`;
  });
  return (shape.props.length === 0 ? unions : [object, ...unions]).join(' & ');
}

export function docComment(text: string, indent: string): string {
  const lines = text.replace(/\*\//g, '*\\/').split('\n').map((l) => l.trimEnd());
  if (lines.length === 1) return `/** ${lines[0]} */`;
  return `/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */`;
}

export function propertyName(name: string): string {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? name : quote(name);
}

export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function arrayOf(type: string): string {
  return /^[\w.]+$/.test(type) ? `${type}[]` : `Array<${type}>`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
