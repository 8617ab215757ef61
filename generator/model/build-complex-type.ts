/**
 * xs:complexType → {@link IrComplexType}, with derivations flattened: an extension's content is a
 * sequence of its base's content and its own, its attributes the base's followed by its own; a
 * restriction restates the content and may replace or prohibit attributes.
 */
import { SchemaError } from '../errors.js';
import { documentationOf, resolveQName, XS_NS, xsChildren, type XsdNode } from '../load/xsd-node.js';
import { declaredName } from './declared-name.js';
import type { BuildContext } from './build-context.js';
import { buildParticle } from './build-particles.js';
import { applyFacets, buildSimpleType, optional, simpleTypeByName } from './build-simple-type.js';
import type { IrAttribute, IrComplexType, IrParticle, IrSimpleType, IrTypeRef } from './ir.js';

/** The type of an element declaration: its `type`, an inline type, or xs:anyType when it has neither. */
export function elementTypeRef(ctx: BuildContext, decl: XsdNode, hint: string[]): IrTypeRef {
  const typeName = decl.attrs.get('type');
  if (typeName !== undefined) return typeByName(ctx, decl, typeName);
  const inline = xsChildren(decl).find((c) => c.local === 'simpleType' || c.local === 'complexType');
  if (!inline) return { kind: 'any' };
  return inline.local === 'simpleType' ? { kind: 'simple', type: buildSimpleType(ctx, inline, hint) } : { kind: 'complex', type: buildComplexType(ctx, inline, hint) };
}

export function typeByName(ctx: BuildContext, at: XsdNode, qname: string): IrTypeRef {
  const name = resolveQName(at, qname);
  if (name.ns === XS_NS && name.local === 'anyType') return { kind: 'any' };
  if (name.ns !== XS_NS) {
    const complex = ctx.symbols.lookup('complexType', name);
    if (complex) return { kind: 'complex', type: buildComplexType(ctx, complex, []) };
  }
  return { kind: 'simple', type: simpleTypeByName(ctx, at, qname) };
}

export function buildComplexType(ctx: BuildContext, node: XsdNode, hint: string[]): IrComplexType {
  const xsdName = node.attrs.get('name');
  const typeHint = xsdName !== undefined ? [xsdName] : hint;
  return ctx.complexShell(
    node,
    () => ({ ...optional('xsdName', xsdName), hint: typeHint, loc: node.loc, ...optional('doc', documentationOf(node)), attrs: [], content: 'empty', textProp: '', tsName: '' }),
    (ir) => fillComplexType(ctx, node, ir, typeHint),
  );
}

function fillComplexType(ctx: BuildContext, node: XsdNode, ir: IrComplexType, hint: string[]): void {
  const children = xsChildren(node);
  const derivationHolder = children.find((c) => c.local === 'simpleContent' || c.local === 'complexContent');
  if (derivationHolder) {
    const derivation = xsChildren(derivationHolder)[0];
    if (!derivation || (derivation.local !== 'extension' && derivation.local !== 'restriction')) {
      throw new SchemaError('unsupported-construct', derivationHolder.loc, `xs:${derivationHolder.local} must hold xs:extension or xs:restriction`, 'add one');
    }
    if (derivationHolder.local === 'simpleContent') fillSimpleContent(ctx, derivation, ir, hint);
    else fillComplexContent(ctx, derivation, ir, hint, node.attrs.get('mixed') === 'true' || derivationHolder.attrs.get('mixed') === 'true');
    return;
  }
  const model = ownModel(ctx, children, hint);
  if (model) {
    if (node.attrs.get('mixed') === 'true') throw mixedUnsupported(node);
    ir.model = model;
    ir.content = 'elements';
  }
  ir.attrs = ownAttributes(ctx, children, [], hint);
}

function fillSimpleContent(ctx: BuildContext, derivation: XsdNode, ir: IrComplexType, hint: string[]): void {
  const baseName = derivation.attrs.get('base');
  if (baseName === undefined) throw new SchemaError('unknown-type', derivation.loc, `xs:${derivation.local} has no base`, 'add base="…"');
  const base = typeByName(ctx, derivation, baseName);
  let text: IrSimpleType;
  let inherited: IrAttribute[] = [];
  if (base.kind === 'simple') text = base.type;
  else if (base.kind === 'complex' && ctx.filled(base.type).content === 'simple') {
    text = base.type.text!;
    inherited = base.type.attrs;
  } else throw new SchemaError('unknown-type', derivation.loc, `the base "${baseName}" of simple content is neither a simple type nor a complex type with simple content`, 'derive simple content from a simple type');
  ctx.derived(ir, [base.kind === 'complex' ? base.type : text.meta], derivation);
  if (derivation.local === 'restriction') {
    text = { hint: [...hint, 'value'], loc: derivation.loc, meta: ctx.derived(applyFacets(text.meta, derivation, 'anonymous simple type'), [text.meta], derivation), tsName: '' };
    ctx.memo.simpleTypes.push(text);
  }
  ir.content = 'simple';
  ir.text = text;
  ir.attrs = ownAttributes(ctx, xsChildren(derivation), inherited, hint);
}

