/**
 * Writes a generated package into a folder, or compares it with one (`--check`).
 *
 * Only files whose content changed are rewritten. A manifest (`.plesk-codegen-manifest`) lists the
 * files the generator wrote, so that a later run removes the ones it no longer generates and never
 * touches a file the user placed there.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareCodePoints } from './passes/names.js';

export const MANIFEST = '.plesk-codegen-manifest';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

export function writePackage(outDir: string, files: Map<string, string>): WriteReport {
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  for (const [rel, text] of files) {
    const target = path.join(outDir, rel);
    if (existsSync(target) && readFileSync(target, 'utf8') === text) {
      report.unchanged.push(rel);
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    report.written.push(rel);
  }
  for (const rel of readManifest(outDir)) {
    if (files.has(rel)) continue;
    rmSync(path.join(outDir, rel), { force: true });
    report.removed.push(rel);
  }
  writeFileSync(path.join(outDir, MANIFEST), `${[...files.keys()].sort(compareCodePoints).join('\n')}\n`);
  return report;
}

/** Files that differ from what would be generated (changed, missing, or generated before and now stale). */
export function staleFiles(outDir: string, files: Map<string, string>): string[] {
  const stale: string[] = [];
  for (const [rel, text] of files) {
    const target = path.join(outDir, rel);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) stale.push(rel);
  }
  for (const rel of readManifest(outDir)) if (!files.has(rel) && existsSync(path.join(outDir, rel))) stale.push(rel);
  return stale.sort(compareCodePoints);
}

function readManifest(outDir: string): string[] {
  const file = path.join(outDir, MANIFEST);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}
