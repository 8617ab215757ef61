/**
 * Downloads and uploads as a user needs them, through the generated client against the stand-in
 * (createPleskStandIn of generated/'s ./testing): progress events (monotonic, ending at the total),
 * a download written to a path atomically (nothing left after an abort or a broken connection),
 * uploads from a path, a Buffer and a stream, an upload over the limit failing typed and sent
 * once, and an uploaded file imported into a repository.
 */
import test from 'ava';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PleskClient, PleskSystemError, PleskTransportError, PleskUploadTooLargeError, PleskOperationError, type TransferProgress } from '../generated/src/index.js';
import { createPleskStandIn, type PleskStandIn } from '../generated/src/testing.js';
import { progressCounter } from '../runtime/client/progress.js';
import { tempDir } from './helpers/cli.js';

const BACKUP_BYTES = 200_000;
let standIn: PleskStandIn<string>;
let client: PleskClient;

test.before(async () => {
  standIn = await createPleskStandIn({ backupBytes: BACKUP_BYTES, finishAfterPolls: 0, scenario: { maxUploadBytes: 100_000 } });
  client = new PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: standIn.password });
});
test.after.always(async () => {
  client.close();
  await standIn.close();
});

/** A finished backup of example.com: its file name. */
async function backup(): Promise<string> {
  const taskId = await client.backupManager.backupWebspace({ webspaceName: 'example.com', description: 'transfers', local: true });
  return (await client.backupManager.waitForTask(taskId!, { intervalMs: 0 })).filename;
}

/** Progress events are monotonic and the last one is at the total. */
function assertProgress(t: import('ava').ExecutionContext, events: TransferProgress[], total: number): void {
  t.true(events.length > 1, `several events (${events.length})`);
  t.true(events.every((e, i) => i === 0 || e.bytes > events[i - 1]!.bytes), 'bytes only grow');
  t.deepEqual(events.at(-1), { bytes: total, total });
}

test.serial('a download as a stream reports its progress as it arrives, ending at the total', async (t) => {
  const filename = await backup();
  const events: TransferProgress[] = [];
  const file = await client.backupManager.downloadFile({ webspaceName: 'example.com', filename }, { onProgress: (p) => events.push({ ...p }) });
  t.is(file.length, BACKUP_BYTES);
  const content = await file.buffer();
  t.true(content.subarray(0, 40).toString().startsWith('plesk stand-in backup'));
  assertProgress(t, events, BACKUP_BYTES);
  t.true(events.every((e) => e.total === BACKUP_BYTES), 'the total from Content-Length, from the first event');
});

test.serial('toFile writes the download to the path and resolves with the path and length; nothing else is left in the folder', async (t) => {
  const filename = await backup();
  const dir = tempDir('to-file');
  const target = path.join(dir, filename);
  const events: TransferProgress[] = [];
  const saved = await client.backupManager.downloadFile({ webspaceName: 'example.com', filename }, { toFile: target, onProgress: (p) => events.push({ ...p }) });
  t.deepEqual(saved, { path: target, length: BACKUP_BYTES, filename, contentType: 'application/octet-stream' });
  t.deepEqual(readFileSync(target), standIn.backups.find((b) => b.name === filename)!.content);
  t.deepEqual(readdirSync(dir), [filename], 'no temporary file left');
  assertProgress(t, events, BACKUP_BYTES);
});

