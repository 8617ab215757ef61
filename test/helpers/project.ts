/** Paths and one-call generation helpers shared by the tests. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { generate, type GenerateInput, type GenerateResult } from '../../generator/generate.js';
import { readRuntimeSources, readTemplates } from '../../generator/load/load-inputs.js';
import { loadSchemaSets, type ReadText } from '../../generator/load/load-schemas.js';
import { cacheKey, readCached, writeCached } from './generation-cache.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');

/** A folder of ../shared, or a clear failure when CI did not lay it out. */
export function sharedDir(name: string): string {
  const dir = path.join(SHARED, name);
  if (!existsSync(dir)) throw new Error(`../shared/${name} is missing: expected ${dir} (CI lays ../shared beside the checkout)`);
  return dir;
}

/** The project's own package, as plesk-codegen.config.json of the checkout describes it. */
export const PROJECT_PACKAGE = (JSON.parse(readFileSync(path.join(ROOT, 'plesk-codegen.config.json'), 'utf8')) as { packages: Array<{ xsd: string[]; out: string; packageName: string; packageVersion: string; protocolVersion: string }> }).packages[0]!;

type GenerateOptions = string | Pick<GenerateInput, 'refine' | 'pleskRefinements' | 'protocolVersion' | 'integers'>;

/**
 * Runs the pure core on entry schemas (absolute paths), display paths relative to `baseDir`
 * (default: the entry schemas' folder, as the command does). The project's own schemas get their
 * protocol version, as `npm run generate` gives them; others none, unless `protocolVersion` says.
 *
 * A run on Plesk's corpora in ../shared is read from the run's cache when an earlier test file
 * made it (generation-cache.ts); its `ir` is then built on first use.
 */
export function generateFrom(entries: string[], baseDir?: string, read?: ReadText, options: GenerateOptions = {}): GenerateResult {
  const key = read === undefined ? cacheKey(SHARED, entries, { baseDir: baseDir === undefined ? null : path.relative(SHARED, baseDir), options }) : undefined;
  if (key === undefined) return generateUncached(entries, baseDir, read, options);
  let result: GenerateResult | undefined;
  const cached = readCached(key);
  if (cached === undefined) {
    result = generateUncached(entries, baseDir, read, options);
    writeCached(key, result);
    return result;
  }
  return {
    ...cached,
    // read from the cache: nothing was timed
    timings: { model: 0, emit: 0, compile: 0 },
    get ir() {
      result ??= generateUncached(entries, baseDir, read, options);
      return result.ir;
    },
  };
}

function generateUncached(entries: string[], baseDir: string | undefined, read: ReadText | undefined, options: GenerateOptions): GenerateResult {
  const sets = loadSchemaSets(entries, { ...(baseDir ? { baseDir } : {}), ...(read ? { read } : {}) });
  const given = typeof options === 'string' ? { protocolVersion: options } : options;
  const version = given.protocolVersion ?? (entries.join('\n') === DEFAULT_ENTRIES.join('\n') ? PROJECT_PACKAGE.protocolVersion : undefined);
  return generate({ sets, runtime: readRuntimeSources(), templates: readTemplates(), packageName: PROJECT_PACKAGE.packageName, packageVersion: PROJECT_PACKAGE.packageVersion, ...given, ...(version ? { protocolVersion: version } : {}) });
}

export const DEFAULT_ENTRIES = PROJECT_PACKAGE.xsd.map((p) => path.join(ROOT, p));
