/**
 * The command: --help, --version, and every usage error exits 2 without writing. main() runs in this
 * process; the bin itself (arguments, output, exit code as a process) is run once for --help and
 * once for a usage error, and for the Node.js version check.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMANDS, GENERATE_OPTIONS } from '../generator/cli-args.js';
import { BIN, runCli, runCliProcess, tempDir } from './helpers/cli.js';
import { ROOT } from './helpers/project.js';

const HINT = 'run plesk-codegen --help for usage';

test('--help lists every command and every option, with examples, and exits 0', async (t) => {
  for (const args of [['--help'], ['-h'], ['generate', '--help']]) {
    const { code, stdout, stderr } = await runCli(args);
    t.is(code, 0, args.join(' '));
    t.is(stderr, '');
    if (args[0] !== 'generate') {
      const commands = stdout.slice(stdout.indexOf('Commands:'), stdout.indexOf('Options:'));
      for (const command of COMMANDS) t.regex(commands, new RegExp(`plesk-codegen ${command.name}\\s+${command.describe.slice(0, 30)}`), `${args.join(' ')}: command ${command.name}`);
    }
    const options = stdout.slice(stdout.indexOf('Options:'), stdout.indexOf('Examples:'));
    for (const [name, spec] of Object.entries(GENERATE_OPTIONS)) {
      t.regex(options, new RegExp(`--${name}\\s+${String(spec.describe).split(' ').slice(0, 3).join(' ')}`), `${args.join(' ')}: --${name}`);
    }
    for (const flag of ['--help', '--version']) t.true(options.includes(flag), `${args.join(' ')}: ${flag}`);
    t.regex(stdout, /Examples:\n {2}plesk-codegen /);
    t.true(stdout.includes('--check'));
  }
});

test('the bin as a process prints what main() gives and exits with its code', async (t) => {
  const help = await runCliProcess(['--help']);
  t.deepEqual(help, await runCli(['--help']));
  const cwd = tempDir('cli-process');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const usage = await runCliProcess(['--bogus'], cwd);
  t.deepEqual(usage, { code: 2, stdout: '', stderr: `error: Unknown argument: bogus\n${HINT}\n` });
});

test("--version prints the project's package.json version, from any directory", async (t) => {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const { code, stdout } = await runCli(['--version'], os.tmpdir());
  t.is(code, 0);
  t.is(stdout, `${version}\n`);
});

const X = ['--xsd', 'schemas/main.xsd'];
const usageErrors: Array<[string, string[], RegExp]> = [
  ['an unknown flag', ['--bogus'], /^error: Unknown argument: bogus$/m],
  ['a flag misspelled (the config key operators is the flag --operator)', ['--operators', 'dns'], /^error: Unknown argument: operators; did you mean --operator\?$/m],
  ['an unknown command', ['frobnicate'], /^error: Unknown argument: frobnicate$/m],
  ['--xsd without a value', ['--xsd', '--out', 'out'], /^error: --xsd needs a value$/m],
  ['--out without a value', ['--out'], /^error: --out needs a value$/m],
  ['--out given twice', [...X, '--out', 'a', '--out', 'b'], /^error: --out was given 2 times; give it once$/m],
  ['--xsd without --out', X, /^error: --xsd needs --out: the folder to write the generated package into/m],
  ['--out without --xsd', ['--out', 'out'], /^error: --out needs --xsd or --set: without them the packages come from the config file/m],
  ['--config with --xsd', ['--config', 'c.json', ...X, '--out', 'out'], /^error: --config and --xsd cannot be used together/m],
  ['an --xsd file that does not exist', ['--xsd', 'schemas/nope.xsd', '--out', 'out'], /^error: --xsd: schemas\/nope\.xsd: no such file \(looked for .*schemas\/nope\.xsd\)\n {2}fix: correct the path; it is relative to the working directory$/m],
  ['an --xsd that is a folder', ['--xsd', 'schemas', '--out', 'out'], /^error: --xsd: schemas: is a folder\n {2}fix: give the entry schema file inside it/m],
  ['an --xsd that is a device', ['--xsd', '/dev/zero', '--out', 'out'], /^error: --xsd: \/dev\/zero: is a device, not a regular file\n {2}fix: give the path of a schema file: plesk-codegen reads regular files only$/m],
  ['--allow-outside-includes without --xsd', ['--allow-outside-includes'], /^error: --allow-outside-includes needs --xsd or --set: without them the packages come from the config file, which sets allow-outside-includes per package$/m],
  ['an --out that is a file', [...X, '--out', 'schemas/main.xsd'], /^error: --out: schemas\/main\.xsd: is a file, not a folder$/m],
  ['a package name with capitals', [...X, '--out', 'out', '--package-name', 'My-Api'], /^error: --package-name: "My-Api" is not a valid npm package name: it has capital letters$/m],
  ['a package name with a space', [...X, '--out', 'out', '--package-name', 'my api'], /^error: --package-name: "my api" is not a valid npm package name: only lowercase letters/m],
  ['a package name of a core module', [...X, '--out', 'out', '--package-name', 'fs'], /^error: --package-name: "fs" is not a valid npm package name: "fs" is the name of a Node.js core module$/m],
  ['an --out folder whose name is no package name, without --package-name', [...X, '--out', 'Out_Dir'], /^error: --package-name: none given, and the output folder's name "Out_Dir" is not a valid npm package name\n {2}fix: give --package-name/m],
  ['a version that is not semver', [...X, '--out', 'out', '--package-version', 'v1.0'], /^error: --package-version: "v1\.0": it is not a semantic version/m],
  ['a --config file that does not exist', ['--config', 'nope.json'], /^error: nope\.json: no such config file \(looked for .*nope\.json\)/m],
  ['a protocol version that is not one', [...X, '--out', 'out', '--protocol-version', 'v1.6.9.0'], /^error: --protocol-version: "v1\.6\.9\.0": it is not an XML API protocol version: give two to four dot-separated numbers, e\.g\. 1\.6\.9\.0/m],
  ['--protocol-version without a value', [...X, '--out', 'out', '--protocol-version'], /^error: --protocol-version needs a value$/m],
];

for (const [name, args, message] of usageErrors) {
  test(`${name} is a usage error: exit 2, the problem and the help hint, nothing written`, async (t) => {
    const cwd = tempDir('cli-usage');
    t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
    mkdirSync(path.join(cwd, 'schemas'));
    writeFileSync(path.join(cwd, 'schemas', 'main.xsd'), '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>\n');
    const { code, stdout, stderr } = await runCli(args, cwd);
    t.is(code, 2, stderr);
    t.regex(stderr, message);
    t.true(stderr.trimEnd().endsWith(HINT), stderr);
    t.is(stdout, '');
    for (const out of ['out', 'a', 'b', 'Out_Dir']) t.false(existsSync(path.join(cwd, out)), `${out} was not created`);
  });
}

test('valid scoped names and prerelease versions are accepted', async (t) => {
  const cwd = tempDir('cli-usage-ok');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(path.join(cwd, 'schemas'));
  writeFileSync(path.join(cwd, 'schemas', 'main.xsd'), '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>\n');
  const { code, stderr } = await runCli([...X, '--out', 'out', '--package-name', '@acme/plesk-api', '--package-version', '2.0.0-beta.1+build.7', '--quiet'], cwd);
  t.is(code, 0, stderr);
  const pkg = JSON.parse(readFileSync(path.join(cwd, 'out', 'package.json'), 'utf8')) as { name: string; version: string };
  t.deepEqual([pkg.name, pkg.version], ['@acme/plesk-api', '2.0.0-beta.1+build.7']);
});

test('on a Node.js older than 20 the command says which Node it needs and exits 1, before loading anything that could fail', async (t) => {
  const cwd = tempDir('cli-old-node');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  writeFileSync(path.join(cwd, 'node18.mjs'), "Object.defineProperty(process.versions, 'node', { value: '18.19.0' });\n");
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ['--import', './node18.mjs', BIN, '--help'], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr })),
  );
  t.is(code, 1);
  t.is(stdout, '');
  t.is(stderr, 'plesk-codegen needs Node.js >= 20 (this is 18.19.0)\n');
});
