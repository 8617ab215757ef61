/**
 * Each error class of the client, over real HTTPS against the stand-in: what it carries, that it
 * comes within its deadline, and that no message ever contains the password or the secret key.
 */
import https from 'node:https';
import test from 'ava';
import {
  PleskClient,
  PleskOperationError,
  PleskSystemError,
  PleskTransportError,
  XmlDecodeError,
  XmlEncodeError,
  type BackupStopInput,
} from '../generated/src/index.js';
import { clientOf, packet, standIn, type StandIn } from './helpers/stand-in.js';

const PASSWORD = 'Tr0ub4dor&3-unique-password';
const KEY = 'f3a7c2d1-unique-secret-key';
let server: StandIn;

test.before(async () => {
  server = await standIn({ password: PASSWORD, secretKey: KEY });
});
test.after.always(async () => {
  await server?.close();
});
// a call that times out or is aborted before its request reached the server leaves its fault
// queued (it happens on a loaded machine): never let it reach the next call
test.afterEach.always(() => {
  server.faults.length = 0;
});

/** Every text an error shows: message, stack, String(), cause chain. */
function texts(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; stack?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    parts.push(String(e), e.message ?? '', e.stack ?? '');
  }
  return parts.join('\n');
}

test.serial('a wrong password is PleskSystemError 1001; a right secret key works; a wrong one is 11003', async (t) => {
  const wrong = clientOf(server, { password: 'not-the-password' });
  const error = await t.throwsAsync(wrong.backupManager.getTasksInfo(), { instanceOf: PleskSystemError });
  t.is(error.code, 1001);
  t.regex(error.message, /error 1001 \(authentication failed/);
  t.deepEqual(await clientOf(server, { secretKey: KEY }).backupManager.getSupportedProtocols(), ['ftp']);
  const badKey = await t.throwsAsync(clientOf(server, { secretKey: 'wrong-key' }).backupManager.getSupportedProtocols(), { instanceOf: PleskSystemError });
  t.is(badKey.code, 11003);
});

test.serial('the stand-in answers 1029 without credentials and 1014 with the reason for a packet that breaks the schema', async (t) => {
  const post = (headers: Record<string, string>, body: string) =>
    new Promise<string>((resolve, reject) => {
      const req = https.request({ host: server.host, port: server.port, path: '/enterprise/control/agent.php', method: 'POST', ca: server.cert, headers: { 'Content-Type': 'text/xml', ...headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
      });
      req.on('error', reject).end(body);
    });
  t.regex(await post({}, '<packet><backup-manager><get-supported-protocols/></backup-manager></packet>'), /<errcode>1029<\/errcode>/);
  const auth = { HTTP_AUTH_LOGIN: server.login, HTTP_AUTH_PASSWD: PASSWORD };
  const reason = await post(auth, '<packet><backup-manager><get-backup-status/></backup-manager></packet>');
  t.regex(reason, /<errcode>1014<\/errcode><errtext>Parser error: Request is invalid\. packet\/backup-manager\/get-backup-status \(line 1, column \d+\): unexpected element &lt;get-backup-status&gt;/);
  t.regex(await post(auth, '<packet><backup-manager>'), /<errcode>1014<\/errcode>/);
});

test.serial('an unknown task is PleskOperationError with the operation, the code and the result', async (t) => {
  const error = await t.throwsAsync(clientOf(server).backupManager.getTasksInfo({ taskId: '999999' }), { instanceOf: PleskOperationError });
  t.is(error.code, 1013);
  t.is(error.operation, 'backup-manager/get-tasks-info');
  t.deepEqual(error.result, { status: 'error', errcode: 1013, errtext: 'backup task 999999 does not exist' });
});

test.serial('an HTML 502 page is PleskTransportError http-status; an HTML page with 200 is not-a-packet', async (t) => {
  server.faults.push('html-502');
  const bad = await t.throwsAsync(clientOf(server).backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError });
  t.is(bad.reason, 'http-status');
  t.is(bad.status, 502);
  t.regex(bad.message, /HTTP 502 Bad Gateway/);
  server.faults.push('html-200');
  const page = await t.throwsAsync(clientOf(server).backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError });
  t.is(page.reason, 'not-a-packet');
});

test.serial('a server that never answers is PleskTransportError timeout', async (t) => {
  // the server never answers nor closes: only the call's deadline can end the call
  server.faults.push({ fault: 'hang', match: 'hang-timeout' });
  const error = await t.throwsAsync(clientOf(server).backupManager.getTasksInfo({ customerLogin: 'hang-timeout' }, { timeoutMs: 300 }), { instanceOf: PleskTransportError });
  t.is(error.reason, 'timeout');
});

