/**
 * The client's window on the wire: `debug(event)` for a successful call, an operation error, a
 * resent read, a decode error and a file download, and the masked excerpt an XmlDecodeError from
 * a client call carries. The stub echoes the password and the secret key (raw, escaped, as
 * character references) in its answers; a scan of every event and every thrown error finds
 * neither.
 */
import test from 'ava';
import { inspect } from 'node:util';
import { PleskClient, PleskOperationError, PleskTransportError, XmlDecodeError, type PleskClientOptions, type PleskDebugEvent } from '../generated/src/index.js';
import { createPleskStub, stubFile, stubOperationError, type PleskStub } from '../generated/src/testing.js';
import { excerptAround, maskWire } from '../runtime/client/debug.js';

const PASSWORD = 'Tr0ub4dor&3-debug-password';
const KEY = 'c0ffee42-debug-secret-key';
/** every spelling of a secret an event could carry it in */
const spellings = (s: string) => [s, s.replace(/&/g, '&amp;'), [...s].map((c) => `&#${c.charCodeAt(0)};`).join('')];

let stub: PleskStub;
test.before(async () => {
  stub = await createPleskStub({
    password: PASSWORD,
    secretKey: KEY,
    handlers: {
      backupManager: {
        getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }),
        stopBackup: (input) => {
          throw stubOperationError(1013, `task ${input.taskId} of the user with password ${PASSWORD} does not exist`);
        },
        downloadFile: () => stubFile(Buffer.concat([Buffer.from('backup-bytes:'), Buffer.alloc(200, 7)]), 'server.tar'),
      },
    },
  });
});
test.after.always(() => stub?.close());

function recordingClient(options: Partial<PleskClientOptions> = {}): { client: PleskClient; events: PleskDebugEvent[] } {
  const events: PleskDebugEvent[] = [];
  const credentials = options.secretKey !== undefined ? {} : { login: stub.login, password: PASSWORD };
  const client = new PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, timeoutMs: 10_000, ...credentials, ...options, debug: (event) => events.push(event) } as PleskClientOptions);
  return { client, events };
}

const caught: unknown[] = [];
const everyEvent: PleskDebugEvent[] = [];
async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    caught.push(error);
    return error;
  }
  throw new Error('expected a rejection');
}

test.serial('supportedProtocols() is an exchange like any other: one event, with its packet and answer', async (t) => {
  const { client, events } = recordingClient();
  t.teardown(() => client.close());
  // the project's stub has no server operator: the answer is whatever the stub gives, an event all the same
  await client.supportedProtocols().catch((error: unknown) => caught.push(error));
  everyEvent.push(...events);
  t.is(events.length, 1);
  t.deepEqual(events[0]!.operations, ['server.getProtos']);
  t.regex(events[0]!.request, /<server><get_protos\/><\/server>/);
  t.is(events[0]!.attempt, 1);
});

test.serial('a successful call: one event with the packet sent, the answer, status 200, attempt 1, a duration, no error', async (t) => {
  const { client, events } = recordingClient();
  t.teardown(() => client.close());
  await client.backupManager.getSupportedProtocols();
  everyEvent.push(...events);
  t.is(events.length, 1);
  const [event] = events;
  t.like(event, { operations: ['backupManager.getSupportedProtocols'], attempt: 1, url: stub.url, status: 200, error: undefined });
  t.regex(event!.request, /<backup-manager><get-supported-protocols\/><\/backup-manager>/);
  t.regex(event!.answer!, /<protocol>ftp<\/protocol>/);
  t.true(Number.isFinite(event!.durationMs) && event!.durationMs >= 0, `durationMs ${event!.durationMs}`);
});

test.serial('an operation error: the event carries the masked answer and the PleskOperationError', async (t) => {
  const { client, events } = recordingClient();
  t.teardown(() => client.close());
  const error = await rejects(client.backupManager.stopBackup({ taskId: '9' }));
  everyEvent.push(...events);
  t.true(error instanceof PleskOperationError);
  t.is(events.length, 1);
  t.is(events[0]!.error, error as Error);
  t.regex(events[0]!.answer!, /<errcode>1013<\/errcode><errtext>task 9 of the user with password \*\*\* does not exist<\/errtext>/);
});

test.serial('a resent read: one event per attempt, the failed one with its transport error', async (t) => {
  const { client, events } = recordingClient();
  t.teardown(() => client.close());
  stub.fail({ kind: 'drop' });
  await client.backupManager.getSupportedProtocols();
  everyEvent.push(...events);
  t.deepEqual(events.map((e) => e.attempt), [1, 2]);
  t.true(events[0]!.error instanceof PleskTransportError);
  t.is((events[0]!.error as PleskTransportError).reason, 'connection');
  t.is(events[0]!.status, undefined);
  t.like(events[1], { status: 200, error: undefined });
});

