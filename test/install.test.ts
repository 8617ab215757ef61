/**
 * plesk-codegen and the packages it generates, as users install them. Each is packed once and
 * installed once per run, and the serial steps below share those installs:
 *
 * - the generator: the tarball `npm pack` makes of this checkout (packed once per run for this
 *   file and backup-workflow-project.test.ts: helpers/packed-checkout.ts), installed as a devDependency
 *   into a fresh project in the temp folder (a git repository, as a user's project is), without
 *   TypeScript; from there `npx plesk-codegen --help`, a config file with two packages (Plesk's
 *   whole API from ../shared/plesk-xsd, and Plesk's backup.xsd alone), generate, --check fresh,
 *   then stale after a schema edit;
 * - the generated packages as npm workspaces and as `file:` dependencies, each after a fresh clone
 *   of the project: npm install links them with no install-script warning and writes nothing
 *   into them (nothing is compiled: dist/ was written by the generator and is committed);
 * - the generated packages packed (the whole API, backup.xsd's, and generated/ as committed) and
 *   installed with `npm install --ignore-scripts` into one fresh project that has no TypeScript:
 *   used from ESM, CommonJS require(), and TypeScript --strict (module nodenext, ESM and CommonJS
 *   files, and moduleResolution bundler, with the checkout's tsc); generated/ encodes and decodes
 *   as the checkout's own copy does; its ./testing entry runs a user's node:test test to the end.
 *
 * Needs the npm registry (the generator's dependencies; served from npm's cache when they are
 * there) and git; fails saying so when the registry is unreachable.
 */
import test, { type ExecutionContext } from 'ava';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MANIFEST, readManifest } from '../generator/manifest.js';
import { TSC } from './helpers/compiled-like-tsc.js';
import { cleanEnv, npm, npmOutputs, run, runOutputs, runStatus } from './helpers/npm.js';
import { packedCheckout } from './helpers/packed-checkout.js';
import { ROOT, sharedDir } from './helpers/project.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const USES = ['use.mjs', 'use.cjs', 'use.ts', 'use-cjs.cts'];
const GENERATED = path.join(ROOT, 'generated');
const generatedName = (JSON.parse(readFileSync(path.join(GENERATED, 'package.json'), 'utf8')) as { name: string }).name;
/** TypeScript's settings for a user's files, with the checkout's @types/node (the projects have no TypeScript of their own). */
const TYPE_ROOTS = [path.join(ROOT, 'node_modules', '@types')];

const work = mkdtempSync(path.join(os.tmpdir(), 'plesk-codegen-install-'));
const app = path.join(work, 'billing');
const consumer = path.join(work, 'consumer');
let shipped: string[] = [];

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
const git = (args: string[], cwd: string) => run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], cwd);
const npx = (args: string[], cwd: string) => runStatus('npx', ['--no-install', 'plesk-codegen', ...args], cwd);
const tsc = (args: string[], cwd: string) => run(process.execPath, [TSC, ...args], cwd);
const pack = async (dir: string) => (JSON.parse(await npm(['pack', '--json', '--pack-destination', work], dir)) as Array<{ filename: string; files: Array<{ path: string }> }>)[0]!;

/**
 * The tsconfig files of a user's project: module nodenext (emitting to out/) and moduleResolution
 * bundler (checking only), the second with `types: []` (TypeScript 7's default: no global types):
 * the package's entries reference Node's types themselves.
 */
