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
 *   xs:choice of elements a, b                       OneOf<{ a: A; b: B }>   (AtMostOneOf when it may be empty)
 *   xs:choice of groups (a | b, c)                   OneOfShapes<[{ a: A }, { b: B; c: C }]>
 *   a choice beside other content                    an alias of its own: { x: X } & OwnerAOrB
 *   a repeating group                                items: Array<{ … }>
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import type { SourceLocation } from '../errors.js';
import type { IrComplexType, IrElement, IrParticle, IrSimpleType } from '../model/ir.js';
import { isRepeating } from '../model/ir.js';
import { pascalCase } from '../passes/names.js';
import { docBlock } from './comments.js';

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
  /** where the xs:choice is declared */
  loc?: SourceLocation;
  /** the choice is each item of a repeating group held in this property (`operations`, `items`) */
  itemOf?: string;
}

/**
 * Where the choices of one declaration go (all but a whole-choice body): each becomes an exported
 * alias named after `owner` (see {@link choiceAliasName}); `taken` holds every name in use.
 */
export interface ChoiceAliases {
  owner: string;
  taken: Set<string>;
  aliases: Array<{ name: string; type: string; optional: boolean; loc?: SourceLocation; members: string[] }>;
}

export function shapeOf(particle: IrParticle, optional: boolean, sink?: ChoiceAliases): Shape {
  switch (particle.kind) {
    case 'element':
      return { props: [{ name: particle.prop, type: isRepeating(particle) ? arrayOf(elementValueType(particle)) : elementValueType(particle), optional: optional || particle.min === 0, ...(particle.doc ? { doc: particle.doc } : {}) }], unions: [] };
    case 'any':
      return { props: [{ name: particle.prop, type: 'AnyElement[]', optional: optional || particle.min === 0 }], unions: [] };
    default: {
      if (isRepeating(particle)) {
        const once = shapeOf({ ...particle, min: 1, max: 1 }, false, sink);
        const item = once.props.length === 0 && once.unions.length === 1 ? { props: [], unions: [{ ...once.unions[0]!, itemOf: particle.prop }] } : once;
        return { props: [{ name: particle.prop, type: `Array<${renderShape(item, '  ', sink)}>`, optional: optional || particle.min === 0 }], unions: [] };
      }
      const inner = optional || particle.min === 0;
      if (particle.kind !== 'choice') return merge(particle.items.map((item) => shapeOf(item, inner, sink)));
      const branches = particle.items.flatMap((item) => flatten(shapeOf(item, false, sink)));
      const nullable = branches.some((b) => b.props.every((p) => p.optional) && b.unions.length === 0);
      return { props: [], unions: [{ branches, optional: inner && !nullable, loc: particle.loc }] };
    }
  }
}

/**
 * A branch that is nothing but a choice (`choice(a, choice(b, c))`) is that choice's branches
 * (`choice(a, b, c)`: the same values), plus an empty branch when the inner choice may be absent.
 */
function flatten(branch: Shape): Shape[] {
  if (branch.props.length > 0 || branch.unions.length !== 1) return [branch];
  const inner = branch.unions[0]!;
  return inner.optional ? [...inner.branches, { props: [], unions: [] }] : inner.branches;
}

/**
 * A branch that is a single property can be written as a member of `OneOf<{ … }>`; an optional
 * one (an element with minOccurs="0") makes the whole choice `AtMostOneOf`.
 */
function isSingleProp(branch: Shape): boolean {
  return branch.props.length === 1 && branch.unions.length === 0;
}

/**
 * The name of a choice's alias, from the owner's final name and the choice's own content, so that
 * adding a schema file renames no alias: the item of a repeating group is the owner and the
 * group's property in the singular (`BackupInputType`'s `operations` → `BackupInputTypeOperation`,
 * `items` → `…Item`); any other choice is the owner and the first property of each branch, in
 * schema order, joined by `Or` (`BackupServerInputLocalOrRemote`, `DbServerInputIdOrHost`; a
 * branch without properties is `Empty`), of more than three branches the first two and `OrOthers`.
 * A name already taken (by a type or another alias) gets `Choice`, then `Choice` and the choice's
 * position among the owner's aliases.
 */
