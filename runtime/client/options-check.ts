/**
 * Checks of the numeric options of the client and of waitForTask. A value outside its range is a
 * TypeError that names the option and the range, at construction (client options) or at the call
 * (per-call options, waitForTask): nothing is clamped. Node's timers hold at most 2^31 − 1 ms
 * (about 24.8 days); a longer or infinite delay would fire after 1 ms with a warning, so it is
 * refused here.
 */
import { constants } from 'node:buffer';

/** The longest timeout accepted, in ms: 2^31 − 1, the longest delay a Node timer keeps. */
export const MAX_TIMEOUT_MS: number = 2 ** 31 - 1;

/** The largest answer the client can read into one string, in bytes. */
export const MAX_RESPONSE_BYTES: number = constants.MAX_STRING_LENGTH;

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : String(value);
}

/**
 * A timeout or interval in ms: a finite number from `min` (1, or 0 for a pause) up to
 * {@link MAX_TIMEOUT_MS}; undefined stays undefined.
 */
export function checkMilliseconds(owner: string, name: string, value: unknown, min: 0 | 1 = 1): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMEOUT_MS) {
    throw new TypeError(`${owner}: option ${name} must be a finite number of milliseconds from ${min} to ${MAX_TIMEOUT_MS} (2^31 − 1, the longest delay a Node timer keeps), not ${shown(value)}`);
  }
  return value;
}

/** An integer option from `min` to `max`; undefined stays undefined. */
export function checkInteger(owner: string, name: string, value: unknown, min: number, max: number, unit = ''): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${owner}: option ${name} must be an integer from ${min} to ${max}${unit}, not ${shown(value)}`);
  }
  return value;
}

/** A finite number of at least `min`; undefined stays undefined. */
export function checkNumber(owner: string, name: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) throw new TypeError(`${owner}: option ${name} must be a finite number of at least ${min}, not ${shown(value)}`);
  return value;
}
