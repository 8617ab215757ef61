/**
 * The package of Plesk's two schema sets in one (../shared/plesk-xsd as 1.6.6.0 and
 * ../shared/plesk-xsd-2020 as 1.6.9.1), generated once per run by the pure core and kept like
 * the whole-API packages (generation-cache.ts), written once into a shared read-only folder.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { generate, type GenerateResult } from '../../generator/generate.js';
import { readRuntimeSources, readTemplates } from '../../generator/load/load-inputs.js';
import { loadSchemaSets } from '../../generator/load/load-schemas.js';
import { setRevision } from '../../generator/load/set-revision.js';
import { cacheKey, readCached, sharedPackageDir, writeCached } from './generation-cache.js';
import { SHARED, sharedDir } from './project.js';

/** The two sets, oldest first: folder of ../shared and protocol version. */
export const TWO_SETS = [
  { corpus: 'plesk-xsd', protocolVersion: '1.6.6.0' },
  { corpus: 'plesk-xsd-2020', protocolVersion: '1.6.9.1' },
] as const;

const entriesOf = (corpus: string) => ['agent_input.xsd', 'agent_output.xsd'].map((f) => path.join(sharedDir(corpus), f));

function generateTwo(): GenerateResult {
  const versions = TWO_SETS.map((s) => {
    const sets = loadSchemaSets(entriesOf(s.corpus));
    return { protocolVersion: s.protocolVersion, revision: setRevision(sets), sets };
  });
  return generate({ sets: versions.flatMap((v) => v.sets), versions, runtime: readRuntimeSources(), templates: readTemplates(), packageName: 'plesk-two-versions', packageVersion: '0.1.0' });
}

let result: GenerateResult | undefined;

/** The generated files (from the run's cache when another test file made them); `ir` is built on first use. */
export function twoSetFiles(): Pick<GenerateResult, 'files' | 'notices' | 'refinements'> & { readonly ir: GenerateResult['ir'] } {
  const key = createHash('sha256').update(TWO_SETS.map((s) => cacheKey(SHARED, entriesOf(s.corpus), { two: s.protocolVersion })).join('\n')).digest('hex').slice(0, 32);
  const cached = readCached(key);
  if (cached === undefined) {
    result ??= generateTwo();
    writeCached(key, result);
    return result;
  }
  return {
    ...cached,
    get ir() {
      result ??= generateTwo();
      return result.ir;
    },
  };
}

/** The written package's folder (shared, read-only). */
export function twoSetDir(): string {
  return sharedPackageDir(twoSetFiles().files);
}

/** The package's root entry and its `/testing` entry, imported from the written folder. */
export async function importTwoSets(): Promise<{ pkg: Record<string, any>; testing: Record<string, any>; dir: string }> {
  const dir = twoSetDir();
  const pkg = await import(pathToFileURL(path.join(dir, 'src', 'index.ts')).href);
  const testing = await import(pathToFileURL(path.join(dir, 'src', 'testing.ts')).href);
  return { pkg, testing, dir };
}
