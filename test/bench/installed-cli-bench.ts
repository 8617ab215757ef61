/**
 * The command as a user runs it: plesk-codegen packed (`npm pack`) and installed as a devDependency
 * into a fresh project in the temp folder, then timed there in fresh processes beside `node -e 0`
 * (what any Node process costs on this machine, in the same run): `plesk-codegen --help`, and
 * Plesk's whole API generated through the installed command, then the same generation split into
 * its steps (start-up and imports, load + model, emit, compile, write), timed inside a fresh
 * process of the installed generator (phase-child.mjs). Needs the npm registry (or npm's cache)
 * for the generator's dependencies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLESK_XSD = path.resolve(ROOT, '..', 'shared', 'plesk-xsd');

export interface InstalledCliRow {
  what: string;
  /** median wall time of a fresh process, milliseconds */
  ms: number;
  samples: number[];
  /** ms ÷ the median of `node -e 0` */
  ratio: number;
}

export type InstalledCliResult = { rows: InstalledCliRow[]; skipped?: string };

function timed(args: string[], cwd: string): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${child.stderr}`);
  return ms;
}

const PHASES = [
  ['startup', 'start-up: Node.js and the generator\'s imports'],
  ['loadModel', 'load + model (schemas read, parsed, IR and passes)'],
  ['emit', 'emit (the TypeScript sources printed)'],
  ['compile', 'compile (dist/: JavaScript, declarations, maps)'],
  ['write', 'write (into a fresh folder)'],
] as const;

/** The whole API generated in fresh processes of the installed generator, each step timed inside: a row per step (medians). */
function phaseRows(installed: string, work: string, rounds: number, row: (what: string, samples: number[]) => InstalledCliRow): InstalledCliRow[] {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'phase-child.mjs');
  const samples = Array.from({ length: rounds }, (_, i) => {
    const run = spawnSync(process.execPath, [child, installed, PLESK_XSD, path.join(work, `phases-${i}`)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the phase child failed:\n${run.stderr}`);
    return JSON.parse(run.stdout) as Record<(typeof PHASES)[number][0], number>;
  });
  return PHASES.map(([key, what]) => row(`whole API, step: ${what}`, samples.map((s) => s[key])));
}

export function installedCliBench(rounds: number, log: (line: string) => void): InstalledCliResult {
  const work = mkdtempSync(path.join(tmpdir(), 'plesk-bench-install-'));
  try {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
    const npm = (args: string[], cwd: string) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as Array<{ filename: string }>;
    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "bench-app", "private": true }\n');
    npm(['install', '--save-dev', path.join(work, packed!.filename)], app);
    const bin = path.join(app, 'node_modules', 'plesk-codegen', 'bin', 'plesk-codegen.js');
    log('installed plesk-codegen into a fresh project');

    const nodeSamples = Array.from({ length: rounds }, () => timed(['-e', '0'], app));
    const nodeMs = median(nodeSamples);
    const row = (what: string, samples: number[]): InstalledCliRow => ({ what, ms: median(samples), samples, ratio: median(samples) / nodeMs });
    const rows = [row('node -e 0', nodeSamples), row('plesk-codegen --help', Array.from({ length: rounds }, () => timed([bin, '--help'], app)))];
    if (existsSync(path.join(PLESK_XSD, 'agent_input.xsd'))) {
      const entries = ['agent_input.xsd', 'agent_output.xsd'].flatMap((f) => ['--xsd', path.join(PLESK_XSD, f)]);
      const samples = Array.from({ length: Math.min(rounds, 3) }, (_, i) => timed([bin, 'generate', ...entries, '--out', path.join(work, `api-${i}`), '--package-name', 'plesk-api', '--quiet'], app));
      rows.push(row("plesk-codegen generate, Plesk's whole API (writing it)", samples));
      rows.push(...phaseRows(path.join(app, 'node_modules', 'plesk-codegen'), work, Math.min(rounds, 3), row));
    }
    for (const r of rows) log(`installed CLI: ${r.what}: ${r.ms.toFixed(0)} ms (${r.ratio.toFixed(1)}× node -e 0)`);
    return existsSync(path.join(PLESK_XSD, 'agent_input.xsd')) ? { rows } : { rows, skipped: `the whole-API row is skipped: ${PLESK_XSD} is missing` };
  } catch (error) {
    const skipped = `the installed-CLI rows are skipped: ${(error as Error).message.split('\n')[0]}`;
    log(skipped);
    return { rows: [], skipped };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
