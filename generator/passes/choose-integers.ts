/**
 * Decides the one TypeScript type of every unbounded integer type (xs:integer, xs:long,
 * xs:unsignedLong, xs:positiveInteger …, and Plesk's `int` and `id_type`, which derive from them):
 * `number` by default, so `task.id + 1` compiles and reads as a number, a value beyond 2^53 − 1
 * failing to decode (never rounded) with a message that names the option; or, with the package
 * option `integers: "bigint"`, `bigint` for every such field, decoded as a bigint whatever its
 * size. A type none of whose values a number holds (bounds beyond ±(2^53 − 1)) is a bigint either
 * way. The choice is recorded in each simple type's metadata (`big`), which the decoder reads
 * and the type printer spells. Encoders accept both in either mode.
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import type { IrParticle, IrSchema } from '../model/ir.js';
import type { PassContext } from './index.js';

export function chooseIntegers(ir: IrSchema, ctx: PassContext): IrSchema {
  const all = ctx.integers === 'bigint';
  const mark = (meta: SimpleTypeMeta): void => {
    if (meta.family === 'bigint' && (all || beyondNumbers(meta))) (meta as { big?: true }).big = true;
    for (const member of meta.union ?? []) mark(member);
    if (meta.list) mark(meta.list);
  };
  const particle = (p: IrParticle): void => {
    if (p.kind === 'element') {
      if (p.type.kind === 'simple') mark(p.type.type.meta);
    } else if (p.kind !== 'any') for (const item of p.items) particle(item);
  };
  for (const type of ir.simpleTypes) mark(type.meta);
  for (const type of ir.complexTypes) {
    for (const attr of type.attrs) mark(attr.type.meta);
    if (type.text) mark(type.text.meta);
    if (type.model) particle(type.model);
  }
  for (const root of ir.roots) if (root.type.kind === 'simple') mark(root.type.type.meta);
  return ir;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A type none of whose values a number holds exactly (its bounds lie beyond ±(2^53 − 1)): a bigint in either mode. */
function beyondNumbers(meta: SimpleTypeMeta): boolean {
  const low = meta.minInclusive ?? meta.minExclusive;
  const high = meta.maxInclusive ?? meta.maxExclusive;
  return (low !== undefined && BigInt(low) >= MAX_SAFE) || (high !== undefined && BigInt(high) <= -MAX_SAFE);
}
