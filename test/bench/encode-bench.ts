/** Encode: the generated encoder and the alternatives on the same value, size by size. */
import { strictEqual } from 'node:assert';
import { ENCODERS, type EncoderName } from './contenders.js';
import { builderObject, responseValue } from './inputs.js';
import { measure, type MeasureOptions } from './measure.js';
import { sizeResult, type SizeResult } from './size-result.js';

export function encodeBench(sizes: number[], options: MeasureOptions, log: (line: string) => void): SizeResult[] {
  return sizes.map((tasks) => {
    const value = responseValue(tasks);
    const builderInput = builderObject(value);
    const names = Object.keys(ENCODERS) as EncoderName[];
    const xml = ENCODERS.generated(value, builderInput);
    // the same document from every encoder, byte for byte
    for (const name of names) strictEqual(ENCODERS[name](value, builderInput), xml, `${name} writes a different document`);
    const timings = measure(names.map((name) => ({ name, run: () => ENCODERS[name](value, builderInput) })), options);
    const result = sizeResult(tasks, Buffer.byteLength(xml), timings);
    log(`encode ${tasks} tasks: ${names.map((n) => `${n} ${result.contenders[n]!.mbPerSecond.toFixed(1)} MB/s`).join(', ')}`);
    return result;
  });
}
