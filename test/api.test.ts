/**
 * The programmatic API (`import { generate } from 'plesk-codegen'`), from the sources: the report
 * of a write and of a re-run, `check`, `generateFromConfig`, typed errors (a schema error with its
 * file, line, column and fix; wrong options named by key), and that importing it runs nothing.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, generate, generateFromConfig, SchemaError } from '../generator/api.js';
import { tempDir } from './helpers/cli.js';
import { ROOT } from './helpers/project.js';

const schema = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
const NOTE = schema('  <xs:element name="note" type="NoteType"/>\n  <xs:complexType name="NoteType">\n    <xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence>\n  </xs:complexType>');

function folder(t: { teardown: (f: () => void) => void }): string {
  const cwd = tempDir('api');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(path.join(cwd, 'schemas'));
  writeFileSync(path.join(cwd, 'schemas', 'note.xsd'), NOTE);
  return cwd;
}

test('generate() writes and reports written, unchanged and removed files; check reports the stale ones and writes nothing', async (t) => {
  const cwd = folder(t);
  const first = await generate({ xsd: 'schemas/note.xsd', out: 'notes', cwd });
  t.is(first.packageName, 'notes');
  t.is(first.out, path.join(cwd, 'notes'));
  t.deepEqual(first.written, first.files);
  t.deepEqual([first.unchanged, first.removed, first.stale], [[], [], []]);
  t.true(first.files.includes('src/types.ts') && first.files.includes('package.json') && first.files.includes('.gitignore'));

  const again = await generate({ xsd: ['schemas/note.xsd'], out: 'notes', cwd });
  t.deepEqual(again.written, []);
  t.deepEqual(again.unchanged, first.files);

  t.deepEqual((await generate({ xsd: 'schemas/note.xsd', out: 'notes', cwd, check: true })).stale, []);
  appendFileSync(path.join(cwd, 'notes', 'src', 'types.ts'), '// edited\n');
  const stale = await generate({ xsd: 'schemas/note.xsd', out: 'notes', cwd, check: true });
  t.deepEqual(stale.stale, [{ path: 'src/types.ts', reason: 'differs' }]);
  t.deepEqual([stale.written, stale.unchanged], [[], []]);
});

test('generateFromConfig() generates every package of the file, one report each', async (t) => {
  const cwd = folder(t);
  writeFileSync(path.join(cwd, 'plesk-codegen.config.json'), JSON.stringify({ packages: [{ xsd: ['schemas/note.xsd'], out: 'a' }, { xsd: ['schemas/note.xsd'], out: 'b', packageName: '@x/b' }] }));
  const reports = await generateFromConfig({ cwd });
  t.deepEqual(reports.map((r) => [r.packageName, path.basename(r.out), r.written.length > 0]), [['a', 'a', true], ['@x/b', 'b', true]]);
  t.deepEqual((await generateFromConfig({ cwd, check: true })).map((r) => r.stale), [[], []]);
  await t.throwsAsync(generateFromConfig({ cwd: path.join(cwd, 'schemas') }), { instanceOf: ConfigError, message: /no plesk-codegen\.config\.json in/ });
});

test('a schema error rejects with a typed SchemaError: absolute file, line, column, element path and fix; nothing is written', async (t) => {
  const cwd = folder(t);
  writeFileSync(path.join(cwd, 'schemas', 'bad.xsd'), schema('  <xs:element name="note" type="MissingType"/>'));
  const error = await t.throwsAsync(generate({ xsd: 'schemas/bad.xsd', out: 'bad', cwd }), { instanceOf: SchemaError });
  t.is(error.code, 'unknown-type');
  t.is(error.file, path.join(cwd, 'schemas', 'bad.xsd'));
  t.is(error.line, 3);
  t.is(typeof error.column, 'number');
  t.regex(error.location.path ?? '', /xs:element\[@name=note\]/);
  t.truthy(error.fix);
  t.true(error.message.startsWith(`${path.join(cwd, 'schemas', 'bad.xsd')}:3:`), error.message);
  t.deepEqual(readdirSync(cwd).sort(), ['schemas']);
});

test('wrong options reject with a ConfigError naming the option and the fix', async (t) => {
  const cwd = folder(t);
  const cases: Array<[Parameters<typeof generate>[0], string, RegExp]> = [
    [{ xsd: [], out: 'x', cwd }, 'xsd', /needs the path of at least one entry schema/],
    [{ xsd: 'schemas/none.xsd', out: 'x', cwd }, 'xsd', /no such file/],
    [{ xsd: 'schemas/note.xsd', out: '', cwd }, 'out', /needs the folder/],
    [{ xsd: 'schemas/note.xsd', out: 'x', packageName: 'Bad Name', cwd }, 'packageName', /not a valid npm package name/],
    [{ xsd: 'schemas/note.xsd', out: 'x', packageVersion: 'latest', cwd }, 'packageVersion', /not a semantic version/],
  ];
  for (const [options, key, problem] of cases) {
    const error = await t.throwsAsync(generate(options), { instanceOf: ConfigError });
    t.is(error.key, key);
    t.regex(error.problem, problem);
    t.truthy(error.fix);
  }
  t.deepEqual(readdirSync(cwd), ['schemas']);
});

test('importing the API runs nothing: no output, no file, the process ends at once', async (t) => {
  const cwd = tempDir('api-import');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const script = `const api = await import(${JSON.stringify(path.join(ROOT, 'generator', 'api.ts'))}); console.log(Object.keys(api).sort().join(','));`;
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
    execFile(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => (error ? reject(error) : resolve({ stdout, stderr }))),
  );
  t.is(stderr, '');
  t.is(stdout, 'CONFIG_FILE_NAME,ConfigError,OutputError,RefinementError,SchemaError,generate,generateFromConfig\n');
  t.deepEqual(readdirSync(cwd), []);
});

test('allowOutsideIncludes: an include outside the entry schema\'s folder rejects with an include-outside SchemaError unless the option is true', async (t) => {
  const cwd = folder(t);
  writeFileSync(path.join(cwd, 'common.xsd'), NOTE.replace('<xs:element name="note" type="NoteType"/>', ''));
  writeFileSync(path.join(cwd, 'schemas', 'main.xsd'), schema('  <xs:include schemaLocation="../common.xsd"/>\n  <xs:element name="note" type="NoteType"/>'));
  const error = await t.throwsAsync(generate({ xsd: 'schemas/main.xsd', out: 'notes', cwd }), { instanceOf: SchemaError });
  t.is(error.code, 'include-outside');
  t.is(error.line, 3);
  t.false(readdirSync(cwd).includes('notes'));
  const report = await generate({ xsd: 'schemas/main.xsd', out: 'notes', cwd, allowOutsideIncludes: true });
  t.deepEqual([report.written.length > 0, report.warnings], [true, []]);
  await t.throwsAsync(generate({ xsd: 'schemas/main.xsd', out: 'notes', cwd, allowOutsideIncludes: 'yes' as unknown as boolean }), { instanceOf: ConfigError, message: /^allowOutsideIncludes: must be true or false\n/ });
});
