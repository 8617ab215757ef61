/**
 * Documents larger than the encoder's chunk (64 Ki characters), and codecs reused after a
 * failure: the encoder and the decoder keep their state between calls (encode.ts, decode.ts).
 */
import test from 'ava';
import { decodeRequestPacket, decodeResponsePacket, decodeType, encodeRequestPacket, encodeResponsePacket, encodeType, type BackupGetBackupStatusOutputResultTask, type ResponsePacket } from '../generated/src/index.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function task(i: number): BackupGetBackupStatusOutputResultTask {
  const prefix = ['', 'nightly', 'R&D <ops>'][i % 3]!;
  const common = { id: i + 1, status: (['working', 'stopped', 'failed', 'finished'] as const)[i % 4]!, started: `2024-01-01 03:00:${String(i % 60).padStart(2, '0')}`, prefix, filename: prefix && `${prefix}_${i}.tar`, protocol: 'ftp' };
  return i % 2 === 0 ? { server: true, ...common } : { customerId: 1000 + i, ...common };
}

function response(tasks: BackupGetBackupStatusOutputResultTask[]): ResponsePacket {
  return { version: '1.6.9.0', operators: [{ backupManager: { operations: [{ getTasksInfo: { result: [{ status: 'ok', task: tasks }] } }] } }] };
}

test('a document of many chunks is the same as its parts encoded one by one', (t) => {
  const tasks = Array.from({ length: 3000 }, (_, i) => task(i));
  const xml = encodeResponsePacket(response(tasks));
  t.true(xml.length > 8 * 65536);
  const parts = tasks.map((x) => encodeType('BackupGetBackupStatusOutputResultTask', 'task', x).slice(DECLARATION.length));
  t.is(xml, `${DECLARATION}<packet version="1.6.9.0"><backup-manager><get-tasks-info><result><status>ok</status>${parts.join('')}</result></get-tasks-info></backup-manager></packet>`);
  t.deepEqual(decodeResponsePacket(xml), response(tasks));
});

test('the encoder is whole again after a failed call', (t) => {
  const good = response([task(0), task(1)]);
  const want = encodeResponsePacket(good);
  const bad = response([task(0), { ...task(1), status: 'paused' as 'working' }]);
  t.throws(() => encodeResponsePacket(bad), { message: /paused/ });
  t.is(encodeResponsePacket(good), want);
});

test('the decoder is whole again after a failed call, and decodes documents one after another', (t) => {
  const value = response([task(0), task(1), task(2)]);
  const xml = encodeResponsePacket(value);
  t.throws(() => decodeResponsePacket(xml.slice(0, xml.length / 2)));
  t.throws(() => decodeResponsePacket(xml.replace('<id>2</id>', '<id>2</id><id>3</id>')), { message: /unexpected element <id>/ });
  t.deepEqual(decodeResponsePacket(xml), value);
  t.deepEqual(decodeType('BackupGetBackupStatusOutputResultTask', 'task', encodeType('BackupGetBackupStatusOutputResultTask', 'task', task(5))), task(5));
  t.deepEqual(decodeResponsePacket(xml), value);
});

test('an element whose content may be empty is written <name/> when it is, and opened before its first child when not', (t) => {
  const empty = encodeRequestPacket({ operators: [{ backupManager: { operations: [{ getTasksInfo: {} }, { getTasksInfo: { server: true } }] } }] });
  t.is(empty, `${DECLARATION}<packet><backup-manager><get-tasks-info/><get-tasks-info><server/></get-tasks-info></backup-manager></packet>`);
  t.deepEqual(decodeRequestPacket(empty), { operators: [{ backupManager: { operations: [{ getTasksInfo: {} }, { getTasksInfo: { server: true } }] } }] });
});
