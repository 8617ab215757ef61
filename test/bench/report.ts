/** The Markdown tables of one run (the README carries them). */
import { DECODER_LABELS, ENCODER_LABELS } from './contenders.js';
import type { GeneratorResult } from './generator-bench.js';
import type { InstalledCliResult } from './installed-cli-bench.js';
import type { PackageCliResult } from './package-cli-bench.js';
import type { CodecCodeResult } from './codec-code-bench.js';
import type { Goal } from './goals.js';
import type { MemoryBenchResult } from './memory-bench.js';
import type { PeakRss } from './peak-rss.js';
import type { SecondShapeResult } from './second-shape-bench.js';
import type { SizeResult } from './size-result.js';
import { versionsTable, type VersionsResult } from './versions-bench.js';

export interface Results {
  machine: { node: string; cpu: string; cores: number; date: string };
  options: { rounds: number; minSampleMs: number };
  decode: SizeResult[];
  encode: SizeResult[];
  secondShape: SecondShapeResult;
  memory: MemoryBenchResult | undefined;
  generator: GeneratorResult;
  installedCli: InstalledCliResult;
  versions: VersionsResult;
  packageCli: PackageCliResult;
  codecCode: CodecCodeResult;
  peakRss: PeakRss;
  goals: Goal[];
}

const size = (bytes: number): string => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** One operation: a row per size; the generated codec's MB/s, then each alternative's MB/s and its time ÷ ours. */
function operationTable(results: SizeResult[], labels: Record<string, string>, unit = 'task'): string[] {
  // (the floor references read the get-tasks-info document only: a table of another shape has none)
  const names = Object.keys(labels).filter((n) => results.every((r) => r.contenders[n] !== undefined));
  const alternatives = names.filter((n) => n !== 'generated');
  const lines = [
    `| ${unit}s | document | ${names.map((n) => (n === 'generated' ? 'generated' : `${n}: MB/s · its time ÷ ours`)).join(' | ')} | generated µs/${unit} |`,
    `|---:|---:|${names.map(() => '---:').join('|')}|---:|`,
  ];
  for (const r of results) {
    const ours = r.contenders.generated!;
    const cells = [`${ours.mbPerSecond.toFixed(1)} MB/s`, ...alternatives.map((n) => `${r.contenders[n]!.mbPerSecond.toFixed(1)} · ${(r.contenders[n]!.ms / ours.ms).toFixed(2)}×`)];
    lines.push(`| ${r.tasks.toLocaleString('en-US')} | ${size(r.bytes)} | ${cells.join(' | ')} | ${ours.usPerTask.toFixed(2)} |`);
  }
  lines.push('', names.map((n) => `${n}: ${labels[n]}`).join('; ') + '.');
  return lines;
}

const SECOND_SHAPE_GENERATED = 'decodeResponsePacket of the whole-API package (../shared/plesk-xsd, generated with the checkout\'s runtime/)';

