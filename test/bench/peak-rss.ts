/**
 * The bench's own peak memory: this process's RSS high-water mark and every child's (each child
 * reports its own at exit, see peak-rss-reporter.mjs). The processes run one after another, so
 * the bench's peak is the largest of them (the parent's RSS while a child runs is the parent's
 * at that moment, below its own peak).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPORTER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'peak-rss-reporter.mjs');

export interface PeakRss {
  /** this process's peak RSS, bytes */
  self: number;
  /** the largest child's peak RSS, bytes, and what it ran */
  largestChild: { bytes: number; what: string } | undefined;
  children: number;
  /** the largest of them all */
  max: number;
}

let dir: string | undefined;

/** From here on, every Node child of this process reports its peak RSS at exit. */
export function recordChildrenPeakRss(): void {
  dir = mkdtempSync(path.join(tmpdir(), 'plesk-bench-rss-'));
  process.env.PLESK_BENCH_PEAK_RSS_FILE = path.join(dir, 'peaks.tsv');
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(REPORTER).href}`.trim();
}

export function peakRss(): PeakRss {
  const self = process.resourceUsage().maxRSS * 1024;
  let text = '';
  try {
    text = readFileSync(process.env.PLESK_BENCH_PEAK_RSS_FILE ?? '', 'utf8');
  } catch {
    // no child reported
  }
  const readings = text.split('\n').filter(Boolean).map((line) => {
    const [bytes, what] = line.split('\t');
    return { bytes: Number(bytes), what: what ?? '' };
  });
  const largestChild = readings.reduce<PeakRss['largestChild']>((a, b) => (a && a.bytes >= b.bytes ? a : b), undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
  return { self, largestChild, children: readings.length, max: Math.max(self, largestChild?.bytes ?? 0) };
}
