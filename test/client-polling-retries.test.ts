/**
 * Load, polling and resending, over real HTTPS against the stand-in: 500 concurrent calls, the
 * life of a task seen through waitForTask, and the rule that only reads are resent after a
 * dropped connection.
 */
import test from 'ava';
import { PleskTaskFailedError, PleskTaskTimeoutError, PleskTransportError, type PleskClient } from '../generated/src/index.js';
import { clientOf, standIn, type StandIn } from './helpers/stand-in.js';

let server: StandIn;
let client: PleskClient;

test.before(async () => {
  server = await standIn({ finishAfterPolls: 3 });
  client = clientOf(server, { timeoutMs: 30_000 });
});
test.after.always(async () => {
  client?.close();
  await server?.close();
});

test.serial('500 concurrent getTasksInfo calls all resolve, each with its own task', async (t) => {
  const owners = [{ customerId: 7 }, { customerLogin: 'acme' }, { resellerId: 1 }, { webspaceName: 'example.com' }, { server: true as const }];
  const ids: string[] = [];
  for (let i = 0; i < 25; i++) ids.push((await client.backupManager.backupCustomer({ ...(i % 2 ? { customerId: 7 } : { customerLogin: 'acme' }), description: `#${i}`, local: true }))!);
  for (const owner of owners.slice(2)) ids.push((await client.backupManager.backupServer({ description: JSON.stringify(owner), local: true }))!);
  const before = server.requests;
  const calls = Array.from({ length: 500 }, (_, i) => {
    const id = ids[i % ids.length]!;
    return client.backupManager.getTasksInfo({ taskId: id }).then((tasks) => ({ id, tasks }));
  });
  const answers = await Promise.all(calls);
  t.is(server.requests - before, 500);
  for (const { id, tasks } of answers) {
    t.is(tasks.length, 1);
    t.is(String(tasks[0]!.id), id);
  }
  const owned = await Promise.all(owners.map((owner) => client.backupManager.getTasksInfo(owner)));
  t.is(owned[0]!.length + owned[1]!.length, 25);
  t.true(owned[0]!.every((task) => task.customerId === 7) && owned[1]!.every((task) => task.customerId === 8));
});

test.serial('one AbortSignal shared by 200 concurrent calls: no listener warning, and aborting it ends them all', async (t) => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  try {
    const shared = new AbortController();
    const done = await Promise.all(Array.from({ length: 200 }, () => client.backupManager.getSupportedProtocols({ signal: shared.signal })));
    t.is(done.length, 200);
    for (let i = 0; i < 20; i++) server.faults.push({ fault: 'hang', match: 'shared-abort' });
    const hanging = Array.from({ length: 20 }, () => client.backupManager.getTasksInfo({ customerLogin: 'shared-abort' }, { signal: shared.signal }).catch((e: unknown) => e));
    setTimeout(() => shared.abort(), 100);
    const errors = await Promise.all(hanging);
    t.true(errors.every((e) => e instanceof PleskTransportError && e.reason === 'aborted'));
    await new Promise((resolve) => setImmediate(resolve));
    t.deepEqual(warnings.filter((w) => /MaxListeners/.test(w)), []);
  } finally {
    process.off('warning', onWarning);
    server.faults.length = 0;
  }
});

test.serial('waitForTask sees working, then finished', async (t) => {
  const taskId = (await client.backupManager.backupServer({ prefix: 'wait', description: '', local: true }))!;
  const seen: string[] = [];
  const task = await client.backupManager.waitForTask(taskId, { intervalMs: 20, backoff: 2, onProgress: (t) => seen.push(t.status) });
  t.is(task.status, 'finished');
  t.deepEqual(seen, ['working', 'working', 'finished']);
  t.is(task.filename, `wait_backup_server_${taskId}.tar`);
});

test.serial('waitForTask rejects a stopped task (PleskTaskFailedError), resolves it with anyFinalState; rejects on timeout and on abort', async (t) => {
  const stopped = (await client.backupManager.backupServer({ description: '', local: true }))!;
  await client.backupManager.stopBackup({ taskId: stopped });
  const failed = await t.throwsAsync(client.backupManager.waitForTask(stopped), { instanceOf: PleskTaskFailedError });
  t.like(failed, { taskId: stopped, status: 'stopped', task: { id: Number(stopped), status: 'stopped', filename: '' } });
  t.is((await client.backupManager.waitForTask(stopped, { anyFinalState: true })).status, 'stopped');

  const slow = await standIn({ finishAfterPolls: 1_000 });
  const slowClient = clientOf(slow);
  try {
    const id = (await slowClient.backupManager.backupServer({ description: '', local: true }))!;
    const timeout = await t.throwsAsync(slowClient.backupManager.waitForTask(id, { intervalMs: 10, timeoutMs: 1_000 }), { instanceOf: PleskTaskTimeoutError });
    t.like(timeout, { taskId: id, timeoutMs: 1_000, lastSeen: { status: 'working' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const aborted = await t.throwsAsync(slowClient.backupManager.waitForTask(id, { intervalMs: 10, signal: controller.signal }), { instanceOf: PleskTransportError });
    t.is(aborted.reason, 'aborted');
  } finally {
    slowClient.close();
    await slow.close();
  }
});

test.serial('a backup-server whose connection drops is not resent: one request, a clear error, the task exists', async (t) => {
  const tasksBefore = server.backupManager.tasks.length;
  const before = server.requests;
  server.faults.push('drop');
  const error = await t.throwsAsync(client.backupManager.backupServer({ description: 'dropped', local: true }), { instanceOf: PleskTransportError });
  t.is(error.reason, 'connection');
  t.is(error.retried, 0);
  t.regex(error.message, /not resent, because the packet may have started work on the server/);
  t.is(server.requests - before, 1, 'sent exactly once');
  t.is(server.backupManager.tasks.length, tasksBefore + 1, 'the server did start the backup: resending would have started a second one');
});

test.serial('a read whose connection drops is resent, up to the retry limit', async (t) => {
  let before = server.requests;
  server.faults.push('drop');
  t.deepEqual(await client.backupManager.getSupportedProtocols(), ['ftp']);
  t.is(server.requests - before, 2);

  before = server.requests;
  server.faults.push('drop', 'drop', 'drop');
  const error = await t.throwsAsync(client.backupManager.getSupportedProtocols(), { instanceOf: PleskTransportError });
  t.is(error.retried, 2);
  t.is(server.requests - before, 3);

  before = server.requests;
  server.faults.push('drop');
  await t.throwsAsync(client.request({ operators: [{ backupManager: { operations: [{ getSupportedProtocols: true }, { stopBackup: { taskId: '1' } }] } }] }), { instanceOf: PleskTransportError });
  t.is(server.requests - before, 1, 'a packet with one operation that is not a read is not resent');
});
