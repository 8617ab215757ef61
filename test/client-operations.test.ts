/**
 * Every backup-manager operation through PleskClient, over real HTTPS against the stand-in; then
 * every request the client sent is validated against Plesk's agent_input.xsd and every answer the
 * stand-in gave against agent_output.xsd.
 */
import test from 'ava';
import { PleskOperationError, type PleskClient } from '../generated/src/index.js';
import { validateAgainstPlesk } from './helpers/plesk-oracle.js';
import { clientOf, packet, standIn, type StandIn } from './helpers/stand-in.js';

let server: StandIn;
let client: PleskClient;

test.before(async () => {
  server = await standIn();
  client = clientOf(server);
});
test.after.always(async () => {
  client?.close();
  await server?.close();
});

test.serial('get-supported-protocols answers the protocol list', async (t) => {
  t.deepEqual(await client.backupManager.getSupportedProtocols(), ['ftp']);
});

test.serial('backup-server, then get-tasks-info by task id: working, then finished with a file name', async (t) => {
  const taskId = await client.backupManager.backupServer({ prefix: 'nightly', description: 'before upgrade', local: true });
  t.regex(taskId ?? '', /^\d+$/);
  const [first] = await client.backupManager.getTasksInfo({ taskId: taskId! });
  t.like(first, { server: true, id: Number(taskId), status: 'working', prefix: 'nightly', filename: '', protocol: 'local' });
  const [second] = await client.backupManager.getTasksInfo({ taskId: taskId! });
  t.is(second!.status, 'finished');
  t.is(second!.filename, `nightly_backup_server_${taskId}.tar`);
});

test.serial('backup-customer, -reseller, -webspace by id and by name; get-tasks-info filters by owner', async (t) => {
  const customer = await client.backupManager.backupCustomer({ customerLogin: 'jdoe', description: '', local: true, onlyMail: true });
  const reseller = await client.backupManager.backupReseller({ resellerId: 1, description: 'r', local: true });
  const webspace = await client.backupManager.backupWebspace({ webspaceName: 'example.com', description: 'w', local: true, onlyConfiguration: true });
  const byCustomer = await client.backupManager.getTasksInfo({ customerId: 7 });
  t.deepEqual(byCustomer.map((task) => [String(task.id), task.customerId]), [[customer, 7]]);
  t.deepEqual((await client.backupManager.getTasksInfo({ resellerLogin: 'reseller1' })).map((task) => String(task.id)), [reseller]);
  t.deepEqual((await client.backupManager.getTasksInfo({ webspaceId: 3 })).map((task) => [String(task.id), task.webspaceId]), [[webspace, 3]]);
  const all = await client.backupManager.getTasksInfo();
  t.true([customer, reseller, webspace].every((id) => all.some((task) => String(task.id) === id)));
  const error = await t.throwsAsync(client.backupManager.backupCustomer({ customerId: 99, description: '', local: true }), { instanceOf: PleskOperationError });
  t.is(error.code, 1013);
  t.is(error.operation, 'backup-manager/backup-customer');
});

test.serial('stop-backup stops a working task; stopping it again is an error result', async (t) => {
  const taskId = (await client.backupManager.backupWebspace({ webspaceId: 4, description: 'to stop', local: true }))!;
  await client.backupManager.stopBackup({ taskId });
  const [task] = await client.backupManager.getTasksInfo({ taskId });
  t.is(task!.status, 'stopped');
  const error = await t.throwsAsync(client.backupManager.stopBackup({ taskId }), { instanceOf: PleskOperationError });
  t.is(error.code, 1025);
});

test.serial('get-local-backup-list, download-file (a stream of the bytes), remove-file', async (t) => {
  const taskId = (await client.backupManager.backupServer({ description: 'Sauvegarde d’été — ✓', local: true }))!;
  const done = await client.backupManager.waitForTask(taskId, { intervalMs: 5 });
  const backups = await client.backupManager.getLocalBackupList({ server: true });
  const file = backups.flatMap((b) => b.file).find((f) => f.name === done.filename);
  t.truthy(file, 'the finished backup is listed');
  t.is(file!.description, 'Sauvegarde d’été — ✓', 'non-ASCII text survives both directions (Content-Length in bytes)');
  const download = await client.backupManager.downloadFile({ server: true, filename: done.filename });
  t.is(download.filename, done.filename);
  t.is(download.contentType, 'application/octet-stream');
  const bytes = await download.buffer();
  t.is(bytes.length, Number(file!.size));
  t.deepEqual(bytes, server.backupManager.files.find((f) => f.name === done.filename)!.content);
  await client.backupManager.removeFile({ server: true, filename: done.filename });
  const after = await client.backupManager.getLocalBackupList({ server: true });
  t.false(after.flatMap((b) => b.file).some((f) => f.name === done.filename));
  const missing = await t.throwsAsync(client.backupManager.downloadFile({ server: true, filename: done.filename }), { instanceOf: PleskOperationError });
  t.is(missing.code, 1013);
  t.is(missing.operation, 'backup-manager/download-file');
});

