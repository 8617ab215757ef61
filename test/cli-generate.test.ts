/**
 * The command as a process: generating, --check on fresh and stale output, schema errors (exit 1,
 * previous output byte-identical), the user's files surviving, --quiet.
 */
import test from 'ava';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkOutput } from '../generator/check-output.js';
import { loadSchemaSets } from '../generator/load/load-schemas.js';
import { MANIFEST } from '../generator/manifest.js';
import { runCli, snapshot, tempDir } from './helpers/cli.js';
import { DEFAULT_ENTRIES, generateFrom, PROJECT_PACKAGE, ROOT } from './helpers/project.js';

const schema = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
const GOOD = {
  'main.xsd': schema('  <xs:include schemaLocation="types.xsd"/>\n  <xs:element name="note" type="NoteType"/>'),
  'types.xsd': schema('  <xs:complexType name="NoteType">\n    <xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence>\n  </xs:complexType>'),
};

/** A working folder with schemas/ holding `files`, removed after the test. */
function project(t: { teardown: (f: () => void) => void }, files: Record<string, string>): string {
  const cwd = tempDir('cli-generate');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(path.join(cwd, 'schemas'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, 'schemas', name), text);
  return cwd;
}

const PROGRESS = /^\S+: read (\d+) schemas\nemitted (\d+) files in \d+\.\d s \((\d+) written, (\d+) unchanged, (\d+) removed\) into out\n$/;

test('generate writes what the core generates, reports progress, and --check then finds it fresh', async (t) => {
  const cwd = project(t, GOOD);
  const run = await runCli(['generate', '--xsd', 'schemas/main.xsd', '--out', 'out', '--package-name', PROJECT_PACKAGE.packageName], cwd);
  t.is(run.code, 0, run.stderr);
  const { files } = generateFrom([path.join(cwd, 'schemas', 'main.xsd')]);
  t.deepEqual(checkOutput(path.join(cwd, 'out'), files), []);
  const [, read, emitted, written] = PROGRESS.exec(run.stderr) ?? [];
  t.is(Number(read), Object.keys(GOOD).length, run.stderr);
  t.is(Number(emitted), files.size);
  t.is(Number(written), files.size);

  const check = await runCli(['--check', '--xsd', 'schemas/main.xsd', '--out', 'out', '--package-name', PROJECT_PACKAGE.packageName], cwd);
  t.is(check.code, 0, check.stderr);
  t.regex(check.stderr, new RegExp(`^checked ${files.size} files: out is up to date \\(\\d+\\.\\d s\\)$`, 'm'));
});

test("with no flags, --check compares the project's generated/ with xsd/ (its plesk-codegen.config.json) and finds it fresh", async (t) => {
  const before = snapshot(path.join(ROOT, 'generated'));
  const { code, stderr } = await runCli(['--check']);
  t.is(code, 0, stderr);
  const schemas = new Set(loadSchemaSets(DEFAULT_ENTRIES, { baseDir: ROOT }).flatMap((s) => s.documents.map((d) => d.absPath)));
  t.true(stderr.startsWith(`plesk-codegen.config.json: 1 package\n@plesk-codegen/backup-manager: read ${schemas.size} schemas\nchecked `), stderr);
  t.deepEqual(snapshot(path.join(ROOT, 'generated')), before);
});

