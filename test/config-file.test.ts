/**
 * The config file through the command: several packages, paths relative to the file, `--config`,
 * `--check` over every package, and each kind of mistake named by its key with the fix (exit 2,
 * nothing written). Also: with neither a config file nor flags the command writes nothing
 * anywhere, and the JSON Schema knows exactly the keys the checker knows.
 */
import test from 'ava';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, PACKAGE_KEYS } from '../generator/config/config-file.js';
import { VERSION_KEYS } from '../generator/config/version-sets.js';
import { runCli, snapshot, tempDir } from './helpers/cli.js';
import { ROOT } from './helpers/project.js';

const schema = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
const NOTE = schema('  <xs:element name="note" type="NoteType"/>\n  <xs:complexType name="NoteType">\n    <xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence>\n  </xs:complexType>');
const TASK = schema('  <xs:element name="task" type="TaskType"/>\n  <xs:complexType name="TaskType">\n    <xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence>\n  </xs:complexType>');

function project(t: { teardown: (f: () => void) => void }, config: unknown): string {
  const cwd = tempDir('config');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(path.join(cwd, 'build', 'schemas'), { recursive: true });
  writeFileSync(path.join(cwd, 'build', 'schemas', 'note.xsd'), NOTE);
  writeFileSync(path.join(cwd, 'build', 'schemas', 'task.xsd'), TASK);
  writeFileSync(path.join(cwd, 'build', CONFIG_FILE_NAME), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return cwd;
}

const TWO = {
  $schema: '../node_modules/plesk-codegen/config.schema.json',
  packages: [
    { xsd: ['schemas/note.xsd'], out: '../packages/notes', packageName: '@acme/notes', packageVersion: '1.2.3' },
    { xsd: 'schemas/task.xsd', out: '../packages/tasks' },
  ],
};

test('a config file with two packages: generated in order, paths relative to the file, from its folder or with --config', async (t) => {
  const cwd = project(t, TWO);
  const run = await runCli([], path.join(cwd, 'build'));
  t.is(run.code, 0, run.stderr);
  t.regex(run.stderr, /^plesk-codegen\.config\.json: 2 packages\n@acme\/notes: read 1 schemas\nemitted \d+ files .* into \.\.\/packages\/notes\ntasks: read 1 schemas\nemitted \d+ files .* into \.\.\/packages\/tasks\n$/);
  const notes = JSON.parse(readFileSync(path.join(cwd, 'packages', 'notes', 'package.json'), 'utf8')) as { name: string; version: string };
  const tasks = JSON.parse(readFileSync(path.join(cwd, 'packages', 'tasks', 'package.json'), 'utf8')) as { name: string; version: string };
  t.deepEqual([notes.name, notes.version, tasks.name, tasks.version], ['@acme/notes', '1.2.3', 'tasks', '0.1.0'], 'names, versions, and the default name from the out folder');
  t.true(readFileSync(path.join(cwd, 'packages', 'tasks', 'src', 'types.ts'), 'utf8').includes('TaskType'));

  // the same file named with --config from another folder: everything is fresh
  const check = await runCli(['--check', '--config', 'build/plesk-codegen.config.json'], cwd);
  t.is(check.code, 0, check.stderr);
  t.is(check.stderr.match(/is up to date/g)?.length, 2, check.stderr);

  // --check covers every package: an edit to the second schema makes only that one stale
  writeFileSync(path.join(cwd, 'build', 'schemas', 'task.xsd'), TASK.replace('name="id" type="xs:int"', 'name="id" type="xs:long"'));
  const stale = await runCli(['--check', '--config', 'build/plesk-codegen.config.json'], cwd);
  t.is(stale.code, 1);
  t.regex(stale.stderr, /checked \d+ files: packages\/notes is up to date/);
  t.regex(stale.stderr, /packages\/tasks is stale: \d+ files? differs? from what the schemas generate:\n/);
  t.true(stale.stderr.includes('\n  src/metadata.ts (differs)\n') && stale.stderr.includes('\n  dist/metadata.js (differs)\n'), 'the source and its JavaScript');
});

const mistakes: Array<[string, unknown, RegExp]> = [
  ['not JSON', '{ "packages": [ }', /^error: plesk-codegen\.config\.json: not valid JSON: .*\n {2}fix: correct the JSON syntax/m],
  ['JSON cut short, on its second line', '{\n  "packages": [', /^error: plesk-codegen\.config\.json:2:16: not valid JSON: .*\n {2}fix: correct the JSON syntax/m],
  ['not an object', '[]', /^error: plesk-codegen\.config\.json: must be a JSON object\n {2}fix: write \{ "packages"/m],
  ['no packages', {}, /^error: plesk-codegen\.config\.json: packages: is missing\n {2}fix: list the packages to generate/m],
  ['empty packages', { packages: [] }, /^error: plesk-codegen\.config\.json: packages: must be a non-empty array/m],
  ['an unknown top-level key', { packages: TWO.packages, output: 'x' }, /^error: plesk-codegen\.config\.json: output: is not a known key\n {2}fix: the keys are "\$schema", "packages"$/m],
  ['a misspelt package key', { packages: [{ xsd: ['schemas/note.xsd'], out: 'o', 'package-name': 'x' }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.package-name: is not a known key\n {2}fix: did you mean "packageName"\?$/m],
  ['a package key one letter short', { packages: [{ xsd: ['schemas/note.xsd'], out: 'o', operator: ['backup-manager'] }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.operator: is not a known key\n {2}fix: did you mean "operators"\?$/m],
  ['a package without xsd', { packages: [{ out: 'o' }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.xsd: needs the path of at least one entry schema/m],
  ['xsd of the wrong type', { packages: [{ xsd: 7, out: 'o' }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.xsd: must be a path or an array of paths/m],
  ['a missing schema', { packages: [{ xsd: ['schemas/nope.xsd'], out: 'o' }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.xsd: schemas\/nope\.xsd: no such file \(looked for .*build\/schemas\/nope\.xsd\)\n {2}fix: correct the path; it is relative to the config file$/m],
  ['a package without out', { packages: [{ xsd: ['schemas/note.xsd'] }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.out: needs the folder to write the generated package into/m],
  ['a bad package name', { packages: [{ xsd: ['schemas/note.xsd'], out: 'o', packageName: 'Notes' }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.packageName: "Notes" is not a valid npm package name: it has capital letters/m],
  ['a bad version', { packages: [{ xsd: ['schemas/note.xsd'], out: 'o', packageVersion: '1.0' }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.packageVersion: "1\.0": it is not a semantic version/m],
  ['allowOutsideIncludes that is not a boolean', { packages: [{ xsd: ['schemas/note.xsd'], out: 'o', allowOutsideIncludes: 'yes' }] }, /^error: plesk-codegen\.config\.json: packages\[0\]\.allowOutsideIncludes: must be true or false\n {2}fix: give packages\[0\]\.allowOutsideIncludes: true to follow includes outside the entry schema's folder \(only for schemas you trust\)$/m],
  ['two packages into one folder', { packages: [{ xsd: ['schemas/note.xsd'], out: 'o' }, { xsd: ['schemas/task.xsd'], out: './o' }] }, /^error: plesk-codegen\.config\.json: packages\[1\]\.out: is the same folder as packages\[0\]\.out .*\n {2}fix: give each package its own output folder$/m],
];

for (const [name, config, message] of mistakes) {
  test(`a config file with ${name}: exit 2, the key and the fix, nothing written`, async (t) => {
    const cwd = project(t, config);
    const before = snapshot(cwd);
    const { code, stdout, stderr } = await runCli([], path.join(cwd, 'build'));
    t.is(code, 2, stderr);
    t.regex(stderr, message);
    t.is(stdout, '');
    t.deepEqual(snapshot(cwd), before);
  });
}

test('with neither a config file nor flags, outside the checkout: a usage error that says what to do, and nothing is written anywhere', async (t) => {
  const cwd = tempDir('no-config');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const generated = snapshot(path.join(ROOT, 'generated'));
  for (const args of [[], ['generate'], ['--check']]) {
    const { code, stdout, stderr } = await runCli(args, cwd);
    t.is(code, 2, stderr);
    t.is(stdout, '');
    t.regex(stderr, new RegExp(`^error: nothing to generate: no --xsd, and no plesk-codegen\\.config\\.json in ${cwd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n {2}fix: create plesk-codegen\\.config\\.json`));
    t.true(stderr.includes('--xsd schemas/agent_input.xsd --xsd schemas/agent_output.xsd --out plesk-api'));
  }
  t.deepEqual(readdirSync(cwd), []);
  t.deepEqual(snapshot(path.join(ROOT, 'generated')), generated, "the checkout's generated/ is untouched");
});

test('config.schema.json knows exactly the keys the checker knows, and the checkout uses it', (t) => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'config.schema.json'), 'utf8')) as {
    required: string[];
    properties: { packages: { items: { properties: Record<string, unknown> & { versions: { items: { properties: Record<string, unknown>; required: string[] } } }; required: string[]; oneOf: Array<{ required: string[] }>; additionalProperties: boolean } } };
  };
  const item = schema.properties.packages.items;
  t.deepEqual(Object.keys(item.properties), [...PACKAGE_KEYS]);
  t.deepEqual(item.required, ['out']);
  t.deepEqual(item.oneOf, [{ required: ['xsd'] }, { required: ['versions'] }], 'either one schema set or several');
  t.deepEqual(Object.keys(item.properties.versions.items.properties), [...VERSION_KEYS]);
  t.deepEqual(item.properties.versions.items.required, ['protocolVersion', 'xsd']);
  t.false(item.additionalProperties);
  t.deepEqual(Object.keys(schema.properties), ['$schema', 'packages']);
  const own = JSON.parse(readFileSync(path.join(ROOT, CONFIG_FILE_NAME), 'utf8')) as { $schema: string };
  t.true(existsSync(path.resolve(ROOT, own.$schema)));
});

test('the output does not depend on the working directory: two folders give byte-identical packages, and --check from a third is fresh', async (t) => {
  const cwd = project(t, TWO);
  const entry = path.join(cwd, 'build', 'schemas', 'note.xsd');
  mkdirSync(path.join(cwd, 'a', 'deeper'), { recursive: true });
  const first = await runCli(['--xsd', entry, '--out', path.join(cwd, 'one'), '--package-name', 'notes', '--quiet'], path.join(cwd, 'a', 'deeper'));
  const second = await runCli(['--xsd', 'build/schemas/note.xsd', '--out', 'two', '--package-name', 'notes', '--quiet'], cwd);
  t.is(first.code, 0, first.stderr);
  t.is(second.code, 0, second.stderr);
  t.deepEqual(snapshot(path.join(cwd, 'one')), snapshot(path.join(cwd, 'two')));
  const types = readFileSync(path.join(cwd, 'one', 'src', 'types.ts'), 'utf8');
  t.true(types.includes('note.xsd'), 'the schema is named');
  t.false(types.includes(cwd), 'no absolute path');
  t.false(/\.\.\/|build\/schemas/.test(types), 'no path relative to a working directory');
  const check = await runCli(['--check', '--xsd', '../../build/schemas/note.xsd', '--out', '../../one', '--package-name', 'notes'], path.join(cwd, 'build', 'schemas'));
  t.is(check.code, 0, check.stderr);
});

test('allowOutsideIncludes in the config file lets one package follow an include outside its schemas folder; the other is refused', async (t) => {
  const cwd = project(t, { packages: [{ xsd: ['schemas/note.xsd'], out: '../packages/notes', allowOutsideIncludes: true }] });
  writeFileSync(path.join(cwd, 'build', 'common.xsd'), NOTE.replace('<xs:element name="note" type="NoteType"/>', ''));
  writeFileSync(path.join(cwd, 'build', 'schemas', 'note.xsd'), schema('  <xs:include schemaLocation="../common.xsd"/>\n  <xs:element name="note" type="NoteType"/>'));
  const allowed = await runCli(['--quiet'], path.join(cwd, 'build'));
  t.deepEqual([allowed.code, allowed.stderr], [0, '']);
  writeFileSync(path.join(cwd, 'build', CONFIG_FILE_NAME), JSON.stringify({ packages: [{ xsd: ['schemas/note.xsd'], out: '../packages/notes' }] }));
  const refused = await runCli(['--quiet'], path.join(cwd, 'build'));
  t.is(refused.code, 1);
  t.regex(refused.stderr, /^error: schemas\/note\.xsd:3:3 \(xs:schema\/xs:include\): the schema "\.\.\/common\.xsd" it includes is outside the entry schema's folder: .*\n {2}fix: .*allowOutsideIncludes: true in the config file/);
});
