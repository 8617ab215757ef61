/**
 * One error class hierarchy across packages. Every generated package carries its own copy of the
 * runtime, so an application with two packages (a backup client and a DNS client, say) has two
 * classes named PleskOperationError; plain `instanceof` would tell an error of one package from the
 * class of the other. Each error class of the runtime extends {@link BrandedError} and names its
 * brand in a static block (`static { brandClass(this, 'PleskOperationError'); }`): its instances
 * carry the brands of their classes under a process-wide symbol (`Symbol.for`), and `instanceof` of
 * any copy of a class recognises the instances of every other copy of it:
 *
 *     error instanceof PleskOperationError   // true, whichever package threw it
 *     error.name === 'PleskOperationError'   // true as well
 *
 * A class of the caller's own that extends one of ours has no brand of its own: its `instanceof`
 * is the prototype chain, as usual.
 */

/** The own property of an instance listing the brands of its classes, base first. */
const INSTANCE_BRANDS = Symbol.for('plesk-codegen.error-brands');

/** Each branded class of this copy of the runtime, and its brand (its name, the same in every copy). */
const CLASS_BRANDS = new WeakMap<object, string>();

/** Gives a class of the runtime its brand; called from the class's static block. */
export function brandClass(errorClass: abstract new (...args: never[]) => Error, brand: string): void {
  CLASS_BRANDS.set(errorClass, brand);
}

export class BrandedError extends Error {
  /**
   * `value instanceof C`: by the prototype chain, or, for a class of the runtime, by the brands
   * an instance of any copy of the runtime carries.
   */
  static override [Symbol.hasInstance]<C extends abstract new (...args: never[]) => unknown>(this: C, value: unknown): value is InstanceType<C> {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const brand = CLASS_BRANDS.get(this);
    if (brand === undefined || value === null || typeof value !== 'object') return false;
    const brands: unknown = Object.getOwnPropertyDescriptor(value, INSTANCE_BRANDS)?.value;
    return Array.isArray(brands) && brands.includes(brand);
  }

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    const brands: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== BrandedError; c = Object.getPrototypeOf(c)) {
      const brand = CLASS_BRANDS.get(c);
      if (brand !== undefined) brands.unshift(brand);
    }
    Object.defineProperty(this, INSTANCE_BRANDS, { value: Object.freeze(brands) });
  }
}
