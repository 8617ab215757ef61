/**
 * Content models: xs:sequence / xs:choice / xs:all / xs:element / xs:any / xs:group → IR particles,
 * in document order, with occurrence bounds and source locations.
 *
 * Groups that add nothing are folded away so that types and property names stay flat: a
 * sequence inside a sequence (both exactly once) is spliced into its parent, a choice inside a
 * choice likewise, and a group holding a single particle becomes that particle.
 */
import { SchemaError } from '../errors.js';
import { MAX_CONTENT_MODEL_DEPTH } from '../limits.js';
import { documentationOf, resolveQName, xsChildren, type XsdNode } from '../load/xsd-node.js';
import { declaredName } from './declared-name.js';
import type { BuildContext } from './build-context.js';
import { elementTypeRef } from './build-complex-type.js';
import { isRepeating, type IrElement, type IrGroup, type IrParticle } from './ir.js';

export function parseOccurs(node: XsdNode): { min: number; max: number } {
  const minText = node.attrs.get('minOccurs') ?? '1';
  const maxText = node.attrs.get('maxOccurs') ?? '1';
  if (!/^\d+$/.test(minText)) throw new SchemaError('invalid-facet', node.loc, `minOccurs "${minText}" is not a non-negative integer`, 'give a whole number');
  if (maxText !== 'unbounded' && !/^\d+$/.test(maxText)) throw new SchemaError('invalid-facet', node.loc, `maxOccurs "${maxText}" is neither a whole number nor "unbounded"`, 'give a whole number or "unbounded"');
  const min = Number(minText);
  const max = maxText === 'unbounded' ? -1 : Number(maxText);
  if (max !== -1 && max < min) throw new SchemaError('invalid-facet', node.loc, `maxOccurs ${max} is less than minOccurs ${min}`, 'make maxOccurs at least minOccurs');
  return { min, max };
}

/**
 * Builds the particle for a model-group child of a complex type (or undefined when it is empty).
 * `depth` counts the model groups it sits in, the groups xs:group refers to included: the
 * recursion is bounded by {@link MAX_CONTENT_MODEL_DEPTH}, and a group that contains itself is a
 * schema error rather than an endless recursion.
 */
export function buildParticle(ctx: BuildContext, node: XsdNode, hint: string[], depth = 1): IrParticle | undefined {
  const occurs = parseOccurs(node);
  if (occurs.max === 0) return undefined;
  ctx.countParticles(1, node);
  if (depth > MAX_CONTENT_MODEL_DEPTH && node.local !== 'element' && node.local !== 'any') {
    throw new SchemaError('limit-exceeded', node.loc, `the content model nests more than ${MAX_CONTENT_MODEL_DEPTH} groups deep here (xs:sequence, xs:choice, xs:all and the groups xs:group refers to); Plesk's nest at most 4`, 'flatten the content model, or make inner parts named complex types');
  }
  switch (node.local) {
    case 'element':
      return buildElement(ctx, node, hint, occurs);
    case 'any':
      return { kind: 'any', ...occurs, loc: node.loc, prop: '' };
    case 'group': {
      const ref = node.attrs.get('ref');
      if (ref === undefined) throw new SchemaError('unsupported-construct', node.loc, 'a local xs:group must refer to a global group with ref=', 'add ref="…"');
      const decl = ctx.symbols.lookup('group', resolveQName(node, ref));
      if (!decl) throw new SchemaError('unknown-reference', node.loc, `the group "${ref}" is not declared in this schema set`, 'declare it, or include the schema that declares it');
      const open = ctx.groupsOpen;
      if (open.includes(decl)) {
        const cycle = [...open.slice(open.indexOf(decl)), decl].map((g) => g.attrs.get('name') ?? '?');
        throw new SchemaError('circular-group', node.loc, `the group "${cycle[0]}" contains itself (${cycle.join(' → ')})`, 'a group may not contain itself, directly or through other groups (XML Schema forbids it): put the recursive part in a complex type, whose elements may refer to it');
      }
      const inner = xsChildren(decl)[0];
      open.push(decl);
      const particle = inner ? buildParticle(ctx, inner, hint, depth + 1) : undefined;
      open.pop();
      return particle && withOccurs(particle, occurs);
    }
    case 'sequence':
    case 'choice':
    case 'all': {
      const kind = node.local === 'sequence' ? 'seq' : node.local;
      const items: IrParticle[] = [];
      for (const child of xsChildren(node)) {
        if (node.local === 'all' && child.local !== 'element') {
          throw new SchemaError('unsupported-construct', child.loc, `xs:${child.local} inside xs:all is not allowed`, 'xs:all may hold only xs:element');
        }
        const item = buildParticle(ctx, child, hint, depth + 1);
        if (!item) continue;
        if (item.kind === kind && item.min === 1 && item.max === 1 && kind !== 'all') for (const inner of item.items) items.push(inner);
        else items.push(item);
      }
      return simplify({ kind, ...occurs, items, loc: node.loc, prop: '' });
    }
    default:
      throw new SchemaError('unsupported-construct', node.loc, `xs:${node.local} is not supported in a content model`, 'use xs:sequence, xs:choice, xs:all, xs:element, xs:any or xs:group');
  }
}

