/**
 * Reads what the generator carries besides the schemas: the runtime sources and the templates,
 * from this checkout (paths relative to this file, so it works from any working directory).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCodePoints } from '../passes/names.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function readFolder(folder: string, suffix: string): Map<string, string> {
  const dir = path.join(PROJECT_ROOT, folder);
  const names = readdirSync(dir).filter((n) => n.endsWith(suffix)).sort(compareCodePoints);
  return new Map(names.map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]));
}

/** runtime/*.ts and the files of its subfolders (testing/), by path inside runtime/, in code-point order. */
export function readRuntimeSources(): Map<string, string> {
  const files = [...readFolder('runtime', '.ts')];
  for (const sub of ['testing']) for (const [name, text] of readFolder(`runtime/${sub}`, '.ts')) files.push([`${sub}/${name}`, text]);
  return new Map(files.sort((a, b) => compareCodePoints(a[0], b[0])));
}

export function readTemplates(): Map<string, string> {
  return readFolder('templates', '.hbs');
}
