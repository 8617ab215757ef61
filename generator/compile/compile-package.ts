/**
 * The package, ready at generation: beside each TypeScript source `src/<name>.ts` the generator
 * writes `dist/<name>.js` (the JavaScript every import and require() loads), `dist/<name>.d.ts`
 * (its declarations, doc comments kept) and `dist/<name>.d.ts.map` (which leads a reader's "go to
 * definition" from a declaration to the source). Nothing is left to compile when the package is
 * installed: no `prepare` script, no TypeScript needed.
 *
 * The sources are parsed once with the TypeScript that ts-morph brings; strip-types.ts and
 * declarations.ts work from the syntax alone. The runtime files are the same in every package,
 * so their results are kept for the life of the process.
 */
import path from 'node:path';
import { ts } from 'ts-morph';
import { InternalError } from '../errors.js';
import { declarationsOf } from './declarations.js';
import { javaScriptOf } from './strip-types.js';

interface Compiled {
  js: string;
  dts: string;
  map: string;
}

const runtimeResults = new Map<string, Compiled>();

/**
 * The compiled files of the package's sources (`src/**\/*.ts`, by path in the package): for
 * each, `dist/<name>.js`, `dist/<name>.d.ts` and `dist/<name>.d.ts.map`.
 */
export function compilePackage(files: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rel, text] of files) {
    if (!rel.startsWith('src/') || !rel.endsWith('.ts') || rel.endsWith('.d.ts')) continue;
    const name = rel.slice('src/'.length, -'.ts'.length);
    const key = `${rel}\n${text}`;
    const compiled = runtimeResults.get(key) ?? compileFile(rel, name, text);
    if (rel.startsWith('src/runtime/')) runtimeResults.set(key, compiled);
    out.set(`dist/${name}.js`, compiled.js);
    out.set(`dist/${name}.d.ts`, compiled.dts);
    out.set(`dist/${name}.d.ts.map`, compiled.map);
  }
  return out;
}

function compileFile(rel: string, name: string, text: string): Compiled {
  const file = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const errors = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (errors.length > 0) {
    const first = errors[0]!;
    const { line, character } = file.getLineAndCharacterOfPosition(first.start ?? 0);
    throw new InternalError(`${rel}:${line + 1}:${character + 1}: the generated source does not parse: ${ts.flattenDiagnosticMessageText(first.messageText, '\n')}`);
  }
  const declarations = declarationsOf(file);
  const base = path.posix.basename(name);
  const source = `${'../'.repeat(name.split('/').length)}${rel}`;
  return {
    js: javaScriptOf(file),
    dts: `${declarations.text()}//# sourceMappingURL=${base}.d.ts.map\n`,
    map: `${declarations.sourceMapOf(`${base}.d.ts`, source)}\n`,
  };
}
