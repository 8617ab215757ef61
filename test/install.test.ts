/**
 * plesk-codegen as a user meets it: the tarball `npm pack` makes of this checkout is installed as a
 * devDependency into a fresh project in the temp folder (a git repository, as a user's project
 * is), and everything runs from there: `npx plesk-codegen --help`; a config file with two packages
 * (Plesk's whole API from ../shared/plesk-xsd, and Plesk's backup.xsd alone); generate; --check
 * fresh, then stale after a schema edit; the packages used as npm workspaces and as `file:`
 * dependencies, each after a fresh clone of the project (so nothing built is carried over), and as
 * a tarball of their own; from ESM, CommonJS require(), and TypeScript --strict under module
 * nodenext (ESM and CommonJS files) and moduleResolution bundler.
 *
 * Needs the npm registry (the generator's dependencies, typescript, @types/node; served from npm's
 * cache when they are there) and git; fails saying so when the registry is unreachable.
 */
import test, { type ExecutionContext } from 'ava';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { npm, run, runStatus } from './helpers/npm.js';
import { ROOT, sharedDir } from './helpers/project.js';

const typescriptVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string }).version;
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'user-project');
const USES = ['use.mjs', 'use.cjs', 'use.ts', 'use-cjs.cts'];

const work = mkdtempSync(path.join(os.tmpdir(), 'plesk-codegen-install-'));
const app = path.join(work, 'billing');
let tarball = '';
let shipped: string[] = [];

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
const git = (args: string[], cwd: string) => run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], cwd);
const npx = (args: string[], cwd: string) => runStatus('npx', ['--no-install', 'plesk-codegen', ...args], cwd);

