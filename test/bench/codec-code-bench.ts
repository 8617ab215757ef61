/**
 * Issue 27's size goal: what the emitted codec code (src/records.ts, its JavaScript and
 * declarations, and the runtime file that takes it up, runtime/codec/record-code.ts) adds to the
 * whole 2014 API package (../shared/plesk-xsd, generated into .tmp/bench-whole-api): installed
 * bytes (src/ and dist/, what npm installs besides package.json and the README) with it and
 * without it, and the import time of the package's dist/index.js in a fresh process beside the
 * import time of its dist/records.js alone (what the emitted code costs to load).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { median } from './measure.js';
import { generateWholeApiPackage, removeWholeApiPackage } from './whole-api-package.js';

export interface CodecCodeResult {
  installedBytes: number;
  /** the bytes of the emitted code and of the runtime file that takes it up */
  codeBytes: number;
  /** median ms to import dist/index.js in a fresh process (node's own start subtracted) */
  importMs: number;
  /** median ms to import dist/records.js alone (with the runtime file it imports) */
  recordsImportMs: number;
  skipped?: string;
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(file) : statSync(file).size;
  }
  return total;
}

/** ms from the start of a fresh process to `module` imported, less the same for nothing. */
function importMs(file: string | undefined): number {
  const script = file === undefined ? 'process.stdout.write(String(performance.now()))' : `await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now()))`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`importing ${file} failed: ${child.stderr}`);
  return Number(child.stdout);
}

export function codecCodeBench(rounds: number, log: (line: string) => void): CodecCodeResult {
  const pkg = generateWholeApiPackage();
  if ('skipped' in pkg) return { installedBytes: NaN, codeBytes: NaN, importMs: NaN, recordsImportMs: NaN, skipped: pkg.skipped };
  try {
    const installedBytes = bytesUnder(path.join(pkg.dir, 'src')) + bytesUnder(path.join(pkg.dir, 'dist'));
    const code = ['src/records.ts', 'dist/records.js', 'dist/records.d.ts', 'dist/records.d.ts.map', 'src/runtime/codec/record-code.ts', 'dist/runtime/codec/record-code.js', 'dist/runtime/codec/record-code.d.ts', 'dist/runtime/codec/record-code.d.ts.map'];
    const codeBytes = code.reduce((sum, file) => sum + statSync(path.join(pkg.dir, file)).size, 0);
    const base: number[] = [];
    const whole: number[] = [];
    const records: number[] = [];
    for (let i = 0; i < rounds; i++) {
      base.push(importMs(undefined));
      whole.push(importMs(path.join(pkg.dir, 'dist', 'index.js')));
      records.push(importMs(path.join(pkg.dir, 'dist', 'records.js')));
    }
    const result = { installedBytes, codeBytes, importMs: median(whole) - median(base), recordsImportMs: median(records) - median(base) };
    log(`emitted codec code: ${(codeBytes / 1e3).toFixed(0)} kB of ${(installedBytes / 1e6).toFixed(2)} MB installed; import ${result.importMs.toFixed(0)} ms, records.js alone ${result.recordsImportMs.toFixed(0)} ms`);
    return result;
  } finally {
    removeWholeApiPackage();
  }
}
