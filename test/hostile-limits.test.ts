/**
 * Limits and timeouts mean what they say, against a scripted HTTPS server:
 *
 * - `maxResponseBytes` counts bytes as they arrive, with and without Content-Length, chunked or
 *   not, in one piece or trickled: an answer of exactly the limit is read, one byte more is
 *   `too-large`, and a read is never resent for it (the server sees one request);
 * - a body that trickles in is cut off by the call's deadline (`timeout`), not read to its end;
 * - every timeout and interval is checked: 2^31 ms or more, Infinity, NaN, 0 or less, or a
 *   string is a TypeError naming the option and the maximum, at construction (client options)
 *   and at the call (per-call options, waitForTask); nothing is sent.
 *
 * Seeded (SEED): the sizes, byte widths and chunkings are drawn by fast-check.
 */
import test from 'ava';
import fc from 'fast-check';
import { PleskClient, PleskTransportError } from '../generated/src/index.js';
import { MAX_TIMEOUT_MS } from '../generated/src/runtime/client/options-check.js';
import { clientFor, hostileServer, type HostileServer } from './helpers/hostile-server.js';

const SEED = 0x11_0001;
const RUNS = 40;
let server: HostileServer;

test.before(async () => {
  server = await hostileServer();
});
test.after.always(async () => {
  await server?.close();
});

const OK = '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.0"><backup-manager><get-supported-protocols><result><status>ok</status><protocol>ftp</protocol></result></get-supported-protocols></backup-manager></packet>';

/** The OK packet padded with a comment to exactly `bytes` bytes of UTF-8, using `filler` (1 to 4 bytes each). */
function packetOf(bytes: number, filler: string): Buffer {
  const base = Buffer.byteLength(`${OK}<!---->`);
  const width = Buffer.byteLength(filler);
  const room = bytes - base;
  const text = `${OK}<!--${filler.repeat(Math.floor(room / width))}${' '.repeat(room % width)}-->`;
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length !== bytes) throw new Error(`padding went wrong: ${buffer.length} ≠ ${bytes}`);
  return buffer;
}

/** What the server had sent of a body when the client closed the connection (or it ended). */
interface Sending {
  sent: number;
  closed: Promise<number>;
}

/**
 * Sends `body` in `chunks` (sizes, cycled) with `pauseMs` between them; with `stopAt`, sends
 * nothing more once that many bytes are out (the answer then never ends: a client that waited for
 * its end would wait for its deadline).
 */
function send(res: import('node:http').ServerResponse, body: Buffer, withLength: boolean, chunks: number[], pauseMs: number, stopAt = Infinity): Sending {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8', ...(withLength ? { 'Content-Length': body.length } : {}) });
  const sending: Sending = { sent: 0, closed: new Promise((resolve) => res.once('close', () => resolve(sending.sent))) };
  let i = 0;
  const next = () => {
    if (res.destroyed || sending.sent >= stopAt) return;
    if (sending.sent >= body.length) return void res.end();
    const size = chunks[i++ % chunks.length]!;
    res.write(body.subarray(sending.sent, sending.sent + size));
    sending.sent += size;
    if (pauseMs > 0) setTimeout(next, pauseMs);
    else setImmediate(next);
  };
  next();
  return sending;
}

test.serial('maxResponseBytes: exactly the limit is read, one byte more is too-large, with or without Content-Length, in any chunking; never resent', async (t) => {
  const limit = 2048;
  const client = clientFor(server, { maxResponseBytes: limit, retries: 3 });
  const seen = { ok: 0, tooLarge: 0, chunked: 0 };
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom('x', 'é', '€', '😀'),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 5 }),
        async (delta, filler, withLength, chunks) => {
          const body = packetOf(limit + delta, filler);
          server.answer = (_req, res) => send(res, body, withLength, chunks, 0);
          const before = server.requests;
          const call = client.backupManager.getSupportedProtocols();
          if (delta <= 0) {
            t.deepEqual(await call, ['ftp']);
            seen.ok++;
          } else {
            const error = await call.then(() => undefined, (e: unknown) => e);
            if (!(error instanceof PleskTransportError) || error.reason !== 'too-large') throw new Error(`${limit + delta} bytes (${withLength ? 'Content-Length' : 'chunked'}, chunks ${chunks}): ${String(error)}`);
            if (error.retried !== 0) throw new Error(`resent ${error.retried} times`);
            seen.tooLarge++;
          }
          if (!withLength) seen.chunked++;
          if (server.requests - before !== 1) throw new Error(`the server received ${server.requests - before} requests`);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  } finally {
    client.close();
  }
  t.true(seen.ok > 0 && seen.tooLarge > 0 && seen.chunked > 0, JSON.stringify(seen));
});

