/**
 * The manifest: `.plesk-codegen-manifest` in the output folder lists, one per line in code-point
 * order, the files the generator wrote there. It is how a later run tells its own files (which it
 * may rewrite or remove) from the user's (which it never touches).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareCodePoints } from './passes/names.js';

export const MANIFEST = '.plesk-codegen-manifest';

export function manifestText(files: Iterable<string>): string {
  return `${[...files].sort(compareCodePoints).join('\n')}\n`;
}

/**
 * The files the manifest in `outDir` lists (none when there is no manifest). An entry that would
 * point outside `outDir` (absolute, or with a `..` segment: a hand-edited manifest) is ignored, so
 * that no run can touch a file outside its output folder.
 */
export function readManifest(outDir: string): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(outDir, MANIFEST), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((rel) => rel !== '' && isInside(rel));
}

function isInside(rel: string): boolean {
  if (path.isAbsolute(rel) || rel.includes('\\')) return false;
  return rel.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
