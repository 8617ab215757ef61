/**
 * `node dist/generator/compile/build-runtime-cache.js` (part of `npm run build:generator`): compiles
 * the runtime files as every package carries them and writes runtime-cache.ts's cache.
 */
import { readRuntimeSources } from '../load/load-inputs.js';
import { runtimeSource } from '../generate.js';
import { compilePackage } from './compile-package.js';
import { keyOf, removeRuntimeCache, writeRuntimeCache, type Compiled } from './runtime-cache.js';

removeRuntimeCache();
const sources = new Map([...readRuntimeSources()].map(([name, text]) => [`src/runtime/${name}`, runtimeSource(name, text)]));
const compiled = compilePackage(sources);
const entries = new Map<string, Compiled>();
for (const [rel, text] of sources) {
  const name = rel.slice('src/'.length, -'.ts'.length);
  entries.set(keyOf(rel, text), { js: compiled.get(`dist/${name}.js`)!, dts: compiled.get(`dist/${name}.d.ts`)!, map: compiled.get(`dist/${name}.d.ts.map`)! });
}
process.stderr.write(`compiled ${entries.size} runtime files into ${writeRuntimeCache(entries)}\n`);
