/**
 * createPleskStub (the generated package's `./testing` entry) with the generated client, over
 * real HTTPS: typed handlers and what they receive, `calls`, several operations in one packet,
 * a missing handler, credentials and schema errors as Plesk answers them (checked against
 * Plesk's agent_output.xsd), every fault kind and the client error it gives, file answers,
 * handler bugs, plain HTTP, and a close() that leaves the process free to exit.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { PleskClient, PleskOperationError, PleskSystemError, PleskTransportError, type PleskClientOptions } from '../generated/src/index.js';
import { createPleskStub, stubFile, stubOperationError, type PleskStub, type PleskStubOptions } from '../generated/src/testing.js';
import { validateAgainstPlesk } from './helpers/plesk-oracle.js';
import { ROOT } from './helpers/project.js';

const TASK = { id: 7, status: 'working', started: '2026-12-01 10:00:00', prefix: '', filename: '', protocol: 'local', server: true } as const;

function clientFor(stub: PleskStub, options: Partial<PleskClientOptions> = {}): PleskClient {
  const credentials = options.secretKey !== undefined ? {} : { login: stub.login, password: stub.password };
  return new PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, timeoutMs: 10_000, ...credentials, ...options } as PleskClientOptions);
}

async function withStub(t: { teardown: (fn: () => unknown) => void }, options: PleskStubOptions = {}): Promise<{ stub: PleskStub; client: PleskClient }> {
  const stub = await createPleskStub(options);
  const client = clientFor(stub);
  t.teardown(async () => {
    client.close();
    await stub.close();
  });
  return { stub, client };
}


/**
 * Runs `call` and lists, in the order they happened, the end of every timer of `delayMs` set
 * meanwhile and the call's result: what came after what, on any machine's speed.
 */
async function inOrder<T>(delayMs: number, call: () => Promise<T>): Promise<unknown[]> {
  const events: unknown[] = [];
  const real = globalThis.setTimeout;
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    real(() => {
      if (ms === delayMs) events.push(`delay of ${delayMs} ms over`);
      callback(...args);
    }, ms)) as typeof setTimeout;
  try {
    events.push(await call());
  } finally {
    globalThis.setTimeout = real;
  }
  return events;
}

test('typed handlers receive the decoded request and their results come back through the client; calls records each operation', async (t) => {
  const { stub, client } = await withStub(t, {
    handlers: {
      backupManager: {
        getTasksInfo: (input) => (input.taskId === '7' ? { status: 'ok', task: [TASK] } : { status: 'ok' }),
        backupServer: (input, call) => ({ status: 'ok', taskId: call.key === 'backupManager.backupServer' ? String(input.description.length) : '0' }),
      },
    },
  });
  t.like(await client.backupManager.getTasksInfo({ taskId: '7' }), [{ id: 7, status: 'working', server: true }]);
  t.deepEqual(await client.backupManager.getTasksInfo({ taskId: '8' }), []);
  t.is(await client.backupManager.backupServer({ description: 'nightly', local: true }), '7', 'the handler saw its input and its call');
  t.deepEqual(stub.calls.map((c) => [c.key, c.operator, c.operation, c.input]), [
    ['backupManager.getTasksInfo', 'backup-manager', 'get-tasks-info', { taskId: '7' }],
    ['backupManager.getTasksInfo', 'backup-manager', 'get-tasks-info', { taskId: '8' }],
    ['backupManager.backupServer', 'backup-manager', 'backup-server', { description: 'nightly', local: true }],
  ]);
  t.deepEqual(stub.calls[0]!.credentials, { login: 'admin', password: 'stub-password' });
  t.regex(stub.calls[2]!.xml, /<backup-server><local\/><description>nightly<\/description><\/backup-server>/);
  t.is(stub.requests.length, 3);
});

