/**
 * Prints types: a value type (model/value-types.ts) or a record's shape (model/shapes.ts) as a
 * TypeScript type expression. Printing only: every name was decided by the passes (type names,
 * choice aliases, result interfaces). Printing a runtime name (`XmlAny`, `OkResult`, `OneOf`)
 * records it in the context, and the emitter imports what was recorded: imports follow from use.
 *
 * For this value or shape                          we print
 *   enumeration working|stopped                      'working' | 'stopped'
 *   the same in an answer (open, see open-response-enums.ts)  'working' | 'stopped' | UnknownValue
 *   xs:int, xs:unsignedInt                           number
 *   xs:integer, xs:long, xs:positiveInteger          number   (bigint with the package option integers: "bigint")
 *   an empty complex type (NoneType), a flag         NoneType in types.ts, true in client.ts
 *   an untyped element (xs:anyType)                  XmlAny
 *   minOccurs="0" / maxOccurs="unbounded"            optional / T[]
 *   a choice with an alias                           its name: { x: X } & OwnerAOrB
 *   xs:choice of elements a, b                       OneOf<{ a: A; b: B }>   (AtMostOneOf when it may be empty)
 *   xs:choice of groups (a | b, c)                   OneOfShapes<[{ a: A }, { b: B; c: C }]>
 *   a repeating group                                items: Array<{ … }>
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import { isSingleProp, mayBeEmpty, type Prop, type PropType, type Shape, type Union } from '../model/shapes.js';
import type { ValueType } from '../model/value-types.js';
import { docBlock } from './comments.js';
import { propertyDoc } from './property-docs.js';

/** How types are spelled in one generated file, and the runtime names printing them used. */
export interface PrintContext {
  /** before a schema type's name: '' in types.ts, `T.` where types.ts is imported as T */
  prefix: '' | 'T.';
  /** an empty complex type by its name (types.ts) or as `true` (client.ts, testing.ts) */
  flags: 'name' | 'true';
  /** a list as `T[]` where that reads well (types.ts), or always `Array<T>` */
  arrays: 'short' | 'generic';
  /** the runtime names printed, for the file's imports */
  uses: Set<string>;
}

export function printContext(prefix: '' | 'T.', flags: 'name' | 'true', arrays: 'short' | 'generic'): PrintContext {
  return { prefix, flags, arrays, uses: new Set() };
}

export function simpleMetaType(meta: SimpleTypeMeta, ctx: PrintContext): string {
  if (meta.union) return unique(meta.union.map((m) => simpleMetaType(m, ctx))).join(' | ');
  if (meta.list) return `Array<${simpleMetaType(meta.list, ctx)}>`;
  switch (meta.family) {
    case 'boolean': return 'boolean';
    case 'int': case 'double': {
      // INF, -INF and NaN (xs:double) have no literal type
      const numbers = (meta.enum ?? []).map(Number);
      return meta.enum && numbers.every(Number.isFinite) ? unique(numbers.map(String)).join(' | ') : 'number';
    }
    case 'bigint': return meta.big ? 'bigint' : meta.enum ? unique(meta.enum.map((v) => String(Number(v)))).join(' | ') : 'number';
    default: {
      if (!meta.enum) return 'string';
      const values = unique(meta.enum.map((v) => quote(v)));
      // an answer's enumeration: a newer server may send a value it does not list
      return (meta.open ? [...values, use(ctx, 'UnknownValue')] : values).join(' | ');
    }
  }
}

/**
 * The type of a simple type the protocol versions of a package declare differently: the union of
 * each version's type (`'A' | 'AAAA' | 'CAA'` when one version adds `CAA`), a literal dropped
 * where another version allows any string or number, `UnknownValue` last where an answer may
 * carry a value no version lists.
 */
export function simpleVariantsType(metas: readonly SimpleTypeMeta[], ctx: PrintContext): string {
  const members = unique(metas.flatMap((m) => splitUnion(simpleMetaType(m, ctx))));
  const open = new Set(members.filter((m) => m === 'string' || m === 'number'));
  const kept = members.filter((m) => !(open.has('string') && m.startsWith("'")) && !(open.has('number') && /^-?\d/.test(m)));
  // an open enumeration's UnknownValue after every version's values
  return [...kept.filter((m) => m !== 'UnknownValue'), ...kept.filter((m) => m === 'UnknownValue')].join(' | ');
}

