/**
 * The runtime compiled once: every package carries the same runtime files, so an installed
 * plesk-codegen ships their compiled form (dist/generator/runtime-compiled.json, written by
 * `npm run build:generator` through {@link writeRuntimeCache}) and a generation only looks them
 * up, keyed by a hash of each file's path and text. A file whose text differs from the one
 * compiled (an edited runtime) is compiled as any other. Running from the TypeScript sources (a
 * checkout), the cache is not read: the compiler there may be newer than the one that wrote it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Compiled {
  js: string;
  dts: string;
  map: string;
}

const CACHE = new URL('../runtime-compiled.json', import.meta.url);

export const keyOf = (rel: string, text: string): string => createHash('sha256').update(`${rel}\n${text}`).digest('hex');

let shipped: Map<string, Compiled> | undefined;

/** The compiled runtime shipped with this plesk-codegen, by {@link keyOf} (empty when there is none). */
export function shippedRuntime(): Map<string, Compiled> {
  if (shipped) return shipped;
  shipped = new Map();
  if (fileURLToPath(import.meta.url).endsWith('.ts')) return shipped;
  try {
    shipped = new Map(Object.entries(JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, Compiled>));
  } catch {
    // not built: every runtime file is compiled when generating
  }
  return shipped;
}

/** Removes the cache (before compiling the runtime anew: its entries must not be reused). */
export function removeRuntimeCache(): void {
  rmSync(CACHE, { force: true });
  shipped = undefined;
}

/** Writes the cache beside the compiled generator (`dist/generator/`). */
export function writeRuntimeCache(entries: Map<string, Compiled>): string {
  const file = fileURLToPath(CACHE);
  writeFileSync(file, `${JSON.stringify(Object.fromEntries(entries))}\n`);
  return file;
}
