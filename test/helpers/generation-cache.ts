/**
 * Generating Plesk's whole API takes seconds, and many test files need it: the generated files of
 * a run on Plesk's read-only corpora (../shared) are kept in .tmp/cache/, keyed by everything
 * they depend on — the generator's, runtime's and templates' sources, the corpus folder's files,
 * the entries and the options — so that the first test file of a run generates and the others
 * read. A change to any of those makes a new key: a cached result is never stale.
 *
 * Written packages are shared the same way ({@link sharedPackageDir}): one folder per distinct set
 * of files, written once (into a temporary folder, then renamed), never modified by a test.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writePackage } from '../../generator/write.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CACHE = path.join(ROOT, '.tmp', 'cache');

/** What a cached generation gives back: everything of GenerateResult but the IR. */
export interface CachedGeneration {
  files: Map<string, string>;
  notices: string[];
  refinements: import('../../generator/passes/apply-refinements.js').RefinementReport;
}

interface Stored {
  files: Array<[string, string]>;
  notices: string[];
  refinements: CachedGeneration['refinements'];
}

const folderHashes = new Map<string, string>();

/** A hash of every file under `dir` (recursively, by relative path, in code-point order). */
export function hashFolder(dir: string, filter: (name: string) => boolean = () => true): string {
  const known = folderHashes.get(dir);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    const names = readdirSync(path.join(dir, rel)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const child = rel === '' ? name : `${rel}/${name}`;
      const abs = path.join(dir, child);
      if (statSync(abs).isDirectory()) walk(child);
      else if (filter(name)) hash.update(`${child}\0`).update(readFileSync(abs)).update('\0');
    }
  };
  walk('');
  const digest = hash.digest('hex');
  folderHashes.set(dir, digest);
  return digest;
}

let sourcesHash: string | undefined;

/** What every generation depends on besides its schemas and options. */
function generatorSources(): string {
  sourcesHash ??= createHash('sha256')
    .update(['generator', 'runtime', 'templates'].map((d) => hashFolder(path.join(ROOT, d))).join('\n'))
    .update(readFileSync(path.join(ROOT, 'package.json')))
    .digest('hex');
  return sourcesHash;
}

/**
 * The cache key of a generation from `entries`, or undefined when the entries are not all in one
 * folder of `shared` (only the read-only corpora are cached: anything else may change under us).
 */
export function cacheKey(shared: string, entries: string[], options: unknown): string | undefined {
  const folders = new Set(entries.map((e) => path.dirname(e)));
  if (folders.size !== 1) return undefined;
  const [folder] = folders;
  if (path.relative(shared, folder!).startsWith('..') || !existsSync(folder!)) return undefined;
  return createHash('sha256')
    .update(generatorSources())
    .update(hashFolder(folder!))
    .update(JSON.stringify({ entries: entries.map((e) => path.relative(shared, e)), options }))
    .digest('hex')
    .slice(0, 32);
}

export function readCached(key: string): CachedGeneration | undefined {
  const file = path.join(CACHE, `generate-${key}.json`);
  if (!existsSync(file)) return undefined;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  return { files: new Map(stored.files), notices: stored.notices, refinements: stored.refinements };
}

export function writeCached(key: string, result: CachedGeneration): void {
  mkdirSync(CACHE, { recursive: true });
  const stored: Stored = { files: [...result.files], notices: result.notices, refinements: result.refinements };
  const file = path.join(CACHE, `generate-${key}.json`);
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(stored));
  renameSync(temporary, file); // atomic: another test file reads all of it or nothing
}

/**
 * A folder holding the package `files`, written once per distinct set of files and shared by every
 * test file of the run: treat it as read-only.
 */
export function sharedPackageDir(files: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const [name, text] of files) hash.update(`${name}\0${text}\0`);
  const dir = path.join(CACHE, `package-${hash.digest('hex').slice(0, 32)}`);
  if (existsSync(dir)) return dir;
  mkdirSync(CACHE, { recursive: true });
  const temporary = `${dir}.${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary);
  writePackage(temporary, files, { display: (p) => p });
  try {
    renameSync(temporary, dir);
  } catch (error) {
    // another test file wrote the same package first: use its folder
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  }
  return dir;
}
