/**
 * Timing: contenders measured side by side, interleaved round by round so that noise from the
 * rest of the machine falls on all of them alike. Each sample runs enough iterations to last
 * `minSampleMs`; the result is the median time per iteration over the rounds, after a warm-up.
 *
 * Garbage collection is left to V8, never forced between samples: a full collection frees the
 * hidden classes (maps) of objects no longer alive, and optimized code that checks for them is
 * thrown away, so a forced collection before each sample would time every contender half
 * unoptimized. Each contender pays for the collections its own allocations cause.
 */
import { performance } from 'node:perf_hooks';

export interface Contender {
  name: string;
  run: () => unknown;
}

export interface Timing {
  name: string;
  /** median milliseconds per iteration */
  ms: number;
  /** every sample, milliseconds per iteration, in round order */
  samples: number[];
  iterationsPerSample: number;
}

export interface MeasureOptions {
  rounds: number;
  minSampleMs: number;
}

/**
 * What the contenders returned last: kept so that no call can be optimized away. It is cleared
 * before each call, so that a contender's previous result is not alive while it builds the next
 * one (at 100,000 tasks fast-xml-parser's result alone is over 200 MB), and after each measure.
 */
export let sink: unknown;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One full collection, when the process runs with --expose-gc (the size children do): called
 * once before a measure, it drops the garbage of building and checking the inputs so that it
 * does not count towards the peak; the warm-up that follows re-optimizes whatever it threw away.
 */
export function collectInputGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function sample(contender: Contender, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    sink = undefined;
    sink = contender.run();
  }
  return (performance.now() - start) / iterations;
}

/**
 * The warm-up of each contender: at least this many runs and this long. V8 optimizes a function
 * once it has run enough; a decoder of a few large functions (ours) reaches its optimized code
 * after tens of documents, and with a warm-up of two runs its first samples were up to half as
 * fast as its later ones. Every contender gets the same warm-up (at most WARM_UP_MAX_MS unless a
 * single run takes longer).
 */
const WARM_UP_RUNS = 20;
const WARM_UP_MS = 1_000;
/** (the 20 runs stop counting after this long: at 100,000 tasks a slow contender takes seconds a run) */
const WARM_UP_MAX_MS = 5_000;

export function measure(contenders: Contender[], options: MeasureOptions): Timing[] {
  // warm-up and calibration: run each until it has run WARM_UP_RUNS times and for WARM_UP_MS (or minSampleMs, if longer)
  const iterations = contenders.map((c) => {
    let runs = 0;
    const start = performance.now();
    for (;;) {
      const elapsed = performance.now() - start;
      if (runs >= 2 && elapsed >= Math.max(options.minSampleMs, WARM_UP_MS) && (runs >= WARM_UP_RUNS || elapsed >= WARM_UP_MAX_MS)) break;
      sink = undefined;
      sink = c.run();
      runs++;
    }
    return Math.max(1, Math.round(options.minSampleMs / ((performance.now() - start) / runs)));
  });
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + round) % contenders.length; // a different contender goes first each round
      samples[i]!.push(sample(contenders[i]!, iterations[i]!));
    }
  }
  sink = undefined;
  return contenders.map((c, i) => ({ name: c.name, ms: median(samples[i]!), samples: samples[i]!, iterationsPerSample: iterations[i]! }));
}
