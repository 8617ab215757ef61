/**
 * Memory bounded on refused answers: an answer over maxResponseBytes is refused as soon as it
 * passes the limit, and what the client kept of it meanwhile is bounded too (answer-window.ts:
 * its start and its last bytes, not a copy of every byte; and the decoder holds a long text's
 * bytes as they came until its end, document-reader.ts, not a string beside them). A 70 MiB
 * answer, chunked (no Content-Length, so the limit is only found by counting), an error text that
 * goes on, against the 64 MiB default: the client process, a child started with --expose-gc,
 * grows by less than 100 MB in all (it grew by 164 MB when the client kept every byte received).
 * A memory assertion, not a time one: the peak RSS is the kernel's high-water mark of the child.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { hostileServer } from './helpers/hostile-server.js';
import { ROOT } from './helpers/project.js';

const MiB = 1024 * 1024;

test('a 70 MiB chunked answer against the 64 MiB limit is refused, and the client grows by less than 100 MB', async (t) => {
  t.timeout(120_000);
  const server = await hostileServer();
  t.teardown(() => server.close());
  const small = '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><backup-manager><get-tasks-info><result><status>ok</status></result></get-tasks-info></backup-manager></packet>';
  // an error result whose text goes on, 64 KiB a chunk, written as the client reads
  const chunk = Buffer.from('The backup could not be written: '.repeat(2048));
  let sent = 0;
  server.answer = (_req, res) => {
    if (server.requests === 1) {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' }).end(small);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
    res.write('<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><backup-manager><get-tasks-info><result><status>error</status><errcode>1013</errcode><errtext>');
    const more = () => {
      while (sent < 70 * MiB) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end('</errtext></result></get-tasks-info></backup-manager></packet>');
    };
    res.on('close', () => res.removeAllListeners('drain'));
    more();
  };
  const child = spawn(process.execPath, ['--expose-gc', '--import=tsx', path.join(ROOT, 'test', 'helpers', 'refused-answer-child.ts'), String(server.port), Buffer.from(server.cert).toString('base64'), String(64 * MiB)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.is(code, 0, err);
  const { reason, before, peak } = JSON.parse(out) as { reason: string; before: number; peak: number };
  const grown = (peak - before) / 1e6;
  t.log(`refused (${reason}) after ${(sent / MiB).toFixed(1)} MiB sent; RSS ${(before / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB: grew by ${grown.toFixed(0)} MB`);
  t.is(reason, 'too-large');
  t.true(grown < 100, `grew by ${grown.toFixed(0)} MB`);
});
