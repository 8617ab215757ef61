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

/** What the contenders returned last: kept so that no call can be optimized away. */
export let sink: unknown;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function sample(contender: Contender, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) sink = contender.run();
  return (performance.now() - start) / iterations;
}

export function measure(contenders: Contender[], options: MeasureOptions): Timing[] {
  // warm-up and calibration: run each until it has run for minSampleMs (at least twice)
  const iterations = contenders.map((c) => {
    let runs = 0;
    const start = performance.now();
    while (runs < 2 || performance.now() - start < options.minSampleMs) {
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
  return contenders.map((c, i) => ({ name: c.name, ms: median(samples[i]!), samples: samples[i]!, iterationsPerSample: iterations[i]! }));
}
