/**
 * xs:simpleType → {@link IrSimpleType}, with the facets of the whole derivation chain folded
 * into one {@link SimpleTypeMeta}.
 *
 * For `<xs:simpleType name="BackupTaskIdType"><xs:restriction base="string">` with a pattern,
 * where Plesk's `string` restricts xs:string with whiteSpace collapse, the result is
 * `{ family: 'string', ws: 'collapse', minLength: 1, patterns: [[{ source: '[\-]?[0-9]+', re: … }]] }`
 * (the pattern's syntax tree: generator/model/xsd-pattern.ts).
 */
import { SchemaError } from '../errors.js';
import { documentationOf, resolveQName, XS_NS, xsChildren, type XsdNode } from '../load/xsd-node.js';
import type { PatternMeta, SimpleTypeMeta } from '../../runtime/codec/meta.js';
import { BUILTIN_NAMES, builtinSimpleType } from './builtins.js';
import { checkFacetValue } from './facet-values.js';
import type { BuildContext } from './build-context.js';
import type { IrSimpleType } from './ir.js';
import { parseXsdPattern, PatternError } from './xsd-pattern.js';

/** Resolves a QName used as a simple type (`type=`, `base=`, `memberTypes`). */
export function simpleTypeByName(ctx: BuildContext, at: XsdNode, qname: string): IrSimpleType {
  const name = resolveQName(at, qname);
  if (name.ns === XS_NS) {
    const builtin = ctx.builtin(name.local);
    if (!builtin) {
      throw new SchemaError('unknown-type', at.loc, `"${qname}" is not an XSD built-in simple type`, `use one of xs:${BUILTIN_NAMES.join(', xs:')}`);
    }
    return builtin;
  }
  const decl = ctx.symbols.lookup('simpleType', name);
  if (!decl) {
    const complex = ctx.symbols.lookup('complexType', name);
    const problem = complex ? `"${qname}" is a complex type where a simple type is required` : `the simple type "${qname}" is not declared in this schema set`;
    throw new SchemaError('unknown-type', at.loc, problem, complex ? 'refer to a simple type here' : 'declare it, or include the schema that declares it');
  }
  return buildSimpleType(ctx, decl, []);
}

export function buildSimpleType(ctx: BuildContext, node: XsdNode, hint: string[]): IrSimpleType {
  return ctx.memoSimple(node, () => {
    const xsdName = node.attrs.get('name');
    const derivation = xsChildren(node)[0];
    if (!derivation) throw new SchemaError('unsupported-construct', node.loc, 'xs:simpleType has no restriction, list or union', 'add an xs:restriction');
    const label = xsdName ?? 'anonymous simple type';
    let meta: SimpleTypeMeta;
    if (derivation.local === 'restriction') meta = buildRestriction(ctx, derivation, label, hint);
    else if (derivation.local === 'union') meta = buildUnion(ctx, derivation, label, hint);
    else if (derivation.local === 'list') meta = buildList(ctx, derivation, label, hint);
    else throw new SchemaError('unsupported-construct', derivation.loc, `xs:${derivation.local} inside xs:simpleType is not supported`, 'use xs:restriction, xs:list or xs:union');
    return {
      ...(xsdName !== undefined ? { xsdName } : {}),
      hint: xsdName !== undefined ? [xsdName] : hint,
      loc: node.loc,
      ...optional('doc', documentationOf(node)),
      meta,
      tsName: '',
    };
  });
}

function baseOf(ctx: BuildContext, derivation: XsdNode, attr: string, hint: string[]): IrSimpleType {
  const named = derivation.attrs.get(attr);
  if (named !== undefined) return simpleTypeByName(ctx, derivation, named);
  const inline = xsChildren(derivation).find((c) => c.local === 'simpleType');
  if (!inline) throw new SchemaError('unknown-type', derivation.loc, `xs:${derivation.local} names no ${attr} and has no inline xs:simpleType`, `add ${attr}="…"`);
  return buildSimpleType(ctx, inline, hint);
}

