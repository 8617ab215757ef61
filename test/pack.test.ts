/**
 * The newcomer's path, end to end: generated/ as committed is installed and packed with its own
 * scripts (`npm install`, `npm pack`, which builds it), and the tarball is installed into a fresh
 * project outside this repository, which imports the package by name from plain JavaScript and
 * from TypeScript compiled with its own `tsc --strict`, and encodes and decodes a packet.
 * Needs the npm registry (typescript, @types/node); fails saying so when it is unreachable.
 */
import test from 'ava';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { readManifest } from '../generator/manifest.js';
import { npm, run } from './helpers/npm.js';
import { ROOT } from './helpers/project.js';

const GENERATED = path.join(ROOT, 'generated');
const pkg = JSON.parse(readFileSync(path.join(GENERATED, 'package.json'), 'utf8')) as { name: string; files: string[]; dependencies: Record<string, string> };
const typescriptVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string }).version;

/** The consumer sources in test/fixtures/consumer, with the package's name filled in. */
function consumerSource(name: string): string {
  return readFileSync(path.join(ROOT, 'test', 'fixtures', 'consumer', name), 'utf8').replaceAll('PACKAGE_NAME', pkg.name);
}

test('generated/ packs, installs by name into a fresh project, and encodes and decodes from JavaScript and TypeScript --strict', async (t) => {
  t.timeout(10 * 60_000);
  const work = mkdtempSync(path.join(os.tmpdir(), 'plesk-codegen-pack-'));
  t.teardown(() => rmSync(work, { recursive: true, force: true }));

  // the package as committed: the files the generator wrote (no dist/, no node_modules/)
  const source = path.join(work, 'package');
  const generatedFiles = readManifest(GENERATED);
  for (const rel of generatedFiles) {
    mkdirSync(path.dirname(path.join(source, rel)), { recursive: true });
    copyFileSync(path.join(GENERATED, rel), path.join(source, rel));
  }
  await npm(['install'], source);
  const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', work], source)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const shipped = packed!.files.map((f) => f.path).sort();
  const modules = generatedFiles.filter((f) => f.startsWith('src/') && f.endsWith('.ts')).map((f) => f.slice('src/'.length, -'.ts'.length));
  const bins = generatedFiles.filter((f) => f.startsWith('bin/'));
  t.deepEqual(bins, ['bin/plesk-backup.js']);
  const expected = ['README.md', 'package.json', ...bins, ...modules.flatMap((m) => [`dist/${m}.d.ts`, `dist/${m}.js`])].sort();
  t.deepEqual(shipped, expected, 'the tarball holds package.json, the README, the command (bin/) and dist/ (built by prepack), nothing else');

  // a fresh project outside the repository
  const app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }, null, 2)}\n`);
  await npm(['install', path.join(work, packed!.filename), `typescript@${typescriptVersion}`, '@types/node@20'], app);
  const requireFromApp = createRequire(path.join(app, 'package.json'));
  t.true(requireFromApp.resolve(`${pkg.name}/package.json`).startsWith(path.join(app, 'node_modules')), 'the package resolves inside the fresh project');
  t.deepEqual(pkg.dependencies, {}, 'the generated package has no runtime dependency');
  t.deepEqual(readdirSync(path.join(app, 'node_modules')).filter((name) => !['.package-lock.json', '.bin', '@types', 'typescript', 'undici-types', pkg.name.split('/')[0]!].includes(name)), [], 'installing it installs nothing else');

  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'get-tasks-info.server.response.xml'), path.join(app, 'response.xml'));
  writeFileSync(path.join(app, 'use.mjs'), consumerSource('use.mjs'));
  writeFileSync(path.join(app, 'use.ts'), consumerSource('use.ts'));
  writeFileSync(path.join(app, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], outDir: 'out' }, files: ['use.ts'] }, null, 2)}\n`);

  // what this repository's own copy of the codecs makes of the same packets
  const ours = await import('../generated/src/index.js');
  const request = ours.encodeRequestPacket({ operators: [{ backupManager: { operations: [{ getTasksInfo: { taskId: '7' } }] } }] });
  const response = JSON.parse(JSON.stringify(ours.decodeResponsePacket(readFileSync(path.join(app, 'response.xml'), 'utf8')), (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));
  t.true(request.includes('<get-tasks-info><task-id>7</task-id></get-tasks-info>'));

  const fromJs = JSON.parse(await run(process.execPath, ['use.mjs'], app));
  t.deepEqual(fromJs, { request, response, rejected: 'packet/nope', client: 'PleskClient: credentials are required: login and password, or secretKey' });

  try {
    await run(process.execPath, [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
  } catch (error) {
    return t.fail(`tsc --strict failed in the consumer project:\n${(error as Error).message}`);
  }
  const fromTs = JSON.parse(await run(process.execPath, [path.join('out', 'use.js')], app));
  const statuses = response.operators[0].backupManager.operations[0].getTasksInfo.result[0].task.map((task: { status: string }) => task.status);
  t.deepEqual(fromTs, { request, response, rejected: 'packet/nope', statuses, client: 'function' });
});
