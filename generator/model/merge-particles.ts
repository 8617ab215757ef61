/**
 * The parts of merging versions (merge-versions.ts) that work on lists and content models: the
 * alignment of two versions' items (a longest common subsequence, so that an element one version
 * adds or drops keeps the others in place), and the finishing step that gives each merged node
 * the fields every later pass reads — the TypeScript-facing occurrence, type and requiredness —
 * from its versions' variants, after untyped declarations have learned their type.
 */
import { compareProtocolVersions } from '../../runtime/client/protocol-versions.js';
import type { IrAttribute, IrComplexType, IrElement, IrElementVariant, IrParticle, IrSchema, IrTypeRef } from './ir.js';

/**
 * `ms` and `bs` merged in order: the longest run of items `same` pairs (each pair merged), and
 * between two pairs first the unpaired items of `ms`, then those of `bs` (adopted).
 */
export function alignItems<T>(ms: T[], bs: T[], same: (m: T, b: T) => boolean, merge: (m: T, b: T) => T, adopt: (b: T) => T): T[] {
  const rows = ms.length + 1;
  const cols = bs.length + 1;
  // lcs[i * cols + j]: the longest common run of ms[i..] and bs[j..]
  const lcs = new Uint16Array(rows * cols);
  for (let i = ms.length - 1; i >= 0; i--) {
    for (let j = bs.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = same(ms[i]!, bs[j]!) ? lcs[(i + 1) * cols + j + 1]! + 1 : Math.max(lcs[(i + 1) * cols + j]!, lcs[i * cols + j + 1]!);
    }
  }
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < ms.length || j < bs.length) {
    if (i < ms.length && j < bs.length && same(ms[i]!, bs[j]!) && lcs[i * cols + j] === lcs[(i + 1) * cols + j + 1]! + 1) {
      out.push(merge(ms[i++]!, bs[j++]!));
    } else if (j >= bs.length || (i < ms.length && lcs[(i + 1) * cols + j]! >= lcs[i * cols + j + 1]!)) {
      out.push(ms[i++]!);
    } else {
      out.push(adopt(bs[j++]!));
    }
  }
  return out;
}

export function sameRef(a: IrTypeRef, b: IrTypeRef): boolean {
  return a.kind === b.kind && (a.kind === 'any' || (a as { type: object }).type === (b as { type: object }).type);
}

export function sameVariant(a: IrElementVariant, b: IrElementVariant): boolean {
  return sameRef(a.type, b.type) && a.min === b.min && a.max === b.max && a.nillable === b.nillable && a.default === b.default;
}

/** The highest version a variant holds (its versions are oldest first). */
function newest<T extends { versions: string[] }>(variants: T[]): T {
  return variants.reduce((best, v) => (compareProtocolVersions(v.versions.at(-1)!, best.versions.at(-1)!) > 0 ? v : best));
}

function sortVersions(versions: string[]): string[] {
  return [...versions].sort(compareProtocolVersions);
}

/** Whether `versions` holds every one of `all`. */
export function covers(versions: readonly string[], all: readonly string[]): boolean {
  return all.every((v) => versions.includes(v));
}

/**
 * Gives every merged node the fields the later passes read, from its variants: an element's
 * type (the newest version's), its occurrence (the fewest and the most of any version; none at
 * all when some version of its record lacks it, outside a choice), nillable when any version says
 * so; an attribute's type and requiredness (required only when every version of its type requires
 * it). Before that, an untyped variant takes the typed versions' type (`learned`).
 */
export function finishModel(ir: IrSchema): void {
  for (const type of ir.complexTypes) finishType(type);
}

function finishType(type: IrComplexType): void {
  const versions = type.versions!;
  for (const attr of type.attrs) finishAttribute(attr, versions);
  if (type.textVariants) type.text = newest(type.textVariants).type;
  if (type.model) finishParticle(type.model, versions, 'seq');
}

function finishAttribute(attr: IrAttribute, owner: string[]): void {
  const variants = attr.variants!;
  attr.type = newest(variants).type;
  attr.required = covers(attr.versions!, owner) && variants.every((v) => v.required);
  const defaults = new Set(variants.map((v) => v.default));
  if (defaults.size === 1 && variants[0]!.default !== undefined) attr.default = variants[0]!.default;
  else delete attr.default;
}

function finishParticle(p: IrParticle, parent: string[], parentKind: 'seq' | 'choice' | 'all'): void {
  const partial = parentKind !== 'choice' && !covers(p.versions!, parent);
  if (p.kind === 'element') {
    learn(p);
    const variants = p.variants!;
    p.type = newest(variants).type;
    p.nillable = variants.some((v) => v.nillable);
    const defaults = new Set(variants.map((v) => v.default));
    if (defaults.size === 1 && variants[0]!.default !== undefined) p.default = variants[0]!.default;
    else delete p.default;
    bounds(p, variants, partial);
    return;
  }
  bounds(p, p.variants!, partial);
  if (p.kind !== 'any') for (const item of p.items) finishParticle(item, p.versions!, p.kind);
}

function bounds(p: { min: number; max: number }, variants: Array<{ min: number; max: number }>, partial: boolean): void {
  p.min = partial ? 0 : Math.min(...variants.map((v) => v.min));
  p.max = variants.some((v) => v.max === -1) ? -1 : Math.max(...variants.map((v) => v.max));
}

/**
 * An element some versions type and others leave untyped (xs:anyType): the untyped versions take
 * the type of the newest typed version, and the element records where it came from.
 */
function learn(el: IrElement): void {
  const variants = el.variants!;
  const untyped = variants.filter((v) => v.type.kind === 'any');
  const typed = variants.filter((v) => v.type.kind !== 'any');
  if (untyped.length === 0 || typed.length === 0) return;
  const source = newest(typed);
  el.learned = { from: sortVersions(typed.filter((v) => sameRef(v.type, source.type)).flatMap((v) => v.versions)), for: sortVersions(untyped.flatMap((v) => v.versions)) };
  for (const v of untyped) v.type = source.type;
  const coalesced: IrElementVariant[] = [];
  for (const v of variants) {
    const same = coalesced.find((c) => sameVariant(c, v));
    if (same) same.versions = sortVersions([...same.versions, ...v.versions]);
    else coalesced.push(v);
  }
  el.variants = coalesced;
}
