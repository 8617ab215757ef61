/**
 * Fleet mode, `--hosts FILE`: the same request to every server of the file (host-list.ts), at most
 * `--concurrency` at a time (default 8), each within `--timeout` (default 30s; a server that does not
 * answer by then is `timed out` and its connection closed), one row per server in the file's order:
 * HOST, PROTOCOL (the version the server answered in, or the one sent when it refused it), OUTCOME,
 * DRIFT (elements and attributes of the answer the schema does not declare), DURATION; `-o wide`
 * adds the rows the answer held and the error's message. `-o ndjson` prints each server's line as
 * soon as it is done (with its rows), `-o json` all of them at the end. A summary goes to stderr,
 * and the exit code is the worst of the servers' (0 < 1 < 3 < 4 < 5).
 *
 * An operation that changes state runs on many servers only with `--yes` (a usage error otherwise,
 * nothing sent), and like every such operation it is never resent: a server whose connection broke
 * is reported, not tried again. Past one machine, shard the host file under a scheduler that
 * already exists (a CI matrix, Kubernetes Jobs), each shard its own --hosts file.
 */
import { answerRows, failedResults } from './answer-rows.js';
import { CliError, EXIT, type ExitCode } from './cli-types.js';
import type { Column } from './columns.js';
import { clientFor, harvestSecrets, type Command } from './command.js';
import { flagSecrets, resolveTarget } from './credentials.js';
import { formatDuration } from './durations.js';
import { describeError, operationErrorText } from './error-report.js';
import { readHostList, type HostEntry } from './host-list.js';
import { renderTable, toJson } from './render.js';

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_HOST_TIMEOUT_MS = 30_000;

export interface HostRow {
  host: string;
  protocol: string;
  outcome: string;
  exit: ExitCode;
  drift: number;
  durationMs: number;
  rows?: unknown[];
  message?: string;
}

const COLUMNS: Column[] = [
  { header: 'HOST', props: ['host'], path: 'host', kind: 'any', required: true },
  { header: 'PROTOCOL', props: ['protocol'], path: 'protocol', kind: 'any', required: true },
  { header: 'OUTCOME', props: ['outcome'], path: 'status', kind: 'any', required: true },
  { header: 'DRIFT', props: ['drift'], path: 'drift', kind: 'any', required: true },
  { header: 'DURATION', props: ['duration'], path: 'duration', kind: 'any', required: true },
  { header: 'ROWS', props: ['rowCount'], path: 'rows', kind: 'any', required: false },
  { header: 'MESSAGE', props: ['message'], path: 'message', kind: 'any', required: false },
];

