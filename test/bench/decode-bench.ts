/** Decode: the generated decoder and the alternatives on the same documents, size by size, each size in a fresh process. */
import { deepStrictEqual, strictEqual } from 'node:assert';
import { encodeResponsePacket } from '../../generated/src/index.js';
import { DECODERS, type DecoderName } from './contenders.js';
import { checkAlternativesCount } from './decoded-count.js';
import { responseValue } from './inputs.js';
import { collectInputGarbage, measure, type MeasureOptions } from './measure.js';
import { sizeInChild } from './size-in-child.js';
import { sizeResult, type SizeResult } from './size-result.js';

const TASK_PATH = ['packet', 'backup-manager', 'get-tasks-info', 'result', 'task'];

/** The generated decoder and the hand-written one give the value back; each alternative finds every task; the scan every tag. */
function checkDecoded(tasks: number, xml: string): void {
  deepStrictEqual(DECODERS.generated(xml), responseValue(tasks));
  deepStrictEqual(DECODERS['hand-written'](xml), responseValue(tasks));
  checkAlternativesCount(xml, TASK_PATH, tasks);
  strictEqual(DECODERS['indexOf scan'](xml), (xml.match(/</g) ?? []).length);
}

/** One size, in this process (size-child.ts runs it). */
export function decodeSize(tasks: number, options: MeasureOptions, log: (line: string) => void): SizeResult {
  const xml = encodeResponsePacket(responseValue(tasks));
  checkDecoded(tasks, xml);
  collectInputGarbage();
  const names = Object.keys(DECODERS) as DecoderName[];
  const timings = measure(names.map((name) => ({ name, run: () => DECODERS[name](xml) })), options);
  const result = sizeResult(tasks, Buffer.byteLength(xml), timings);
  log(`decode ${tasks} tasks: ${names.map((n) => `${n} ${result.contenders[n]!.mbPerSecond.toFixed(1)} MB/s`).join(', ')}`);
  return result;
}

export function decodeBench(sizes: number[], options: MeasureOptions): SizeResult[] {
  return sizes.map((tasks) => sizeInChild(['decode', String(tasks)], options));
}
