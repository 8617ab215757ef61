/**
 * `npm run bench [-- --out FILE] [--rounds N] [--min-sample-ms N]`: the generated codecs beside
 * their alternatives, and the generator's wall time, in one process on the same inputs. Prints
 * the Markdown tables (stdout; progress goes to stderr) and writes everything to bench/results.json.
 * Each size of each operation runs in its own child process (size-child.ts), so that no size's
 * documents, values and results are alive beside another's; the bench's peak memory is the
 * largest of its processes' (peak-rss.ts).
 * Not part of `npm test`: timings are reported, never asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeBench } from './decode-bench.js';
import { encodeBench } from './encode-bench.js';
import { generatorBench } from './generator-bench.js';
import { installedCliBench } from './installed-cli-bench.js';
import { packageCliBench } from './package-cli-bench.js';
import { checkGoals } from './goals.js';
import { codecCodeBench } from './codec-code-bench.js';
import { memoryBench } from './memory-bench.js';
import { peakRss, recordChildrenPeakRss } from './peak-rss.js';
import { markdownReport, type Results } from './report.js';
import { secondShapeBench } from './second-shape-bench.js';
import { versionsBench } from './versions-bench.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZES = [1, 100, 1_000, 10_000, 100_000];
const SECOND_SHAPE_RECORDS = 10_000;

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'bench', 'results.json') },
    rounds: { type: 'string', default: '7' },
    'min-sample-ms': { type: 'string', default: '100' },
  },
});
const rounds = Number(values.rounds);
const minSampleMs = Number(values['min-sample-ms']);
if (!(rounds >= 1) || !(minSampleMs > 0)) throw new Error('--rounds must be at least 1 and --min-sample-ms positive');

const log = (line: string) => process.stderr.write(`${line}\n`);
const options = { rounds, minSampleMs };
recordChildrenPeakRss();
const decode = decodeBench(SIZES, options);
const encode = encodeBench(SIZES, options);
const secondShape = secondShapeBench(SECOND_SHAPE_RECORDS, options, log);
const memory = memoryBench(100_000, log);
const codecCode = codecCodeBench(Math.max(5, rounds), log);
const generator = generatorBench(Math.max(3, Math.ceil(rounds / 2)), 3, log);
const installedCli = installedCliBench(Math.max(3, Math.ceil(rounds / 2)), log);
const packageCli = packageCliBench(Math.max(5, rounds), log);
const versions = versionsBench(rounds, log);
const bench = peakRss();
log(`peak RSS: ${(bench.max / 1e6).toFixed(0)} MB (this process ${(bench.self / 1e6).toFixed(0)} MB, ${bench.children} child processes)`);
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const results: Results = {
  machine: { node: process.versions.node, cpu, cores: os.cpus().length, date: new Date().toISOString().slice(0, 10) },
  options,
  decode,
  encode,
  secondShape,
  memory,
  codecCode,
  generator,
  installedCli,
  packageCli,
  versions,
  peakRss: bench,
  goals: checkGoals({ decode, encode, secondShape, memory, codecCode, generator, installedCli, peakRss: bench, packageCli, versions }),
};
const markdown = markdownReport(results);
const out = path.resolve(values.out!);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ ...results, markdown }, null, 2)}\n`);
process.stdout.write(markdown);
log(`wrote ${path.relative(process.cwd(), out) || out}`);