export async function runFleet(cmd: Command, file: string, concurrencyText: string | undefined): Promise<number> {
  const { row, globals, io } = cmd;
  if (row.binary) throw new CliError(`${row.operator} ${row.operation} answers with a file: run it on one server at a time, not with --hosts`);
  if (globals['watch'] === true) throw new CliError('--watch follows one server\'s task: run it without --hosts (or one command per server)');
  if (cmd.format === 'xml') throw new CliError('-o xml prints one answer: with --hosts use table, wide, json or ndjson');
  const concurrency = concurrencyText === undefined ? DEFAULT_CONCURRENCY : Number(concurrencyText);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new CliError(`--concurrency ${concurrencyText}: give a whole number from 1 to 256`);
  const hosts = await readHostList(file, io, typeof globals['profile-file'] === 'string' ? globals['profile-file'] : undefined);
  if (!row.read && globals['yes'] !== true) {
    throw new CliError(`${row.operator} ${row.operation} ${row.binary ? 'transfers a file (never resent)' : 'changes state on the server'}: running it on the ${hosts.length} servers of ${file} needs --yes (nothing was sent)`);
  }
  const secrets = await flagSecrets(globals, io);
  const perHost = cmd.timeoutMs ?? DEFAULT_HOST_TIMEOUT_MS;
  const started = Date.now();
  const results: HostRow[] = new Array(hosts.length);
  let next = 0;
  const worker = async () => {
    while (next < hosts.length) {
      const index = next++;
      results[index] = await runOne(cmd, hosts[index]!, secrets, perHost);
      if (cmd.format === 'ndjson') io.stdout(`${toJson(results[index], '', '')}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, hosts.length) }, worker));

  if (cmd.format === 'json') io.stdout(`${toJson(results)}\n`);
  else if (cmd.format === 'table' || cmd.format === 'wide') {
    const shown = results.map((r) => ({ ...r, outcome: r.outcome, duration: formatDuration(r.durationMs), rowCount: r.rows?.length }));
    io.stdout(renderTable(COLUMNS, shown, cmd.format === 'wide', cmd.paint));
  }
  for (const r of results) if (r.message !== undefined) io.stderr(`${r.host}: ${r.message}\n`);
  const exit = results.reduce<ExitCode>((worst, r) => (r.exit > worst ? r.exit : worst), EXIT.ok);
  const tally = new Map<string, number>();
  for (const r of results) tally.set(r.outcome.replace(/ \d+$/, ''), (tally.get(r.outcome.replace(/ \d+$/, '')) ?? 0) + 1);
  io.stderr(`${hosts.length} servers in ${formatDuration(Date.now() - started)}: ${[...tally].map(([o, n]) => `${n} ${o}`).join(', ')}; exit ${exit}\n`);
  return exit;
}

async function runOne(cmd: Command, entry: HostEntry, secrets: Awaited<ReturnType<typeof flagSecrets>>, timeoutMs: number): Promise<HostRow> {
  const started = Date.now();
  let drift = 0;
  let sent: string | undefined;
  const finish = (rest: Omit<HostRow, 'host' | 'drift' | 'durationMs'>): HostRow => ({ host: entry.label, drift, durationMs: Date.now() - started, ...rest });
  let client: ReturnType<typeof clientFor> | undefined;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    const target = await resolveTarget(cmd.globals, secrets, cmd.io, { ...(entry.host !== undefined ? { host: entry.host } : {}), ...(entry.port !== undefined ? { port: entry.port } : {}), ...(entry.profile !== undefined ? { profile: entry.profile } : {}) });
    client = clientFor(cmd, target, { onDrift: () => void drift++, label: entry.label });
    sent = client.protocolVersion;
    const answer = await client.request(cmd.packet, { signal: deadline.signal, timeoutMs });
    harvestSecrets(answer, cmd.secrets);
    const read = answerRows(cmd.schema, cmd.pkg.packets.response, cmd.row, answer);
    const failed = failedResults(read.results);
    const protocol = read.version ?? sent ?? '';
    if (failed.length > 0) {
      const code = failed[0]!['errcode'];
      return finish({ protocol, outcome: `error ${typeof code === 'number' ? code : ''}`.trim(), exit: EXIT.operation, rows: read.rows, message: operationErrorText(`${cmd.row.operator}/${cmd.row.operation}`, read.results).replace(/\n\s*/g, ' ') });
    }
    return finish({ protocol, outcome: 'ok', exit: EXIT.ok, rows: read.rows });
  } catch (error) {
    if (deadline.signal.aborted) return finish({ protocol: sent ?? '', outcome: 'timed out', exit: EXIT.timeout, message: `no answer within ${formatDuration(timeoutMs)}` });
    const { exit, message } = describeError(error);
    const e = error as { name?: string; code?: unknown; protocolVersion?: string };
    const outcome = e.name === 'PleskSystemError' ? `system error ${String(e.code)}` : exit === EXIT.timeout ? 'timed out' : exit === EXIT.usage ? 'not run' : 'failed';
    const refused = e.name === 'PleskSystemError' && (e.code === 1005 || e.code === 1017);
    return finish({ protocol: `${e.protocolVersion ?? sent ?? ''}${refused ? ' (refused)' : ''}`, outcome, exit, message: message.replace(/\n\s*/g, ' ') });
  } finally {
    clearTimeout(timer);
    client?.close();
  }
}