test('several operations in one packet are answered in order; an operation without a handler is an error result naming it', async (t) => {
  const order: string[] = [];
  const { stub, client } = await withStub(t, {
    handlers: {
      backupManager: {
        getSupportedProtocols: async () => {
          order.push('protocols');
          await new Promise((resolve) => setTimeout(resolve, 20));
          return { status: 'ok', protocol: ['ftp'] };
        },
        stopBackup: (input) => {
          order.push(`stop ${input.taskId}`);
          throw stubOperationError(1013, `backup task ${input.taskId} does not exist`);
        },
      },
    },
  });
  const response = await client.request({ operators: [{ backupManager: { operations: [{ getSupportedProtocols: true }, { stopBackup: { taskId: '3' } }, { getTasksInfo: {} }] } }] });
  t.deepEqual(order, ['protocols', 'stop 3']);
  const answers = (response as unknown as { operators: Array<{ backupManager: { operations: Array<Record<string, { result: unknown }>> } }> }).operators[0]!.backupManager.operations;
  t.deepEqual(answers.map((a) => Object.keys(a)[0]), ['getSupportedProtocols', 'stopBackup', 'getTasksInfo']);
  t.deepEqual(answers[1]!.stopBackup!.result, { status: 'error', errcode: 1013, errtext: 'backup task 3 does not exist' });
  t.like((answers[2]!.getTasksInfo!.result as unknown[])[0], { status: 'error', errcode: 1017 });
  const missing = await t.throwsAsync(client.backupManager.getLocalBackupList({ server: true }), { instanceOf: PleskOperationError });
  t.is(missing.code, 1017);
  t.regex(missing.message, /no stub handler for backup-manager\/get-local-backup-list: give handlers\.backupManager\.getLocalBackupList to createPleskStub/);
  t.deepEqual(stub.calls.map((c) => c.key), ['backupManager.getSupportedProtocols', 'backupManager.stopBackup', 'backupManager.getTasksInfo', 'backupManager.getLocalBackupList']);
});

test('credentials are checked like Plesk (1001, 11003, 1029) and a packet the schema refuses is 1014 with the reason; every answer is valid under agent_output.xsd', async (t) => {
  const { stub } = await withStub(t, { login: 'me', password: 'Secret&1', secretKey: 'key-1', handlers: { backupManager: { getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }) } } });
  const wrong = clientFor(stub, { password: 'nope' });
  const byKey = clientFor(stub, { secretKey: 'key-1' });
  const badKey = clientFor(stub, { secretKey: 'key-2' });
  t.teardown(() => [wrong, byKey, badKey].forEach((c) => c.close()));
  t.is((await t.throwsAsync(wrong.backupManager.getSupportedProtocols(), { instanceOf: PleskSystemError })).code, 1001);
  t.deepEqual(await byKey.backupManager.getSupportedProtocols(), ['ftp']);
  t.is((await t.throwsAsync(badKey.backupManager.getSupportedProtocols(), { instanceOf: PleskSystemError })).code, 11003);
  t.deepEqual(stub.calls.map((c) => c.credentials), [{ secretKey: 'key-1' }], 'refused packets make no call');

  const post = (headers: Record<string, string>, body: string) => new Promise<string>((resolve, reject) => {
    const url = new URL(stub.url);
    const req = https.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', ca: stub.ca, headers: { 'Content-Type': 'text/xml', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
    });
    req.on('error', reject).end(body);
  });
  const none = await post({}, '<packet><backup-manager><get-supported-protocols/></backup-manager></packet>');
  t.regex(none, /<errcode>1029<\/errcode>/);
  const broken = await post({ HTTP_AUTH_LOGIN: 'me', HTTP_AUTH_PASSWD: 'Secret&1' }, '<packet><backup-manager><get-tasks-info><task-id>1</task-id><server/></get-tasks-info></backup-manager></packet>');
  t.regex(broken, /<errcode>1014<\/errcode><errtext>Parser error: Request is invalid\. packet\/backup-manager\/get-tasks-info\/server \(line 1, column \d+\): unexpected element &lt;server&gt;/);
  const notXml = await post({ HTTP_AUTH_LOGIN: 'me', HTTP_AUTH_PASSWD: 'Secret&1' }, '<packet><backup-manager>');
  t.regex(notXml, /<errcode>1014<\/errcode><errtext>Parser error: Request is invalid\. [^<]*not well-formed/);
  const answers = stub.requests.map((r) => r.answer!);
  t.is(answers.length, 6);
  const results = await validateAgainstPlesk(answers, 'agent_output.xsd');
  t.deepEqual(results.filter((r) => !r.valid).map((r) => r.errors.join('\n')), []);
});

