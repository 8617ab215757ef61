/** Decode: the generated decoder and the alternatives on the same documents, size by size. */
import { deepStrictEqual, strictEqual } from 'node:assert';
import { encodeResponsePacket } from '../../generated/src/index.js';
import { DECODERS, type DecoderName } from './contenders.js';
import { responseValue } from './inputs.js';
import { measure, type MeasureOptions } from './measure.js';
import { sizeResult, type SizeResult } from './size-result.js';

/** Each alternative really read the whole document: count its tasks. */
function checkDecoded(tasks: number, xml: string): void {
  deepStrictEqual(DECODERS.generated(xml), responseValue(tasks));
  const fxp = DECODERS['fast-xml-parser'](xml) as Array<Record<string, Array<Record<string, Array<Record<string, Array<Record<string, unknown[]>>>>>>>>;
  const result = fxp[1]!.packet![0]!['backup-manager']![0]!['get-tasks-info']![0]!.result!;
  strictEqual(result.filter((child) => 'task' in (child as object)).length, tasks);
  const x2j = DECODERS.xml2js(xml) as { packet: { 'backup-manager': Array<{ 'get-tasks-info': Array<{ result: Array<{ task?: unknown[] }> }> }> } };
  strictEqual(x2j.packet['backup-manager'][0]!['get-tasks-info'][0]!.result[0]!.task?.length ?? 0, tasks);
  const tree = DECODERS['saxes-tree'](xml) as { packet: { 'backup-manager': { 'get-tasks-info': { result: { task: unknown } } } } };
  const found = tree.packet['backup-manager']['get-tasks-info'].result.task;
  strictEqual(Array.isArray(found) ? found.length : 1, tasks);
}

export function decodeBench(sizes: number[], options: MeasureOptions, log: (line: string) => void): SizeResult[] {
  return sizes.map((tasks) => {
    const xml = encodeResponsePacket(responseValue(tasks));
    checkDecoded(tasks, xml);
    const names = Object.keys(DECODERS) as DecoderName[];
    const timings = measure(names.map((name) => ({ name, run: () => DECODERS[name](xml) })), options);
    const result = sizeResult(tasks, Buffer.byteLength(xml), timings);
    log(`decode ${tasks} tasks: ${names.map((n) => `${n} ${result.contenders[n]!.mbPerSecond.toFixed(1)} MB/s`).join(', ')}`);
    return result;
  });
}
