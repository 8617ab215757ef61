/**
 * tsc times of the whole-API package from ../shared/plesk-xsd, as the README quotes them:
 * type-checking the package's sources (its own tsconfig.json, which emits nothing: plesk-codegen
 * writes dist/ itself) and the call-site file (test/fixtures/call-site/calls.ts with the package it
 * imports, --strict).
 *
 *   npx tsx scripts/measure-tsc.ts [--write <dir>] [--time <dir> …] [--rounds 3]
 *
 * Wall time moves with the load of a shared machine; the CPU time (user + system) much less.
 * `--write <dir>` generates the package with the checkout's generator into <dir> (with calls.ts);
 * `--time` times each folder given, interleaved round by round, and prints the medians. Keep a
 * folder written before a change and time it beside one written after.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writePackage } from '../generator/write.js';
import { generateFrom, ROOT, sharedDir } from '../test/helpers/project.js';

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const args = process.argv.slice(2);
const values = (flag: string) => args.flatMap((a, i) => (a === flag && args[i + 1] ? [args[i + 1]!] : []));
const rounds = Number(values('--rounds')[0] ?? 3);

for (const out of values('--write')) {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writePackage(out, files);
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'call-site', 'calls.ts'), path.join(out, 'calls.ts'));
  console.log(`wrote ${out}`);
}

/** Wall time and CPU time (user + system, from bash's `time`: less moved by other load on a shared machine). */
function seconds(argv: string[]): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const quoted = [process.execPath, TSC, ...argv].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const run = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time ${quoted} > /dev/null`], { cwd: ROOT, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const [user, system] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  if (run.status !== 0) console.log(`  (tsc exited ${run.status})`);
  return { wall, cpu: user! + system! };
}

const dirs = values('--time');
type Sample = { wall: number; cpu: number };
const times = new Map<string, { build: Sample[]; calls: Sample[] }>(dirs.map((d) => [d, { build: [], calls: [] }]));
for (let round = 0; round < rounds && dirs.length > 0; round++) {
  for (const dir of dirs) {
    const t = times.get(dir)!;
    t.build.push(seconds(['-p', path.join(dir, 'tsconfig.json')]));
    t.calls.push(seconds(['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', path.join(dir, 'calls.ts')]));
    const [b, c] = [t.build.at(-1)!, t.calls.at(-1)!];
    console.log(`${dir} round ${round + 1}: build ${b.wall.toFixed(2)} s (cpu ${b.cpu.toFixed(2)} s), calls ${c.wall.toFixed(2)} s (cpu ${c.cpu.toFixed(2)} s)`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2);
for (const [dir, t] of times) {
  console.log(`${dir}: medians of ${rounds} rounds: build ${median(t.build.map((x) => x.wall))} s (cpu ${median(t.build.map((x) => x.cpu))} s), calls ${median(t.calls.map((x) => x.wall))} s (cpu ${median(t.calls.map((x) => x.cpu))} s)`);
}