/** The members of a union printed by {@link simpleMetaType} (none of its members holds ` | ` inside brackets or quotes but `Array<…>`). */
function splitUnion(type: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (c === '\\') i++;
    else if (c === "'") quoted = !quoted;
    else if (!quoted && c === '<') depth++;
    else if (!quoted && c === '>') depth--;
    else if (!quoted && depth === 0 && type.startsWith(' | ', i)) {
      out.push(type.slice(start, i));
      start = i + 3;
      i += 2;
    }
  }
  out.push(type.slice(start));
  return out;
}

export function printValue(value: ValueType, ctx: PrintContext): string {
  switch (value.k) {
    case 'type': return `${ctx.prefix}${value.type.tsName}`;
    case 'builtin': return simpleMetaType(value.meta, ctx);
    case 'flag': return ctx.flags === 'true' ? 'true' : `${ctx.prefix}${value.type.tsName}`;
    case 'any': return use(ctx, 'XmlAny');
    case 'wildcard': return `${use(ctx, 'AnyElement')}[]`;
    case 'void': return 'void';
    case 'nullable': return `${printValue(value.of, ctx)} | null`;
    case 'undefinable': return `${printValue(value.of, ctx)} | undefined`;
    case 'array': return arrayOf(printValue(value.of, ctx), ctx);
    case 'ok': return `${use(ctx, 'OkResult')}<${printValue(value.of, ctx)}>`;
    case 'natural': return value.result.name;
    case 'union': return unique(value.of.map((v) => printValue(v, ctx))).join(' | ');
  }
}

export function printPropType(type: PropType, indent: string, ctx: PrintContext): string {
  switch (type.k) {
    case 'value': return printValue(type.value, ctx);
    case 'wildcard': return `${use(ctx, 'AnyElement')}[]`;
    // the records of a repeating group: always Array<…> (a choice alias's name reads as one record)
    case 'array': return type.of.k === 'record' ? `Array<${printPropType(type.of, indent, ctx)}>` : arrayOf(printPropType(type.of, indent, ctx), ctx);
    case 'record': return renderShape(type.shape, indent, ctx);
  }
}

export function renderProps(props: Prop[], indent: string, ctx: PrintContext, doc: (p: Prop) => string | undefined = propertyDoc): string {
  return props
    .map((p) => {
      const text = doc(p);
      return `${text ? `${indent}${docBlock(text, indent)}\n` : ''}${indent}${propertyName(p.name)}${p.optional ? '?' : ''}: ${printPropType(p.type, indent, ctx)};`;
    })
    .join('\n');
}

/**
 * A shape as a type expression, indented to sit at `indent`: its properties, and each choice by
 * its alias (`{ description: … } & BackupServerInputLocalOrRemote`) or, without one, in place. A
 * declaration's `whole` body that is nothing but one choice is that choice itself.
 */
export function renderShape(shape: Shape, indent: string, ctx: PrintContext, whole = false): string {
  const inner = `${indent}  `;
  const object = shape.props.length === 0 ? '{}' : `{\n${renderProps(shape.props, inner, ctx)}\n${indent}}`;
  if (shape.unions.length === 0) return object;
  if (whole && shape.props.length === 0 && shape.unions.length === 1) return `${choiceType(shape.unions[0]!, indent, ctx)} & {}`;
  const unions = shape.unions.map((union) => union.alias ?? choiceType(union, indent, ctx));
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
export function choiceType(union: Union, indent: string, ctx: PrintContext): string {
  const inner = `${indent}  `;
  if (union.branches.every(isSingleProp)) {
    return `${use(ctx, mayBeEmpty(union) ? 'AtMostOneOf' : 'OneOf')}<{\n${renderProps(union.branches.map((b) => ({ ...b.props[0]!, optional: false })), inner, ctx)}\n${indent}}>`;
  }
  const branches = union.optional ? [...union.branches, { props: [], unions: [] }] : union.branches;
  return `${use(ctx, 'OneOfShapes')}<[\n${branches.map((b) => `${inner}${renderShape(b, inner, ctx)},`).join('\n')}\n${indent}]>`;
}

export function propertyName(name: string): string {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? name : quote(name);
}

export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function use(ctx: PrintContext, name: string): string {
  ctx.uses.add(name);
  return name;
}

function arrayOf(type: string, ctx: PrintContext): string {
  return ctx.arrays === 'short' && /^[\w.]+$/.test(type) ? `${type}[]` : `Array<${type}>`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
