/**
 * What a package of two protocol versions costs beside a package of each (issue 25's budget: at
 * most 1.3× the generated lines and the installed bytes of the larger one-set package, and an
 * import no dearer than 1.3× either): Plesk's 1.6.6.0 set, its 1.6.9.1 set, and both in one
 * package, each generated (and compiled: the generator writes dist/) by `plesk-codegen generate`
 * in a fresh process, into .tmp/bench-versions/.
 *
 * - generated lines: the lines of the package's own source files (src/, not its copy of the runtime);
 * - installed bytes: what `npm install` puts on disk from the package (the folders and files of its
 *   package.json `files`, and package.json);
 * - import: a fresh Node process importing the built package's root (`dist/index.js`), the time from
 *   the start of the import to its end, median of the rounds, the three packages interleaved.
 *
 * Run alone: `node --import=tsx test/bench/versions-bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared');
const OUT = path.join(ROOT, '.tmp', 'bench-versions');

export interface VersionsRow {
  what: string;
  generatedLines: number;
  installedBytes: number;
  importMs: number;
  importSamples: number[];
}

export type VersionsResult = { rows: VersionsRow[] } | { skipped: string };

const PACKAGES = [
  { what: '1.6.6.0 alone (../shared/plesk-xsd)', dir: 'v1.6.6.0', args: ['--xsd', 'plesk-xsd/agent_input.xsd', '--xsd', 'plesk-xsd/agent_output.xsd', '--protocol-version', '1.6.6.0'] },
  { what: '1.6.9.1 alone (../shared/plesk-xsd-2020)', dir: 'v1.6.9.1', args: ['--xsd', 'plesk-xsd-2020/agent_input.xsd', '--xsd', 'plesk-xsd-2020/agent_output.xsd', '--protocol-version', '1.6.9.1'] },
  { what: 'both in one package', dir: 'both', args: ['--set', '1.6.6.0=plesk-xsd', '--set', '1.6.9.1=plesk-xsd-2020'] },
].map((p) => ({ ...p, args: p.args.map((a) => a.replace(/^(\d[\d.]*=)?(plesk-xsd[\w-]*)/, (_m, version: string | undefined, rest: string) => `${version ?? ''}${path.join(SHARED, rest)}`)) }));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function run(args: string[], cwd: string): void {
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${child.stderr}`);
}

/** One fresh process importing the package root; the import's own time, in milliseconds. */
function importMs(dir: string): number {
  const url = pathToFileURL(path.join(dir, 'dist', 'index.js')).href;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(url)}); process.stdout.write(String(performance.now() - t));`], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`importing ${url} failed:\n${child.stderr}`);
  return Number(child.stdout);
}

export function versionsBench(rounds: number, log: (line: string) => void): VersionsResult {
  if (!existsSync(path.join(SHARED, 'plesk-xsd-2020', 'agent_input.xsd')) || !existsSync(path.join(SHARED, 'plesk-xsd', 'agent_input.xsd'))) return { skipped: `${SHARED}/plesk-xsd or plesk-xsd-2020 is missing` };
  rmSync(OUT, { recursive: true, force: true });
  for (const p of PACKAGES) {
    const dir = path.join(OUT, p.dir);
    run([path.join(ROOT, 'bin', 'plesk-codegen.js'), 'generate', ...p.args, '--out', dir, '--package-name', `bench-${p.dir.replaceAll('.', '-')}`, '--quiet'], ROOT);
    log(`versions: generated ${p.what}`);
  }
  const samples = PACKAGES.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) PACKAGES.forEach((p, i) => samples[i]!.push(importMs(path.join(OUT, p.dir))));
  const rows = PACKAGES.map((p, i): VersionsRow => {
    const dir = path.join(OUT, p.dir);
    const own = files(path.join(dir, 'src')).filter((f) => !f.includes(`${path.sep}runtime${path.sep}`));
    const shipped = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { files: string[] }).files.map((f) => path.join(dir, f));
    const installed = [...shipped.flatMap((f) => (statSync(f).isDirectory() ? files(f) : [f])), path.join(dir, 'package.json')];
    return {
      what: p.what,
      generatedLines: own.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length - 1, 0),
      installedBytes: installed.reduce((n, f) => n + statSync(f).size, 0),
      importMs: median(samples[i]!),
      importSamples: samples[i]!,
    };
  });
  for (const r of rows) log(`versions: ${r.what}: ${r.generatedLines} lines, ${r.installedBytes} bytes installed, import ${r.importMs.toFixed(1)} ms`);
  return { rows };
}

/** The rows as the report prints them, with each one's ratio to the larger one-set package. */
export function versionsTable(result: VersionsResult): string[] {
  if ('skipped' in result) return [`(skipped: ${result.skipped})`];
  const [a, b, both] = result.rows;
  const larger = (key: 'generatedLines' | 'installedBytes' | 'importMs') => Math.max(a![key], b![key]);
  const lines = ['| package | generated lines | installed bytes | import (median) |', '|---|---:|---:|---:|'];
  for (const r of result.rows) lines.push(`| ${r.what} | ${r.generatedLines.toLocaleString('en-US')} | ${r.installedBytes.toLocaleString('en-US')} | ${r.importMs.toFixed(1)} ms |`);
  const smaller = (key: 'generatedLines' | 'installedBytes' | 'importMs') => Math.min(a![key], b![key]);
  lines.push(`| both ÷ the larger alone | ${(both!.generatedLines / larger('generatedLines')).toFixed(2)}× | ${(both!.installedBytes / larger('installedBytes')).toFixed(2)}× | ${(both!.importMs / larger('importMs')).toFixed(2)}× |`);
  lines.push(`| both ÷ the smaller alone | ${(both!.generatedLines / smaller('generatedLines')).toFixed(2)}× | ${(both!.installedBytes / smaller('installedBytes')).toFixed(2)}× | ${(both!.importMs / smaller('importMs')).toFixed(2)}× |`);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = versionsBench(7, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${versionsTable(result).join('\n')}\n`);
}
