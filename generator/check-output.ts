/**
 * `--check`: compares a generated package (in memory) with an output folder, reading only, and
 * following no symbolic link below the folder (see output-paths.ts).
 */
import path from 'node:path';
import { loadManifest, MANIFEST, manifestText, manifestWarnings, unfollowed } from './manifest.js';
import { leftoverStaging, placeOf, readInside } from './output-paths.js';
import { compareCodePoints } from './passes/names.js';

export interface StaleFile {
  /** relative to the output folder, `/` separators */
  path: string;
  reason: 'differs' | 'missing' | 'no longer generated' | 'left by an interrupted run';
}

export interface OutputInspection {
  stale: StaleFile[];
  /** what the folder holds that plesk-codegen ignored (manifest lines it would not follow) */
  warnings: string[];
}

/**
 * The files of `outDir` that differ from what would be generated: changed or missing files, files
 * the manifest says were generated before and no longer are, the manifest itself, and staging
 * folders of runs that died mid-way (the next run removes them). Files the user placed there (not
 * in the manifest) are not looked at. Sorted by path.
 */
export function checkOutput(outDir: string, files: Map<string, string>): StaleFile[] {
  return inspectOutput(outDir, files).stale;
}

/** {@link checkOutput}, with warnings about the manifest; `display` shows a path in them. */
export function inspectOutput(outDir: string, files: Map<string, string>, display: (absPath: string) => string = (p) => path.relative(process.cwd(), p) || '.'): OutputInspection {
  const out = path.resolve(outDir);
  const stale: StaleFile[] = [];
  const compare = (rel: string, text: string) => {
    const read = readInside(out, rel, Buffer.byteLength(text));
    if (!read.ok || read.text !== text) stale.push({ path: rel, reason: !read.ok && read.problem === 'missing' ? 'missing' : 'differs' });
  };
  for (const [rel, text] of files) compare(rel, text);
  const manifest = loadManifest(out);
  const warnings = manifestWarnings(manifest, display(path.join(out, MANIFEST)));
  for (const rel of manifest.files) {
    if (files.has(rel)) continue;
    const place = placeOf(out, rel);
    if (place.kind === 'file') stale.push({ path: rel, reason: 'no longer generated' });
    else warnings.push(...unfollowed(place, rel, display(path.join(out, MANIFEST))));
  }
  compare(MANIFEST, manifestText(files.keys()));
  for (const name of leftoverStaging(out)) stale.push({ path: name, reason: 'left by an interrupted run' });
  return { stale: stale.sort((a, b) => compareCodePoints(a.path, b.path)), warnings };
}
