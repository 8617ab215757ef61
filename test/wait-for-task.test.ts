/** waitForTask's polling schedule, with a poll that answers at once (no network, no server). */
import test from 'ava';
import { PleskTaskTimeoutError } from '../runtime/client/plesk-errors.js';
import { waitForTask } from '../runtime/client/wait-for-task.js';

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

test('every terminal state ends the wait, with the task in that state', async (t) => {
  for (const end of ['finished', 'failed', 'stopped']) {
    const seen: string[] = [];
    const task = await waitForTask('7', scripted(['working', end]).poll, { intervalMs: 1, onProgress: (x) => seen.push(x.status) });
    t.is(task.status, end);
    t.deepEqual(seen, ['working', end]);
  }
});

test('a task the answer does not list, and a wait longer than timeoutMs, are errors', async (t) => {
  await t.throwsAsync(waitForTask('9', scripted(['working']).poll, { intervalMs: 1 }), { message: /answered without that task/ });
  const error = await t.throwsAsync(waitForTask('7', scripted(['working']).poll, { intervalMs: 5, timeoutMs: 60 }), { instanceOf: PleskTaskTimeoutError });
  t.like(error, { taskId: '7', timeoutMs: 60, lastSeen: { status: 'working' } });
});
