/**
 * One decode in a fresh process, for its memory: `node --expose-gc --import=tsx memory-child.ts
 * DECODER FILE` prints JSON. The document is read and the heap collected first; then the
 * decoder runs once while its result is kept. Peak RSS comes from the kernel's high-water mark
 * (getrusage maxrss), so it counts everything the process touched, heap or not.
 *
 * DECODER `chunked` is the generated decoder fed 64 KiB chunks (chunked-decoding.ts): the file is
 * read as a Buffer and never as a string; its result is then checked against the string decode.
 */
import { deepStrictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { decodeInChunks } from './chunked-decoding.js';
import { DECODERS, type DecoderName } from './contenders.js';

export interface MemoryReading {
  decoder: string;
  inputBytes: number;
  /** RSS once the document is in memory and the heap collected, before the decode */
  rssBefore: number;
  /** the process's highest RSS so far, before the decode */
  peakRssBefore: number;
  /** the process's highest RSS, after the decode */
  peakRss: number;
  /** V8 heap in use after a full collection, the decoded result alive, minus the same before */
  retainedHeap: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const [name, file] = process.argv.slice(2) as [DecoderName | 'chunked', string];
const decode = name === 'chunked' ? decodeInChunks : DECODERS[name];
if (!decode) throw new Error(`unknown decoder ${name}`);
const input: string | Buffer = name === 'chunked' ? readFileSync(file) : readFileSync(file, 'utf8');
gc();
gc();
const before = process.memoryUsage();
const peakRssBefore = process.resourceUsage().maxRSS * 1024;
const result = (decode as (input: string | Buffer) => unknown)(input);
const peakRss = process.resourceUsage().maxRSS * 1024;
gc();
const retainedHeap = process.memoryUsage().heapUsed - before.heapUsed;
if (result === undefined && name !== 'saxes') throw new Error('no result');
const reading: MemoryReading = { decoder: name, inputBytes: Buffer.byteLength(input), rssBefore: before.rss, peakRssBefore, peakRss, retainedHeap };
if (name === 'chunked') deepStrictEqual(result, DECODERS.generated(input.toString()), 'the chunks decode to another value than the whole string');
process.stdout.write(`${JSON.stringify(reading)}\n`);
