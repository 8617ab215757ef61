/**
 * Progress of a transfer, as a caller's `onProgress` sees it: one event per chunk, `bytes` never
 * going back, and a last event at the total once the transfer is complete (a size unknown until
 * then becomes known at the end). A listener that throws fails the transfer with its error.
 */
import type { ProgressListener } from './transfer-types.js';

export interface ProgressCounter {
  /** the bytes so far */
  readonly bytes: number;
  /** `chunk` more bytes went by */
  add(chunk: number): void;
  /** the transfer is complete: reports the total, unless the last event already did */
  end(): void;
}

export function progressCounter(listener: ProgressListener | undefined, total: number | undefined): ProgressCounter {
  let bytes = 0;
  let reported = -1;
  let reportedTotal: number | undefined;
  const report = (known: number | undefined) => {
    reported = bytes;
    reportedTotal = known;
    listener?.({ bytes, total: known });
  };
  return {
    get bytes() {
      return bytes;
    },
    add(chunk) {
      if (chunk === 0) return;
      bytes += chunk;
      report(total !== undefined && bytes > total ? undefined : total);
    },
    end() {
      if (reported !== bytes || reportedTotal !== bytes) report(bytes);
    },
  };
}

/** A TypeError unless `value` is a function or undefined. */
export function checkListener(owner: string, name: string, value: unknown): ProgressListener | undefined {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`${owner}: option ${name} must be a function, not ${typeof value}`);
  return value as ProgressListener | undefined;
}
