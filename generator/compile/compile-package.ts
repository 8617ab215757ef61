/**
 * The package, ready at generation: beside each TypeScript source `src/<name>.ts` the generator
 * writes `dist/<name>.js` (the JavaScript every import and require() loads), `dist/<name>.d.ts`
 * (its declarations, doc comments kept) and `dist/<name>.d.ts.map` (which leads a reader's "go to
 * definition" from a declaration to the source). Nothing is left to compile when the package is
 * installed: no `prepare` script, no TypeScript needed.
 *
 * It uses the TypeScript that ts-morph brings; strip-types.ts and declarations.ts work from the
 * syntax alone. Parsing is most of the time it takes, so a file ts-morph printed is compiled from
 * the tree ts-morph already holds (print.ts's printedSources), and the runtime files, the same in
 * every package, are compiled once: an installed plesk-codegen ships them compiled (runtime-cache.ts),
 * and a process compiles each at most once.
 */
import path from 'node:path';
import { ts } from 'ts-morph';
import type { PrintedSource } from '../emit/print.js';
import { InternalError } from '../errors.js';
import { declarationsOf } from './declarations.js';
import { keyOf, shippedRuntime, type Compiled } from './runtime-cache.js';
import { javaScriptOf } from './strip-types.js';

/** the runtime files compiled in this process, by path and text */
const runtimeResults = new Map<string, Compiled>();

/**
 * The compiled files of the package's sources (`src/**\/*.ts`, by path in the package): for
 * each, `dist/<name>.js`, `dist/<name>.d.ts` and `dist/<name>.d.ts.map`. `printed`: the syntax
 * trees of sources printed by ts-morph, by their text (the others are parsed).
 */
export function compilePackage(files: ReadonlyMap<string, string>, printed?: ReadonlyMap<string, PrintedSource>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rel, text] of files) {
    if (!rel.startsWith('src/') || !rel.endsWith('.ts') || rel.endsWith('.d.ts')) continue;
    const name = rel.slice('src/'.length, -'.ts'.length);
    const key = `${rel}\n${text}`;
    const tree = printed?.get(text);
    const runtime = rel.startsWith('src/runtime/');
    const compiled =
      (runtime ? (runtimeResults.get(key) ?? shippedRuntime().get(keyOf(rel, text))) : undefined) ??
      (tree ? compileFile(name, text, tree.file, tree.header, tree.splices) : compileFile(name, text, parse(rel, text), '', []));
    if (runtime) runtimeResults.set(key, compiled);
    out.set(`dist/${name}.js`, compiled.js);
    out.set(`dist/${name}.d.ts`, compiled.dts);
    out.set(`dist/${name}.d.ts.map`, compiled.map);
  }
  return out;
}

function parse(rel: string, text: string): ts.SourceFile {
  const file = ts.createSourceFile(rel, text, { languageVersion: ts.ScriptTarget.ES2022, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.TS);
  const errors = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (errors.length > 0) {
    const first = errors[0]!;
    const { line, character } = file.getLineAndCharacterOfPosition(first.start ?? 0);
    throw new InternalError(`${rel}:${line + 1}:${character + 1}: the generated source does not parse: ${ts.flattenDiagnosticMessageText(first.messageText, '\n')}`);
  }
  return file;
}

/**
 * `file`: the tree of `text`, or of the text `text` was made from: `text` is then `header`, the
 * tree's text, and `splices` (each placeholder of the tree's text replaced).
 */
function compileFile(name: string, text: string, file: ts.SourceFile, header: string, splices: PrintedSource['splices']): Compiled {
  let js = javaScriptOf(file, header);
  for (const splice of splices) {
    if (js.split(splice.placeholder).length !== 2) throw new InternalError(`src/${name}.ts: the placeholder ${splice.placeholder} is not in its JavaScript exactly once`);
    js = js.replace(splice.placeholder, () => splice.text);
  }
  const declarations = declarationsOf(file, header);
  const dts = declarations.text();
  for (const splice of splices) if (dts.includes(splice.placeholder)) throw new InternalError(`src/${name}.ts: the placeholder ${splice.placeholder} is in its declarations`);
  // where a position of the tree's text is in `text`
  const at = splices.map((s) => ({ from: file.text.indexOf(s.placeholder), grows: s.text.length - s.placeholder.length }));
  const position = (pos: number) => header.length + pos + at.reduce((sum, s) => sum + (s.from < pos ? s.grows : 0), 0);
  const base = path.posix.basename(name);
  const source = `${'../'.repeat(name.split('/').length)}src/${name}.ts`;
  return {
    js: `${js.trimEnd()}\n`,
    dts: `${dts}//# sourceMappingURL=${base}.d.ts.map\n`,
    map: `${declarations.sourceMapOf(`${base}.d.ts`, source, { text, position })}\n`,
  };
}