test.serial('set-remote-storage-settings, get-remote-storage-settings, a remote backup, import-file', async (t) => {
  t.is(await client.backupManager.getRemoteStorageSettings({ protocol: 'ftp', customerId: 8 }), undefined);
  const refused = await t.throwsAsync(client.backupManager.backupCustomer({ customerId: 8, description: '', remote: 'ftp' }), { instanceOf: PleskOperationError });
  t.is(refused.code, 1023);
  const settings = { protocol: 'ftp', host: 'ftp.example.com', port: 21, directory: '/backups', login: 'ftpuser', password: 'ftp-secret', passiveMode: true };
  await client.backupManager.setRemoteStorageSettings({ customerId: 8, settings });
  t.deepEqual(await client.backupManager.getRemoteStorageSettings({ protocol: 'ftp', customerLogin: 'acme' }), settings);
  const taskId = (await client.backupManager.backupCustomer({ customerId: 8, description: '', remote: 'ftp' }))!;
  t.is((await client.backupManager.getTasksInfo({ taskId }))[0]!.protocol, 'ftp');
  await client.backupManager.importFile({ customerId: 8, tmpFilename: '/tmp/uploaded_backup.tar' });
  t.true((await client.backupManager.getLocalBackupList({ customerId: 8 })).some((b) => b.file.some((f) => f.name === 'uploaded_backup.tar')));
});

test.serial('request() sends several operations in one packet and returns every result, ok and error', async (t) => {
  const before = server.requests;
  const response = await client.request({
    operators: [{ backupManager: { operations: [{ getSupportedProtocols: true }, { getTasksInfo: { taskId: '424242' } }, { getLocalBackupList: { customerId: 7 } }] } }],
  });
  t.is(server.requests, before + 1, 'one round trip');
  const answers = response.operators![0]!.backupManager!.operations;
  t.deepEqual(answers[0]!.getSupportedProtocols!.result, { status: 'ok', protocol: ['ftp'] });
  t.like(answers[1]!.getTasksInfo!.result[0], { status: 'error', errcode: 1013 });
  t.is(answers[2]!.getLocalBackupList!.result.status, 'ok');
});

test.serial('mixed ok and error results: the convenience method rejects and the error keeps every result', async (t) => {
  const task = '<task><server/><id>5</id><status>finished</status><started>2026-11-28 09:00</started><prefix/><filename>a.tar</filename><protocol>local</protocol></task>';
  server.faults.push({ xml: packet(`<backup-manager><get-tasks-info><result><status>ok</status>${task}</result><result><status>error</status><errcode>1013</errcode><errtext>customer 9 does not exist</errtext></result></get-tasks-info></backup-manager>`) });
  const error = await t.throwsAsync(client.backupManager.getTasksInfo({ customerId: 9 }), { instanceOf: PleskOperationError });
  t.is(error.code, 1013);
  t.is(error.results.length, 2);
  t.like(error.results[0], { status: 'ok', task: [{ id: 5, filename: 'a.tar' }] });
  t.regex(error.message, /1 of 2 results failed/);
});

test.serial('every request the client sent is valid under agent_input.xsd; every answer under agent_output.xsd', async (t) => {
  t.true(server.received.length > 20);
  const requests = await validateAgainstPlesk(server.received, 'agent_input.xsd');
  t.deepEqual(requests.filter((r) => !r.valid).map((r) => r.errors.join('\n')), []);
  const responses = await validateAgainstPlesk(server.responses, 'agent_output.xsd');
  t.deepEqual(responses.filter((r) => !r.valid).map((r) => r.errors.join('\n')), []);
});
