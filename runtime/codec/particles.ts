/**
 * What a content model's particles are, defined once for the generator and the runtime alike (the
 * generator imports this module), so that the encoder, the decoder and the generated types can
 * never mean different things by the same word:
 *
 * - repeating: may occur more than once (maxOccurs > 1 or unbounded);
 * - nullable: may match nothing at all (minOccurs 0, or a group whose content may be empty);
 * - a flag type: an empty complex type without attributes (Plesk's NoneType), whose value is `true`.
 */

/** Whether a particle may occur more than once. */
export function isRepeating(p: { readonly max: number }): boolean {
  return p.max === -1 || p.max > 1;
}

interface AnyParticle {
  readonly min: number;
  /** `el` / `any` (runtime metadata) or `element` / `any` (the generator's model): a leaf */
  readonly k?: string;
  readonly kind?: string;
  readonly items?: readonly AnyParticle[];
}

/** Whether a particle may match nothing at all: minOccurs 0, a choice with such a branch, a sequence or xs:all of such particles. */
export function isNullable(p: AnyParticle): boolean {
  if (p.min === 0) return true;
  if (p.items === undefined) return false;
  return (p.k ?? p.kind) === 'choice' ? p.items.some(isNullable) : p.items.every(isNullable);
}

/** Whether a complex type is a flag: empty content and no attributes (present is `true`). */
export function isFlagType(type: { readonly content: string; readonly attrs: readonly unknown[] }): boolean {
  return type.content === 'empty' && type.attrs.length === 0;
}
