/**
 * `--watch` on an operation that starts a task (its row says `startsTask`): the task's id from
 * the answer, then the operator's polling row (the one with `taskFilter`: get-tasks-info by
 * task-id) polled with the client runtime's `waitForTask` (back-off from --interval, up to
 * --timeout) until the task is finished, failed or stopped. Each change of state is a line on
 * stderr; the task in its final state is the command's output. Exit 0 when it finished, 3 when it
 * failed or was stopped, 4 when the time ran out (the last state seen is said), 1 when a poll's
 * result was an error, 5 when a poll got no usable answer.
 */
import type { OperationRow } from '../client/client-types.js';
import { waitForTask } from '../client/wait-for-task.js';
import type { TypeRef } from '../codec/meta.js';
import { own } from '../codec/own-properties.js';
import { answerRows, failedResults } from './answer-rows.js';
import { packetOf, type CliClient } from './cli-client.js';
import { CliError, EXIT, type ExitCode } from './cli-types.js';
import { harvestSecrets, type Command } from './command.js';
import { formatDuration } from './durations.js';
import { operationErrorText } from './error-report.js';

export const DEFAULT_WATCH_TIMEOUT_MS = 3_600_000;

export interface Watched {
  exit: ExitCode;
  tasks: unknown[];
  /** the type of a task, for the table */
  rowType: TypeRef | undefined;
}

/** The row that polls the tasks an operation of `row`'s operator starts. */
export function pollingRow(cmd: Pick<Command, 'pkg'>, row: OperationRow): OperationRow | undefined {
  return cmd.pkg.operations.find((r) => r.operator === row.operator && r.taskFilter !== undefined);
}

/** The ids of the tasks the ok results of a start name. */
export function startedTasks(results: ReadonlyArray<Record<string, unknown>>, filter: string): string[] {
  return results.filter((r) => own(r, 'status') !== 'error').flatMap((r) => {
    const id = own(r, filter);
    return id === undefined ? [] : [String(id)];
  });
}

export async function watchTasks(cmd: Command, client: CliClient, ids: readonly string[], intervalMs: number | undefined): Promise<Watched> {
  const poll = pollingRow(cmd, cmd.row)!;
  const filter = poll.taskFilter!;
  const timeoutMs = cmd.timeoutMs ?? DEFAULT_WATCH_TIMEOUT_MS;
  const started = Date.now();
  let rowType: TypeRef | undefined;
  const tasks: unknown[] = [];
  let exit: ExitCode = EXIT.ok;
  for (const id of ids) {
    let last: string | undefined;
    const onProgress = (task: { status: string }) => {
      if (task.status === last) return;
      cmd.io.stderr(`task ${id}: ${last === undefined ? '' : `${last} → `}${cmd.paintErr.state(task.status)}${last === undefined ? '' : ` after ${formatDuration(Date.now() - started)}`}\n`);
      last = task.status;
    };
    const pollOnce = async (signal: AbortSignal) => {
      const answer = await client.request(packetOf(poll, { [filter]: id }), { signal });
      harvestSecrets(answer, cmd.secrets);
      const read = answerRows(cmd.schema, cmd.pkg.packets.response, poll, answer);
      const failed = failedResults(read.results);
      if (failed.length > 0) throw new CliError(operationErrorText(`${poll.operator}/${poll.operation}`, read.results), EXIT.operation);
      rowType = read.rowType;
      return read.rows as Array<{ id: unknown; status: string }>;
    };
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    const task = await waitForTask(id, pollOnce, { timeoutMs: left, ...(intervalMs !== undefined ? { intervalMs } : {}), onProgress, anyFinalState: true });
    // a failed or stopped task is printed like a finished one, and the exit code says how it ended
    tasks.push(task);
    if (task.status !== 'finished') exit = EXIT.task;
  }
  return { exit, tasks, rowType };
}
