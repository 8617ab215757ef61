/**
 * What `--dry-run` prints is what Plesk accepts: every backup-manager operation of generated/ (its
 * help's example, and fuller requests), and a seeded random sample of the whole 1.6.6.0 API (each
 * operation's help example), validated with xmllint against Plesk's own agent_input.xsd of
 * 1.6.6.0, in one batch. The examples are taken from each operation's --help, so the help's
 * example is proven to work too. Secret flags take their value from the environment; the printed
 * packet shows it masked, and the mask is put back before validation.
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI } from '../generated/src/cli.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { runPackageCli, type CliMain } from './helpers/package-cli.js';
import { validateAgainstPlesk } from './helpers/plesk-oracle.js';
import { generateFrom, sharedDir } from './helpers/project.js';

const SECRET = 'Sample-Secret-123';
const SEED = 0x26c11;
const SAMPLE = 60;
/** Every variable a secret flag may name (env:NAME) has the one sample secret. */
const env = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? SECRET : undefined) }) as Record<string, string>;

/** Words of the help's example line (single quotes as the help writes them). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll(`'\\''`, "'") : m[2]!));
}

/** The example of an operation's --help, as arguments (without the command's name). */
async function example(main: CliMain, operator: string, operation: string): Promise<string[]> {
  const help = await runPackageCli([operator, operation, '--help'], { main });
  const lines = help.stdout.split('\n');
  return shellWords(lines[lines.indexOf('Example:') + 1]!.trim()).slice(1);
}

async function dryRun(main: CliMain, args: string[]): Promise<{ xml: string; error: string }> {
  const run = await runPackageCli([...args, '--dry-run'], { main, env });
  return { xml: run.stdout.trim().replaceAll('***', SECRET), error: run.code === 0 ? '' : `${args.join(' ')}: exit ${run.code}: ${run.stderr}` };
}

/** A small seeded generator (mulberry32), so that the sample is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

test(`--dry-run of every backup-manager operation and of ${SAMPLE} operations of the whole API (seed ${SEED}) is valid under Plesk's 1.6.6.0 agent_input.xsd`, async (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir), undefined, '1.6.6.0');
  const whole = (await import(pathToFileURL(path.join(sharedPackageDir(files), 'src', 'cli.ts')).href)) as { main: CliMain; CLI: typeof CLI };
  const backup = (await import('../generated/src/cli.js')) as { main: CliMain };

  const runs: Array<{ main: CliMain; args: string[] }> = [];
  for (const row of CLI.operations) runs.push({ main: backup.main, args: await example(backup.main, row.operator, row.operation) });
  const fuller: string[][] = [
    ['backup-manager', 'backup-webspace', '--webspace-name', 'example.com', '--remote', 'ftp', '--prefix', 'nightly', '--description', 'nightly', '--split-size', '2048', '--only-mail', '--only-configuration'],
    ['backup-manager', 'backup-reseller', '--reseller-login', 'res1', '--local', '--description', ''],
    ['backup-manager', 'get-tasks-info', '--customer-login', 'jdoe'],
    ['backup-manager', 'set-remote-storage-settings', '--customer-id', '3', '--settings.protocol', 'ftp', '--settings.host', 'ftp.example.com', '--settings.port', '21', '--settings.directory', '/backups', '--settings.login', 'backup', '--settings.password', 'env:FTP_PASSWORD', '--settings.passive-mode', 'true'],
    ['backup-manager', 'import-file', '--server', '--tmp-filename', '/usr/local/psa/tmp/li_8FZruf'],
    ['backup-manager', 'download-file', '--webspace-id', '12', '--filename', 'backup_2612010300.tar'],
  ];
  for (const args of fuller) runs.push({ main: backup.main, args });
  const next = random(SEED);
  const rows = [...whole.CLI.operations];
  const sample = Array.from({ length: SAMPLE }, () => rows.splice(Math.floor(next() * rows.length), 1)[0]!);
  for (const row of sample) runs.push({ main: whole.main, args: await example(whole.main, row.operator, row.operation) });

  const results = await Promise.all(runs.map((r) => dryRun(r.main, r.args)));
  t.deepEqual(results.filter((r) => r.error !== '').map((r) => r.error), [], 'every dry run succeeds');
  const verdicts = await validateAgainstPlesk(results.map((r) => r.xml), 'agent_input.xsd');
  const invalid = verdicts.map((v, i) => (v.valid ? undefined : `${runs[i]!.args.join(' ')}\n${results[i]!.xml}\n${v.errors.join('\n')}`)).filter((v) => v !== undefined);
  t.deepEqual(invalid, []);
  t.is(verdicts.length, CLI.operations.length + fuller.length + SAMPLE);
  t.log(`validated ${verdicts.length} packets: ${CLI.operations.length} examples of backup-manager, ${fuller.length} fuller ones, ${SAMPLE} of the whole API (${sample.map((r) => `${r.operator}/${r.operation}`).slice(0, 5).join(', ')}, …)`);
});