export function choiceAliasName(owner: string, union: Union, taken: Set<string>, position: number): string {
  const firsts = union.branches.map((b) => pascalCase(keysOf(b)[0] ?? 'empty'));
  const base = owner + (union.itemOf !== undefined ? singular(pascalCase(union.itemOf)) : (firsts.length > 3 ? [...firsts.slice(0, 2), 'Others'] : firsts).join('Or'));
  for (const name of [base, `${base}Choice`, `${base}Choice${position}`]) if (!taken.has(name)) return name;
  throw new Error(`internal: no free name for the choice alias ${base}`);
}

/** `Operations` → `Operation`, `Items` → `Item`; a name not ending in one `s` gets `Item`. */
function singular(name: string): string {
  return /[^s]s$/.test(name) ? name.slice(0, -1) : `${name}Item`;
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
    .map((p) => `${p.doc ? `${indent}${docBlock(p.doc, indent)}\n` : ''}${indent}${propertyName(p.name)}${p.optional ? '?' : ''}: ${p.type};`)
    .join('\n');
}

/**
 * Renders a shape as a type expression, indented to sit at `indent`. With a `sink`, every choice
 * becomes an alias of its own (see {@link choiceAliasName}) and the shape names it, so that hovers
 * and errors show a short name: `{ description: … } & BackupServerInputLocalOrRemote`. A shape
 * that is a declaration's `whole` body and nothing but one choice is that choice itself (the
 * declaration's name is its short name). Without a sink, choices are written in place.
 */
export function renderShape(shape: Shape, indent: string, sink?: ChoiceAliases, whole = false): string {
  const inner = `${indent}  `;
  const object = shape.props.length === 0 ? '{}' : `{\n${renderProps(shape.props, inner)}\n${indent}}`;
  if (shape.unions.length === 0) return object;
  if (whole && shape.props.length === 0 && shape.unions.length === 1) return `${choiceType(shape.unions[0]!, indent, sink)} & {}`;
  const unions = shape.unions.map((union) => {
    if (!sink) return choiceType(union, indent, undefined);
    const name = choiceAliasName(sink.owner, union, sink.taken, sink.aliases.length + 1);
    sink.taken.add(name);
    const own: ChoiceAliases = { owner: name, taken: sink.taken, aliases: [] };
    const type = `${choiceType(union, '', own)} & {}`;
    sink.aliases.push({ name, type, optional: mayBeEmpty(union), members: union.branches.map((b) => keysOf(b).join(', ')), ...(union.loc ? { loc: union.loc } : {}) }, ...own.aliases);
    return name;
  });
  return (shape.props.length === 0 ? unions : [object, ...unions]).join(' & ');
}

/**
 * A choice as a type expression: `OneOf<{ a: A; b: B }>` when its branches are single properties
 * (`AtMostOneOf` when it may be empty), else `OneOfShapes<[{ … }, { … }]>` (an empty shape last
 * when the choice may be absent). The `& {}` its alias gets keeps that form in hovers: TypeScript
 * gives an alias whose whole body is another alias's instantiation the new name and spells the
 * union out (`?: never` lines, cut off with `...`); every value of a choice is an object, so
 * `& {}` changes none.
 */
function choiceType(union: Union, indent: string, sink: ChoiceAliases | undefined): string {
  const inner = `${indent}  `;
  if (union.branches.every(isSingleProp)) {
    return `${mayBeEmpty(union) ? 'AtMostOneOf' : 'OneOf'}<{\n${renderProps(union.branches.map((b) => ({ ...b.props[0]!, optional: false })), inner)}\n${indent}}>`;
  }
  const branches = union.optional ? [...union.branches, { props: [], unions: [] }] : union.branches;
  return `OneOfShapes<[\n${branches.map((b) => `${inner}${renderShape(b, inner, sink)},`).join('\n')}\n${indent}]>`;
}

/** The choice may be left out, or one of its branches is empty. */
function mayBeEmpty(union: Union): boolean {
  return union.optional || union.branches.some((b) => b.props.every((p) => p.optional) && b.unions.length === 0);
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
