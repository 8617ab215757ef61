/**
 * The generator's wall time: schemas read, parsed and turned into the files of a package (the
 * pure core, no file written), in this process (the first run cold, then the median of warm
 * runs); and the whole Plesk API through the command line in a fresh process, writing its output
 * to a temporary folder, as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ENTRIES, PROJECT_PACKAGE } from '../helpers/project.js';
import { generate } from '../../generator/generate.js';
import { readRuntimeSources, readTemplates } from '../../generator/load/load-inputs.js';
import { loadSchemaSets } from '../../generator/load/load-schemas.js';
import { median } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PLESK_XSD = path.resolve(ROOT, '..', 'shared', 'plesk-xsd');
const PLESK_ENTRIES = ['agent_input.xsd', 'agent_output.xsd'].map((f) => path.join(PLESK_XSD, f));

export interface GeneratorRow {
  what: string;
  entries: string[];
  schemaFiles: number;
  complexTypes: number;
  outputFiles: number;
  /** the first run in this process (modules not yet optimized), milliseconds */
  coldMs: number;
  /** median of the warm runs, milliseconds */
  warmMs: number;
  warmSamples: number[];
  /** `plesk-codegen generate` in a fresh process, writing the package: median milliseconds (whole API only) */
  cliMs?: number;
  cliSamples?: number[];
}

export type GeneratorResult = { rows: GeneratorRow[]; skipped?: string };

function generateOnce(entries: string[]): { ms: number; schemaFiles: number; complexTypes: number; outputFiles: number } {
  const start = performance.now();
  const sets = loadSchemaSets(entries, { baseDir: ROOT });
  const { files, ir } = generate({ sets, runtime: readRuntimeSources(), templates: readTemplates(), packageName: PROJECT_PACKAGE.packageName, packageVersion: PROJECT_PACKAGE.packageVersion });
  return { ms: performance.now() - start, schemaFiles: ir.files.length, complexTypes: ir.complexTypes.length, outputFiles: files.size };
}

function inProcess(what: string, entries: string[], rounds: number): GeneratorRow {
  const { ms: coldMs, ...counts } = generateOnce(entries);
  const warmSamples = Array.from({ length: rounds }, () => generateOnce(entries).ms);
  return { what, entries: entries.map((e) => path.relative(ROOT, e)), ...counts, coldMs, warmMs: median(warmSamples), warmSamples };
}

function cliRun(entries: string[]): number {
  const out = mkdtempSync(path.join(tmpdir(), 'plesk-bench-gen-'));
  try {
    // the command as installed (bin/plesk-codegen.js, over the built generator): importing generator/cli.ts runs nothing
    const args = [path.join(ROOT, 'bin', 'plesk-codegen.js'), 'generate', ...entries.flatMap((e) => ['--xsd', e]), '--out', out, '--package-name', 'plesk-api', '--quiet'];
    const start = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    const ms = performance.now() - start;
    if (child.status !== 0) throw new Error(`plesk-codegen generate failed:\n${child.stderr}`);
    if (!existsSync(path.join(out, 'dist', 'index.js'))) throw new Error(`plesk-codegen generate wrote no package into ${out}`);
    return ms;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function generatorBench(rounds: number, cliRounds: number, log: (line: string) => void): GeneratorResult {
  const rows = [inProcess('default package (xsd/request.xsd + xsd/response.xsd)', DEFAULT_ENTRIES, rounds)];
  log(`generator, default package: ${rows[0]!.warmMs.toFixed(0)} ms warm`);
  if (!PLESK_ENTRIES.every((e) => existsSync(e))) {
    const skipped = `the whole Plesk API row is skipped: ${PLESK_XSD} is missing (CI lays ../shared beside the checkout)`;
    log(skipped);
    return { rows, skipped };
  }
  const whole = inProcess("whole Plesk API (agent_input.xsd + agent_output.xsd)", PLESK_ENTRIES, rounds);
  whole.entries = PLESK_ENTRIES.map((e) => `../shared/plesk-xsd/${path.basename(e)}`);
  whole.cliSamples = Array.from({ length: cliRounds }, () => cliRun(PLESK_ENTRIES));
  whole.cliMs = median(whole.cliSamples);
  log(`generator, whole Plesk API: ${whole.warmMs.toFixed(0)} ms warm, ${whole.cliMs.toFixed(0)} ms through the CLI`);
  rows.push(whole);
  return { rows };
}
