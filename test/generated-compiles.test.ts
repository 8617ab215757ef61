/**
 * generated/ is ready as committed: its TypeScript sources compile with tsc --strict under the
 * package's own tsconfig.json (isolatedDeclarations, verbatimModuleSyntax: the TypeScript the
 * generator's compiler supports), its dist/ holds exactly what tsc makes of them (the same tokens,
 * file by file), its declaration maps lead each name back to the same name in src/, its
 * declarations compile on their own for a consumer, and its JavaScript imports and works.
 */
import test from 'ava';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readManifest } from '../generator/manifest.js';
import { differencesFromTsc, tsc } from './helpers/compiled-like-tsc.js';
import { ROOT } from './helpers/project.js';
import { decodeMappings, wordAt } from './helpers/source-maps.js';

const GENERATED = path.join(ROOT, 'generated');
const pkg = JSON.parse(readFileSync(path.join(GENERATED, 'package.json'), 'utf8')) as { name: string };

test('tsc --strict compiles generated/src, and generated/dist is what tsc emits from it, file by file', (t) => {
  const { errors, differences, compared } = differencesFromTsc(GENERATED);
  if (errors) return t.fail(`tsc failed on generated/:\n${errors}`);
  t.deepEqual(differences, []);
  const sources = readManifest(GENERATED).filter((f) => f.startsWith('src/') && f.endsWith('.ts'));
  t.is(compared, sources.length * 2, 'a .js and a .d.ts for every source');
  t.deepEqual(readManifest(GENERATED).filter((f) => f.startsWith('dist/')), sources.flatMap((f) => ['js', 'd.ts', 'd.ts.map'].map((ext) => `dist/${f.slice(4, -3)}.${ext}`)).sort(), 'the manifest lists the compiled files');
});

test('the declarations keep the doc comments, and their maps lead every name to the same name in src/', (t) => {
  const dist = path.join(GENERATED, 'dist');
  const types = readFileSync(path.join(dist, 'types.d.ts'), 'utf8');
  const source = readFileSync(path.join(GENERATED, 'src', 'types.ts'), 'utf8');
  t.is(types.match(/\/\*\*/g)?.length, source.match(/\/\*\*/g)?.length, 'every doc comment of types.ts');
  t.true(readFileSync(path.join(dist, 'runtime', 'client', 'client.d.ts'), 'utf8').includes('/** '), 'the runtime keeps its docs too');
  let checked = 0;
  for (const rel of (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.d.ts.map'))) {
    const map = JSON.parse(readFileSync(path.join(dist, rel), 'utf8')) as { file: string; sources: string[]; mappings: string };
    const name = rel.slice(0, -'.d.ts.map'.length);
    t.is(map.file, `${path.posix.basename(name)}.d.ts`);
    t.deepEqual(map.sources, [`${'../'.repeat(name.split('/').length)}src/${name}.ts`], `${rel}: the source, relative: no absolute path`);
    const declarations = readFileSync(path.join(dist, `${name}.d.ts`), 'utf8');
    t.true(declarations.endsWith(`//# sourceMappingURL=${path.posix.basename(name)}.d.ts.map\n`), rel);
    const lines = declarations.split('\n');
    const sourceLines = readFileSync(path.join(GENERATED, 'src', `${name}.ts`), 'utf8').split('\n');
    for (const m of decodeMappings(map.mappings)) {
      const word = wordAt(lines, m.line, m.column);
      if (word === '') continue;
      const there = wordAt(sourceLines, m.sourceLine, m.sourceColumn);
      if (word !== there) return t.fail(`${rel}: ${word} at ${m.line + 1}:${m.column + 1} maps to "${there}" at ${m.sourceLine + 1}:${m.sourceColumn + 1}`);
      checked++;
    }
  }
  t.true(checked > 1000, `${checked} names checked`);
});

test("the package's declarations alone (no src/) compile with tsc --strict --noEmit beside a consumer's file, libraries checked", (t) => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'plesk-codegen-dts-'));
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const installed = path.join(work, 'node_modules', ...pkg.name.split('/'));
  mkdirSync(installed, { recursive: true });
  cpSync(path.join(GENERATED, 'dist'), path.join(installed, 'dist'), { recursive: true, filter: (p) => !p.endsWith('.js') });
  cpSync(path.join(GENERATED, 'package.json'), path.join(installed, 'package.json'));
  writeFileSync(path.join(work, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  writeFileSync(path.join(work, 'use.ts'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'consumer', 'use.ts'), 'utf8').replaceAll('PACKAGE_NAME', pkg.name));
  const errors = tsc(['--noEmit', '--strict', '--skipLibCheck', 'false', '--target', 'ES2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), path.join(work, 'use.ts')]);
  t.is(errors, undefined, errors);
});

test('the committed JavaScript imports and decodes a response', async (t) => {
  const built = await import(pathToFileURL(path.join(GENERATED, 'dist', 'index.js')).href);
  const xml = readFileSync(path.join(ROOT, 'test', 'fixtures', 'get-tasks-info.server.response.xml'), 'utf8');
  const packet = built.decodeResponsePacket(xml);
  t.is(packet.operators[0].backupManager.operations[0].getTasksInfo.result[0].task[0].filename, 'my_1512011119.tar');
  t.throws(() => built.decodeResponsePacket('<packet><nope/></packet>'), { instanceOf: built.XmlDecodeError });
});