test.serial('a body over the limit that trickles in is refused as soon as the limit is passed, not when it ends', async (t) => {
  const client = clientFor(server, { maxResponseBytes: 1024, timeoutMs: 600_000 });
  const body = packetOf(8192, 'x');
  // 256 bytes every 20 ms, then nothing more after 1536 bytes (past the limit) and no end: a client
  // that waited for the end would wait for its 10-minute deadline
  let sending: Sending | undefined;
  server.answer = (_req, res) => void (sending = send(res, body, false, [256], 20, 1536));
  try {
    const error = await t.throwsAsync(client.backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError });
    t.is(error.reason, 'too-large');
    t.is(error.retried, 0);
    t.true((await sending!.closed) < body.length, 'the client closed the connection before the body ended');
  } finally {
    client.close();
  }
});

test.serial('a slow body is cut off by the deadline (timeout), not read to its end, and not resent', async (t) => {
  const client = clientFor(server, { retries: 3 });
  const body = packetOf(1024, 'x');
  // 8 bytes every 25 ms: 3.2 s for the whole body, the deadline is 300 ms
  let sending: Sending | undefined;
  server.answer = (_req, res) => void (sending = send(res, body, true, [8], 25));
  const before = server.requests;
  try {
    const error = await t.throwsAsync(client.backupManager.getSupportedProtocols({ timeoutMs: 300 }), { instanceOf: PleskTransportError });
    t.is(error.reason, 'timeout');
    const sent = await sending!.closed;
    t.true(sent < body.length, `the client closed the connection at its deadline, ${sent} of ${body.length} bytes sent`);
    t.is(server.requests - before, 1);
  } finally {
    client.close();
  }
});

const BAD_TIMEOUTS: unknown[] = [2 ** 31, MAX_TIMEOUT_MS + 0.5, Infinity, -Infinity, NaN, 0, -1, '1000', 10n];

test.serial('timeouts: out of range is a TypeError naming the option and the maximum, at construction and at the call; the maximum itself is accepted', async (t) => {
  const base = { host: server.host, port: server.port, ca: server.cert, login: 'admin', password: 'limits-password' };
  const maximum = new RegExp(`from 1 to ${MAX_TIMEOUT_MS} \\(2\\^31 − 1`);
  for (const bad of BAD_TIMEOUTS) {
    t.throws(() => new PleskClient({ ...base, timeoutMs: bad as number }), { instanceOf: TypeError, message: new RegExp(`PleskClient: option timeoutMs must be .*${maximum.source}`) }, String(bad));
  }
  const client = new PleskClient({ ...base, timeoutMs: MAX_TIMEOUT_MS });
  const before = server.requests;
  try {
    for (const bad of BAD_TIMEOUTS) {
      await t.throwsAsync(client.backupManager.getSupportedProtocols({ timeoutMs: bad as number }), { instanceOf: TypeError, message: /call: option timeoutMs must be .*2147483647/ }, String(bad));
      await t.throwsAsync(client.backupManager.waitForTask('1', { timeoutMs: bad as number }), { instanceOf: TypeError, message: /waitForTask: option timeoutMs must be .*2147483647/ }, String(bad));
    }
    for (const option of ['intervalMs', 'maxIntervalMs'] as const) {
      await t.throwsAsync(client.backupManager.waitForTask('1', { [option]: 2 ** 31 }), { instanceOf: TypeError, message: new RegExp(`waitForTask: option ${option} must be .*from 0 to 2147483647`) });
    }
    await t.throwsAsync(client.backupManager.waitForTask('1', { backoff: Infinity }), { instanceOf: TypeError, message: /option backoff must be a finite number of at least 1/ });
    t.is(server.requests, before, 'nothing was sent');
    server.answer = (_req, res) => res.end(OK);
    t.deepEqual(await client.backupManager.getSupportedProtocols({ timeoutMs: MAX_TIMEOUT_MS }), ['ftp']);
  } finally {
    client.close();
  }
});

test.serial('the other numeric options are checked at construction', (t) => {
  const base = { host: server.host, login: 'admin', password: 'limits-password' };
  for (const [option, bad, range] of [
    ['maxResponseBytes', 0, /from 1 to \d+ \(the longest string Node can hold\)/],
    ['maxResponseBytes', 2 ** 40, /from 1 to/],
    ['maxResponseBytes', 1.5, /an integer/],
    ['retries', -1, /from 0 to 100/],
    ['retries', Infinity, /from 0 to 100/],
    ['maxSockets', 0, /from 1 to 65535/],
    ['port', 70000, /from 1 to 65535/],
  ] as const) {
    t.throws(() => new PleskClient({ ...base, [option]: bad }), { instanceOf: TypeError, message: new RegExp(`PleskClient: option ${option} must be .*${range.source}`) }, `${option} ${bad}`);
  }
});