function buildElement(ctx: BuildContext, node: XsdNode, hint: string[], occurs: { min: number; max: number }): IrElement {
  const ref = node.attrs.get('ref');
  const decl = ref === undefined ? node : ctx.symbols.lookup('element', resolveQName(node, ref));
  if (!decl) throw new SchemaError('unknown-reference', node.loc, `the element "${ref}" is not declared in this schema set`, 'declare it globally, or include the schema that declares it');
  if (decl.attrs.get('abstract') === 'true' || decl.attrs.has('substitutionGroup')) {
    throw new SchemaError('unsupported-construct', decl.loc, 'substitution groups and abstract elements are not supported', 'replace the substitution group with an xs:choice of the member elements');
  }
  const name = declaredName(decl);
  if (name === undefined) throw new SchemaError('unknown-reference', node.loc, 'xs:element has neither name nor ref', 'add name="…"');
  const dflt = decl.attrs.get('default') ?? decl.attrs.get('fixed');
  const doc = documentationOf(node) ?? (decl !== node ? documentationOf(decl) : undefined);
  return {
    kind: 'element',
    name,
    type: elementTypeRef(ctx, decl, [...hint, name]),
    ...occurs,
    nillable: decl.attrs.get('nillable') === 'true',
    ...(dflt !== undefined ? { default: dflt } : {}),
    ...(doc !== undefined ? { doc } : {}),
    loc: node.loc,
    prop: '',
  };
}

/**
 * Folds a group that adds nothing: empty groups vanish, and a sequence, or a choice that does not
 * repeat, stands for its single particle. A repeating choice of one element stays a choice: the
 * schema's author left room for more members (Plesk's packet lists its operators that way).
 */
function simplify(group: IrGroup): IrParticle | undefined {
  if (group.items.length === 0) return undefined;
  if (group.items.length !== 1 || group.kind === 'all') return group;
  if (group.kind === 'choice' && isRepeating(group)) return group;
  return withOccurs(group.items[0]!, group);
}

/** Applies an enclosing group's bounds to a particle, where the result is exact. */
function withOccurs<T extends IrParticle>(particle: T, outer: { min: number; max: number; kind?: string }): IrParticle {
  if (outer.min === 1 && outer.max === 1) return particle;
  if (outer.max === 1 && particle.max === 1) return { ...particle, min: Math.min(outer.min, particle.min) };
  if (particle.min === 1 && particle.max === 1) return { ...particle, min: outer.min, max: outer.max };
  const loc = particle.loc;
  return { kind: 'seq', min: outer.min, max: outer.max, items: [particle], loc, prop: '' };
}
