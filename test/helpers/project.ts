/** Paths and one-call generation helpers shared by the tests. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PACKAGE_NAME, DEFAULT_PACKAGE_VERSION, DEFAULT_PROTOCOL_VERSION } from '../../generator/defaults.js';
import { generate, type GenerateResult } from '../../generator/generate.js';
import { readRuntimeSources, readTemplates } from '../../generator/load/load-inputs.js';
import { loadSchemaSets, type ReadText } from '../../generator/load/load-schemas.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');

/** A folder of ../shared, or a clear failure when CI did not lay it out. */
export function sharedDir(name: string): string {
  const dir = path.join(SHARED, name);
  if (!existsSync(dir)) throw new Error(`../shared/${name} is missing: expected ${dir} (CI lays ../shared beside the checkout)`);
  return dir;
}

/**
 * Runs the pure core on entry schemas (absolute paths), display paths relative to `baseDir`. The
 * project's own schemas get their protocol version, as `npm run generate` gives them; others
 * none, unless `protocolVersion` says.
 */
export function generateFrom(entries: string[], baseDir = ROOT, read?: ReadText, protocolVersion?: string): GenerateResult {
  const sets = loadSchemaSets(entries, { baseDir, ...(read ? { read } : {}) });
  const version = protocolVersion ?? (entries.join('\n') === DEFAULT_ENTRIES.join('\n') ? DEFAULT_PROTOCOL_VERSION : undefined);
  return generate({ sets, runtime: readRuntimeSources(), templates: readTemplates(), packageName: DEFAULT_PACKAGE_NAME, packageVersion: DEFAULT_PACKAGE_VERSION, ...(version ? { protocolVersion: version } : {}) });
}

export const DEFAULT_ENTRIES = ['xsd/request.xsd', 'xsd/response.xsd'].map((p) => path.join(ROOT, p));
