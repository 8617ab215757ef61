/**
 * One decode in a fresh process, for its memory: `node --expose-gc --import=tsx memory-child.ts
 * DECODER FILE` prints JSON. The document is read and the heap collected first; then the
 * decoder runs once while its result is kept. Peak RSS comes from the kernel's high-water mark
 * (getrusage maxrss), so it counts everything the process touched, heap or not.
 */
import { readFileSync } from 'node:fs';
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
const [name, file] = process.argv.slice(2) as [DecoderName, string];
const decode = DECODERS[name];
if (!decode) throw new Error(`unknown decoder ${name}`);
const xml = readFileSync(file, 'utf8');
gc();
gc();
const before = process.memoryUsage();
const peakRssBefore = process.resourceUsage().maxRSS * 1024;
const result = decode(xml);
const peakRss = process.resourceUsage().maxRSS * 1024;
gc();
const retainedHeap = process.memoryUsage().heapUsed - before.heapUsed;
if (result === undefined && name !== 'saxes') throw new Error('no result');
const reading: MemoryReading = { decoder: name, inputBytes: Buffer.byteLength(xml), rssBefore: before.rss, peakRssBefore, peakRss, retainedHeap };
process.stdout.write(`${JSON.stringify(reading)}\n`);
