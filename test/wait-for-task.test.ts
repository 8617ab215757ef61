/** waitForTask's polling schedule, with a poll that answers at once (no network, no server). */
import test from 'ava';
import { PleskTaskFailedError, PleskTaskTimeoutError } from '../runtime/client/plesk-errors.js';
import { waitForTask, type WaitForTaskOptions } from '../runtime/client/wait-for-task.js';

function scripted(statuses: string[], events: string[] = []) {
  let polls = 0;
  const poll = async () => {
    polls++;
    events.push('poll');
    return [{ id: 7, status: statuses[Math.min(polls - 1, statuses.length - 1)]! }, { id: 8, status: 'finished' }];
  };
  return { poll };
}

/**
 * Runs `run` while every timer set is listed in `events` when it fires (`pause 20 over`), those of
 * `ignored` ms excepted (the overall deadline): the schedule, in order, on any machine's speed.
 */
async function withTimers<T>(events: string[], ignored: number, run: () => Promise<T>): Promise<T> {
  const real = globalThis.setTimeout;
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    real(() => {
      if (ms !== ignored) events.push(`pause ${ms} over`);
      callback(...args);
    }, ms)) as typeof setTimeout;
  try {
    return await run();
  } finally {
    globalThis.setTimeout = real;
  }
}

test.serial('pauses grow by the back-off factor up to the maximum, and each poll waits for its pause', async (t) => {
  const events: string[] = [];
  const { poll } = scripted(['working', 'working', 'working', 'working', 'working', 'finished'], events);
  const task = await withTimers(events, 3_600_000, () => waitForTask('7', poll, { intervalMs: 20, backoff: 2, maxIntervalMs: 60 }));
  t.deepEqual(task, { id: 7, status: 'finished' });
  t.deepEqual(events, ['poll', 'pause 20 over', 'poll', 'pause 40 over', 'poll', 'pause 60 over', 'poll', 'pause 60 over', 'poll', 'pause 60 over', 'poll']);
});

test('finished resolves with the task; failed and stopped reject with PleskTaskFailedError carrying the last task seen', async (t) => {
  const seen: string[] = [];
  t.deepEqual(await waitForTask('7', scripted(['working', 'finished']).poll, { intervalMs: 1, onProgress: (x) => seen.push(x.status) }), { id: 7, status: 'finished' });
  t.deepEqual(seen, ['working', 'finished']);
  for (const end of ['failed', 'stopped']) {
    const ends: string[] = [];
    const error = await t.throwsAsync(waitForTask('7', scripted(['working', end]).poll, { intervalMs: 1, onProgress: (x) => ends.push(x.status) }), { instanceOf: PleskTaskFailedError });
    t.deepEqual([error.taskId, error.status, error.task], ['7', end, { id: 7, status: end }]);
    t.is(error.name, 'PleskTaskFailedError');
    t.deepEqual(ends, ['working', end], 'onProgress saw the final state before the rejection');
  }
  const failed = await t.throwsAsync(waitForTask('7', scripted(['failed']).poll, { intervalMs: 1 }));
  t.is(failed.message, "backup task 7 ended failed; Plesk's XML API gives no reason for a failed task: its log in Plesk's Backup Manager (Tools & Settings > Backup Manager, or the subscription's Backup Manager) says why");
  const stopped = await t.throwsAsync(waitForTask('7', scripted(['stopped']).poll, { intervalMs: 1 }));
  t.is(stopped.message, "backup task 7 was stopped (by stop-backup, or by an administrator in Plesk's Backup Manager); it made no backup file");
});

test('anyFinalState gives back the old behaviour: every terminal state resolves, with the task in that state', async (t) => {
  for (const end of ['finished', 'failed', 'stopped']) {
    t.is((await waitForTask('7', scripted(['working', end]).poll, { intervalMs: 1, anyFinalState: true })).status, end);
  }
  await t.throwsAsync(waitForTask('7', scripted(['finished']).poll, { anyFinalState: 'yes' as never }), { instanceOf: TypeError, message: 'waitForTask: option anyFinalState must be true or false, not yes' });
});

test('every option takes undefined, as a caller passing its own optional options along does (exactOptionalPropertyTypes)', async (t) => {
  const passed: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } = {};
  const options: WaitForTaskOptions<{ id: unknown; status: string }> = { intervalMs: undefined, backoff: undefined, maxIntervalMs: undefined, timeoutMs: passed.timeoutMs, signal: passed.signal, onProgress: undefined, anyFinalState: undefined };
  t.is((await waitForTask('7', scripted(['finished']).poll, options)).status, 'finished');
});

test('a task the answer does not list, and a wait longer than timeoutMs, are errors', async (t) => {
  await t.throwsAsync(waitForTask('9', scripted(['working']).poll, { intervalMs: 1 }), { message: /answered without that task/ });
  const error = await t.throwsAsync(waitForTask('7', scripted(['working']).poll, { intervalMs: 5, timeoutMs: 60 }), { instanceOf: PleskTaskTimeoutError });
  t.like(error, { taskId: '7', timeoutMs: 60, lastSeen: { status: 'working' } });
});
