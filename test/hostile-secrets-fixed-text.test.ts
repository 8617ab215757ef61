/**
 * Masking touches server text only. A password or secret key that is also a word of the client's
 * own text (`timeout`, a reason; `Error`, in every class name; `pa`, in `packet`; `error` and
 * `ok`, result statuses) must leave the error's class, name, reason, code, status, path, line,
 * column and the client's own words as they are, and a decode error must report what the answer
 * holds, while every echo of the credential by the server is still masked.
 *
 * Each scenario is run with the credential under test and with a neutral one of the same length
 * that occurs in no text: the scripted server echoes whichever credential it receives, so the two
 * errors must be the same, field for field (the echo is `***` in both, and the answers are alike
 * to the column); the neutral credential must appear in no error text at all. Over real HTTPS, as
 * a password and as a secret key.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import test from 'ava';
import { decodeResponsePacket, XmlDecodeError } from '../generated/src/index.js';
import { maskSecrets } from '../runtime/client/secret-masking.js';
import { clientFor, hostileServer, xml, type HostileServer } from './helpers/hostile-server.js';

/** A credential of `secret`'s length that no text holds. */
const neutralFor = (secret: string) => 'Qzxqvjwk'.slice(0, secret.length);
const SECRETS = ['timeout', 'Error', 'pa', 'error', 'ok'];
let server: HostileServer;

test.before(async () => {
  server = await hostileServer();
});
test.after.always(async () => {
  await server?.close();
});

const packet = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.0">${inner}</packet>`;
const protocols = (result: string) => packet(`<backup-manager><get-supported-protocols><result>${result}</result></get-supported-protocols></backup-manager>`);

/** The credential the client sent. */
const credentialOf = (req: IncomingMessage) => String(req.headers.http_auth_passwd ?? req.headers.key ?? '');

/** How the server answers, echoing the credential it received. */
const SCENARIOS: Record<string, (echo: string, res: ServerResponse) => void> = {
  'no answer (timeout)': () => {},
  'a system error': (echo, res) => xml(res, packet(`<system><status>error</status><errcode>1001</errcode><errtext>login failed for ${echo}</errtext></system>`)),
  'an operation error': (echo, res) => xml(res, protocols(`<status>error</status><errcode>1023</errcode><errtext>${echo} is not allowed</errtext>`)),
  'a value the schema refuses': (echo, res) => xml(res, protocols(`<status>x-${echo}</status>`)),
  'an element the schema does not declare': (echo, res) => xml(res, protocols(`<status>ok</status><${echo}-note/>`)),
  'an undefined entity': (echo, res) => xml(res, protocols(`<status>error</status><errtext>&${echo};</errtext>`)),
  'an HTML page': (echo, res) => {
    res.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html' });
    res.end(`<html><body>Bad gateway for ${echo}</body></html>`);
  },
};

/** What an error reports, field by field (the excerpt aside: a window on the answer, masked as a whole). */
function report(error: unknown): Record<string, unknown> {
  const e = error as Error & Record<string, unknown>;
  const fields = ['name', 'message', 'reason', 'code', 'status', 'retried', 'path', 'line', 'column', 'errtext', 'operation', 'results', 'protocolVersion'];
  return { class: e.constructor.name, ...Object.fromEntries(fields.filter((f) => e[f] !== undefined).map((f) => [f, e[f]])), stackHead: e.stack?.slice(0, `${e.name}: ${e.message}`.length) };
}

async function failure(scenario: string, credential: string, asKey: boolean): Promise<Error> {
  server.answer = (req, res) => SCENARIOS[scenario]!(credentialOf(req), res);
  // a deadline of 300 ms only where the server never answers: any other answer has all the time
  // it needs, however loaded the machine (a timeout there would be the machine's speed, not the test's)
  const timeoutMs = scenario === 'no answer (timeout)' ? 300 : 60_000;
  const client = clientFor(server, { ...(asKey ? { secretKey: credential } : { password: credential }), timeoutMs, unknownElements: 'error' });
  try {
    await client.backupManager.getSupportedProtocols();
  } catch (error) {
    return error as Error;
  } finally {
    client.close();
  }
  throw new Error(`${scenario}: the call did not fail`);
}

for (const asKey of [false, true]) {
  test.serial(`${asKey ? 'secret keys' : 'passwords'} that are words of the client's own text leave every field of every error as it is; the echo is masked`, async (t) => {
    for (const scenario of Object.keys(SCENARIOS)) {
      for (const secret of SECRETS) {
        const neutral = await failure(scenario, neutralFor(secret), asKey);
        const shown = JSON.stringify(report(neutral));
        t.false(shown.includes(neutralFor(secret)), `${scenario}: the neutral credential is masked wherever it was echoed: ${shown}`);
        t.false(String((neutral as { excerpt?: string }).excerpt ?? '').includes(neutralFor(secret)));
        const error = await failure(scenario, secret, asKey);
        t.deepEqual(report(error), report(neutral), `${scenario} with ${JSON.stringify(secret)}`);
      }
    }
  });
}

