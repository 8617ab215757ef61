/**
 * Finding an operation in the package's metadata (metadata.ts): its request element under the
 * request packet's operators, its answer element under the response packet's, by the properties a
 * row of operations.ts names (`backupManager`, `getTasksInfo`). The command line reads the
 * request's flags and the answer's columns from there, in the schema's order.
 */
import type { OperationRow } from '../client/client-types.js';
import type { ComplexTypeMeta, ElementParticle, Particle, SchemaMeta } from '../codec/meta.js';

/** The repeating group a convention named `prop` (`operators`, `operations`), searched depth first. */
export function findGroup(p: Particle | undefined, prop: string): Particle | undefined {
  if (!p || p.k === 'el' || p.k === 'any') return undefined;
  if (p.prop === prop) return p;
  for (const item of p.items) {
    const found = findGroup(item, prop);
    if (found) return found;
  }
  return undefined;
}

/** Every element particle directly in a model, through groups, in schema order. */
export function elementsIn(p: Particle | undefined, out: ElementParticle[] = []): ElementParticle[] {
  if (!p || p.k === 'any') return out;
  if (p.k === 'el') out.push(p);
  else for (const item of p.items) elementsIn(item, out);
  return out;
}

/** The complex type of an element, if it has one. */
export function complexOf(schema: SchemaMeta, el: ElementParticle): ComplexTypeMeta | undefined {
  return 'c' in el.type ? schema.complex[el.type.c] : undefined;
}

/** A flag: an empty element without attributes, whose value is `true`. */
export function isFlagType(type: ComplexTypeMeta | undefined): boolean {
  return type !== undefined && type.content === 'empty' && type.attrs.length === 0;
}

/** The operation's element in the request (`request`) or response packet. */
export function operationElement(schema: SchemaMeta, packetType: string, row: OperationRow, direction: 'request' | 'response'): ElementParticle {
  const packet = schema.complex[packetType];
  const operators = findGroup(packet?.model, 'operators');
  const operator = elementsIn(operators).find((e) => e.prop === row.operatorProp);
  const type = operator && complexOf(schema, operator);
  const single = direction === 'request' ? row.single : row.singleAnswer;
  const group = single ? type?.model : findGroup(type?.model, 'operations');
  const operation = elementsIn(group).find((e) => e.prop === row.operationProp);
  if (!operation) throw new Error(`${row.operator}/${row.operation} is not in the ${direction} packet's metadata (${packetType}): operations.ts and metadata.ts disagree`);
  return operation;
}

/** The element of a complex type's model with property `prop`, searched through groups (not into child elements). */
export function memberElement(type: ComplexTypeMeta | undefined, prop: string): ElementParticle | undefined {
  return elementsIn(type?.model).find((e) => e.prop === prop);
}

/** A particle that may match nothing: optional, or a group whose content may be empty. */
export function nullable(p: Particle): boolean {
  if (p.min === 0) return true;
  if (p.k === 'el' || p.k === 'any') return false;
  return p.k === 'choice' ? p.items.some(nullable) : p.items.every(nullable);
}
