/** waitForTask's polling schedule, with a poll that answers at once (no network, no server). */
import test from 'ava';
import { PleskTaskTimeoutError } from '../runtime/client/plesk-errors.js';
import { waitForTask } from '../runtime/client/wait-for-task.js';

function scripted(statuses: string[]) {
  const at: number[] = [];
  const started = Date.now();
  const poll = async () => {
    at.push(Date.now() - started);
    return [{ id: 7, status: statuses[Math.min(at.length - 1, statuses.length - 1)]! }, { id: 8, status: 'finished' }];
  };
  return { poll, at };
}

test('pauses grow by the back-off factor up to the maximum', async (t) => {
  const { poll, at } = scripted(['working', 'working', 'working', 'working', 'working', 'finished']);
  const task = await waitForTask('7', poll, { intervalMs: 20, backoff: 2, maxIntervalMs: 60 });
  t.deepEqual(task, { id: 7, status: 'finished' });
  const pauses = at.slice(1).map((time, i) => time - at[i]!);
  // wanted 20, 40, 60, 60, 60: a timer never fires early (1 ms of rounding allowed)
  t.deepEqual(pauses.map((p, i) => p >= [20, 40, 60, 60, 60][i]! - 1), [true, true, true, true, true], `pauses ${pauses.join(', ')}`);
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