export function markdownReport(results: Results): string {
  const { machine, options } = results;
  const lines = [
    `Measured by \`npm run bench\` on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.date}: the median of ${options.rounds} interleaved rounds after a warm-up, each sample at least ${options.minSampleMs} ms; MB = 10^6 bytes of the UTF-8 document. "its time ÷ ours" above 1 means the generated codec is faster.`,
    '',
    '**Decode** (a `get-tasks-info` response, compact, with escaped text and empty elements)',
    '',
    ...operationTable(results.decode, DECODER_LABELS),
    '',
    '**Encode** (the same documents; every encoder writes them byte for byte alike)',
    '',
    ...operationTable(results.encode, ENCODER_LABELS),
  ];
  const second = results.secondShape;
  lines.push('', `**Decode, second shape** (a ${second.shape} response from another operator, compact: sites and site aliases, nil hosts, TXT values to escape, one error result in 97; decoded by the whole-API package, generated at bench start)`, '');
  if ('results' in second) lines.push(...operationTable(second.results, { ...DECODER_LABELS, generated: SECOND_SHAPE_GENERATED }, 'record'));
  else lines.push(`(skipped: ${second.skipped})`);
  if (results.memory) {
    const m = results.memory;
    lines.push('', `**Peak memory**, one decode of the ${m.tasks.toLocaleString('en-US')}-task document (${size(m.inputBytes)}) in a fresh process: RSS high-water mark minus RSS with the document already read; retained heap is the decoded result after a full GC`, '');
    lines.push('| decoder | peak RSS increase | ÷ input | retained heap |', '|---|---:|---:|---:|');
    for (const d of m.decoders) lines.push(`| ${d.decoder} | ${mb(d.peakRssIncrease)} | ${(d.peakRssIncrease / m.inputBytes).toFixed(1)}× | ${mb(d.retainedHeap)} |`);
    lines.push(`| generated, through ${m.chunkBytes / 1024} KiB chunks as they arrive (Uint8Array from a Buffer; no string of the answer) | ${mb(m.chunked.peakRssIncrease)} | ${(m.chunked.peakRssIncrease / m.inputBytes).toFixed(1)}× | ${mb(m.chunked.retainedHeap)} |`);
  }
  lines.push('', '**Generator** (schemas → package files in memory; the CLI column is `plesk-codegen generate` in a fresh process, writing the package)', '');
  lines.push('| schemas | files read | complex types | files out | first run | warm (median) | CLI (median) |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const g of results.generator.rows) {
    lines.push(`| ${g.what} | ${g.schemaFiles} | ${g.complexTypes.toLocaleString('en-US')} | ${g.outputFiles} | ${seconds(g.coldMs)} | ${seconds(g.warmMs)} | ${g.cliMs === undefined ? '–' : seconds(g.cliMs)} |`);
  }
  if (results.generator.skipped) lines.push('', `(${results.generator.skipped})`);
  lines.push('', '**The installed command** (plesk-codegen packed and installed as a devDependency into a fresh project; each a fresh process, median)', '');
  lines.push('| run | time | ÷ node -e 0 |', '|---|---:|---:|');
  for (const r of results.installedCli.rows) lines.push(`| ${r.what} | ${seconds(r.ms)} | ${r.ratio.toFixed(1)}× |`);
  if (results.installedCli.skipped) lines.push('', `(${results.installedCli.skipped})`);
  lines.push('', "**A generated package's command** (the whole API's bin, built; each a fresh process, median)", '');
  lines.push('| run | time | ÷ node -e 0 |', '|---|---:|---:|');
  for (const r of results.packageCli.rows) lines.push(`| ${r.what} | ${(r.ms).toFixed(0)} ms | ${r.ratio.toFixed(2)}× |`);
  if (results.packageCli.skipped) lines.push('', `(${results.packageCli.skipped})`);
  lines.push('', '**One package, two protocol versions** (Plesk\'s 1.6.6.0 and 1.6.9.1 sets alone and in one package: the package\'s own source lines, what `npm install` puts on disk from it after its build, and a fresh process importing its built root, median)', '', ...versionsTable(results.versions));
  const c = results.codecCode;
  lines.push('', "**The emitted codec code** (issue 27: src/records.ts and runtime/codec/record-code.ts, in the whole 2014 API package; import times in a fresh process, node's start subtracted, median)", '');
  if (c.skipped) lines.push(`(skipped: ${c.skipped})`);
  else {
    lines.push('| installed (src/ and dist/) | of which the emitted code | without it | ratio | import dist/index.js | import dist/records.js alone |', '|---:|---:|---:|---:|---:|---:|');
    lines.push(`| ${(c.installedBytes / 1e6).toFixed(2)} MB | ${(c.codeBytes / 1e3).toFixed(0)} kB | ${((c.installedBytes - c.codeBytes) / 1e6).toFixed(2)} MB | ${(c.installedBytes / (c.installedBytes - c.codeBytes)).toFixed(3)}× | ${c.importMs.toFixed(0)} ms | ${c.recordsImportMs.toFixed(0)} ms |`);
  }
  lines.push('', '**Goals**', '', '| goal | measured | met |', '|---|---|---|');
  for (const g of results.goals) lines.push(`| ${g.goal} | ${g.measured} | ${g.met ? 'met' : '**missed**'} |`);
  const p = results.peakRss;
  const child = p.largestChild ? `; the largest of its ${p.children} child processes ${mb(p.largestChild.bytes)} (${p.largestChild.what.slice(0, 100)})` : '';
  lines.push('', `**The bench's own peak memory**: ${mb(p.max)}, the largest of its processes (RSS high-water marks: this process ${mb(p.self)}${child}).`);
  return `${lines.join('\n')}\n`;
}
