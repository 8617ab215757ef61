/** Encode: the generated encoder and the alternatives on the same value, size by size, each size in a fresh process. */
import { strictEqual } from 'node:assert';
import { ENCODERS, type EncoderName } from './contenders.js';
import { builderObject, responseValue } from './inputs.js';
import { collectInputGarbage, measure, type MeasureOptions } from './measure.js';
import { sizeInChild } from './size-in-child.js';
import { sizeResult, type SizeResult } from './size-result.js';

/** One size, in this process (size-child.ts runs it). */
export function encodeSize(tasks: number, options: MeasureOptions, log: (line: string) => void): SizeResult {
  const value = responseValue(tasks);
  const builderInput = builderObject(value);
  const names = Object.keys(ENCODERS) as EncoderName[];
  let xml: string | undefined = ENCODERS.generated(value, builderInput);
  // the same document from every encoder, byte for byte
  for (const name of names) strictEqual(ENCODERS[name](value, builderInput), xml, `${name} writes a different document`);
  const bytes = Buffer.byteLength(xml);
  xml = undefined;
  collectInputGarbage();
  const timings = measure(names.map((name) => ({ name, run: () => ENCODERS[name](value, builderInput) })), options);
  const result = sizeResult(tasks, bytes, timings);
  log(`encode ${tasks} tasks: ${names.map((n) => `${n} ${result.contenders[n]!.mbPerSecond.toFixed(1)} MB/s`).join(', ')}`);
  return result;
}

export function encodeBench(sizes: number[], options: MeasureOptions): SizeResult[] {
  return sizes.map((tasks) => sizeInChild(['encode', String(tasks)], options));
}