test.serial('an HTML error page: the event has its HTTP status and the transport error', async (t) => {
  const { client, events } = recordingClient();
  t.teardown(() => client.close());
  stub.fail({ kind: 'html', status: 502 });
  const error = await rejects(client.backupManager.getSupportedProtocols());
  everyEvent.push(...events);
  t.like(events, [{ attempt: 1, status: 502, answer: undefined }]);
  t.is(events[0]!.error, error as Error);
});

test.serial('a decode error: the event has the whole masked answer; the XmlDecodeError a masked excerpt around the position', async (t) => {
  const { client, events } = recordingClient();
  t.teardown(() => client.close());
  const filler = 'x'.repeat(300);
  stub.fail({ kind: 'xml', xml: `<packet version="1.6.9.0"><backup-manager><get-supported-protocols><result><status>ok</status><protocol>${filler}</protocol><protocol>${spellings(PASSWORD)[2]}</protocol>maybe</result></get-supported-protocols></backup-manager></packet>` });
  const error = (await rejects(client.backupManager.getSupportedProtocols())) as XmlDecodeError;
  everyEvent.push(...events);
  t.true(error instanceof XmlDecodeError);
  t.is(events[0]!.error, error);
  t.regex(events[0]!.answer!, new RegExp(`<protocol>${filler}</protocol><protocol>\\*\\*\\*</protocol>`), 'a secret in character references is masked too');
  t.regex(error.excerpt!, /\*\*\*<\/protocol>maybe/, 'the secret the window would cut is taken whole, and masked');
  t.false(error.excerpt!.includes('&#'), 'no piece of its character references is left');
  t.true(error.excerpt!.startsWith('…') && error.excerpt!.length < 200, 'an excerpt, not the whole answer');
  t.true(inspect(error).includes('excerpt:'), 'console.log(error) shows it');
});

test.serial('a file download: the event comes when the body has been read, with its type, length and first bytes', async (t) => {
  const { client, events } = recordingClient({ secretKey: KEY });
  t.teardown(() => client.close());
  const file = await client.backupManager.downloadFile({ server: true, filename: 'server.tar' });
  t.is(events.length, 0, 'not before the body is read');
  const bytes = await file.buffer();
  await new Promise((resolve) => setImmediate(resolve));
  everyEvent.push(...events);
  t.is(events.length, 1);
  const { file: seen } = events[0]!;
  t.like(seen, { contentType: 'application/octet-stream', filename: 'server.tar', length: bytes.length, received: bytes.length });
  t.deepEqual(seen!.firstBytes, bytes.subarray(0, 64));
  t.is(events[0]!.answer, undefined);
  t.is(events[0]!.error, undefined);
});

test.serial('no event and no thrown error shows the password or the secret key, in any spelling', (t) => {
  t.true(everyEvent.length >= 6);
  const text = [...everyEvent, ...caught].map((e) => inspect(e, { depth: 6, breakLength: Infinity })).join('\n');
  for (const secret of [PASSWORD, KEY]) for (const spelling of spellings(secret)) t.false(text.includes(spelling), spelling);
  t.true(text.includes('***'), 'the echoes were there, masked');
});

test('a debug listener that throws does not break the call (it becomes a process warning)', async (t) => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const client = new PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: PASSWORD, debug: () => { throw new Error('listener bug'); } });
  t.teardown(() => client.close());
  t.deepEqual(await client.backupManager.getSupportedProtocols(), ['ftp']);
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(warnings, ['PleskClient: the debug listener threw: listener bug']);
  t.throws(() => new PleskClient({ host: 'h', login: 'a', password: 'b', debug: 'yes' as never }), { message: 'PleskClient: option debug must be a function' });
});

test('excerptAround takes a secret the window would cut whole, and masks a cut end that spells part of one', (t) => {
  const secret = 'abcdefghijkl';
  const text = `${'-'.repeat(100)}ERR${'-'.repeat(76)}${secret}${'-'.repeat(50)}`;
  const excerpt = excerptAround(text, 1, 103, [secret], 80);
  t.false(excerpt.includes('abc') || excerpt.includes('jkl'));
  t.true(excerpt.includes('ERR') && excerpt.includes('***'));
  t.is(maskWire('a &#97;bcdefghijkl b', [secret]), 'a *** b');
  t.is(maskWire('nothing &amp; here', [secret]), 'nothing &amp; here', 'text without a hidden secret keeps its entities');
});
