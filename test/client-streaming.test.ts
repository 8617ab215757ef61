/**
 * The client decodes an answer while it arrives (startDecodingResponsePacket fed each chunk of
 * the body): shown by an unknown element reported to onSchemaDrift before the server has sent
 * the rest of the answer, and by answers split into small chunks, multi-byte characters cut in
 * two, that give exactly what the whole answer decodes to. Errors found while receiving are the
 * errors of the whole answer (same path, line, column, excerpt).
 */
import test from 'ava';
import { decodeResponsePacket, encodeResponsePacket, startDecodingResponsePacket, XmlDecodeError } from '../generated/src/index.js';
import { clientFor, hostileServer } from './helpers/hostile-server.js';

const tasks = (n: number) => Array.from({ length: n }, (_, i) => `<task><server/><id>${i + 1}</id><status>finished</status><started>2024-01-0${(i % 9) + 1} 03:05:19</started><prefix>Ünï €😀 ${i}</prefix><filename>f_${i}.tar</filename><protocol>local</protocol></task>`).join('');
const answer = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.0"><backup-manager><get-tasks-info><result><status>ok</status>${body}</result></get-tasks-info></backup-manager></packet>`;

test('an unknown element is reported while the answer is still arriving: the client decodes as it receives', async (t) => {
  const server = await hostileServer();
  t.teardown(() => server.close());
  let drifted!: () => void;
  const reported = new Promise<void>((resolve) => (drifted = resolve));
  let reportedBeforeTheRest: boolean | undefined;
  const whole = answer(`${tasks(3)}<origin>node-1</origin>${tasks(3)}`);
  const cut = whole.indexOf('<origin>') + '<origin>node-1</origin><task>'.length;
  server.answer = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
    res.write(whole.slice(0, cut));
    const timer = setTimeout(() => {
      reportedBeforeTheRest = false;
      res.end(whole.slice(cut));
    }, 3_000);
    void reported.then(() => {
      if (reportedBeforeTheRest !== undefined) return;
      clearTimeout(timer);
      reportedBeforeTheRest = true;
      res.end(whole.slice(cut));
    });
  };
  const events: string[] = [];
  const client = clientFor(server, { onSchemaDrift: (e) => { events.push(e.path); drifted(); } });
  t.teardown(() => client.close());
  const result = await client.backupManager.getTasksInfo({ server: true });
  t.true(reportedBeforeTheRest, 'onSchemaDrift was called before the server sent the rest of the answer');
  t.deepEqual(events, ['packet/backup-manager/get-tasks-info/result/origin']);
  t.is(result.length, 6, 'the tasks');
});

test('an answer in small chunks, characters cut between them, decodes to exactly what the whole answer decodes to', async (t) => {
  const server = await hostileServer();
  t.teardown(() => server.close());
  const whole = answer(tasks(400));
  const bytes = Buffer.from(whole, 'utf8');
  for (const size of [1, 7, 64, 4096]) {
    server.answer = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
      let at = 0;
      const next = () => {
        // many chunks per turn, so that the test stays fast even one byte at a time
        for (let k = 0; k < 64 && at < bytes.length; k++, at += size) res.write(bytes.subarray(at, at + size));
        if (at < bytes.length) setImmediate(next);
        else res.end();
      };
      next();
    };
    const client = clientFor(server);
    const packet = await client.request({ operators: [{ backupManager: { operations: [{ getTasksInfo: { server: true } }] } }] });
    client.close();
    t.deepEqual(packet, decodeResponsePacket(whole), `chunks of ${size} bytes`);
  }
  t.is(encodeResponsePacket(decodeResponsePacket(bytes)), encodeResponsePacket(decodeResponsePacket(whole)), 'bytes and string decode alike');
});

test('an error found while receiving is the error of the whole answer: path, line, column, excerpt', async (t) => {
  const server = await hostileServer();
  t.teardown(() => server.close());
  const whole = answer(`${tasks(50)}<task><server/><id>x</id></task>${tasks(50)}`);
  server.answer = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
    const bytes = Buffer.from(whole, 'utf8');
    for (let at = 0; at < bytes.length; at += 100) res.write(bytes.subarray(at, at + 100));
    res.end();
  };
  const client = clientFor(server);
  t.teardown(() => client.close());
  const error = await t.throwsAsync(client.request({ operators: [{ backupManager: { operations: [{ getTasksInfo: { server: true } }] } }] }), { instanceOf: XmlDecodeError });
  const direct = t.throws(() => decodeResponsePacket(whole, { unknownElements: 'keep' }), { instanceOf: XmlDecodeError });
  t.deepEqual([error.path, error.line, error.column, error.reason], [direct.path, direct.line, direct.column, direct.reason]);
  t.regex(error.excerpt ?? '', /<id>x<\/id>/);
  // and the same error from the streaming decoder itself, at the piece that holds it
  const pieces = startDecodingResponsePacket({ unknownElements: 'keep' });
  const streamed = t.throws(() => {
    for (let at = 0; at < whole.length; at += 100) pieces.write(whole.slice(at, at + 100));
    pieces.end();
  }, { instanceOf: XmlDecodeError });
  t.deepEqual([streamed.path, streamed.line, streamed.column, streamed.reason], [direct.path, direct.line, direct.column, direct.reason]);
  t.throws(() => pieces.write('<packet/>'), { message: /failed: start a new one/ });
});

test('an answer found wrong while it arrives fails at once with its XmlDecodeError; the rest is not waited for', async (t) => {
  const server = await hostileServer();
  t.teardown(() => server.close());
  server.answer = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
    // then nothing more: the connection stays open, the answer never ends
    res.write('<packet version="1.6.9.0"><backup-manager><get-tasks-info><result><status>error</status><errcode>bogus</errcode><task>xxx');
  };
  // a deadline of 10 minutes: a client that waited for it (or for the end) would not finish this test
  const client = clientFor(server, { timeoutMs: 600_000, retries: 0 });
  t.teardown(() => client.close());
  const error = await t.throwsAsync(client.backupManager.getTasksInfo({ server: true }), { instanceOf: XmlDecodeError });
  t.is(error.path, 'packet/backup-manager/get-tasks-info/result/errcode');
  t.regex(error.excerpt ?? '', /<errcode>bogus<\/errcode>/);
});

test('an answer read only in part (its decoding failed) that ends inside the password shows none of it: excerpt and debug answer', async (t) => {
  const server = await hostileServer();
  t.teardown(() => server.close());
  const password = 'Sup3rS3cretPassw0rd-xyz';
  server.answer = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
    res.write(`<packet version="1.6.9.0"><backup-manager><get-tasks-info><result><status>error</status><errcode>bogus</errcode><errtext>${password.slice(0, 14)}`);
  };
  const answers: string[] = [];
  const client = clientFor(server, { password, timeoutMs: 5_000, retries: 0, debug: (e) => void (e.answer !== undefined && answers.push(e.answer)) });
  t.teardown(() => client.close());
  const error = await t.throwsAsync(client.backupManager.getTasksInfo({ server: true }), { instanceOf: XmlDecodeError });
  t.is(error.path, 'packet/backup-manager/get-tasks-info/result/errcode');
  t.true(answers.length > 0, 'the debug listener saw the answer');
  for (const text of [error.excerpt ?? '', ...answers]) {
    t.false(text.includes(password.slice(0, 3)), text);
    t.regex(text, /<errtext>\*\*\*/);
  }
});