test.serial('an aborted call is PleskTransportError aborted: in flight, before it starts, during a retry pause', async (t) => {
  server.faults.push({ fault: 'hang', match: 'hang-abort' });
  const controller = new AbortController();
  const call = clientOf(server).backupManager.getTasksInfo({ customerLogin: 'hang-abort' }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  t.is((await t.throwsAsync(call, { instanceOf: PleskTransportError })).reason, 'aborted');

  const before = server.requests;
  const aborted = AbortSignal.abort();
  t.is((await t.throwsAsync(clientOf(server).backupManager.getSupportedProtocols({ signal: aborted }), { instanceOf: PleskTransportError })).reason, 'aborted');
  t.is((await t.throwsAsync(clientOf(server).backupManager.waitForTask('1', { signal: aborted }), { instanceOf: PleskTransportError })).reason, 'aborted');
  t.is(server.requests, before, 'nothing was sent');

  server.faults.push('drop', 'drop', 'drop');
  const pausing = new AbortController();
  const retried = clientOf(server, { retries: 5 }).backupManager.getSupportedProtocols({ signal: pausing.signal });
  setTimeout(() => pausing.abort(), 150);
  t.is((await t.throwsAsync(retried, { instanceOf: PleskTransportError })).reason, 'aborted');
  await new Promise((resolve) => setTimeout(resolve, 300)); // an uncaught error of a destroyed request would surface here
});

test.serial('a file that stops arriving, is cut off, or is a page instead fails the download with PleskTransportError', async (t) => {
  const client = clientOf(server);
  const input = { server: true as const, filename: 'any.tar' };
  server.faults.push('file-stall');
  // the headers and the first bytes come at once, then nothing: a deadline long enough for the
  // first part on any machine, which only the stall can reach
  const stalled = await client.backupManager.downloadFile(input, { timeoutMs: 3_000 });
  t.is(stalled.filename, 'partial.tar');
  t.is((await t.throwsAsync(stalled.buffer(), { instanceOf: PleskTransportError })).reason, 'timeout');
  server.faults.push('file-stall');
  const controller = new AbortController();
  const abortable = await client.backupManager.downloadFile(input, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  t.is((await t.throwsAsync(abortable.buffer(), { instanceOf: PleskTransportError })).reason, 'aborted');
  server.faults.push('file-cut');
  const cut = await client.backupManager.downloadFile(input);
  const error = await t.throwsAsync(cut.buffer(), { instanceOf: PleskTransportError });
  t.is(error.reason, 'connection');
  server.faults.push('html-200');
  t.is((await t.throwsAsync(client.backupManager.downloadFile(input), { instanceOf: PleskTransportError })).reason, 'not-a-packet');
});

test.serial('an untrusted certificate is refused without ca, accepted with it; turning verification off affects one client only', async (t) => {
  const untrusting = clientOf(server, { ca: undefined });
  const error = await t.throwsAsync(untrusting.backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError });
  t.is(error.reason, 'tls');
  t.regex(error.message, /self-signed certificate .*pass it as the `ca` option/);
  t.deepEqual(await clientOf(server).backupManager.getSupportedProtocols(), ['ftp']);
  const reckless = clientOf(server, { ca: undefined, dangerouslyDisableTlsVerification: true });
  t.deepEqual(await reckless.backupManager.getSupportedProtocols(), ['ftp']);
  t.is(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined);
  await t.throwsAsync(clientOf(server, { ca: undefined }).backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError, message: /self-signed/ });
});

test.serial('an answer that breaks the schema is XmlDecodeError; an input that breaks it is XmlEncodeError and nothing is sent', async (t) => {
  server.faults.push({ xml: packet('<backup-manager><get-supported-protocols><result><status>error</status><errcode>maybe</errcode></result></get-supported-protocols></backup-manager>') });
  const decode = await t.throwsAsync(clientOf(server).backupManager.getSupportedProtocols(), { instanceOf: XmlDecodeError });
  t.is(decode.path, 'packet/backup-manager/get-supported-protocols/result/errcode');
  const before = server.requests;
  const encode = await t.throwsAsync(clientOf(server).backupManager.stopBackup({} as BackupStopInput), { instanceOf: XmlEncodeError });
  t.regex(encode.message, /task-id/);
  t.is(server.requests, before);
});

