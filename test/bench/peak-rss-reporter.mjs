// Preloaded into every Node process the bench starts (run.ts puts `--import=` this file into
// NODE_OPTIONS, which children inherit, and their children too: npm, tsc, the CLI): when the
// process exits, it appends its peak RSS (getrusage maxrss, bytes) and what it ran to the file
// named by PLESK_BENCH_PEAK_RSS_FILE. Plain JavaScript, so that processes without tsx load it.
import { appendFileSync } from 'node:fs';
import path from 'node:path';

const file = process.env.PLESK_BENCH_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const what = [path.basename(process.argv[1] ?? process.execPath), ...process.argv.slice(2)].join(' ').replace(/\s+/g, ' ').slice(0, 160);
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS * 1024}\t${what}\n`);
    } catch {
      // a reading lost is no reason to fail the process
    }
  });
}