test.before(async () => {
  const plesk = sharedDir('plesk-xsd');
  const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', work], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(work, packed!.filename);
  shipped = packed!.files.map((f) => f.path).sort();

  mkdirSync(app);
  await git(['init', '-q'], app);
  writeJson(path.join(app, 'package.json'), { name: 'billing', version: '1.0.0', private: true, type: 'module', scripts: { prebuild: 'plesk-codegen generate' } });
  writeFileSync(path.join(app, '.gitignore'), 'node_modules/\nout/\n');
  await npm(['install', '--save-dev', tarball, `typescript@${typescriptVersion}`, '@types/node@20'], app);
  cpSync(plesk, path.join(app, 'schemas', 'plesk'), { recursive: true });
  writeJson(path.join(app, 'plesk-codegen.config.json'), {
    $schema: './node_modules/plesk-codegen/config.schema.json',
    packages: [
      { xsd: ['schemas/plesk/agent_input.xsd', 'schemas/plesk/agent_output.xsd'], out: 'packages/plesk-api', packageName: 'plesk-api', packageVersion: '1.0.0', protocolVersion: '1.6.6.0' },
      { xsd: ['schemas/plesk/backup.xsd'], out: 'packages/plesk-backup' },
    ],
  });
  for (const file of USES) writeFileSync(path.join(app, file), readFileSync(path.join(FIXTURES, file)));
  writeJson(path.join(app, 'tsconfig.json'), { compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, types: ['node'], outDir: 'out' }, files: ['use.ts', 'use-cjs.cts'] });
  writeJson(path.join(app, 'tsconfig.bundler.json'), { compilerOptions: { target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', strict: true, types: ['node'], noEmit: true }, files: ['use.ts'] });
});

test.after.always(() => rmSync(work, { recursive: true, force: true }));

test.serial('the tarball ships the compiled generator, the runtime sources, templates, schemas and the config schema, nothing else', (t) => {
  for (const file of ['bin/plesk-codegen.js', 'dist/generator/cli.js', 'dist/generator/api.js', 'dist/generator/api.d.ts', 'runtime/codec/decode.ts', 'runtime/client/client.ts', 'templates/README.md.hbs', 'templates/.gitignore.hbs', 'xsd/backup.xsd', 'config.schema.json', 'refine.schema.json', 'README.md', 'CHANGELOG.md', 'docs/architecture.md', 'LICENSE', 'package.json']) {
    t.true(shipped.includes(file), file);
  }
  const stray = shipped.filter((f) => !/^(bin\/|dist\/generator\/|dist\/runtime\/|runtime\/|templates\/|xsd\/)/.test(f) && !f.startsWith('docs/') && !['config.schema.json', 'refine.schema.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json'].includes(f));
  t.deepEqual(stray, [], 'no tests, CI files, examples or TypeScript sources of the generator');
  t.false(shipped.some((f) => f.startsWith('generator/')));
  const manifest = json(path.join(ROOT, 'package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  t.deepEqual(Object.keys(manifest.dependencies).sort(), ['fast-xml-parser', 'handlebars', 'ts-morph', 'yargs']);
  t.false('tsx' in manifest.dependencies, 'no tsx at run time');
});

test.serial('installed as a devDependency, npx plesk-codegen runs the compiled JavaScript: --help, --version', async (t) => {
  const installed = path.join(app, 'node_modules', 'plesk-codegen');
  t.false(existsSync(path.join(installed, 'generator')), 'no TypeScript sources installed');
  t.false(existsSync(path.join(installed, 'node_modules', 'tsx')) || existsSync(path.join(app, 'node_modules', 'tsx')), 'tsx is not installed');
  const help = await npx(['--help'], app);
  t.is(help.code, 0, help.stderr);
  t.regex(help.stdout, /--config\s+the config file/);
  const examples = help.stdout.slice(help.stdout.indexOf('Examples:'));
  t.true(examples.includes('rpc/agent_output.xsd --out plesk-api') && examples.includes('--package-name plesk-api\n'), "the whole-API example names the package");
  const version = await npx(['--version'], app);
  t.is(version.stdout, `${json(path.join(ROOT, 'package.json')).version}\n`);
});

test.serial('npx plesk-codegen generate writes both packages of the config file; --check is fresh, then stale after a schema edit', async (t) => {
  const generate = await npx(['generate'], app);
  t.is(generate.code, 0, generate.stderr);
  t.regex(generate.stderr, /^plesk-codegen\.config\.json: 2 packages\nplesk-api: read 72 schemas\nplesk-api: refined \d+ elements .*\nemitted \d+ files .* into packages\/plesk-api\nplesk-backup: read \d+ schemas\nplesk-backup: refined \d+ elements .*\nnotice: backup\.xsd declares no Plesk packet envelope .*\n  \{ "xsd": \["schemas\/plesk\/agent_input\.xsd", "schemas\/plesk\/agent_output\.xsd"\], "operators": \["backup-manager"\], .*\n\(on the command line: .*\)\nemitted \d+ files .* into packages\/plesk-backup\n$/);
  for (const pkg of ['plesk-api', 'plesk-backup']) {
    t.true(readFileSync(path.join(app, 'packages', pkg, '.gitignore'), 'utf8').includes('\nnode_modules/\ndist/\n'), `${pkg}/.gitignore`);
    const manifest = json(path.join(app, 'packages', pkg, 'package.json')) as { exports: Record<string, Record<string, string>>; scripts: Record<string, string> };
    t.deepEqual(manifest.exports['.'], { types: './dist/index.d.ts', default: './dist/index.js' }, 'one ES module build, for import and for require()');
    t.is(manifest.scripts.prepare, 'npm run build', 'built when installed from a folder or a workspace');
  }
  t.true(readFileSync(path.join(app, 'packages', 'plesk-api', 'src', 'client.ts'), 'utf8').includes('Source schemas: agent_input.xsd, agent_output.xsd'), 'paths relative to the schemas, not to the project');
  t.regex(readFileSync(path.join(app, 'packages', 'plesk-api', 'src', 'protocol-version.ts'), 'utf8'), /^export const PROTOCOL_VERSION = '1\.6\.6\.0';$/m, "the config's protocolVersion");

  t.is((await npx(['--check'], app)).code, 0);
  const dns = path.join(app, 'schemas', 'plesk', 'dns_input.xsd'); // in the whole API only
  const original = readFileSync(dns, 'utf8');
  writeFileSync(dns, original.replace('</xs:schema>', '<xs:complexType name="AddedByTheTestType"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType>\n</xs:schema>'));
  const stale = await npx(['--check'], app);
  writeFileSync(dns, original);
  t.is(stale.code, 1);
  t.regex(stale.stderr, /packages\/plesk-api is stale: \d+ files differ from what the schemas generate:\n(?: {2}\S+ \(differs\)\n)+/);
  t.regex(stale.stderr, /checked \d+ files: packages\/plesk-backup is up to date/);
  t.is((await npx(['--check'], app)).code, 0, 'fresh again once the edit is undone');
});

/** Builds the project the way its README says after a fresh clone, and runs every use of the packages. */
async function cloneInstallAndUse(t: ExecutionContext, name: string): Promise<string> {
  await git(['add', '-A'], app);
  await git(['commit', '-qm', name], app);
  const clone = path.join(work, `clone-${name}`);
  await git(['clone', '-q', app, clone], work);
  const tracked = (await git(['ls-files'], clone)).split('\n');
  t.false(tracked.some((f) => /(^|\/)(node_modules|dist)\//.test(f)), 'no node_modules/ or dist/ committed');
  t.true(tracked.includes('packages/plesk-api/src/client.ts'), 'the generated sources are committed');
  t.false(existsSync(path.join(clone, 'packages', 'plesk-api', 'dist')));
  await npm(['install'], clone);
  t.true(existsSync(path.join(clone, 'packages', 'plesk-api', 'dist', 'index.js')), 'npm install built the package (its prepare script)');
  await run(process.execPath, [path.join(clone, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], clone);
  await run(process.execPath, [path.join(clone, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.bundler.json'], clone);
  const outputs = await Promise.all([['use.mjs'], ['use.cjs'], ['out/use.js'], ['out/use-cjs.cjs']].map((args) => run(process.execPath, args, clone)));
  const first = JSON.parse(outputs[0]!) as { request: string; system: { errcode: number }; client: string; decoded: string };
  t.true(first.request.includes('<packet><customer><get><filter><login>jdoe</login></filter><dataset><gen_info/></dataset></get></customer></packet>'));
  t.deepEqual([first.system.errcode, first.client, first.decoded], [1001, 'function', 'ok']);
  t.deepEqual(outputs.slice(1), [outputs[0], outputs[0], outputs[0]], 'ESM, CommonJS, TypeScript ESM and CommonJS agree');
  return clone;
}

test.serial('as npm workspaces, after a fresh clone: npm install builds the packages; ESM, require(), tsc nodenext and bundler use them', async (t) => {
  const manifest = json(path.join(app, 'package.json'));
  writeJson(path.join(app, 'package.json'), { ...manifest, workspaces: ['packages/*'], dependencies: { 'plesk-api': '1.0.0', 'plesk-backup': '0.1.0' } });
  await cloneInstallAndUse(t, 'workspaces');
});

test.serial('as file: dependencies, after a fresh clone: the same, with nothing built by hand', async (t) => {
  const { workspaces: _, ...manifest } = json(path.join(app, 'package.json'));
  writeJson(path.join(app, 'package.json'), { ...manifest, dependencies: { 'plesk-api': 'file:./packages/plesk-api', 'plesk-backup': 'file:./packages/plesk-backup' } });
  rmSync(path.join(app, 'package-lock.json'), { force: true });
  await cloneInstallAndUse(t, 'file-dependencies');
});

test.serial("as a tarball of the generated package (npm pack), installed into another project", async (t) => {
  const source = path.join(work, 'clone-file-dependencies', 'packages', 'plesk-backup');
  const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', work], source)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  t.false(packed!.files.some((f) => f.path.startsWith('src/') || f.path === '.gitignore'), 'only dist/, README.md and package.json');
  const other = path.join(work, 'other');
  mkdirSync(other);
  writeJson(path.join(other, 'package.json'), { name: 'other', private: true });
  await npm(['install', path.join(work, packed!.filename)], other);
  const script = "const { encodeType, decodeType } = require('plesk-backup'); const xml = encodeType('ResultType', 'result', { status: 'ok' }); console.log(decodeType('ResultType', 'result', xml).status);";
  t.is(await run(process.execPath, ['-e', script], other), 'ok\n', 'require() from a CommonJS project');
  t.is(await run(process.execPath, ['--input-type=module', '-e', script.replace("const { encodeType, decodeType } = require('plesk-backup');", "import { encodeType, decodeType } from 'plesk-backup';")], other), 'ok\n', 'import');
});
