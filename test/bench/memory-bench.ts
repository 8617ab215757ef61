/** Peak memory of one decode of the largest document, each decoder in its own fresh process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeResponsePacket } from '../../generated/src/index.js';
import { DECODERS, type DecoderName } from './contenders.js';
import { responseValue } from './inputs.js';
import type { MemoryReading } from './memory-child.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

export interface MemoryResult extends MemoryReading {
  /** peak RSS minus RSS before the decode: what the decode added at its worst */
  peakRssIncrease: number;
}

export function memoryBench(tasks: number, log: (line: string) => void): { tasks: number; inputBytes: number; decoders: MemoryResult[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'plesk-bench-'));
  try {
    const file = path.join(dir, `get-tasks-info-${tasks}.xml`);
    writeFileSync(file, encodeResponsePacket(responseValue(tasks)));
    const decoders = (Object.keys(DECODERS) as DecoderName[]).map((name) => {
      const child = spawnSync(process.execPath, ['--expose-gc', '--import=tsx', path.join(HERE, 'memory-child.ts'), name, file], { cwd: ROOT, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`memory measurement of ${name} failed:\n${child.stderr}`);
      const reading = JSON.parse(child.stdout) as MemoryReading;
      const result = { ...reading, peakRssIncrease: reading.peakRss - reading.rssBefore };
      log(`memory ${name}: peak RSS +${(result.peakRssIncrease / 1e6).toFixed(0)} MB over ${(reading.inputBytes / 1e6).toFixed(1)} MB input`);
      return result;
    });
    return { tasks, inputBytes: decoders[0]!.inputBytes, decoders };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
