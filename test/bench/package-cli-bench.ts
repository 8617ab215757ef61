/**
 * The command line of a generated package, as a user starts it: Plesk's whole API generated into
 * .tmp/bench-cli-whole-api (by plesk-codegen in a fresh process), built to JavaScript (`tsc`, or
 * the dist/ the generator wrote when it writes one), then its bin timed in fresh processes beside
 * `node -e 0`: `--help` (the operation table only: the goal is under 300 ms), an operator's
 * help (its documentation too), and an operation's help and a dry run (the metadata and the
 * codecs). Reported, never asserted in a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLESK_XSD = path.resolve(ROOT, '..', 'shared', 'plesk-xsd');
const OUT = path.join(ROOT, '.tmp', 'bench-cli-whole-api');

export interface PackageCliRow {
  what: string;
  /** median wall time of a fresh process, milliseconds */
  ms: number;
  samples: number[];
  /** ms ÷ the median of `node -e 0` */
  ratio: number;
}

export type PackageCliResult = { rows: PackageCliRow[]; skipped?: string };

function timed(args: string[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: OUT, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}:\n${child.stderr}`);
  return ms;
}

export function packageCliBench(rounds: number, log: (line: string) => void): PackageCliResult {
  const entries = ['agent_input.xsd', 'agent_output.xsd'].map((f) => path.join(PLESK_XSD, f));
  if (!entries.every((e) => existsSync(e))) return { rows: [], skipped: `${PLESK_XSD} is missing (CI lays ../shared beside the checkout)` };
  try {
    rmSync(OUT, { recursive: true, force: true });
    const generate = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'plesk-codegen.js'), 'generate', ...entries.flatMap((e) => ['--xsd', e]), '--out', OUT, '--package-name', 'plesk-api', '--protocol-version', '1.6.6.0', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    if (generate.status !== 0) throw new Error(`plesk-codegen generate failed: ${generate.stderr.split('\n')[0]}`);
    if (!existsSync(path.join(OUT, 'dist', 'cli.js'))) {
      log('package CLI: building the whole-API package with tsc (the generator does not write dist/ yet)');
      const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(OUT, 'tsconfig.json')], { cwd: OUT, encoding: 'utf8' });
      if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.error?.message ?? tsc.stdout.split('\n')[0]}`);
    }
    const bin = Object.values((JSON.parse(readFileSync(path.join(OUT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin)[0]!;
    const run = (args: string[]) => [path.join(OUT, bin), ...args];
    const nodeSamples = Array.from({ length: rounds }, () => timed(['-e', '0']));
    const nodeMs = median(nodeSamples);
    const row = (what: string, samples: number[]): PackageCliRow => ({ what, ms: median(samples), samples, ratio: median(samples) / nodeMs });
    const rows = [
      row('node -e 0', nodeSamples),
      row('plesk-api --help (the whole API: 357 operations)', Array.from({ length: rounds }, () => timed(run(['--help'])))),
      row('plesk-api webspace --help (and the documentation)', Array.from({ length: rounds }, () => timed(run(['webspace', '--help'])))),
      row('plesk-api webspace add --help (and the metadata)', Array.from({ length: rounds }, () => timed(run(['webspace', 'add', '--help'])))),
      row('plesk-api dns add_rec … --dry-run (and the codecs)', Array.from({ length: rounds }, () => timed(run(['dns', 'add_rec', '--site-id', '1', '--type', 'A', '--add_rec.host', 'www', '--value', '10.0.0.1', '--dry-run'])))),
    ];
    for (const r of rows) log(`package CLI: ${r.what}: ${r.ms.toFixed(0)} ms (${r.ratio.toFixed(2)}× node -e 0)`);
    return { rows };
  } catch (error) {
    const skipped = `the package-CLI rows are skipped: ${(error as Error).message.split('\n')[0]}`;
    log(skipped);
    return { rows: [], skipped };
  } finally {
    rmSync(OUT, { recursive: true, force: true });
  }
}
