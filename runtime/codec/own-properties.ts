/**
 * Records read and written by key, own properties only. A record is a plain object, so a key
 * named like a member of Object.prototype (`constructor`, `toString`, `valueOf`,
 * `hasOwnProperty`, `__proto__`, `__defineGetter__` …: element names a schema may well use) reads
 * that inherited member when the record has no such property of its own, and assigning
 * `__proto__` sets the record's prototype instead of a property (assigning a member of a frozen
 * Object.prototype throws). The codecs and the client read every record through {@link own}, and
 * the decoder writes such keys through {@link setOwn}: decoded values are plain objects whose
 * properties are all their own, and an Object.prototype polluted at run time is never read.
 */

const isOwnEnumerable = Object.prototype.propertyIsEnumerable;
const hasOwn = Object.prototype.hasOwnProperty;

/** The own enumerable property `key` of `rec`, or undefined (only a present value costs the ownership test). */
export function own(rec: object, key: string): unknown {
  const v = (rec as Record<string, unknown>)[key];
  return v === undefined || isOwnEnumerable.call(rec, key) ? v : undefined;
}

/** The own property `key` of `rec` (enumerable or not: a symbol-keyed hidden one), or undefined. */
export function ownHidden(rec: object, key: symbol): unknown {
  const v = (rec as Record<symbol, unknown>)[key];
  return v === undefined || hasOwn.call(rec, key) ? v : undefined;
}

/**
 * Whether a key must be written with {@link setOwn} rather than assigned: Object.prototype has a
 * member of that name (`__proto__` is an accessor; any member is read-only once Object.prototype
 * is frozen, and assigning it then throws).
 */
export function isInheritedName(key: string): boolean {
  return key in Object.prototype;
}

/** Sets the own enumerable property `key` of `rec`, whatever Object.prototype holds under that name. */
export function setOwn(rec: Record<string, unknown>, key: string, value: unknown): void {
  if (isInheritedName(key)) Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
  else rec[key] = value;
}