function writeTsconfigs(dir: string, files: string[]): void {
  writeJson(path.join(dir, 'tsconfig.json'), { compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, types: ['node'], typeRoots: TYPE_ROOTS, outDir: 'out' }, files });
  writeJson(path.join(dir, 'tsconfig.bundler.json'), { compilerOptions: { target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', strict: true, types: [], typeRoots: TYPE_ROOTS, noEmit: true }, files: ['use.ts'] });
}

/**
 * The packages npm warned about for their install scripts (npm 11: "npm warn install-scripts
 * <name>@<version> (<script>: …)"). The generator, installed from its tarball, may be among them
 * (its own `prepare`, which npm does not run for a tarball); a generated package never.
 */
const warnedAbout = (stderr: string) => [...stderr.matchAll(/^npm warn install-scripts\s+(\S+)@\S+ \(/gm)].map((m) => m[1]!).filter((name) => name !== 'plesk-codegen');

test.before(async () => {
  const plesk = sharedDir('plesk-xsd');
  const packed = await packedCheckout();
  shipped = packed.files;
  mkdirSync(app);
  await git(['init', '-q'], app);
  writeJson(path.join(app, 'package.json'), { name: 'billing', version: '1.0.0', private: true, type: 'module', scripts: { prebuild: 'plesk-codegen generate' } });
  writeFileSync(path.join(app, '.gitignore'), 'node_modules/\nout/\n');
  await npm(['install', '--save-dev', packed.tarball], app);
  cpSync(plesk, path.join(app, 'schemas', 'plesk'), { recursive: true });
  writeJson(path.join(app, 'plesk-codegen.config.json'), {
    $schema: './node_modules/plesk-codegen/config.schema.json',
    packages: [
      { xsd: ['schemas/plesk/agent_input.xsd', 'schemas/plesk/agent_output.xsd'], out: 'packages/plesk-api', packageName: 'plesk-api', packageVersion: '1.0.0', protocolVersion: '1.6.6.0' },
      { xsd: ['schemas/plesk/backup.xsd'], out: 'packages/plesk-backup' },
    ],
  });
  for (const file of USES) copyFileSync(path.join(FIXTURES, 'user-project', file), path.join(app, file));
  writeTsconfigs(app, ['use.ts', 'use-cjs.cts']);
});

test.after.always(() => rmSync(work, { recursive: true, force: true }));

test.serial('the tarball ships the compiled generator, the runtime sources, templates, schemas and the config schema, nothing else', (t) => {
  for (const file of ['bin/plesk-codegen.js', 'dist/generator/cli.js', 'dist/generator/api.js', 'dist/generator/api.d.ts', 'dist/generator/compile/compile-package.js', 'runtime/codec/decode.ts', 'runtime/client/client.ts', 'templates/README.md.hbs', 'templates/.gitignore.hbs', 'xsd/backup.xsd', 'config.schema.json', 'refine.schema.json', 'README.md', 'CHANGELOG.md', 'docs/architecture.md', 'LICENSE', 'package.json']) {
    t.true(shipped.includes(file), file);
  }
  const stray = shipped.filter((f) => !/^(bin\/|dist\/generator\/|dist\/runtime\/|runtime\/|templates\/|xsd\/)/.test(f) && !f.startsWith('docs/') && !['config.schema.json', 'refine.schema.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json'].includes(f));
  t.deepEqual(stray, [], 'no tests, CI files, examples or TypeScript sources of the generator');
  t.false(shipped.some((f) => f.startsWith('generator/')));
  const manifest = json(path.join(ROOT, 'package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  t.deepEqual(Object.keys(manifest.dependencies).sort(), ['fast-xml-parser', 'handlebars', 'ts-morph', 'yargs'], 'the TypeScript that compiles the packages is the one ts-morph brings');
  t.false('tsx' in manifest.dependencies, 'no tsx at run time');
});

test.serial('installed as a devDependency, npx plesk-codegen runs the compiled JavaScript: --help, --version', async (t) => {
  const installed = path.join(app, 'node_modules', 'plesk-codegen');
  t.false(existsSync(path.join(installed, 'generator')), 'no TypeScript sources installed');
  t.false(existsSync(path.join(installed, 'node_modules', 'tsx')) || existsSync(path.join(app, 'node_modules', 'tsx')), 'tsx is not installed');
  t.false(existsSync(path.join(app, 'node_modules', 'typescript')), 'the project has no TypeScript of its own');
  const help = await npx(['--help'], app);
  t.is(help.code, 0, help.stderr);
  t.regex(help.stdout, /--config\s+the config file/);
  const examples = help.stdout.slice(help.stdout.indexOf('Examples:'));
  t.true(examples.includes('rpc/agent_output.xsd --out plesk-api') && examples.includes('--package-name plesk-api\n'), 'the whole-API example names the package');
  const version = await npx(['--version'], app);
  t.is(version.stdout, `${json(path.join(ROOT, 'package.json')).version}\n`);
});

test.serial("the installed generator (its runtime compiled when it was packed) generates exactly the checkout's generated/, dist/ included", async (t) => {
  t.true(shipped.includes('dist/generator/runtime-compiled.json'), 'the compiled runtime ships');
  const check = await npx(['--check', '--config', path.join(ROOT, 'plesk-codegen.config.json')], app);
  t.is(check.code, 0, check.stderr);
  t.regex(check.stderr, /checked \d+ files: \S*generated is up to date/);
});

test.serial('npx plesk-codegen generate writes both packages of the config file, compiled; --check is fresh, then stale after a schema edit', async (t) => {
  const generate = await npx(['generate'], app);
  t.is(generate.code, 0, generate.stderr);
  t.regex(generate.stderr, /^plesk-codegen\.config\.json: 2 packages\nplesk-api: read 72 schemas\nplesk-api: refined \d+ elements .*\nemitted \d+ files .* into packages\/plesk-api\nplesk-backup: read \d+ schemas\nplesk-backup: refined \d+ elements .*\nnotice: backup\.xsd declares no Plesk packet envelope .*\n  \{ "xsd": \["schemas\/plesk\/agent_input\.xsd", "schemas\/plesk\/agent_output\.xsd"\], "operators": \["backup-manager"\], .*\n\(on the command line: .*\)\nemitted \d+ files .* into packages\/plesk-backup\n$/);
  for (const pkg of ['plesk-api', 'plesk-backup']) {
    const dir = path.join(app, 'packages', pkg);
    t.is(readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')).join(' '), 'node_modules/ *.tgz', `${pkg}/.gitignore: dist/ is committed`);
    const manifest = json(path.join(dir, 'package.json')) as { exports: Record<string, Record<string, string>>; scripts?: unknown; devDependencies?: unknown; files: string[] };
    t.deepEqual(manifest.exports['.'], { types: './dist/index.d.ts', default: './dist/index.js' }, 'one ES module build, for import and for require()');
    t.is(manifest.scripts, undefined, 'no prepare or build script: nothing to run on install');
    t.is(manifest.devDependencies, undefined, 'no TypeScript to install');
    // the whole API has a client, and so its command (bin/); backup.xsd alone has codecs only
    t.deepEqual(manifest.files, pkg === 'plesk-api' ? ['bin', 'dist', 'src', 'README.md'] : ['dist', 'src', 'README.md']);
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'dist/runtime/codec/decode.js']) t.true(readManifest(dir).includes(file), `${pkg}: ${file} is a generated file`);
  }
  t.true(readFileSync(path.join(app, 'packages', 'plesk-api', 'src', 'client.ts'), 'utf8').includes('Source schemas: agent_input.xsd, agent_output.xsd'), 'paths relative to the schemas, not to the project');
  t.regex(readFileSync(path.join(app, 'packages', 'plesk-api', 'src', 'protocol-version.ts'), 'utf8'), /^export const PROTOCOL_VERSION = '1\.6\.6\.0';$/m, "the config's protocolVersion");
  t.regex(readFileSync(path.join(app, 'packages', 'plesk-api', 'dist', 'protocol-version.js'), 'utf8'), /^export const PROTOCOL_VERSION = '1\.6\.6\.0';$/m, 'and its JavaScript');

  const fresh = await npx(['--check'], app);
  t.is(fresh.code, 0, fresh.stderr);
  t.regex(fresh.stderr, /checked \d+ files: packages\/plesk-backup is up to date/);
  // a schema edit (in the whole API only), and a compiled file of the other package deleted
  const dns = path.join(app, 'schemas', 'plesk', 'dns_input.xsd');
  const original = readFileSync(dns, 'utf8');
  writeFileSync(dns, original.replace('</xs:schema>', '<xs:complexType name="AddedByTheTestType"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType>\n</xs:schema>'));
  const removed = path.join(app, 'packages', 'plesk-backup', 'dist', 'codecs.js');
  const codecs = readFileSync(removed, 'utf8');
  rmSync(removed);
  const stale = await npx(['--check'], app);
  writeFileSync(dns, original);
  writeFileSync(removed, codecs);
  t.is(stale.code, 1);
  t.regex(stale.stderr, /packages\/plesk-api is stale: \d+ files differ from what the schemas generate:\n(?: {2}\S+ \(differs\)\n)+/);
  t.true(stale.stderr.includes('  dist/types.d.ts (differs)\n'), 'the compiled files are checked too');
  t.true(stale.stderr.includes('packages/plesk-backup is stale: 1 file differs from what the schemas generate:\n  dist/codecs.js (missing)\n'), stale.stderr);
  t.is((await npx(['--check'], app)).code, 0, 'fresh again once the edits are undone');
});

/**
 * The project after a fresh clone, installed: npm install links the packages and writes nothing
 * into them (the clone stays clean), with no install-script warning; then every use of the
 * packages runs, ESM, CommonJS and TypeScript, and they agree. The install omits the project's
 * devDependencies (the generator, whose install the steps above cover): the generated packages are
 * its dependencies. tsc skips checking the packages' declarations here: the same bytes are
 * checked, library checking on, in the consumer project below.
 */
async function cloneInstallAndUse(t: ExecutionContext, name: string): Promise<void> {
  await git(['add', '-A'], app);
  await git(['commit', '-qm', name], app);
  const clone = path.join(work, `clone-${name}`);
  await git(['clone', '-q', app, clone], work);
  const tracked = (await git(['ls-files'], clone)).split('\n');
  t.false(tracked.some((f) => /(^|\/)node_modules\//.test(f)), 'no node_modules/ committed');
  for (const file of ['packages/plesk-api/src/client.ts', 'packages/plesk-api/dist/client.js', 'packages/plesk-api/dist/client.d.ts', 'packages/plesk-backup/dist/index.js']) t.true(tracked.includes(file), `${file} is committed`);
  const { stderr } = await npmOutputs(['install', '--omit=dev'], clone);
  t.deepEqual(warnedAbout(stderr), [], 'npm warns about no install script of the generated packages');
  t.is(await git(['status', '--porcelain', '--', 'packages'], clone), '', 'npm install wrote nothing into the packages: nothing was compiled');
  await tsc(['-p', 'tsconfig.json', '--skipLibCheck'], clone);
  await tsc(['-p', 'tsconfig.bundler.json', '--skipLibCheck'], clone);
  const outputs = await Promise.all([['use.mjs'], ['use.cjs'], ['out/use.js'], ['out/use-cjs.cjs']].map((args) => run(process.execPath, args, clone)));
  const first = JSON.parse(outputs[0]!) as { request: string; system: { errcode: number }; client: string; decoded: string };
  t.true(first.request.includes('<packet><customer><get><filter><login>jdoe</login></filter><dataset><gen_info/></dataset></get></customer></packet>'));
  t.deepEqual([first.system.errcode, first.client, first.decoded], [1001, 'function', 'ok']);
  t.deepEqual(outputs.slice(1), [outputs[0], outputs[0], outputs[0]], 'ESM, CommonJS, TypeScript ESM and CommonJS agree');
}

test.serial('as npm workspaces, after a fresh clone: npm install links the packages ready to use; ESM, require(), tsc nodenext and bundler use them', async (t) => {
  t.timeout(5 * 60_000);
  const manifest = json(path.join(app, 'package.json'));
  writeJson(path.join(app, 'package.json'), { ...manifest, workspaces: ['packages/*'], dependencies: { 'plesk-api': '1.0.0', 'plesk-backup': '0.1.0' } });
  await cloneInstallAndUse(t, 'workspaces');
});

test.serial('as file: dependencies, after a fresh clone: the same', async (t) => {
  t.timeout(5 * 60_000);
  const { workspaces: _, ...manifest } = json(path.join(app, 'package.json'));
  writeJson(path.join(app, 'package.json'), { ...manifest, dependencies: { 'plesk-api': 'file:./packages/plesk-api', 'plesk-backup': 'file:./packages/plesk-backup' } });
  rmSync(path.join(app, 'package-lock.json'), { force: true });
  await cloneInstallAndUse(t, 'file-dependencies');
});

test.serial('packed, the whole API, backup.xsd\'s package and generated/ as committed hold dist/, src/, README.md and package.json, and install with --ignore-scripts, installing nothing else', async (t) => {
  t.timeout(5 * 60_000);
  // generated/ as committed: the files the generator wrote there, nothing built
  const committed = path.join(work, 'generated');
  const generatedFiles = readManifest(GENERATED);
  for (const rel of [...generatedFiles, MANIFEST]) {
    mkdirSync(path.dirname(path.join(committed, rel)), { recursive: true });
    copyFileSync(path.join(GENERATED, rel), path.join(committed, rel));
  }
  const tarballs: string[] = [];
  for (const dir of [path.join(app, 'packages', 'plesk-api'), path.join(app, 'packages', 'plesk-backup'), committed]) {
    const packed = await pack(dir);
    const expected = ['README.md', 'package.json', ...readManifest(dir).filter((f) => /^(bin|dist|src)\//.test(f))].sort();
    t.deepEqual(packed.files.map((f) => f.path).sort(), expected, `${path.basename(dir)}: the compiled package, its sources and its command (bin/), no tsconfig.json, .gitignore or manifest`);
    if (readManifest(dir).includes('src/client.ts')) t.true(expected.some((f) => f.startsWith('bin/')), `${path.basename(dir)}: a package with a client ships its command`);
    tarballs.push(path.join(work, packed.filename));
  }
  mkdirSync(consumer);
  writeJson(path.join(consumer, 'package.json'), { name: 'consumer', private: true, type: 'module' });
  const { stderr } = await npmOutputs(['install', '--ignore-scripts', ...tarballs], consumer);
  t.false(stderr.includes('install-scripts'), stderr);
  t.deepEqual(readdirSync(path.join(consumer, 'node_modules')).sort(), ['.bin', '.package-lock.json', generatedName.split('/')[0]!, 'plesk-api', 'plesk-backup'].sort(), 'no dependency, no TypeScript: nothing else is installed (.bin: the packages\' commands)');
  t.deepEqual(json(path.join(consumer, 'node_modules', ...generatedName.split('/'), 'package.json')).dependencies, {}, 'the generated package, stub included, has no runtime dependency');
});

test.serial('the installed tarballs, from ESM, CommonJS require() and tsc --strict (nodenext ESM and CommonJS files, bundler), with the checkout\'s tsc', async (t) => {
  t.timeout(5 * 60_000);
  for (const file of USES) copyFileSync(path.join(FIXTURES, 'user-project', file), path.join(consumer, file));
  const named = (file: string) => readFileSync(path.join(FIXTURES, 'consumer', file), 'utf8').replaceAll('PACKAGE_NAME', generatedName);
  writeFileSync(path.join(consumer, 'consumer.mjs'), named('use.mjs'));
  writeFileSync(path.join(consumer, 'consumer.ts'), named('use.ts'));
  writeFileSync(path.join(consumer, 'stub.test.ts'), named('stub-test.ts'));
  copyFileSync(path.join(FIXTURES, 'get-tasks-info.server.response.xml'), path.join(consumer, 'response.xml'));
  writeTsconfigs(consumer, ['use.ts', 'use-cjs.cts', 'consumer.ts', 'stub.test.ts']);
  try {
    await tsc(['-p', 'tsconfig.json'], consumer);
    // the declarations again, without global types (TypeScript 7's default): the package brings Node's
    await tsc(['-p', 'tsconfig.bundler.json'], consumer);
  } catch (error) {
    return t.fail(`tsc --strict failed in the consumer project:\n${(error as Error).message}`);
  }
  const outputs = await Promise.all([['use.mjs'], ['use.cjs'], ['out/use.js'], ['out/use-cjs.cjs']].map((args) => run(process.execPath, args, consumer)));
  t.deepEqual([JSON.parse(outputs[0]!).client, JSON.parse(outputs[0]!).decoded], ['function', 'ok']);
  t.deepEqual(outputs.slice(1), [outputs[0], outputs[0], outputs[0]], 'ESM, CommonJS, TypeScript ESM and CommonJS agree');
});

test.serial('generated/, installed by name, encodes and decodes as the checkout\'s own copy does, from JavaScript and TypeScript --strict', async (t) => {
  const ours = await import('../generated/src/index.js');
  const request = ours.encodeRequestPacket({ operators: [{ backupManager: { operations: [{ getTasksInfo: { taskId: '7' } }] } }] });
  const response = JSON.parse(JSON.stringify(ours.decodeResponsePacket(readFileSync(path.join(consumer, 'response.xml'), 'utf8')), (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));
  t.true(request.includes('<get-tasks-info><task-id>7</task-id></get-tasks-info>'));
  const fromJs = JSON.parse(await run(process.execPath, ['consumer.mjs'], consumer));
  t.deepEqual(fromJs, { request, response, rejected: 'packet/nope', client: 'PleskClient: credentials are required: login and password, or secretKey' });
  const fromTs = JSON.parse(await run(process.execPath, [path.join('out', 'consumer.js')], consumer));
  const statuses = response.operators[0].backupManager.operations[0].getTasksInfo.result[0].task.map((task: { status: string }) => task.status);
  t.deepEqual(fromTs, { request, response, rejected: 'packet/nope', statuses, client: 'function' });
});

test.serial("the installed packages' commands from npx, with nothing else installed: help, a dry run, a read against the stub", async (t) => {
  t.deepEqual(readdirSync(path.join(consumer, 'node_modules', '.bin')).sort(), ['plesk-api', 'plesk-backup']);
  const help = await runStatus('npx', ['--no-install', 'plesk-backup', '--help'], consumer);
  t.is(help.code, 0, help.stderr);
  t.regex(help.stdout, /^plesk-backup: the operations of Plesk's XML API in @plesk-codegen\/backup-manager/);
  const dry = await runStatus('npx', ['--no-install', 'plesk-backup', 'backup-manager', 'backup-server', '--local', '--description', 'nightly', '--dry-run'], consumer);
  t.is(dry.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><backup-manager><backup-server><local/><description>nightly</description></backup-server></backup-manager></packet>\n');
  const { createPleskStub } = await import('../generated/src/testing.js');
  const stub = await createPleskStub({ handlers: { backupManager: { getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }) } } });
  t.teardown(() => stub.close());
  writeFileSync(path.join(consumer, 'stub.pem'), stub.ca!);
  const env = { ...cleanEnv, PLESK_HOST: stub.host, PLESK_PORT: String(stub.port), PLESK_LOGIN: stub.login, PLESK_PASSWORD: stub.password, PLESK_CA: 'stub.pem' };
  // (asynchronously: the stub answers from this process)
  t.is(await run('npx', ['--no-install', 'plesk-backup', 'backup-manager', 'get-supported-protocols', '-o', 'ndjson'], consumer, env), '"ftp"\n');
});

test.serial("generated/'s ./testing entry: a user's node:test test of their integration, compiled with tsc --strict, passes and ends on its own", async (t) => {
  t.true(existsSync(path.join(consumer, 'node_modules', ...generatedName.split('/'), 'dist', 'runtime', 'testing', 'certificate.js')));
  const { stdout } = await runOutputs(process.execPath, ['--test', '--test-reporter=tap', path.join('out', 'stub.test.js')], consumer, { timeoutMs: 120_000 });
  t.regex(stdout, /^# pass 3$/m, stdout);
  t.regex(stdout, /^# fail 0$/m);
});
