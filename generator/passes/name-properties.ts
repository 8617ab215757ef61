/**
 * Gives every attribute, element, wildcard and repeating group the property that holds its value.
 *
 * A record is the value of a complex type, or one iteration of a repeating group. Within a
 * record, names are camelCase of the XML name (`task-id` → `taskId`); attributes claim first, then
 * the text of simple content (`value`), then the content model in schema order. Two elements of
 * the same name share one property when they sit in different branches of a choice and have the
 * same type and cardinality, or when they belong to protocol versions that have nothing in common
 * (a package of several versions in which one element moved: one property, whose type is the
 * union of theirs); otherwise the later one gets a number (`name2`).
 */
import type { IrComplexType, IrElement, IrParticle, IrSchema } from '../model/ir.js';
import { isRepeating } from '../model/ir.js';
import { camelCase, NameRegistry } from './names.js';

export const DEFAULT_GROUP_PROP = 'items';
export const WILDCARD_PROP = 'any';
export const TEXT_PROP = 'value';

export function nameProperties(ir: IrSchema): IrSchema {
  for (const type of ir.complexTypes) nameRecordOf(type);
  return ir;
}

function nameRecordOf(type: IrComplexType): void {
  const registry = new NameRegistry();
  for (const attr of type.attrs) attr.prop = registry.claim(camelCase(attr.name));
  if (type.content === 'simple') type.textProp = registry.claim(TEXT_PROP);
  if (type.model) nameRecord(type.model, registry, [], []);
}

interface Placed {
  element: IrElement;
  ancestors: IrParticle[];
}

/** Names a particle of one record; a repeating group gets a property, and its members a record of their own. */
function nameRecord(particle: IrParticle, registry: NameRegistry, ancestors: IrParticle[], placed: Placed[]): void {
  switch (particle.kind) {
    case 'element': {
      const shared = placed.find((p) => p.element.name === particle.name && sharable(p, particle, ancestors));
      particle.prop = shared ? shared.element.prop : registry.claim(camelCase(particle.name));
      placed.push({ element: particle, ancestors });
      return;
    }
    case 'any':
      particle.prop = registry.claim(WILDCARD_PROP);
      return;
    default: {
      if (isRepeating(particle)) {
        particle.prop = registry.claim(particle.preferredProp ?? DEFAULT_GROUP_PROP);
        const inner = new NameRegistry();
        const innerPlaced: Placed[] = [];
        for (const item of particle.items) nameRecord(item, inner, [particle], innerPlaced);
        return;
      }
      for (const item of particle.items) nameRecord(item, registry, [...ancestors, particle], placed);
    }
  }
}

/** Two same-named elements may share a property when only one of them can occur in a record. */
function sharable(a: Placed, b: IrElement, bAncestors: IrParticle[]): boolean {
  if (a.element.versions && b.versions && !a.element.versions.some((v) => b.versions!.includes(v))) return true;
  if (!sameType(a.element, b) || isRepeating(a.element) !== isRepeating(b)) return false;
  let i = 0;
  while (i < a.ancestors.length && i < bAncestors.length && a.ancestors[i] === bAncestors[i]) i++;
  const common = a.ancestors[i - 1];
  return common !== undefined && common.kind === 'choice';
}

function sameType(a: IrElement, b: IrElement): boolean {
  if (a.type.kind !== b.type.kind) return false;
  if (a.type.kind === 'any') return true;
  return a.type.type === (b.type as typeof a.type).type && a.nillable === b.nillable;
}