test.serial('a download aborted mid-way leaves no file, and a file already at the path keeps its content', async (t) => {
  const filename = await backup();
  const slow = await createPleskStandIn({ backupBytes: BACKUP_BYTES, finishAfterPolls: 0, scenario: { slowDownload: { delayMs: 5, chunkBytes: 4096 } } });
  const slowClient = new PleskClient({ host: slow.host, port: slow.port, ca: slow.ca, login: slow.login, password: slow.password });
  t.teardown(async () => {
    slowClient.close();
    await slow.close();
  });
  const taskId = await slowClient.backupManager.backupWebspace({ webspaceName: 'example.com', description: '', local: true });
  const task = await slowClient.backupManager.waitForTask(taskId!, { intervalMs: 0 });
  t.is(task.filename, filename.replace(/_\d+\.tar$/, `_${taskId}.tar`));
  const dir = tempDir('aborted');
  const fresh = path.join(dir, 'fresh.tar');
  const kept = path.join(dir, 'kept.tar');
  writeFileSync(kept, 'last night\'s backup');
  for (const target of [fresh, kept]) {
    const controller = new AbortController();
    const events: TransferProgress[] = [];
    const error = await t.throwsAsync(slowClient.backupManager.downloadFile({ webspaceName: 'example.com', filename: task.filename }, {
      toFile: target,
      signal: controller.signal,
      onProgress: (p) => {
        events.push(p);
        if (p.bytes >= 3 * 4096) controller.abort();
      },
    }), { instanceOf: PleskTransportError });
    t.is(error.reason, 'aborted');
    t.true(events.at(-1)!.bytes < BACKUP_BYTES, 'it stopped mid-way');
  }
  t.false(existsSync(fresh), 'no partial file');
  t.is(readFileSync(kept, 'utf8'), 'last night\'s backup', 'the file at the path is as it was');
  t.deepEqual(readdirSync(dir), ['kept.tar'], 'no temporary file left');
});

test.serial('a download whose connection breaks off leaves no file either', async (t) => {
  const dir = tempDir('cut');
  const target = path.join(dir, 'cut.tar');
  standIn.fail({ kind: 'file-cut' }, { operation: 'backupManager.downloadFile' });
  const error = await t.throwsAsync(client.backupManager.downloadFile({ webspaceName: 'example.com', filename: 'any.tar' }, { toFile: target }), { instanceOf: PleskTransportError });
  t.is(error.reason, 'connection');
  t.deepEqual(readdirSync(dir), []);
  const missing = path.join(dir, 'no-such-folder', 'x.tar');
  const filename = await backup();
  const unwritable = await t.throwsAsync(client.backupManager.downloadFile({ webspaceName: 'example.com', filename }, { toFile: missing }));
  t.regex(unwritable.message, new RegExp(`^download-file: cannot write ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT \\(`));
  t.notRegex(unwritable.message, /\.part/, 'the temporary file is not named');
});

test('progress without a known total gets its total at the end; a listener that throws is the transfer\'s error', (t) => {
  const events: TransferProgress[] = [];
  const counter = progressCounter((p) => events.push({ ...p }), undefined);
  counter.add(10);
  counter.add(5);
  counter.end();
  t.deepEqual(events, [{ bytes: 10, total: undefined }, { bytes: 15, total: undefined }, { bytes: 15, total: 15 }]);
  const empty: TransferProgress[] = [];
  const none = progressCounter((p) => empty.push({ ...p }), 0);
  none.end();
  t.deepEqual(empty, [{ bytes: 0, total: 0 }], 'an empty file ends at its total too');
  const throwing = progressCounter(() => {
    throw new Error('listener failed');
  }, 3);
  t.throws(() => throwing.add(3), { message: 'listener failed' });
});

test.serial('uploadFile from a path, a Buffer and a stream: the stub has each file, byte for byte, under its name; progress ends at the total', async (t) => {
  standIn.reset();
  const dir = tempDir('upload');
  const onDisk = path.join(dir, 'from-disk.tar');
  const bytes = Buffer.alloc(70_000, 7);
  writeFileSync(onDisk, bytes);
  const events: TransferProgress[] = [];
  const fromPath = await client.uploadFile(onDisk, { onProgress: (p) => events.push({ ...p }) });
  t.is(fromPath.name, 'from-disk.tar');
  t.regex(fromPath.file, /^\/usr\/local\/psa\/tmp\/li_[0-9a-f]+$/);
  assertProgress(t, events, bytes.length);
  const fromBuffer = await client.uploadFile(Buffer.from('a small backup'), { filename: 'small "quoted".tar' });
  t.is(fromBuffer.name, 'small "quoted".tar');
  const streamed: TransferProgress[] = [];
  const fromStream = await client.uploadFile(Readable.from([Buffer.alloc(30_000, 1), Buffer.alloc(30_000, 2)]), { filename: 'streamed.tar', onProgress: (p) => streamed.push({ ...p }) });
  t.is(fromStream.name, 'streamed.tar');
  t.true(streamed.slice(0, -1).every((p) => p.total === undefined), 'a stream without length: no total until the end');
  t.deepEqual(streamed.at(-1), { bytes: 60_000, total: 60_000 });
  t.deepEqual(standIn.uploads.map((u) => [u.name, u.file, u.content.length]), [['from-disk.tar', fromPath.file, 70_000], ['small "quoted".tar', fromBuffer.file, 14], ['streamed.tar', fromStream.file, 60_000]]);
  t.deepEqual(standIn.uploads[0]!.content, bytes);
  t.deepEqual(standIn.requests.map((r) => r.kind), ['upload', 'upload', 'upload']);
});

