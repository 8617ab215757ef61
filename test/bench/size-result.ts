/** The result of one operation (decode or encode) at one input size, for every contender. */
import type { Timing } from './measure.js';

export interface ContenderResult {
  /** median milliseconds per call */
  ms: number;
  /** document bytes (UTF-8) per second, in MB (10^6 bytes) */
  mbPerSecond: number;
  /** median microseconds per task */
  usPerTask: number;
  /** every sample, milliseconds per call */
  samples: number[];
}

export interface SizeResult {
  tasks: number;
  /** UTF-8 bytes of the document */
  bytes: number;
  contenders: Record<string, ContenderResult>;
}

export function sizeResult(tasks: number, bytes: number, timings: Timing[]): SizeResult {
  const contenders: Record<string, ContenderResult> = {};
  for (const t of timings) {
    contenders[t.name] = { ms: t.ms, mbPerSecond: bytes / 1e6 / (t.ms / 1000), usPerTask: (t.ms * 1000) / tasks, samples: t.samples };
  }
  return { tasks, bytes, contenders };
}
