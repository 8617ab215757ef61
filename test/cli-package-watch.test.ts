/**
 * `--watch` on an operation that starts a task, against the stub: the task's state changes on
 * stderr, the task in its final state on stdout, and the exit code of each ending: 0 finished,
 * 3 failed or stopped, 4 out of time (a task that stays `working`), 1 when a poll's result is an
 * error. Polls go through the operation table's polling row (get-tasks-info by task-id).
 */
import test from 'ava';
import { createPleskStub, stubOperationError, type PleskStub } from '../generated/src/testing.js';
import type { BackupTaskStatus } from '../generated/src/types.js';
import { tempDir } from './helpers/cli.js';
import { runPackageCli, stubEnv } from './helpers/package-cli.js';

const task = (status: BackupTaskStatus) => ({ id: 42, status, started: '2026-12-01 03:00:00', prefix: 'nightly', filename: 'nightly_2612010300.tar', protocol: 'local', server: true as const });

/** A stub whose backup-server starts task 42 and whose get-tasks-info walks through `states` (the last one repeating). */
async function taskStub(t: { teardown: (fn: () => unknown) => void }, states: BackupTaskStatus[]): Promise<{ stub: PleskStub; env: Record<string, string> }> {
  let polls = 0;
  const stub = await createPleskStub({
    handlers: {
      backupManager: {
        backupServer: () => ({ status: 'ok', taskId: '42' }),
        getTasksInfo: (input) => {
          if (input.taskId !== '42') throw stubOperationError(1013, `task ${input.taskId} does not exist`);
          return { status: 'ok', task: [task(states[Math.min(polls++, states.length - 1)]!)] };
        },
      },
    },
  });
  t.teardown(() => stub.close());
  return { stub, env: stubEnv(stub, tempDir('watch')) };
}

const START = ['backup-manager', 'backup-server', '--local', '--description', 'nightly', '--watch', '--interval', '5ms'];

test('a task that finishes: its states on stderr, the finished task on stdout, exit 0', async (t) => {
  const { stub, env } = await taskStub(t, ['working', 'working', 'finished']);
  const run = await runPackageCli([...START, '-o', 'json'], { env });
  t.is(run.code, 0, run.stderr);
  t.deepEqual(JSON.parse(run.stdout), [task('finished')]);
  t.deepEqual(run.stderr.split('\n').map((l) => l.replace(/ after .*$/, ' after …')), ['task 42 started', 'task 42: working', 'task 42: working → finished after …', '']);
  t.deepEqual(stub.calls.map((c) => [c.key, c.input]), [
    ['backupManager.backupServer', { local: true, description: 'nightly' }],
    ['backupManager.getTasksInfo', { taskId: '42' }],
    ['backupManager.getTasksInfo', { taskId: '42' }],
    ['backupManager.getTasksInfo', { taskId: '42' }],
  ]);
});

test('a task that fails exits 3, and one that is stopped too', async (t) => {
  const failed = await taskStub(t, ['working', 'failed']);
  const run = await runPackageCli([...START, '-o', 'ndjson'], { env: failed.env });
  t.is(run.code, 3);
  t.is(JSON.parse(run.stdout).status, 'failed');
  t.regex(run.stderr, /task 42: working → failed after /);
  const stopped = await taskStub(t, ['stopped']);
  const again = await runPackageCli(START, { env: stopped.env });
  t.is(again.code, 3);
  t.regex(again.stderr, /^task 42 started\ntask 42: stopped\n$/);
});

test('a task that stalls: --timeout ends the wait with exit 4, saying the last state seen', async (t) => {
  const { stub, env } = await taskStub(t, ['working']);
  const run = await runPackageCli([...START, '--timeout', '1s'], { env });
  t.is(run.code, 4);
  t.regex(run.stderr, /\nplesk-backup: backup-manager backup-server: task 42 did not finish within \d+ ms \(last status: working\)\n$/);
  t.true(stub.calls.filter((c) => c.key === 'backupManager.getTasksInfo').length >= 1);
  t.is(run.stdout, '');
});

test('a poll whose result is an error ends the wait with exit 1; a start that failed is not watched', async (t) => {
  const stub = await createPleskStub({ handlers: { backupManager: { backupServer: () => ({ status: 'ok', taskId: '43' }), getTasksInfo: (input) => { throw stubOperationError(1013, `task ${input.taskId} does not exist`); } } } });
  t.teardown(() => stub.close());
  const env = stubEnv(stub, tempDir('watch'));
  const run = await runPackageCli(START, { env });
  t.is(run.code, 1);
  t.is(run.stderr, 'task 43 started\nplesk-backup: backup-manager/get-tasks-info failed:\n  error 1013: task 43 does not exist\n');
  const refused = await createPleskStub({ handlers: { backupManager: { backupServer: () => { throw stubOperationError(1006, 'Permission denied'); } } } });
  t.teardown(() => refused.close());
  const denied = await runPackageCli(START, { env: stubEnv(refused, tempDir('watch')) });
  t.is(denied.code, 1);
  t.is(denied.stderr, 'plesk-backup: backup-manager/backup-server failed:\n  error 1006: Permission denied\n');
  t.deepEqual(refused.calls.map((c) => c.key), ['backupManager.backupServer']);
});
