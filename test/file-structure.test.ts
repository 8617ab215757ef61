/**
 * Files by concern (issue 22): no file of the runtime (copied into every generated package) or of
 * the generator is over 400 lines, each opens with the comment that says what it holds, and no
 * test-only code ships in the runtime (the well-formedness check the conformance suite runs
 * lives in test/helpers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { ROOT } from './helpers/project.js';

/** The .ts files under a folder of the checkout, by path from the root. */
function sources(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => `${folder}/${f.split(path.sep).join('/')}`).sort();
}

const files = [...sources('runtime'), ...sources('generator')];
const text = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

test('every runtime and generator file is under 400 lines and opens with a comment saying what it holds', (t) => {
  t.true(files.filter((f) => f.startsWith('runtime/')).length > 30);
  t.deepEqual(files.map((f) => [f, text(f).split('\n').length] as const).filter(([, n]) => n > 400), [], 'files over 400 lines');
  t.deepEqual(files.filter((f) => !text(f).startsWith('/**\n')), [], 'files without an opening comment');
});

test('no test-only code ships in the runtime: checkWellFormed and the tokenizer accessor only the tests used are gone', (t) => {
  const runtime = files.filter((f) => f.startsWith('runtime/')).map(text).join('\n');
  t.false(/\bcheckWellFormed\b/.test(runtime));
  t.false(/\bopenNames\b/.test(runtime));
});

test('no name is decided by reading printed text back: no emitter or pass matches exported declarations in generated code', (t) => {
  // the names live in the symbol table (generator/passes/symbol-table.ts), decided before printing
  const readsBack = files.filter((f) => f.startsWith('generator/')).filter((f) => /match(All)?\(\/\^?export\b|\^export \(\?:/.test(text(f)));
  t.deepEqual(readsBack, []);
  // and the old hand lists are gone: runtime exports are listed once (package-surface.ts), the client core's members read from its source
  const generator = files.filter((f) => f.startsWith('generator/')).map(text).join('\n');
  t.false(/\bCORE_MEMBERS\b|\bRESERVED_TYPE_NAMES\b/.test(generator));
});

test('every doc comment and comment line of the generated code goes through the one comment writer', (t) => {
  const emitters = files.filter((f) => f.startsWith('generator/emit/') && !f.endsWith('/comments.ts'));
  const raw = emitters.flatMap((f) => text(f).split('\n').map((line, i) => [f, i + 1, line] as const))
    .filter(([, , line]) => /docs: \[(?!jsDoc\()/.test(line) || /`\/\/ |'\/\/ |`\/\*\*|'\/\*\*/.test(line));
  t.deepEqual(raw.filter(([f, , line]) => !(f.endsWith('/print.ts') && line.includes('BANNER'))).map(([f, n]) => `${f}:${n}`), []);
});