test('--check on stale output exits 1, lists each stale file and why, and changes nothing', async (t) => {
  const cwd = project(t, GOOD);
  t.is((await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd)).code, 0);
  const out = path.join(cwd, 'out');
  appendFileSync(path.join(out, 'src', 'types.ts'), '// edited\n');
  rmSync(path.join(out, 'README.md'));
  writeFileSync(path.join(out, 'src', 'legacy.ts'), '// from an older run\n');
  appendFileSync(path.join(out, MANIFEST), 'src/legacy.ts\n');
  writeFileSync(path.join(out, 'mine.txt'), 'not the generator\'s business\n');
  const before = snapshot(out);

  const { code, stdout, stderr } = await runCli(['--check', '--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd);
  t.is(code, 1);
  t.is(stdout, '');
  t.is(stderr, [
    'out is stale: 4 files differ from what the schemas generate:',
    `  ${MANIFEST} (differs)`,
    '  README.md (missing)',
    '  src/legacy.ts (no longer generated)',
    '  src/types.ts (differs)',
    'run the same command without --check to update out',
    '',
  ].join('\n'));
  t.deepEqual(snapshot(out), before);

  const fix = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out'], cwd);
  t.is(fix.code, 0, fix.stderr);
  const { files } = generateFrom([path.join(cwd, 'schemas', 'main.xsd')]);
  t.deepEqual(PROGRESS.exec(fix.stderr)?.slice(3).map(Number), [2, files.size - 2, 1], fix.stderr);
  t.is((await runCli(['--check', '--xsd', 'schemas/main.xsd', '--out', 'out'], cwd)).code, 0);
  t.is(readFileSync(path.join(out, 'mine.txt'), 'utf8'), 'not the generator\'s business\n');
});

const schemaErrors: Array<[string, Record<string, string>, RegExp]> = [
  ['a missing include', { ...GOOD, 'main.xsd': schema('  <xs:include schemaLocation="gone.xsd"/>\n  <xs:element name="note" type="NoteType"/>') },
    /^error: schemas\/main\.xsd:3:3 \(xs:schema\/xs:include\): the schema "gone\.xsd" it includes does not exist \(looked for \/.*\/schemas\/gone\.xsd\)\n {2}fix: /],
  ['an unknown type', { ...GOOD, 'types.xsd': schema('  <xs:complexType name="NoteType">\n    <xs:sequence><xs:element name="text" type="Txt"/></xs:sequence>\n  </xs:complexType>') },
    /^error: schemas\/types\.xsd:4:18 \(xs:schema\/xs:complexType\[@name=NoteType\]\/xs:sequence\/xs:element\[@name=text\]\): the simple type "Txt" is not declared in this schema set\n {2}fix: /],
  ['an unsupported construct', { ...GOOD, 'main.xsd': schema('  <xs:include schemaLocation="types.xsd"/>\n  <xs:redefine schemaLocation="types.xsd"/>') },
    /^error: schemas\/main\.xsd:4:3 \(xs:schema\/xs:redefine\): xs:redefine is not supported\n {2}fix: /],
  ['a schema that is not well-formed', { ...GOOD, 'types.xsd': schema('  <xs:complexType name="NoteType">') },
    /^error: schemas\/types\.xsd:4:1: the schema is not well-formed XML: /],
];

for (const [name, files, message] of schemaErrors) {
  test(`${name}: exit 1, the file, line and element path, and the previous output byte-identical`, async (t) => {
    const cwd = project(t, GOOD);
    t.is((await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd)).code, 0);
    writeFileSync(path.join(cwd, 'out', 'mine.txt'), 'mine\n');
    mkdirSync(path.join(cwd, 'out', 'node_modules', 'saxes'), { recursive: true });
    writeFileSync(path.join(cwd, 'out', 'node_modules', 'saxes', 'index.js'), 'x\n');
    const before = snapshot(path.join(cwd, 'out'));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(cwd, 'schemas', file), text);

    const { code, stdout, stderr } = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd);
    t.is(code, 1);
    t.is(stdout, '');
    t.regex(stderr, message);
    t.true(stderr.endsWith('nothing was written; out is as it was\n'), stderr);
    t.deepEqual(snapshot(path.join(cwd, 'out')), before);
  });
}

test('an include cycle is not an error: XSD allows it, and each file is read once', async (t) => {
  const cwd = project(t, { ...GOOD, 'types.xsd': GOOD['types.xsd'].replace('<xs:complexType', '<xs:include schemaLocation="main.xsd"/>\n  <xs:complexType') });
  const { code, stderr } = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out'], cwd);
  t.is(code, 0, stderr);
  t.regex(stderr, /^out: read 2 schemas\n/);
});

test('a file the user placed in --out survives a regeneration, and one in the way of a generated file stops it', async (t) => {
  const cwd = project(t, GOOD);
  const out = path.join(cwd, 'out');
  mkdirSync(path.join(out, 'src'), { recursive: true });
  writeFileSync(path.join(out, 'NOTES.md'), 'mine\n');
  writeFileSync(path.join(out, 'src', 'extra.ts'), 'export const mine = 1;\n');
  t.is((await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd)).code, 0);
  writeFileSync(path.join(cwd, 'schemas', 'types.xsd'), GOOD['types.xsd'].replace('name="text"', 'name="body"'));
  t.is((await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd)).code, 0);
  t.is(readFileSync(path.join(out, 'NOTES.md'), 'utf8'), 'mine\n');
  t.is(readFileSync(path.join(out, 'src', 'extra.ts'), 'utf8'), 'export const mine = 1;\n');
  t.true(readFileSync(path.join(out, 'src', 'types.ts'), 'utf8').includes('body: string'));
  t.false(readFileSync(path.join(out, MANIFEST), 'utf8').includes('NOTES.md'));

  const other = path.join(cwd, 'other');
  mkdirSync(other);
  writeFileSync(path.join(other, 'package.json'), '{"name":"my-app"}\n');
  const before = snapshot(other);
  const { code, stderr } = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'other', '--quiet'], cwd);
  t.is(code, 1);
  t.regex(stderr, /^error: other\/package\.json: is a file that plesk-codegen did not write \(not in \.plesk-codegen-manifest\), where it needs to write package\.json\n {2}fix: move it out of the output folder/);
  t.deepEqual(snapshot(other), before);
});

