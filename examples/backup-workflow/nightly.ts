/**
 * The nightly job of a hosting company: back up every subscription, wait for each task, download
 * each backup file to disk with progress, and report what happened to each, failures included.
 * One AbortSignal cancels the whole run: the task being waited for is stopped on the server and
 * a download in progress leaves no file behind.
 *
 *     node out/nightly.js [folder]      # against the server PLESK_HOST names (see connect.ts)
 *     node out/nightly.js               # without PLESK_HOST: against the stand-in, with a failing
 *                                       # and a stalled subscription
 *
 * Ctrl-C cancels the run. The exit code is 1 when a subscription was not saved.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PleskClient, PleskTaskFailedError, PleskTaskTimeoutError, PleskTransportError } from 'plesk-backup';
import { createPleskStandIn } from 'plesk-backup/testing';
import { clientOptionsFromEnv } from './connect.js';

export interface NightlyOptions {
  /** the folder the backup files are written to (created if missing) */
  folder: string;
  /** cancels the whole run */
  signal?: AbortSignal | undefined;
  /** how long one backup may run before it is given up and stopped (default 4 hours) */
  taskTimeoutMs?: number | undefined;
  /** the first pause between two polls of a task (default 2 s, what Plesk's own tools use) */
  intervalMs?: number | undefined;
  /** a line for the job's log */
  log?: ((line: string) => void) | undefined;
}

/** What became of one subscription. */
export interface NightlyEntry {
  subscription: string;
  outcome: 'saved' | 'failed' | 'timed-out' | 'cancelled' | 'error';
  /** saved: the file on disk and its size */
  file?: string;
  bytes?: number;
  /** anything else: why */
  reason?: string;
}

export async function runNightly(client: PleskClient, options: NightlyOptions): Promise<NightlyEntry[]> {
  const log = options.log ?? (() => undefined);
  const { signal } = options;
  mkdirSync(options.folder, { recursive: true });
  const subscriptions = await client.webspace.get({ filter: {}, dataset: { genInfo: true } }, { signal });
  const names = subscriptions.flatMap((s) => (s.data?.genInfo?.name === undefined ? [] : [s.data.genInfo.name]));
  log(`${names.length} subscriptions: ${names.join(', ')}`);
  const report: NightlyEntry[] = [];
  for (const subscription of names) {
    if (signal?.aborted) {
      report.push({ subscription, outcome: 'cancelled', reason: 'the run was cancelled before it started' });
      continue;
    }
    report.push(await backUpOne(client, subscription, options, log));
  }
  return report;
}

async function backUpOne(client: PleskClient, subscription: string, options: NightlyOptions, log: (line: string) => void): Promise<NightlyEntry> {
  const { signal } = options;
  let taskId: string | undefined;
  try {
    taskId = await client.backupManager.backupWebspace({ webspaceName: subscription, description: 'nightly', local: true }, { signal });
    if (taskId === undefined) return { subscription, outcome: 'error', reason: 'the server started no task' };
    log(`${subscription}: task ${taskId} started`);
    const task = await client.backupManager.waitForTask(taskId, { signal, timeoutMs: options.taskTimeoutMs ?? 4 * 3_600_000, intervalMs: options.intervalMs });
    const target = path.join(options.folder, task.filename);
    let reported = -1;
    const saved = await client.backupManager.downloadFile({ webspaceName: subscription, filename: task.filename }, {
      toFile: target,
      signal,
      onProgress: ({ bytes, total }) => {
        const percent = total ? Math.floor((bytes / total) * 4) * 25 : -1;
        if (percent > reported) log(`${subscription}: ${task.filename} ${percent}% (${bytes} of ${total} bytes)`);
        reported = Math.max(reported, percent);
      },
    });
    return { subscription, outcome: 'saved', file: saved.path, bytes: saved.length };
  } catch (error) {
    if (error instanceof PleskTaskFailedError) return { subscription, outcome: 'failed', reason: error.message };
    if (error instanceof PleskTaskTimeoutError) {
      await stop(client, taskId, log, subscription);
      return { subscription, outcome: 'timed-out', reason: error.message };
    }
    if (error instanceof PleskTransportError && error.reason === 'aborted') {
      await stop(client, taskId, log, subscription);
      return { subscription, outcome: 'cancelled', reason: 'the run was cancelled' };
    }
    return { subscription, outcome: 'error', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Stops a task that may still be working (a stalled or cancelled backup); one that already ended is left as it is. */
async function stop(client: PleskClient, taskId: string | undefined, log: (line: string) => void, subscription: string): Promise<void> {
  if (taskId === undefined) return;
  const [task] = await client.backupManager.getTasksInfo({ taskId }).catch(() => []);
  if (task?.status !== 'working') return;
  await client.backupManager.stopBackup({ taskId });
  log(`${subscription}: task ${taskId} stopped`);
}

/** The report as a table. */
export function formatReport(report: readonly NightlyEntry[]): string {
  const rows = report.map((e) => [e.subscription, e.outcome, e.file === undefined ? (e.reason ?? '') : `${e.file} (${e.bytes} bytes)`]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length), i === 0 ? 12 : 7));
  return rows.map((r) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`).join('\n');
}

async function main(): Promise<void> {
  const folder = process.argv[2] ?? 'backups';
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const fromEnv = clientOptionsFromEnv();
  // no server named: the stand-in, where shop.example.com fails and acme.test never finishes
  const standIn = fromEnv ? undefined : await createPleskStandIn({ scenario: { failing: ['shop.example.com'], stalled: ['acme.test'] } });
  const client = new PleskClient(fromEnv ?? { host: standIn!.host, port: standIn!.port, ca: standIn!.ca, login: standIn!.login, password: standIn!.password });
  try {
    const report = await runNightly(client, { folder, signal: controller.signal, log: (line) => console.log(line), ...(standIn ? { intervalMs: 10, taskTimeoutMs: 500 } : {}) });
    console.log(`\n${formatReport(report)}`);
    if (report.some((e) => e.outcome !== 'saved')) process.exitCode = 1;
  } finally {
    client.close();
    await standIn?.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
