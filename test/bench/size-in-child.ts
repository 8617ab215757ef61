/**
 * Runs one size of one operation in a fresh process (size-child.ts), so that nothing of one size
 * (its document, its value, the contenders' results, the heap V8 grew for them) is alive while
 * another is measured. Its progress lines go straight to this process's stderr.
 *
 * The child's old space is capped (HEAP_MB): left alone, V8 lets it grow towards its default
 * limit before collecting in earnest, and the 100,000-task encode (the value, the builder's
 * input and each encoder's 20 MB document and its garbage) reached a 1 GB high-water mark that
 * it does not need. Every contender runs under the same cap.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeasureOptions } from './measure.js';
import type { SizeResult } from './size-result.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

const HEAP_MB = 640;

export function sizeInChild(args: string[], options: MeasureOptions): SizeResult {
  const argv = ['--expose-gc', `--max-old-space-size=${HEAP_MB}`, '--import=tsx', path.join(HERE, 'size-child.ts'), ...args, String(options.rounds), String(options.minSampleMs)];
  const child = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`size-child.ts ${args.join(' ')} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as SizeResult;
}
