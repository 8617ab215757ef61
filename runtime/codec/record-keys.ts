/**
 * Which properties belong to which record, derived once from the metadata and cached.
 */
import type { ComplexTypeMeta, GroupParticle, Particle } from './meta.js';
import { isRepeating } from './particles.js';

const keyCache = new WeakMap<Particle, string[]>();
const recordCache = new WeakMap<object, Set<string>>();

/** Properties a particle sets in the record it sits in (a repeating group sets only its own array). */
export function keysOf(p: Particle): string[] {
  let keys = keyCache.get(p);
  if (keys) return keys;
  if (p.k === 'el' || p.k === 'any') keys = [p.prop];
  else if (isRepeating(p) && p.prop) keys = [p.prop];
  else keys = [...new Set(p.items.flatMap(keysOf))];
  keyCache.set(p, keys);
  return keys;
}

/** Every property of a type's record, or of one iteration of a repeating group. */
export function propsOfRecord(owner: ComplexTypeMeta | GroupParticle): Set<string> {
  let set = recordCache.get(owner);
  if (set) return set;
  if ('attrs' in owner) {
    set = new Set([...owner.attrs.map((a) => a.prop), ...(owner.text ? [owner.text.prop] : []), ...(owner.model ? keysOf(owner.model) : [])]);
  } else set = new Set(owner.items.flatMap(keysOf));
  recordCache.set(owner, set);
  return set;
}