test('--quiet silences the progress lines, not the errors', async (t) => {
  const cwd = project(t, GOOD);
  const loud = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out'], cwd);
  t.regex(loud.stderr, PROGRESS);
  const quiet = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd);
  t.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, '', '']);
  const quietCheck = await runCli(['--check', '--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd);
  t.deepEqual([quietCheck.code, quietCheck.stderr], [0, '']);
  writeFileSync(path.join(cwd, 'schemas', 'main.xsd'), schema('  <xs:include schemaLocation="gone.xsd"/>'));
  const failed = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd);
  t.is(failed.code, 1);
  t.regex(failed.stderr, /^error: schemas\/main\.xsd:3:3 /);
});

test('--check reports a staging folder left by a killed run, and a generate with nothing to write removes it', async (t) => {
  const cwd = project(t, GOOD);
  const args = ['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'];
  t.is((await runCli(args, cwd)).code, 0);
  const leftover = path.join(cwd, 'out', '.plesk-codegen-tmp-999999999');
  mkdirSync(path.join(leftover, 'new'), { recursive: true });
  writeFileSync(path.join(leftover, 'new', 'README.md'), 'half written\n');

  const check = await runCli(['--check', ...args], cwd);
  t.is(check.code, 1);
  t.is(check.stderr, 'out is stale: 1 file differs from what the schemas generate:\n  .plesk-codegen-tmp-999999999 (left by an interrupted run)\nrun the same command without --check to update out\n');
  const run = await runCli(args.slice(0, -1), cwd);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stderr, /\(0 written, \d+ unchanged, 0 removed\) into out\n$/);
  t.false(existsSync(leftover));
  t.is((await runCli(['--check', ...args], cwd)).code, 0);
});

test('manifest lines through a symbolic link or out of the folder are warnings, printed even with --quiet, and nothing outside is removed', async (t) => {
  const cwd = project(t, GOOD);
  const args = ['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'];
  t.is((await runCli(args, cwd)).code, 0);
  writeFileSync(path.join(cwd, 'precious.txt'), 'keep\n');
  symlinkSync('..', path.join(cwd, 'out', 'up'));
  appendFileSync(path.join(cwd, 'out', MANIFEST), 'up/precious.txt\n../precious.txt\n');
  const lines = readFileSync(path.join(cwd, 'out', MANIFEST), 'utf8').split('\n').length - 1;
  const warnings = [
    `warning: out/.plesk-codegen-manifest: line ${lines}: "../precious.txt" leads out of the output folder (..); the line was ignored (plesk-codegen never writes such a line: check who changed the manifest)`,
    'warning: out/.plesk-codegen-manifest lists "up/precious.txt", but "up" is a symbolic link, not a folder: it was left alone (plesk-codegen follows no link out of the output folder)',
  ];
  const check = await runCli(['--check', ...args], cwd);
  t.is(check.code, 1);
  t.true(check.stderr.startsWith(`${warnings.join('\n')}\nout is stale: 1 file differs`), check.stderr);
  const run = await runCli(args, cwd);
  t.deepEqual([run.code, run.stderr], [0, `${warnings.join('\n')}\n`]);
  t.is(readFileSync(path.join(cwd, 'precious.txt'), 'utf8'), 'keep\n');
  t.deepEqual((await runCli(args, cwd)).stderr, '', 'the rewritten manifest has no such line');
});

test('an include outside the entry schema\'s folder: exit 1 naming the include, its line and the flag; with --allow-outside-includes it is followed', async (t) => {
  const cwd = project(t, { 'main.xsd': GOOD['main.xsd'].replace('schemaLocation="types.xsd"', 'schemaLocation="../shared/types.xsd"') });
  mkdirSync(path.join(cwd, 'shared'));
  writeFileSync(path.join(cwd, 'shared', 'types.xsd'), GOOD['types.xsd']);
  const refused = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--quiet'], cwd);
  t.is(refused.code, 1);
  t.is(refused.stderr, `error: schemas/main.xsd:3:3 (xs:schema/xs:include): the schema "../shared/types.xsd" it includes is outside the entry schema's folder: ${cwd}/shared/types.xsd is not in ${cwd}/schemas; a schema can name any file, so plesk-codegen follows includes and imports only inside that folder unless told otherwise\n  fix: move the schema into ${cwd}/schemas, or, if you trust these schemas, allow includes outside it with allowOutsideIncludes: true in the config file or the API (--allow-outside-includes on the command line)\nnothing was written; out is as it was\n`);
  t.false(existsSync(path.join(cwd, 'out')));
  const allowed = await runCli(['--xsd', 'schemas/main.xsd', '--out', 'out', '--allow-outside-includes'], cwd);
  t.is(allowed.code, 0, allowed.stderr);
  t.regex(allowed.stderr, /^out: read 2 schemas\n/);
});