test.serial('every fault kind gives the client error the README promises, and faults can be matched to an operation', async (t) => {
  const { stub, client } = await withStub(t, {
    handlers: {
      backupManager: {
        getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }),
        backupServer: () => ({ status: 'ok', taskId: '1' }),
        downloadFile: (input) => stubFile(`bytes of ${input.filename}`, input.filename),
      },
    },
  });
  // a short deadline for the faults that wait for it (generous enough for a loaded machine)
  const fast = clientFor(stub, { timeoutMs: 1_500, retries: 0 });
  t.teardown(() => fast.close());
  const protocols = () => client.backupManager.getSupportedProtocols();

  stub.fail({ kind: 'drop' });
  t.like(await t.throwsAsync(client.backupManager.backupServer({ description: 'd', local: true }), { instanceOf: PleskTransportError }), { reason: 'connection' });
  t.is(stub.calls.at(-1)!.key, 'backupManager.backupServer', 'a dropped packet was handled: the answer was lost');
  stub.fail({ kind: 'drop' });
  t.deepEqual(await protocols(), ['ftp'], 'a read whose connection drops is resent');

  stub.fail({ kind: 'hang' });
  t.like(await t.throwsAsync(fast.backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError }), { reason: 'timeout' });

  stub.fail({ kind: 'slow', delayMs: 150 });
  t.deepEqual(await inOrder(150, protocols), ['delay of 150 ms over', ['ftp']], 'the answer came after the delay');
  stub.fail({ kind: 'slow', delayMs: 10_000 });
  t.like(await t.throwsAsync(fast.backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError }), { reason: 'timeout' });

  stub.fail({ kind: 'html', status: 502 });
  t.like(await t.throwsAsync(protocols(), { instanceOf: PleskTransportError }), { reason: 'http-status', status: 502 });
  stub.fail({ kind: 'html', status: 200, title: 'Log in to Plesk' });
  t.like(await t.throwsAsync(protocols(), { instanceOf: PleskTransportError }), { reason: 'not-a-packet' });

  stub.fail({ kind: 'system-error', code: 1030, text: 'License expired.' });
  t.like(await t.throwsAsync(protocols(), { instanceOf: PleskSystemError }), { code: 1030, errtext: 'License expired.' });

  stub.fail({ kind: 'xml', xml: '<packet version="1.6.9.0"><backup-manager><get-supported-protocols><result><status>ok</status><protocol>sftp</protocol></result></get-supported-protocols></backup-manager></packet>' });
  t.deepEqual(await protocols(), ['sftp']);
  stub.fail({ kind: 'xml', xml: '<packet><backup-manager><get-supported-protocols><result><status>ok<maybe/></status></result></get-supported-protocols></backup-manager></packet>' });
  await t.throwsAsync(protocols(), { name: 'XmlDecodeError' });

  stub.fail({ kind: 'file-stall' });
  const stalled = await fast.backupManager.downloadFile({ server: true, filename: 'a.tar' });
  t.like(await t.throwsAsync(stalled.buffer(), { instanceOf: PleskTransportError }), { reason: 'timeout' });
  stub.fail({ kind: 'file-cut' });
  const cut = await client.backupManager.downloadFile({ server: true, filename: 'a.tar' });
  t.like(await t.throwsAsync(cut.buffer(), { instanceOf: PleskTransportError }), { reason: 'connection' });

  // matched to an operation: other packets pass untouched until one with that operation comes
  stub.fail({ kind: 'system-error', code: 1006, text: 'Permission denied.' }, { operation: 'backupManager.backupServer', times: 2 });
  t.deepEqual(await protocols(), ['ftp']);
  t.like(await t.throwsAsync(client.backupManager.backupServer({ description: 'd', local: true }), { instanceOf: PleskSystemError }), { code: 1006 });
  t.like(await t.throwsAsync(client.backupManager.backupServer({ description: 'd', local: true }), { instanceOf: PleskSystemError }), { code: 1006 });
  t.is(await client.backupManager.backupServer({ description: 'd', local: true }), '1', 'times: 2 means two packets');
  t.deepEqual(stub.requests.filter((r) => r.fault).map((r) => r.fault), ['drop', 'drop', 'hang', 'slow', 'slow', 'html', 'html', 'system-error', 'xml', 'xml', 'file-stall', 'file-cut', 'system-error', 'system-error']);
  t.deepEqual(stub.errors, []);
});

