/**
 * The stand-in of a package for backup-manager, webspace and customer (Plesk's 1.6.6.0 schemas,
 * the operators option): subscriptions and customers listed as Plesk lists them, backups that
 * finish, fail, stall and stop as the scenario says, slow downloads; and a server whose newest
 * protocol lacks backup-manager (refuseAbsentOperators), whose refusals the client explains:
 * which versions have the operator, and what to generate instead.
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Own from '../generated/src/index.js';
import type * as OwnTesting from '../generated/src/testing.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { generateFrom, sharedDir } from './helpers/project.js';

const PLESK = sharedDir('plesk-xsd');
// the package's types are those of Plesk's schemas; the test reads it through the shapes both packages share
type Listed<G> = Array<{ id?: unknown; filterId?: string; data?: { genInfo?: G } }>;
type Client = Own.PleskClient & { webspace: { get(input: unknown): Promise<Listed<{ name: string; ownerLogin?: string }>> }; customer: { get(input: unknown): Promise<Listed<{ login: string; pname: string }>> } };
type Package = Omit<typeof Own, 'PleskClient'> & { PleskClient: new (options: Own.PleskClientOptions) => Client };
let pkg: Package;
let testing: typeof OwnTesting;

test.before(async () => {
  const { files } = generateFrom([path.join(PLESK, 'agent_input.xsd'), path.join(PLESK, 'agent_output.xsd')], PLESK, undefined, { protocolVersion: '1.6.6.0', operators: ['backup-manager', 'webspace', 'customer'] });
  const out = sharedPackageDir(files);
  pkg = (await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href)) as Package;
  testing = (await import(pathToFileURL(path.join(out, 'src', 'testing.ts')).href)) as typeof testing;
});

async function serve(t: import('ava').ExecutionContext, options: Parameters<typeof testing.createPleskStandIn>[0], clientOptions: Partial<Own.PleskClientOptions> = {}) {
  const standIn = await testing.createPleskStandIn(options);
  const client = new pkg.PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: standIn.password, ...clientOptions });
  t.teardown(async () => {
    client.close();
    await standIn.close();
  });
  return { standIn, client };
}

test('subscriptions and customers are listed as Plesk lists them (webspace/get, customer/get with gen_info)', async (t) => {
  const { client, standIn } = await serve(t, {});
  const all = await client.webspace.get({ filter: {}, dataset: { genInfo: true } });
  t.deepEqual(all.map((w) => [w.id, w.data?.genInfo?.name, w.data?.genInfo?.ownerLogin]), [[1, 'example.com', 'jdoe'], [2, 'shop.example.com', 'jdoe'], [3, 'acme.test', 'acme']]);
  const one = await client.webspace.get({ filter: { name: ['acme.test'] }, dataset: { genInfo: true } });
  t.deepEqual(one.map((w) => [w.filterId, w.id]), [['acme.test', 3]]);
  const customers = await client.customer.get({ filter: {}, dataset: { genInfo: true } });
  t.deepEqual(customers.map((c) => [c.id, c.data?.genInfo?.login, c.data?.genInfo?.pname]), [[1, 'jdoe', 'John Doe'], [2, 'acme', 'ACME Ltd']]);
  const missing = await t.throwsAsync(client.webspace.get({ filter: { name: ['nope.test'] }, dataset: { genInfo: true } }), { instanceOf: pkg.PleskOperationError });
  t.is(missing.code, 1013);
  t.deepEqual(standIn.errors, [], 'every answer fit the response schema');
});

test('the scenario: a failing owner\'s backup rejects PleskTaskFailedError, a stalled one is cancelled by its signal, then stopped', async (t) => {
  const { client, standIn } = await serve(t, { finishAfterPolls: 1, scenario: { failing: ['shop.example.com'], stalled: ['acme.test'] } });
  const ok = await client.backupManager.waitForTask((await client.backupManager.backupWebspace({ webspaceName: 'example.com', description: 'n', local: true }))!, { intervalMs: 0 });
  t.is(ok.filename, 'backup_example.com_1.tar');
  const failing = await client.backupManager.backupWebspace({ webspaceName: 'shop.example.com', description: 'n', local: true });
  const failed = await t.throwsAsync(client.backupManager.waitForTask(failing!, { intervalMs: 0 }), { instanceOf: pkg.PleskTaskFailedError });
  t.like(failed.task, { id: 2, webspaceId: 2, status: 'failed', filename: '' });
  const stalled = await client.backupManager.backupWebspace({ webspaceName: 'acme.test', description: 'n', local: true });
  const controller = new AbortController();
  const seen: string[] = [];
  const cancelled = await t.throwsAsync(client.backupManager.waitForTask(stalled!, { intervalMs: 0, signal: controller.signal, onProgress: (task) => {
    seen.push(task.status);
    if (seen.length === 5) controller.abort();
  } }), { instanceOf: pkg.PleskTransportError });
  t.is(cancelled.reason, 'aborted');
  t.deepEqual(seen, ['working', 'working', 'working', 'working', 'working'], 'a stalled task stays working');
  await client.backupManager.stopBackup({ taskId: stalled! });
  t.like(await t.throwsAsync(client.backupManager.waitForTask(stalled!, { intervalMs: 0 }), { instanceOf: pkg.PleskTaskFailedError }), { status: 'stopped' });
  t.deepEqual(standIn.tasks.map((task) => [task.owner, task.status]), [['webspace:example.com', 'finished'], ['webspace:shop.example.com', 'failed'], ['webspace:acme.test', 'stopped']]);
  t.deepEqual(standIn.backups.map((b) => b.name), ['backup_example.com_1.tar']);
});

test('a slow download arrives in many pieces, each reported', async (t) => {
  const { client, standIn } = await serve(t, { finishAfterPolls: 0, backupBytes: 10_000, scenario: { slowDownload: { delayMs: 1, chunkBytes: 1000 } } });
  const task = await client.backupManager.waitForTask((await client.backupManager.backupServer({ description: 'n', local: true }))!, { intervalMs: 0 });
  const events: number[] = [];
  const file = await client.backupManager.downloadFile({ server: true, filename: task.filename }, { onProgress: (p) => events.push(p.bytes) });
  t.is((await file.buffer()).length, 10_000);
  t.true(events.length >= 10, `${events.length} pieces`);
  t.is(events.at(-1), 10_000);
  t.is(standIn.requests.at(-1)!.fault, 'file-slow');
});

test('a server whose newest protocol lacks backup-manager: refused with 1014, and the error says which versions have it and what to generate', async (t) => {
  const { client, standIn } = await serve(t, { protocolVersion: '1.6.9.1', protocolVersions: ['1.6.6.0', '1.6.9.0', '1.6.9.1'], refuseAbsentOperators: true }, { protocolVersion: null });
  const error = await t.throwsAsync(client.backupManager.getTasksInfo(), { instanceOf: pkg.PleskSystemError });
  t.is(error.code, 1014);
  t.is(error.message, "Plesk refused the request packet: error 1014 (the request packet is not well-formed or breaks the schema): Parser error: Request is invalid. Error in line 2: Element 'backup-manager': This element is not expected.; <backup-manager> is documented for XML API protocols 1.5.2.0 – 1.6.9.0 and absent from 1.6.9.1 on; the server's protocol 1.6.9.1 lacks <backup-manager>. Fix: generate the package from the schemas of a protocol from 1.5.2.0 to 1.6.9.0 that the server lists (client.supportedProtocols(); on the server, ls /usr/local/psa/admin/htdocs/schemas/rpc/), with protocolVersion set to that version");
  // the package's own version (1.6.6.0) still has it
  const pinned = new pkg.PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: standIn.password });
  t.teardown(() => pinned.close());
  t.deepEqual(await pinned.backupManager.getTasksInfo(), []);
  // webspace is in every version: not refused
  t.is((await client.webspace.get({ filter: {}, dataset: { genInfo: true } })).length, 3);
});

test('1005 from a server whose every protocol lacks backup-manager, and 1017 naming it, say so too; other refusals stay as they were', async (t) => {
  const { client, standIn } = await serve(t, { protocolVersion: '1.6.10.0', protocolVersions: ['1.6.9.1', '1.6.10.0'] });
  const error = await t.throwsAsync(client.backupManager.getTasksInfo(), { instanceOf: pkg.PleskSystemError });
  t.is(error.code, 1005);
  t.deepEqual(error.supportedVersions, ['1.6.9.1', '1.6.10.0']);
  t.true(error.message.endsWith('; the packet was sent with version="1.6.6.0"; it supports 1.6.9.1, 1.6.10.0. Fix: pass the client option protocolVersion with one of them, or generate the package from that version\'s schemas (--protocol-version). <backup-manager> is documented for XML API protocols 1.5.2.0 – 1.6.9.0 and absent from 1.6.9.1 on; none of the protocols this server supports has <backup-manager>: it cannot be used on this server through the XML API (use the server\'s command line instead)'), error.message);
  standIn.fail({ kind: 'system-error', code: 1017, text: 'The operator backup-manager is not supported by protocol version 1.6.9.1.' });
  const old = new pkg.PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: standIn.password, protocolVersion: '1.6.9.1' });
  t.teardown(() => old.close());
  const refused = await t.throwsAsync(old.backupManager.getTasksInfo(), { instanceOf: pkg.PleskSystemError });
  t.regex(refused.message, /which does not have this operation or one of its elements\. Fix: use a newer version .*\. <backup-manager> is documented for XML API protocols 1\.5\.2\.0 – 1\.6\.9\.0 and absent from 1\.6\.9\.1 on; the server's protocol 1\.6\.9\.1 lacks <backup-manager>\. Fix: generate the package from the schemas of a protocol from 1\.5\.2\.0 to 1\.6\.9\.0/);
  standIn.fail({ kind: 'system-error', code: 1014, text: "Element 'webspace': This element is not expected." });
  const other = await t.throwsAsync(old.webspace.get({ filter: {}, dataset: { genInfo: true } }), { instanceOf: pkg.PleskSystemError });
  t.is(other.message, "Plesk refused the request packet: error 1014 (the request packet is not well-formed or breaks the schema): Element 'webspace': This element is not expected.", 'an operator the package knows no range of: the refusal as it was');
});
