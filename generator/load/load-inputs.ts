/**
 * Reads what the generator carries besides the schemas: the runtime sources and the templates,
 * from plesk-codegen's own folder (the checkout, or the installed package), found from this file's
 * place, so it works from any working directory and from the sources as well as from dist/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCodePoints } from '../passes/names.js';

/** plesk-codegen's folder: the nearest one above this file whose package.json is plesk-codegen's. */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'plesk-codegen') return dir;
    if (path.dirname(dir) === dir) throw new Error(`plesk-codegen: no package.json of plesk-codegen above ${from}; the installation is incomplete`);
  }
}

function readFolder(folder: string, suffix: string): Map<string, string> {
  const dir = path.join(PROJECT_ROOT, folder);
  const names = readdirSync(dir).filter((n) => n.endsWith(suffix)).sort(compareCodePoints);
  return new Map(names.map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]));
}

/** the files of runtime/ and its folders (cli/, client/, codec/, testing/), by path inside runtime/, in code-point order. */
export function readRuntimeSources(): Map<string, string> {
  const files = [...readFolder('runtime', '.ts')];
  for (const sub of ['cli', 'client', 'codec', 'testing']) for (const [name, text] of readFolder(`runtime/${sub}`, '.ts')) files.push([`${sub}/${name}`, text]);
  return new Map(files.sort((a, b) => compareCodePoints(a[0], b[0])));
}

export function readTemplates(): Map<string, string> {
  return readFolder('templates', '.hbs');
}
