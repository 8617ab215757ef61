/** The command as a process: --help, --version, and every usage error exits 2 without writing. */
import test from 'ava';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMANDS, GENERATE_OPTIONS } from '../generator/cli-args.js';
import { runCli, tempDir } from './helpers/cli.js';
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

test("--version prints the project's package.json version, from any directory", async (t) => {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const { code, stdout } = await runCli(['--version'], os.tmpdir());
  t.is(code, 0);
  t.is(stdout, `${version}\n`);
});

const usageErrors: Array<[string, string[], RegExp]> = [
  ['an unknown flag', ['--bogus'], /^error: Unknown argument: bogus$/m],
  ['an unknown command', ['frobnicate'], /^error: Unknown argument: frobnicate$/m],
  ['--xsd without a value', ['--xsd', '--out', 'out'], /^error: --xsd needs a value$/m],
  ['--out without a value', ['--out'], /^error: --out needs a value$/m],
  ['--out given twice', ['--out', 'a', '--out', 'b'], /^error: --out was given 2 times; give it once$/m],
  ['--xsd without --out', ['--xsd', 'schemas/main.xsd'], /^error: --xsd needs --out: the folder to write the generated package into/m],
  ['an --xsd file that does not exist', ['--xsd', 'schemas/nope.xsd', '--out', 'out'], /^error: --xsd schemas\/nope\.xsd: no such file \(looked for .*schemas\/nope\.xsd\)$/m],
  ['an --xsd that is a folder', ['--xsd', 'schemas', '--out', 'out'], /^error: --xsd schemas: is a folder; give the entry schema file inside it/m],
  ['an --out that is a file', ['--out', 'schemas/main.xsd'], /^error: --out schemas\/main\.xsd: is a file, not a folder$/m],
  ['a package name with capitals', ['--out', 'out', '--package-name', 'My-Api'], /^error: --package-name "My-Api" is not a valid npm package name: it has capital letters$/m],
  ['a package name with a space', ['--out', 'out', '--package-name', 'my api'], /^error: --package-name "my api" is not a valid npm package name: only lowercase letters/m],
  ['a package name of a core module', ['--out', 'out', '--package-name', 'fs'], /^error: --package-name "fs" is not a valid npm package name: "fs" is the name of a Node.js core module$/m],
  ['a version that is not semver', ['--out', 'out', '--package-version', 'v1.0'], /^error: --package-version "v1\.0" is not a semantic version/m],
  ['a protocol version that is not one', ['--out', 'out', '--protocol-version', 'v1.6.9.0'], /^error: --protocol-version "v1\.6\.9\.0" is not an XML API protocol version: give two to four dot-separated numbers, e\.g\. 1\.6\.9\.0/m],
  ['--protocol-version without a value', ['--out', 'out', '--protocol-version'], /^error: --protocol-version needs a value$/m],
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
    for (const out of ['out', 'a', 'b']) t.false(existsSync(path.join(cwd, out)), `${out} was not created`);
  });
}

test('valid scoped names and prerelease versions are accepted', async (t) => {
  const cwd = tempDir('cli-usage-ok');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const { code, stderr } = await runCli(['--out', 'out', '--package-name', '@acme/plesk-api', '--package-version', '2.0.0-beta.1+build.7', '--quiet'], cwd);
  t.is(code, 0, stderr);
  const pkg = JSON.parse(readFileSync(path.join(cwd, 'out', 'package.json'), 'utf8')) as { name: string; version: string };
  t.deepEqual([pkg.name, pkg.version], ['@acme/plesk-api', '2.0.0-beta.1+build.7']);
});