test('a file operation answers the file its handler returns, and XML for its error result', async (t) => {
  const content = Buffer.from([0, 1, 2, 255, 254, ...Buffer.from('tar')]);
  const { stub, client } = await withStub(t, {
    handlers: {
      backupManager: {
        downloadFile: (input) => {
          if (input.filename !== 'a.tar') throw stubOperationError(1013, `backup file ${input.filename} does not exist`);
          return stubFile(content, 'a.tar');
        },
      },
    },
  });
  const file = await client.backupManager.downloadFile({ server: true, filename: 'a.tar' });
  t.like(file, { filename: 'a.tar', contentType: 'application/octet-stream', length: content.length });
  t.deepEqual(await file.buffer(), content);
  t.like(await t.throwsAsync(client.backupManager.downloadFile({ server: true, filename: 'b.tar' }), { instanceOf: PleskOperationError }), { code: 1013 });
  t.deepEqual(stub.requests.map((r) => r.kind), ['file', 'packet']);
});

test("a handler's own bug, or an answer the schema refuses, is HTTP 500 with the reason and is kept in stub.errors", async (t) => {
  const { stub, client } = await withStub(t, {
    handlers: {
      backupManager: {
        getSupportedProtocols: () => {
          throw new TypeError('oops in the test');
        },
        // a JavaScript caller (or a cast) can return what the schema does not allow
        getTasksInfo: () => ({ status: 'finished' }) as never,
        // TypeScript does not check returned literals for extra properties: the encoder does
        stopBackup: () => ({ status: 'ok', stopped: true }),
      },
    },
  });
  const bug = await t.throwsAsync(client.backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError });
  t.like(bug, { reason: 'http-status', status: 500 });
  t.regex(bug.message, /the handler of backup-manager\/get-supported-protocols threw: oops in the test/);
  const invalid = await t.throwsAsync(client.backupManager.getTasksInfo(), { instanceOf: PleskTransportError });
  t.regex(invalid.message, /answer breaks the response schema/);
  const extra = await t.throwsAsync(client.backupManager.stopBackup({ taskId: '1' }), { instanceOf: PleskTransportError });
  t.regex(extra.message, /packet\/backup-manager\/stop-backup\/result: unknown property stopped/);
  t.is(stub.errors.length, 3);
  t.true(stub.errors[0]!.cause instanceof TypeError);
});

test('plain HTTP on request (tls: false), and reset() forgets what was recorded', async (t) => {
  const stub = await createPleskStub({ tls: false, handlers: { backupManager: { getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }) } } });
  t.teardown(() => stub.close());
  t.is(stub.ca, undefined);
  t.regex(stub.url, /^http:\/\/127\.0\.0\.1:\d+\/enterprise\/control\/agent\.php$/);
  const answer = await new Promise<string>((resolve, reject) => {
    const req = http.request(stub.url, { method: 'POST', headers: { HTTP_AUTH_LOGIN: 'admin', HTTP_AUTH_PASSWD: 'stub-password', 'Content-Type': 'text/xml' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
    });
    req.on('error', reject).end('<packet><backup-manager><get-supported-protocols/></backup-manager></packet>');
  });
  t.regex(answer, /<protocol>ftp<\/protocol>/);
  t.is(stub.calls.length, 1);
  stub.fail({ kind: 'hang' });
  stub.reset();
  t.deepEqual([stub.calls.length, stub.requests.length], [0, 0]);
});

test('close() ends hanging and kept-alive connections and leaves nothing open: the process exits on its own', async (t) => {
  const script = [
    "import { createPleskStub } from './generated/src/testing.ts';",
    "import { PleskClient } from './generated/src/index.ts';",
    "const stub = await createPleskStub({ handlers: { backupManager: { getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }) } } });",
    'const client = new PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password });',
    'await client.backupManager.getSupportedProtocols();',
    "stub.fail({ kind: 'hang' }); stub.fail({ kind: 'slow', delayMs: 600000 });",
    'const hanging = client.backupManager.getSupportedProtocols().catch((e) => e.reason);',
    'const slow = client.backupManager.getSupportedProtocols().catch((e) => e.reason);',
    'await new Promise((r) => setTimeout(r, 300));',
    'await stub.close();',
    'console.log(JSON.stringify(await Promise.all([hanging, slow])));',
    'client.close();',
  ].join('\n');
  // execFile's timeout only guards against a process that never exits (a failure either way)
  const output = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], { cwd: ROOT, timeout: 60_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
  t.deepEqual(JSON.parse(output), ['connection', 'connection'], 'the connections the stub closed fail the calls waiting on them');
});