test.serial('the response size limit and the protocol version option', async (t) => {
  const small = await t.throwsAsync(clientOf(server, { maxResponseBytes: 64 }).backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError });
  t.is(small.reason, 'too-large');
  const old = await t.throwsAsync(clientOf(server, { protocolVersion: '1.4.2.0' }).backupManager.getSupportedProtocols(), { instanceOf: PleskSystemError });
  t.is(old.code, 1005);
  t.deepEqual(await clientOf(server, { protocolVersion: '1.6.9.0' }).backupManager.getSupportedProtocols(), ['ftp']);
  t.regex(server.received.at(-1)!, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<packet version="1\.6\.9\.0">/);
});

test.serial('the client refuses incomplete or mixed credentials before sending anything', (t) => {
  const base = { host: server.host, port: server.port };
  t.throws(() => new PleskClient(base as never), { instanceOf: TypeError, message: /credentials are required/ });
  t.throws(() => new PleskClient({ ...base, login: 'admin' }), { instanceOf: TypeError, message: /go together/ });
  t.throws(() => new PleskClient({ ...base, login: 'a', password: 'b', secretKey: 'c' }), { instanceOf: TypeError, message: /not both/ });
  t.throws(() => new PleskClient({ ...base, login: 'a', password: 'line\nbreak' }), { instanceOf: TypeError, message: /option password has characters/ });
});

test.serial('neither the password nor the secret key appears in any error, even when the server echoes them', async (t) => {
  const errors: Array<{ error: unknown; secret: string }> = [];
  const collect = async (secret: string, run: () => Promise<unknown>) => {
    errors.push({ secret, error: await run().then(() => t.fail('expected an error'), (e: unknown) => e) });
    server.faults.length = 0; // see afterEach
  };
  const wrongPassword = clientOf(server, { password: `${PASSWORD}x` });
  await collect(`${PASSWORD}x`, () => wrongPassword.backupManager.getTasksInfo());
  for (const [secret, client] of [[PASSWORD, clientOf(server)], [KEY, clientOf(server, { secretKey: KEY })]] as const) {
    const echoed = secret.replace('&', '&amp;');
    await collect(secret, () => client.backupManager.getTasksInfo({ taskId: '31337' }));
    for (const fault of ['html-502', 'html-200'] as const) {
      server.faults.push(fault);
      await collect(secret, () => client.backupManager.getSupportedProtocols());
    }
    server.faults.push({ fault: 'hang', match: 'hang-secret' });
    await collect(secret, () => client.backupManager.getTasksInfo({ customerLogin: 'hang-secret' }, { timeoutMs: 300 }));
    server.faults.push({ xml: `<html><body>${'x'.repeat(110)} ${secret.replace('&', '&#38;').replace('-', '&#x2d;')}</body></html>` });
    await collect(secret, () => client.backupManager.getSupportedProtocols());
    server.faults.push({ xml: packet(`<backup-manager><get-supported-protocols><result><status>error</status><errcode>${echoed}</errcode></result></get-supported-protocols></backup-manager>`) });
    await collect(secret, () => client.backupManager.getSupportedProtocols());
    server.faults.push({ xml: packet(`<system><status>error</status><errcode>1001</errcode><errtext>credentials ${echoed} refused</errtext></system>`) });
    await collect(secret, () => client.backupManager.getSupportedProtocols());
    server.faults.push({ xml: packet(`<backup-manager><stop-backup><result><status>error</status><errcode>1023</errcode><errtext>${echoed}</errtext></result></stop-backup></backup-manager>`) });
    await collect(secret, () => client.backupManager.stopBackup({ taskId: '1' }));
    server.faults.push({ xml: `<html><body>${echoed}</body></html>` });
    await collect(secret, () => client.backupManager.getSupportedProtocols());
    await collect(secret, () => client.backupManager.stopBackup({} as BackupStopInput));
  }
  await collect(PASSWORD, () => clientOf(server, { ca: undefined }).backupManager.getSupportedProtocols());
  t.is(errors.length, 22);
  for (const { error, secret } of errors) {
    const text = texts(error);
    t.false(text.includes(secret.slice(0, 8)), text);
    t.false(JSON.stringify(error).includes(secret.slice(0, 8)), JSON.stringify(error));
  }
  const system = errors.map((e) => e.error).filter((e): e is PleskSystemError => e instanceof PleskSystemError && e.errtext.startsWith('credentials'));
  t.deepEqual(system.map((e) => e.errtext), ['credentials *** refused', 'credentials *** refused']);
});
