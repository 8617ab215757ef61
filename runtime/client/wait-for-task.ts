/**
 * Polling a backup task until it ends: `get-tasks-info` by task id, with back-off, until the task
 * is finished, failed or stopped. Resolves with the task when it is `finished`; rejects with
 * PleskTaskFailedError (the task as last seen in `.task`) when it ends `failed` or `stopped`
 * (option `anyFinalState` resolves with the task in any final state instead), on timeout
 * (PleskTaskTimeoutError), abort (PleskTransportError, reason `aborted`) or any error of the polls
 * themselves.
 *
 * A status the package's schemas do not list (a newer server's, such as `queued`) is not final:
 * the wait goes on, within its deadline. The client's decoder kept that value (unknownElements
 * 'keep') and reported it as schema drift (onSchemaDrift, `client.driftReport()`); onProgress
 * sees the task with it, and a timeout's `lastSeen` holds it.
 */
import { abortablePause, onAbort } from './abort-signals.js';
import { checkMilliseconds, checkNumber } from './options-check.js';
import { PleskTaskFailedError, PleskTaskTimeoutError, PleskTransportError } from './plesk-errors.js';

/** The options of `waitForTask`; each also takes `undefined` (as under `exactOptionalPropertyTypes` a caller passes `signal: options.signal`). */
export interface WaitForTaskOptions<T> {
  /** first pause between polls, in ms (default 2000, what Plesk's own tools use) */
  intervalMs?: number | undefined;
  /** each pause is the previous one times this (default 1.5) … */
  backoff?: number | undefined;
  /** … up to this many ms (default 30000) */
  maxIntervalMs?: number | undefined;
  /** give up after this many ms in all (default 1 hour; at most 2^31 − 1, like every timeout and interval here: a TypeError otherwise) */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** called with the task after every poll, the last (final) one included */
  onProgress?: ((task: T) => void) | undefined;
  /**
   * resolve with the task in any final state (`finished`, `failed`, `stopped`: check `status`)
   * instead of rejecting with PleskTaskFailedError when it is not `finished` (default false)
   */
  anyFinalState?: boolean | undefined;
}

export const TERMINAL_TASK_STATES: ReadonlySet<string> = new Set(['finished', 'failed', 'stopped']);

/** Whether a task's status ends the wait: a known final one; `working` and any status the schemas do not list do not. */
export function isFinalStatus(status: unknown): boolean {
  return typeof status === 'string' && TERMINAL_TASK_STATES.has(status);
}

export async function waitForTask<T extends { id: unknown; status: string }>(
  taskId: string,
  poll: (signal: AbortSignal) => Promise<T[]>,
  options: WaitForTaskOptions<T> = {},
): Promise<T> {
  if (options.anyFinalState !== undefined && typeof options.anyFinalState !== 'boolean') throw new TypeError(`waitForTask: option anyFinalState must be true or false, not ${String(options.anyFinalState)}`);
  const timeoutMs = checkMilliseconds('waitForTask', 'timeoutMs', options.timeoutMs) ?? 3_600_000;
  const backoff = checkNumber('waitForTask', 'backoff', options.backoff, 1) ?? 1.5;
  const maxInterval = checkMilliseconds('waitForTask', 'maxIntervalMs', options.maxIntervalMs, 0) ?? 30_000;
  let interval = checkMilliseconds('waitForTask', 'intervalMs', options.intervalMs, 0) ?? 2_000;
  // one signal for the polls and pauses: aborted by the caller's signal or by the deadline
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const forward = () => deadline.abort(options.signal?.reason);
  const stopListening = options.signal?.aborted ? (forward(), () => undefined) : onAbort(options.signal, forward);
  const signal = deadline.signal;
  let last: T | undefined;
  try {
    for (;;) {
      let tasks: T[];
      try {
        tasks = await poll(signal);
      } catch (error) {
        if (signal.aborted && !options.signal?.aborted) throw new PleskTaskTimeoutError(taskId, timeoutMs, last);
        throw error;
      }
      const task = tasks.find((t) => String(t.id) === taskId);
      if (!task) throw new PleskTransportError('unexpected-answer', `get-tasks-info for task ${taskId} answered without that task (${tasks.length} other tasks)`);
      last = task;
      options.onProgress?.(task);
      if (isFinalStatus(task.status)) {
        if (task.status !== 'finished' && options.anyFinalState !== true) throw new PleskTaskFailedError(taskId, task.status, task);
        return task;
      }
      await abortablePause(interval, signal);
      if (options.signal?.aborted) throw new PleskTransportError('aborted', `waiting for task ${taskId} was aborted`, { cause: options.signal.reason });
      if (signal.aborted) throw new PleskTaskTimeoutError(taskId, timeoutMs, last);
      interval = Math.min(maxInterval, interval * backoff);
    }
  } finally {
    clearTimeout(timer);
    stopListening();
  }
}