function fillComplexContent(ctx: BuildContext, derivation: XsdNode, ir: IrComplexType, hint: string[], mixed: boolean): void {
  const baseName = derivation.attrs.get('base');
  if (baseName === undefined) throw new SchemaError('unknown-type', derivation.loc, `xs:${derivation.local} has no base`, 'add base="…"');
  const base = typeByName(ctx, derivation, baseName);
  if (base.kind === 'simple') throw new SchemaError('unknown-type', derivation.loc, `complex content cannot derive from the simple type "${baseName}"`, 'use xs:simpleContent, or derive from a complex type');
  const baseType = base.kind === 'complex' ? ctx.filled(base.type) : undefined;
  if (baseType) ctx.derived(ir, [baseType], derivation);
  if (baseType?.content === 'simple') throw new SchemaError('unsupported-construct', derivation.loc, `complex content cannot extend "${baseName}", which has simple content`, 'use xs:simpleContent');
  const children = xsChildren(derivation);
  const own = ownModel(ctx, children, hint);
  let model: IrParticle | undefined;
  if (derivation.local === 'extension' && baseType?.model && own) {
    model = { kind: 'seq', min: 1, max: 1, items: [baseType.model, own], loc: derivation.loc, prop: '' };
    if (baseType.model.kind === 'seq' && baseType.model.min === 1 && baseType.model.max === 1) {
      ctx.countParticles(baseType.model.items.length, derivation);
      model.items = [...baseType.model.items, own];
    }
  } else model = derivation.local === 'extension' ? (own ?? baseType?.model) : own;
  if (model) {
    if (mixed) throw mixedUnsupported(derivation);
    ir.model = model;
    ir.content = 'elements';
  }
  ir.attrs = ownAttributes(ctx, children, baseType?.attrs ?? [], hint);
}

function ownModel(ctx: BuildContext, children: XsdNode[], hint: string[]): IrParticle | undefined {
  const groups = children.filter((c) => c.local === 'sequence' || c.local === 'choice' || c.local === 'all' || c.local === 'group');
  if (groups.length > 1) throw new SchemaError('unsupported-construct', groups[1]!.loc, 'a complex type has more than one model group', 'wrap the groups in one xs:sequence');
  return groups[0] && buildParticle(ctx, groups[0], hint);
}

function ownAttributes(ctx: BuildContext, children: XsdNode[], inherited: IrAttribute[], hint: string[]): IrAttribute[] {
  const attrs = [...inherited];
  const add = (node: XsdNode) => {
    const ref = node.attrs.get('ref');
    const decl = ref === undefined ? node : ctx.symbols.lookup('attribute', resolveQName(node, ref));
    if (!decl) throw new SchemaError('unknown-reference', node.loc, `the attribute "${ref}" is not declared in this schema set`, 'declare it globally');
    const name = declaredName(decl);
    if (name === undefined) throw new SchemaError('unknown-reference', node.loc, 'xs:attribute has neither name nor ref', 'add name="…"');
    const existing = attrs.findIndex((a) => a.name === name);
    if (existing >= 0) attrs.splice(existing, 1);
    const use = node.attrs.get('use') ?? 'optional';
    if (use === 'prohibited') return;
    const typeName = decl.attrs.get('type');
    const inline = xsChildren(decl).find((c) => c.local === 'simpleType');
    const type = typeName !== undefined ? simpleTypeByName(ctx, decl, typeName) : inline ? buildSimpleType(ctx, inline, [...hint, name]) : ctx.builtin('anySimpleType')!;
    const dflt = node.attrs.get('default') ?? decl.attrs.get('default');
    attrs.push({ name, type, required: use === 'required', ...optional('default', dflt), ...optional('doc', documentationOf(node)), loc: node.loc, prop: '' });
  };
  for (const child of children) {
    if (child.local === 'attribute') add(child);
    else if (child.local === 'attributeGroup') {
      const ref = child.attrs.get('ref');
      const group = ref === undefined ? undefined : ctx.symbols.lookup('attributeGroup', resolveQName(child, ref));
      if (!group) throw new SchemaError('unknown-reference', child.loc, `the attribute group "${ref}" is not declared in this schema set`, 'declare it globally');
      for (const inner of xsChildren(group)) if (inner.local === 'attribute') add(inner);
    } else if (child.local === 'anyAttribute') {
      throw new SchemaError('unsupported-construct', child.loc, 'xs:anyAttribute is not supported', 'declare the attributes the element may carry');
    }
  }
  return attrs;
}

function mixedUnsupported(node: XsdNode): SchemaError {
  return new SchemaError('unsupported-construct', node.loc, 'mixed content (text between child elements) is not supported', 'remove mixed="true" or model the text as an element');
}
