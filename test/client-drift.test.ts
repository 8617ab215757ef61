/**
 * The client against a newer server, over real HTTPS with the package's own stub: a task status
 * the schemas do not list (`queued`) resolves a call and does not end waitForTask, whose deadline
 * still holds; the drift is added up in `client.driftReport()` (one entry per kind and path, its
 * count, first example and when it was first and last seen), shown masked where it may be a
 * secret, and, without onSchemaDrift, one PleskSchemaDrift warning per kind and path.
 *
 * The stub's handler answers with a task decoded from a newer server's XML (unknownElements
 * 'keep'): the stub's encoder writes the kept status back as it was read, as any read-modify-write
 * of a decoded value would.
 */
import test from 'ava';
import { decodeType, PleskClient, PleskTaskTimeoutError, type BackupGetBackupStatusOutputResultTask, type PleskClientOptions, type SchemaDriftEvent } from '../generated/src/index.js';
import { createPleskStub, type PleskStub } from '../generated/src/testing.js';

type Task = BackupGetBackupStatusOutputResultTask;

/** A task as a newer server sends it: a status the package does not know, and an element it does not declare. */
function newerTask(id: number, status: string): Task {
  return decodeType('BackupGetBackupStatusOutputResultTask', 'task', `<task><server/><id>${id}</id><status>${status}</status><started>2026-12-01 10:00:00</started><prefix/><filename/><protocol>local</protocol><queue-position>2</queue-position></task>`, { unknownElements: 'keep' });
}

const finished: Task = { server: true, id: 7, status: 'finished', started: '2026-12-01 10:00:00', prefix: '', filename: 'server_1.tar', protocol: 'local' };

async function withStub(t: { teardown: (fn: () => unknown) => void }, statuses: Array<Task | (() => Task)>, options: Partial<PleskClientOptions> = {}): Promise<{ stub: PleskStub; client: PleskClient }> {
  let polls = 0;
  const stub = await createPleskStub({
    handlers: {
      backupManager: {
        getTasksInfo: () => {
          const next = statuses[Math.min(polls++, statuses.length - 1)]!;
          return { status: 'ok', task: [typeof next === 'function' ? next() : next] };
        },
      },
    },
  });
  const client = new PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password, timeoutMs: 10_000, onSchemaDrift: () => undefined, ...options } as PleskClientOptions);
  t.teardown(async () => {
    client.close();
    await stub.close();
  });
  return { stub, client };
}

test('a call resolves with a status the schemas do not list; the drift report has one entry per kind and path', async (t) => {
  const events: SchemaDriftEvent[] = [];
  const { client } = await withStub(t, [newerTask(7, 'queued')], { onSchemaDrift: (e) => events.push(e) });
  const before = Date.now();
  const tasks = await client.backupManager.getTasksInfo({ taskId: '7' });
  t.deepEqual(tasks.map((task) => [task.id, task.status]), [[7, 'queued']]);
  await client.backupManager.getTasksInfo({ taskId: '7' });
  const path = 'packet/backup-manager/get-tasks-info/result/task';
  t.deepEqual(events.map((e) => [e.kind, e.path]), [['value', `${path}/status`], ['unknown', `${path}/queue-position`], ['value', `${path}/status`], ['unknown', `${path}/queue-position`]]);
  const report = client.driftReport();
  t.deepEqual(report.map((r) => [r.kind, r.path, r.count]), [['value', `${path}/status`, 2], ['unknown', `${path}/queue-position`, 2]]);
  t.like(report[0]!.firstExample, { kind: 'value', name: 'status', value: 'queued', reason: '"queued" is not one of the values allowed by BackupTaskStatus: working, stopped, failed, finished' });
  t.true(report[0]!.firstSeen.getTime() >= before && report[0]!.lastSeen >= report[0]!.firstSeen);
  t.deepEqual(client.driftReport({ reset: true }).length, 2);
  t.deepEqual(client.driftReport(), [], 'a new report after reset');
});

test('waitForTask: an unknown status is not final; the wait goes on to a known final status, and reports each poll', async (t) => {
  const { client } = await withStub(t, [newerTask(7, 'queued'), newerTask(7, 'queued'), () => newerTask(7, 'working'), finished]);
  const seen: string[] = [];
  const task = await client.backupManager.waitForTask(7, { intervalMs: 1, onProgress: (x) => seen.push(x.status) });
  t.is(task.status, 'finished');
  t.deepEqual(seen, ['queued', 'queued', 'working', 'finished']);
  t.deepEqual(client.driftReport().map((r) => [r.kind, r.path.split('/').at(-1), r.count]), [['value', 'status', 2], ['unknown', 'queue-position', 3]]);
});

test('waitForTask: a task whose status stays unknown ends at the deadline, with the status last seen', async (t) => {
  const { client } = await withStub(t, [newerTask(7, 'queued')]);
  // the deadline is long enough for a loaded machine's first answer: what counts is that polls went on
  let polls = 0;
  const error = await t.throwsAsync(client.backupManager.waitForTask(7, { intervalMs: 5, timeoutMs: 1500, onProgress: () => void polls++ }), { instanceOf: PleskTaskTimeoutError });
  t.is(error.message, 'task 7 did not finish within 1500 ms (last status: queued)');
  t.is(String((error.lastSeen as Task).status), 'queued');
  t.true(polls >= 2, `the wait went on after the unknown status (${polls} polls)`);
  // every poll reported it (and a poll the deadline cut off may have reported it before its end)
  const count = client.driftReport()[0]!.count;
  t.true(count === polls || count === polls + 1, `${count} reports for ${polls} polls`);
});

test('a drifted value that may be a secret is masked in the event, the report and the warning', async (t) => {
  const password = 'stub-password';
  const warnings: Error[] = [];
  const listen = (w: Error) => void (w.name === 'PleskSchemaDrift' && warnings.push(w));
  process.on('warning', listen);
  t.teardown(() => process.off('warning', listen));
  // the server echoes the password as a task status
  const { client } = await withStub(t, [newerTask(7, `echo ${password}`)], { onSchemaDrift: undefined });
  await client.backupManager.getTasksInfo({ taskId: '7' });
  await new Promise((resolve) => setImmediate(resolve));
  const [entry] = client.driftReport();
  t.is(entry!.firstExample.value, 'echo ***');
  t.is(entry!.firstExample.reason, '"echo ***" is not one of the values allowed by BackupTaskStatus: working, stopped, failed, finished');
  t.deepEqual(warnings.map((w) => w.message), [
    'the answer has the value "echo ***" at packet/backup-manager/get-tasks-info/result/task/status, which the package\'s schemas do not allow ("echo ***" is not one of the values allowed by BackupTaskStatus: working, stopped, failed, finished; a newer server?): it was kept as read; pass onSchemaDrift to the client to handle such reports, or read client.driftReport()',
    'the answer has the element <queue-position> at packet/backup-manager/get-tasks-info/result/task/queue-position, which the package\'s schemas do not declare (a newer server?): it was kept; pass onSchemaDrift to the client to handle such reports, or read client.driftReport()',
  ]);
  t.false(JSON.stringify(client.driftReport()).includes(password));
});
