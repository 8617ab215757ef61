/**
 * Peak memory of one decode of the largest document, each decoder in its own fresh process; and,
 * when the runtime has it, the generated decoder fed the same answer in 64 KiB chunks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeResponsePacket } from '../../generated/src/index.js';
import { CHUNK_BYTES } from './chunked-decoding.js';
import { DECODERS, type DecoderName } from './contenders.js';
import { responseValue } from './inputs.js';
import type { MemoryReading } from './memory-child.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

export interface MemoryResult extends MemoryReading {
  /** peak RSS minus RSS before the decode: what the decode added at its worst */
  peakRssIncrease: number;
}

export interface MemoryBenchResult {
  tasks: number;
  inputBytes: number;
  decoders: MemoryResult[];
  /** the generated decoder through 64 KiB chunks from a Buffer, or why it was not measured */
  chunked: MemoryResult;
  chunkBytes: number;
}

function inChild(name: string, file: string, log: (line: string) => void): MemoryResult {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import=tsx', path.join(HERE, 'memory-child.ts'), name, file], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`memory measurement of ${name} failed:\n${child.stderr}`);
  const reading = JSON.parse(child.stdout) as MemoryReading;
  const result = { ...reading, peakRssIncrease: reading.peakRss - reading.rssBefore };
  log(`memory ${name}: peak RSS +${(result.peakRssIncrease / 1e6).toFixed(0)} MB over ${(reading.inputBytes / 1e6).toFixed(1)} MB input`);
  return result;
}

export function memoryBench(tasks: number, log: (line: string) => void): MemoryBenchResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'plesk-bench-'));
  try {
    const file = path.join(dir, `get-tasks-info-${tasks}.xml`);
    writeFileSync(file, encodeResponsePacket(responseValue(tasks)));
    const decoders = (Object.keys(DECODERS) as DecoderName[]).map((name) => inChild(name, file, log));
    const chunked = inChild('chunked', file, log);
    return { tasks, inputBytes: decoders[0]!.inputBytes, decoders, chunked, chunkBytes: CHUNK_BYTES };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