test.serial('the fixed fields, exactly: a timeout with the password timeout, a system error with Error, a decode error with pa', async (t) => {
  const timeout = await failure('no answer (timeout)', 'timeout', false);
  t.like(timeout, { name: 'PleskTransportError', reason: 'timeout', message: `no complete answer from 127.0.0.1:${server.port} within 300 ms` });
  const system = await failure('a system error', 'Error', false);
  t.like(system, { name: 'PleskSystemError', code: 1001, errtext: 'login failed for ***', message: 'Plesk refused the request packet: error 1001 (authentication failed: wrong login or password): login failed for ***' });
  t.true(system.stack!.startsWith('PleskSystemError: Plesk refused'));
  const value = await failure('a value the schema refuses', 'pa', true);
  t.like(value, { name: 'XmlDecodeError', path: 'packet/backup-manager/get-supported-protocols/result/status', reason: '"x-***" is not one of the values allowed by result_status: ok, error', line: 2, column: 96 });
  t.is(value.message, 'packet/backup-manager/get-supported-protocols/result/status (line 2, column 96): "x-***" is not one of the values allowed by result_status: ok, error');
  const element = await failure('an element the schema does not declare', 'pa', false);
  t.like(element, { path: 'packet/backup-manager/get-supported-protocols/result/***-note', reason: 'unexpected element <***-note>; expected one of errcode, errtext, protocol or the end of <result>' });
  const operation = await failure('an operation error', 'error', false);
  t.like(operation, { name: 'PleskOperationError', code: 1023, operation: 'backup-manager/get-supported-protocols', message: 'backup-manager/get-supported-protocols failed: error 1023: *** is not allowed' });
  t.deepEqual((operation as unknown as { results: unknown[] }).results, [{ status: 'error', errcode: 1023, errtext: '*** is not allowed' }]);
  // unknownElements: 'keep' (the default): the warning names the element the server sent, masked, after the schema's path
  const warnings: string[] = [];
  const listen = (warning: Error) => void warnings.push(warning.message);
  process.on('warning', listen);
  try {
    server.answer = (req, res) => SCENARIOS['an element the schema does not declare']!(credentialOf(req), res);
    const client = clientFor(server, { password: 'pa' });
    t.deepEqual(await client.backupManager.getSupportedProtocols(), []);
    client.close();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listen);
  }
  t.deepEqual(warnings, ["the answer has the element <***-note> at packet/backup-manager/get-supported-protocols/result/***-note, which the package's schemas do not declare (a newer server?): it was kept; pass onSchemaDrift to the client to handle such reports, or read client.driftReport()"]);
});

test('decode option redact: each quoted piece of the document is masked before it is cut short; declared names, line and column stay', (t) => {
  const redact = (text: string) => maskSecrets(text, ['s3cret-word']);
  const decode = (xml: string) => t.throws(() => decodeResponsePacket(xml, { redact }), { instanceOf: XmlDecodeError });
  // the secret straddles the 60th character of the value: masked whole, then cut
  const long = decode(protocols(`<status>${'y'.repeat(55)}s3cret-word${'z'.repeat(20)}</status>`));
  t.is(long.reason, `"${'y'.repeat(55)}***${'z'.repeat(2)}…" (78 characters) is not one of the values allowed by result_status: ok, error`, 'the length is the masked value\'s');
  t.is(decode(protocols('<status>ok</status><errtext>&s3cret-word;</errtext>')).reason, 'not well-formed XML: undefined entity "&***;": without a DTD only &lt; &gt; &amp; &apos; &quot; and character references exist.');
  t.is(decode(protocols('<status>ok</status><s3cret-word>x</s3cret-word>')).path, 'packet/backup-manager/get-supported-protocols/result/***');
  t.is(decode('<packet><system><status>ok</status></s3cret-word></system></packet>').reason, 'not well-formed XML: unexpected close tag: </***> where </system> was expected.');
  t.is(decode('<packet s3cret-word="1"/>').reason, 'unknown attribute ***; allowed: version');
  // names the schema declares are not masked, even when they hold the secret
  const declared = t.throws(() => decodeResponsePacket('<packet><packet/></packet>', { redact: (text) => maskSecrets(text, ['pa']) }), { instanceOf: XmlDecodeError });
  t.is(declared.reason, 'unexpected element <packet>; expected one of backup-manager, upload, system');
  t.throws(() => decodeResponsePacket('<packet/>', { redact: 'no' as never }), { instanceOf: TypeError, message: 'decode: option redact must be a function, not string' });
});
