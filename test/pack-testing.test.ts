/**
 * `<package>/testing` as a user meets it: generated/ is packed with its own scripts, the tarball
 * installed into a fresh project outside this repository, and a node:test test written the way
 * a user would (test/fixtures/consumer/stub-test.ts, written there as stub.test.ts: typed
 * handlers, the generated client against the stub, assertions on `calls`, a scripted fault)
 * is compiled with that project's own tsc --strict and run with `node --test`, which must pass
 * and end on its own.
 * Needs the npm registry (typescript, @types/node); fails saying so when it is unreachable.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifest } from '../generator/manifest.js';
import { ROOT } from './helpers/project.js';

const GENERATED = path.join(ROOT, 'generated');
const pkg = JSON.parse(readFileSync(path.join(GENERATED, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
const typescriptVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string }).version;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

function run(command: string, args: string[], cwd: string, timeoutMs = 5 * 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const output = `${stdout}\n${stderr}`;
      const offline = command === 'npm' && /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH)|network/i.test(output);
      const what = `${command} ${args.join(' ')} (in ${cwd})`;
      if (error.killed) return reject(new Error(`${what} did not end within ${timeoutMs / 1000} s: something was left open\n${output}`));
      reject(new Error(offline ? `the npm registry is unreachable: ${what} failed. This test installs the packed package into a fresh project and needs the registry.\n${output}` : `${what} failed:\n${output}`));
    });
  });
}
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], cwd);

test('the packed package\'s ./testing entry: a node:test test of a user\'s integration compiles with tsc --strict, passes, and ends on its own', async (t) => {
  t.timeout(10 * 60_000);
  t.deepEqual(pkg.dependencies, {}, 'the package, stub included, has no runtime dependency');
  const work = mkdtempSync(path.join(os.tmpdir(), 'plesk-codegen-testing-'));
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const source = path.join(work, 'package');
  for (const rel of readManifest(GENERATED)) {
    mkdirSync(path.dirname(path.join(source, rel)), { recursive: true });
    copyFileSync(path.join(GENERATED, rel), path.join(source, rel));
  }
  await npm(['install'], source);
  const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', work], source)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  t.true(packed!.files.some((f) => f.path === 'dist/testing.js') && packed!.files.some((f) => f.path === 'dist/runtime/testing/certificate.js'));

  const app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'integration-app', private: true, type: 'module' }, null, 2)}\n`);
  await npm(['install', path.join(work, packed!.filename), `typescript@${typescriptVersion}`, '@types/node@20'], app);
  writeFileSync(path.join(app, 'stub.test.ts'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'consumer', 'stub-test.ts'), 'utf8').replaceAll('PACKAGE_NAME', pkg.name));
  writeFileSync(path.join(app, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], outDir: 'out' }, files: ['stub.test.ts'] }, null, 2)}\n`);
  try {
    await run(process.execPath, [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
  } catch (error) {
    return t.fail(`tsc --strict failed in the user's project:\n${(error as Error).message}`);
  }
  const output = await run(process.execPath, ['--test', '--test-reporter=tap', path.join('out', 'stub.test.js')], app, 120_000);
  t.regex(output, /^# pass 3$/m, output);
  t.regex(output, /^# fail 0$/m);
});
