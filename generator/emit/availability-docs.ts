/**
 * The JSDoc lines of a package of several protocol versions about them, printed from what
 * note-availability.ts decided: where a declaration exists when that is not everywhere its owner
 * is, and how its versions declare it differently.
 *
 *   Protocol versions: 1.6.6.0 (absent from 1.6.9.1).
 *   By protocol version: 1.6.6.0: required, type unsignedInt; 1.6.9.1: optional, type size.
 *   Typed as 1.6.6.0 types it: 1.6.9.1 leaves it untyped (xs:anyType), and learns the type from 1.6.6.0.
 *   Values not in every version: `DS`, `CAA` (1.6.9.1).
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import type { IrAttribute, IrAvailability, IrElement, IrSimpleType, IrTypeRef } from '../model/ir.js';
import { constraints } from './property-docs.js';

/** Where a declaration exists, when not everywhere its owner does. */
export function versionsLine(availability: IrAvailability | undefined): string | undefined {
  if (!availability?.only) return undefined;
  return `Protocol versions: ${availability.only.join(', ')} (absent from ${availability.absent!.join(', ')}).`;
}

function typeName(ref: IrTypeRef): string {
  return ref.kind === 'any' ? 'untyped (xs:anyType)' : `type ${ref.type.xsdName ?? ref.type.tsName}`;
}

function occurs(min: number, max: number): string {
  if (max === 1) return min === 0 ? 'optional' : 'required';
  return `${min} to ${max === -1 ? 'unbounded' : max} times`;
}

/** The lines of an element's JSDoc about its versions. */
export function elementVersionsDoc(el: IrElement): string | undefined {
  const a = el.availability;
  if (!a) return undefined;
  const lines = [versionsLine(a)];
  if (el.variants && el.variants.length > 1) lines.push(`By protocol version: ${el.variants.map((v) => `${v.versions.join(', ')}: ${[occurs(v.min, v.max), typeName(v.type), ...(v.nillable ? ['nillable'] : []), ...(v.default !== undefined ? [`default \`${v.default}\``] : [])].join(', ')}`).join('; ')}.`);
  if (el.learned) lines.push(`Typed as ${el.learned.from.join(', ')} ${el.learned.from.length > 1 ? 'type' : 'types'} it: ${el.learned.for.join(', ')} ${el.learned.for.length > 1 ? 'leave' : 'leaves'} it untyped (xs:anyType), and the package learns its type from ${el.learned.from.join(', ')}.`);
  return lines.filter(Boolean).join('\n');
}

/** The lines of an attribute's JSDoc about its versions. */
export function attributeVersionsDoc(attr: IrAttribute): string | undefined {
  const a = attr.availability;
  if (!a) return undefined;
  const lines = [versionsLine(a)];
  if (attr.variants && attr.variants.length > 1) lines.push(`By protocol version: ${attr.variants.map((v) => `${v.versions.join(', ')}: ${[v.required ? 'required' : 'optional', `type ${v.type.xsdName ?? v.type.tsName}`].join(', ')}`).join('; ')}.`);
  return lines.filter(Boolean).join('\n');
}

function facets(meta: SimpleTypeMeta): string {
  const { enum: values, ...rest } = meta;
  return [`type ${meta.name}`, ...constraints(rest)].join(', ');
}

/** The lines of a simple type's JSDoc about its versions: where it exists, values some versions lack, facets that differ. */
export function simpleVersionsDoc(type: IrSimpleType): string | undefined {
  const a = type.availability;
  if (!a) return undefined;
  const lines = [versionsLine(a)];
  if (a.values) {
    const groups = new Map<string, string[]>();
    for (const v of a.values) groups.set(v.versions.join(', '), [...(groups.get(v.versions.join(', ')) ?? []), `\`${v.value}\``]);
    lines.push(`Values not in every version: ${[...groups].map(([versions, values]) => `${values.join(', ')} (${versions})`).join('; ')}.`);
  }
  if (a.differs && type.variants) lines.push(`By protocol version: ${type.variants.map((v) => `${v.versions.join(', ')}: ${facets(v.meta) || 'no facet'}`).join('; ')}.`);
  return lines.filter(Boolean).join('\n');
}
