/**
 * `--check`: compares a generated package (in memory) with an output folder, reading only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST, manifestText, readManifest } from './manifest.js';
import { compareCodePoints } from './passes/names.js';

export interface StaleFile {
  /** relative to the output folder, `/` separators */
  path: string;
  reason: 'differs' | 'missing' | 'no longer generated';
}

/**
 * The files of `outDir` that differ from what would be generated: changed or missing files, files
 * the manifest says were generated before and no longer are, and the manifest itself. Files the
 * user placed there (not in the manifest) are not looked at. Sorted by path.
 */
export function checkOutput(outDir: string, files: Map<string, string>): StaleFile[] {
  const stale: StaleFile[] = [];
  const compare = (rel: string, text: string) => {
    const current = readText(path.join(outDir, rel));
    if (current !== text) stale.push({ path: rel, reason: current === undefined ? 'missing' : 'differs' });
  };
  for (const [rel, text] of files) compare(rel, text);
  for (const rel of readManifest(outDir)) {
    if (!files.has(rel) && readText(path.join(outDir, rel)) !== undefined) stale.push({ path: rel, reason: 'no longer generated' });
  }
  compare(MANIFEST, manifestText(files.keys()));
  return stale.sort((a, b) => compareCodePoints(a.path, b.path));
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