test.serial('an upload over the server\'s limit fails with PleskUploadTooLargeError (1023), sent once, nothing kept', async (t) => {
  standIn.reset();
  const error = await t.throwsAsync(client.uploadFile(Buffer.alloc(150_000), { filename: 'big.tar' }), { instanceOf: PleskUploadTooLargeError });
  t.true(error instanceof PleskOperationError, 'an operation error of upload');
  t.is(error.code, 1023);
  t.is(error.bytes, 150_000);
  t.is(error.operation, 'upload');
  t.is(error.message, "upload failed: error 1023: The uploaded file exceeds the upload_max_filesize directive in php.ini.; the file (150000 bytes) is over the server's upload limit (PHP upload_max_filesize and post_max_size of the Plesk panel): raise them for the panel on the server, then upload again");
  t.is(standIn.requests.length, 1, 'sent once: an upload is never resent');
  t.deepEqual(standIn.uploads, []);
});

test.serial('an upload is never resent after a dropped connection, refuses bad sources, and the stub checks its credentials', async (t) => {
  standIn.reset();
  standIn.fail({ kind: 'drop' });
  const dropped = await t.throwsAsync(client.uploadFile(Buffer.from('x')), { instanceOf: PleskTransportError });
  t.is(dropped.reason, 'connection');
  t.is(dropped.retried, 0);
  t.regex(dropped.message, /not resent, because the packet may have started work on the server$/);
  t.is(standIn.requests.length, 1);
  t.is(standIn.uploads.length, 1, 'the server kept the file it received');
  await t.throwsAsync(client.uploadFile(42 as never), { instanceOf: TypeError, message: 'uploadFile: the source must be a file path, a Buffer (or Uint8Array) or a readable stream' });
  await t.throwsAsync(client.uploadFile(path.join(tempDir('none'), 'missing.tar')), { message: /^uploadFile: cannot read .*missing\.tar: ENOENT$/ });
  const wrong = new PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: 'wrong' });
  t.teardown(() => wrong.close());
  t.like(await t.throwsAsync(wrong.uploadFile(Buffer.from('x')), { instanceOf: PleskSystemError }), { code: 1001 });
  t.is(standIn.uploads.length, 1, 'a refused upload is not kept');
});

test.serial('an aborted upload rejects with reason aborted and leaves nothing on the server', async (t) => {
  standIn.reset();
  const controller = new AbortController();
  const source = new Readable({ read() {} });
  source.push(Buffer.alloc(1000));
  const upload = client.uploadFile(source, { filename: 'aborted.tar', signal: controller.signal, onProgress: () => controller.abort() });
  const error = await t.throwsAsync(upload, { instanceOf: PleskTransportError });
  t.is(error.reason, 'aborted');
  t.deepEqual(standIn.uploads, []);
  if (!source.destroyed) await once(source, 'close');
  t.true(source.destroyed, 'the source stream is closed, not left waiting to be read');
});

test.serial('the uploaded file, imported with importFile, is in the owner\'s repository and downloads byte for byte', async (t) => {
  const content = Buffer.from('a backup from another server\n'.repeat(100));
  const uploaded = await client.uploadFile(content, { filename: 'moved.tar' });
  await client.backupManager.importFile({ webspaceName: 'shop.example.com', tmpFilename: uploaded.file });
  const files = (await client.backupManager.getLocalBackupList({ webspaceName: 'shop.example.com' })).flatMap((b) => b.file.map((f) => [f.name, Number(f.size)]));
  t.deepEqual(files, [['moved.tar', content.length]]);
  const back = await client.backupManager.downloadFile({ webspaceName: 'shop.example.com', filename: 'moved.tar' });
  t.deepEqual(await back.buffer(), content);
  const wrong = await t.throwsAsync(client.backupManager.importFile({ server: true, tmpFilename: '/usr/local/psa/tmp/li_nothing' }), { instanceOf: PleskOperationError });
  t.is(wrong.code, 1013);
});
