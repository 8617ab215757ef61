/**
 * In a package of several protocol versions, decides what each declaration's JSDoc says about
 * them (`availability`, printed by emit/availability-docs.ts): only where it differs from its
 * owner, so that a method of every version carries no line at all.
 *
 *   declaration                  owner                 noted
 *   operator, operation, type    the package           the versions it exists in, and those it is absent from
 *   property (element, attr.)    its record's type     the same, and whether its versions declare it differently
 *   enumeration value            its simple type       the versions that have it
 *
 * A package of one schema set has no versions: nothing is noted.
 */
import type { IrAvailability, IrComplexType, IrParticle, IrSchema, IrSimpleType } from '../model/ir.js';
import { covers } from '../model/merge-particles.js';

export function noteAvailability(ir: IrSchema): IrSchema {
  if (!ir.versions) return ir;
  const all = ir.versions.map((v) => v.protocolVersion);
  for (const operator of ir.operators) {
    if (operator.versions) operator.availability = within(operator.versions, all, false);
    for (const operation of operator.operations) if (operation.versions) operation.availability = within(operation.versions, all, false);
  }
  for (const type of ir.simpleTypes) type.availability = simpleAvailability(type, all);
  for (const type of ir.complexTypes) noteType(type, all);
  return ir;
}

/** Where a node exists, against its owner's versions: nothing when it is in all of them. */
function within(versions: string[], owner: string[], differs: boolean): IrAvailability | undefined {
  const present = owner.filter((v) => versions.includes(v));
  const absent = owner.filter((v) => !versions.includes(v));
  if (absent.length === 0 && !differs) return undefined;
  return { ...(absent.length > 0 ? { only: present, absent } : {}), ...(differs ? { differs } : {}) };
}

function noteType(type: IrComplexType, all: string[]): void {
  const versions = type.versions ?? all;
  const own = within(versions, all, false);
  if (own) type.availability = own;
  for (const attr of type.attrs) {
    const note = within(attr.versions ?? versions, versions, (attr.variants?.length ?? 1) > 1);
    if (note) attr.availability = note;
  }
  const particle = (p: IrParticle): void => {
    if (p.kind === 'element') {
      const note = within(p.versions ?? versions, versions, (p.variants?.length ?? 1) > 1 || p.learned !== undefined);
      if (note) p.availability = note;
    } else if (p.kind !== 'any') {
      for (const item of p.items) particle(item);
    }
  };
  if (type.model) particle(type.model);
}

/** A simple type's note: where it exists, the values some of its versions lack, and other facets that differ. */
function simpleAvailability(type: IrSimpleType, all: string[]): IrAvailability | undefined {
  const versions = type.versions ?? all;
  const variants = type.variants ?? [];
  const values: Array<{ value: string; versions: string[] }> = [];
  for (const variant of variants) {
    for (const value of variant.meta.enum ?? []) {
      const entry = values.find((v) => v.value === value);
      if (entry) entry.versions.push(...variant.versions);
      else values.push({ value, versions: [...variant.versions] });
    }
  }
  const partial = values.filter((v) => !covers(v.versions, versions)).map((v) => ({ value: v.value, versions: versions.filter((x) => v.versions.includes(x)) }));
  const facets = new Set(variants.map((v) => JSON.stringify({ ...v.meta, enum: undefined })));
  const note = within(versions, all, facets.size > 1);
  if (partial.length === 0) return note;
  return { ...note, values: partial };
}