/** Applies the facets of one xs:restriction (or simpleContent restriction) to its base. */
export function applyFacets(base: SimpleTypeMeta, derivation: XsdNode, name: string): SimpleTypeMeta {
  const meta: SimpleTypeMeta = { ...base, name };
  const enums: string[] = [];
  const patterns: PatternMeta[] = [];
  for (const facet of xsChildren(derivation)) {
    const value = facet.attrs.get('value');
    if (facet.local === 'simpleType' || facet.local === 'attribute' || facet.local === 'anyAttribute' || facet.local === 'attributeGroup') continue;
    if (value === undefined) throw new SchemaError('invalid-facet', facet.loc, `xs:${facet.local} has no value`, 'add value="…"');
    switch (facet.local) {
      case 'enumeration': enums.push(value); break;
      case 'pattern':
        try {
          patterns.push(parseXsdPattern(value));
        } catch (error) {
          if (!(error instanceof PatternError)) throw error;
          throw new SchemaError('invalid-pattern', facet.loc, `the pattern "${value}" cannot be used: ${error.message}`, error.fix);
        }
        break;
      case 'whiteSpace':
        if (value !== 'preserve' && value !== 'replace' && value !== 'collapse') throw new SchemaError('invalid-facet', facet.loc, `whiteSpace "${value}" is not preserve, replace or collapse`, 'use one of the three values');
        meta.ws = value;
        break;
      case 'length': case 'minLength': case 'maxLength': case 'totalDigits': case 'fractionDigits':
        if (!/^\d+$/.test(value.trim())) throw new SchemaError('invalid-facet', facet.loc, `${facet.local} "${value}" is not a non-negative integer`, 'give a whole number');
        meta[facet.local] = Number(value.trim());
        break;
      case 'minInclusive': case 'maxInclusive': case 'minExclusive': case 'maxExclusive':
        meta[facet.local] = value.trim();
        break;
      default:
        throw new SchemaError('unsupported-construct', facet.loc, `the facet xs:${facet.local} is not supported`, 'remove it or express it with a pattern');
    }
    checkFacetValue(base, facet, value);
  }
  if (enums.length > 0) meta.enum = enums;
  if (patterns.length > 0) meta.patterns = [...(base.patterns ?? []), patterns];
  return meta;
}

function buildRestriction(ctx: BuildContext, derivation: XsdNode, name: string, hint: string[]): SimpleTypeMeta {
  const base = baseOf(ctx, derivation, 'base', hint).meta;
  return ctx.derived(applyFacets(base, derivation, name), [base], derivation);
}

function buildUnion(ctx: BuildContext, derivation: XsdNode, name: string, hint: string[]): SimpleTypeMeta {
  const members: SimpleTypeMeta[] = [];
  for (const qname of (derivation.attrs.get('memberTypes') ?? '').split(/\s+/).filter(Boolean)) members.push(simpleTypeByName(ctx, derivation, qname).meta);
  xsChildren(derivation).forEach((inline, i) => members.push(buildSimpleType(ctx, inline, [...hint, `member${i + 1}`]).meta));
  if (members.length === 0) throw new SchemaError('unsupported-construct', derivation.loc, 'xs:union has no member types', 'add memberTypes or inline simple types');
  return ctx.derived({ name, family: 'string', ws: 'preserve', union: members }, members, derivation);
}

function buildList(ctx: BuildContext, derivation: XsdNode, name: string, hint: string[]): SimpleTypeMeta {
  const item = baseOf(ctx, derivation, 'itemType', [...hint, 'item']).meta;
  return ctx.derived({ name, family: 'string', ws: 'collapse', list: item }, [item], derivation);
}

export function builtinIr(local: string): IrSimpleType | undefined {
  const meta = builtinSimpleType(local);
  return meta && { xsdName: meta.name, hint: [], loc: { file: '(built-in)', line: 0, column: 0, path: meta.name }, meta, tsName: meta.name };
}

export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
