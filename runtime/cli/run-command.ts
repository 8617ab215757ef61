/**
 * One command, `<bin> <operator> <operation> [flags]`, from its arguments to its exit code:
 *
 * 1. the operation's flags from the metadata (flag-table.ts), the arguments parsed with them and
 *    the global ones (node:util parseArgs); `--help` prints the command's help (command-help.ts);
 * 2. the request: --input's JSON, patched by the flags in order (flag-values.ts), checked in the
 *    flags' terms (request-check.ts), then encoded by the package's encoder: every rule is
 *    checked before anything is sent, and a broken one is exit 2;
 * 3. `--dry-run`: the packet, read back by the package's own decoder, printed; nothing sent;
 * 4. `--hosts`: fleet.ts; otherwise one server (credentials.ts), through the package's client
 *    core: the answer's rows printed (answer-rows.ts, columns.ts, render.ts), each failed result on
 *    stderr (exit 1), `--watch` following a started task (watch.ts), a file saved (download.ts).
 *
 * Everything the command prints goes through an output that masks the credentials and the values
 * of secret flags.
 */
import { parseArgs } from 'node:util';
import { maskSecrets, maskValue } from '../client/secret-masking.js';
import type { OperationRow } from '../client/client-types.js';
import { answerRows, failedResults } from './answer-rows.js';
import { packetOf } from './cli-client.js';
import { CliError, EXIT, type CliIo, type CliPackage } from './cli-types.js';
import { tableOf, type Column } from './columns.js';
import { clientFor, harvestSecrets, maskedIo, protocolVersionFlag, type Command } from './command.js';
import { commandHelp } from './command-help.js';
import { flagSecrets, resolveTarget } from './credentials.js';
import { describeError, operationErrorText } from './error-report.js';
import { destinationOf, downloadTo } from './download.js';
import { parseDuration } from './durations.js';
import { flagTable, type FlagTable } from './flag-table.js';
import { applyFlags, type GivenFlag } from './flag-values.js';
import { checkTokens, globalOptions, globalValues, type GlobalValues, type ParseOptions, type Token } from './global-flags.js';
import { coerce, oneRequest, readInput } from './input-value.js';
import { checkRequest, completeRequest } from './request-check.js';
import { COLOUR, FORMATS, PLAIN, renderJson, renderTable, wantsColour, type Format } from './render.js';
import { operationElement } from './schema-walk.js';
import { pollingRow, startedTasks, watchTasks } from './watch.js';

const VERSION = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){1,3}$/;

export async function runCommand(pkg: CliPackage, row: OperationRow, argv: readonly string[], raw: CliIo): Promise<number> {
  const secrets: string[] = [];
  const io = maskedIo(raw, secrets);
  try {
    return await run(pkg, row, argv, io, secrets);
  } catch (error) {
    const { exit, message } = describeError(error, `${row.operator} ${row.operation}`);
    io.stderr(`${pkg.bin}: ${message}\n`);
    if (exit === EXIT.usage) io.stderr(`run ${pkg.bin} ${row.operator} ${row.operation} --help for its flags\n`);
    return exit;
  }
}

/** The operation's flags as parseArgs options (each may repeat: the value builder says when that is wrong). */
function elementOptions(table: FlagTable): ParseOptions {
  const options: ParseOptions = Object.create(null) as ParseOptions;
  for (const flag of table.flags) options[flag.name] = { type: flag.kind === 'flag' ? 'boolean' : 'string', multiple: true };
  return options;
}

async function run(pkg: CliPackage, row: OperationRow, argv: readonly string[], io: CliIo, secrets: string[]): Promise<number> {
  const [{ schema }, codecs] = await Promise.all([pkg.load.schema(), pkg.load.codecs()]);
  const element = operationElement(schema, pkg.packets.request, row, 'request');
  const table = flagTable(schema, element);
  const options: ParseOptions = { ...globalOptions(), ...elementOptions(table) };
  const tokens = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true }).tokens as Token[];
  checkTokens(tokens, options, ` of ${row.operator} ${row.operation}`, () => Object.keys(options));
  const words = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  if (words.length > 2) throw new CliError(`unexpected argument ${words[2]}: ${row.operator} ${row.operation} takes flags only (a value that starts with - goes as --flag=value)`);
  const globals = globalValues(tokens);
  if (globals['help'] === true) {
    const { DOCS } = await pkg.load.docs();
    io.stdout(commandHelp(pkg, row, table, schema, DOCS, Math.max(60, Math.min(120, io.columns ?? 100))));
    return EXIT.ok;
  }
  const cmd = await commandOf(pkg, row, io, globals, schema, codecs, secrets);
  const given: GivenFlag[] = tokens.flatMap((t) => (t.kind === 'option' && table.byName.has(t.name) ? [{ flag: table.byName.get(t.name)!, raw: t.value ?? true }] : []));
  const inputFile = globals['input'];
  const input = typeof inputFile === 'string' ? coerce(schema, element.type, table.value === 'record' ? oneRequest(await readInput(inputFile, io), inputFile) : await readInput(inputFile, io)) : undefined;
  if (table.value === 'flag' && input !== undefined && input !== true) throw new CliError(`${row.operator} ${row.operation} takes no request content (it is the empty element): leave --input out`);
  const value = await applyFlags(table, given, input, { schema, io, secrets });
  if (value === undefined) throw new CliError(`${row.operator} ${row.operation} needs its value: give --value or --input`);
  completeRequest(schema, table, value);
  checkRequest(schema, table, value);
  cmd.packet = packetOf(row, value);
  const version = cmd.protocolVersion === undefined ? pkg.protocolVersion : cmd.protocolVersion ?? undefined;
  const xml = codecs.encodeRequestPacket((version !== undefined ? { ...cmd.packet, version } : cmd.packet) as never);

  if (globals['dry-run'] === true) {
    codecs.decodeRequestPacket(xml); // the package's decoder reads back what would be sent
    io.stdout(globals['output'] === 'json' || globals['output'] === 'ndjson' ? renderJson([value], globals['output']) : `${xml}\n`);
    return EXIT.ok;
  }
  if (globals['watch'] === true && !row.startsTask) {
    const starters = pkg.operations.filter((r) => r.startsTask).map((r) => `${r.operator} ${r.operation}`);
    throw new CliError(`--watch follows a task, and ${row.operator} ${row.operation} starts none${starters.length > 0 ? ` (those that do: ${starters.join(', ')})` : ''}`);
  }
  if (globals['watch'] === true && !pollingRow(cmd, row)) throw new CliError(`--watch: ${row.operator} has no operation that polls its tasks`);
  if (typeof globals['hosts'] === 'string') {
    const { runFleet } = await import('./fleet.js');
    return runFleet(cmd, globals['hosts'], typeof globals['concurrency'] === 'string' ? globals['concurrency'] : undefined);
  }
  const destination = row.binary ? await destinationOf(globals['output-file'], io) : undefined;
  if (!row.binary && globals['output-file'] !== undefined) throw new CliError(`-O is for an operation that answers with a file; ${row.operator} ${row.operation} answers XML: use -o and a redirection`);
  const target = await resolveTarget(globals, await flagSecrets(globals, io), io);
  let answerText: string | undefined;
  // (-o xml prints the answer as it came: the client's debug hook has its text, masked; otherwise no hook, no text made)
  const client = clientFor(cmd, target, cmd.format === 'xml' ? { onExchange: (event) => void (answerText = event.answer ?? answerText) } : {});
  try {
    if (destination) return await downloadTo(cmd, client, value, destination);
    const answer = await client.request(cmd.packet, cmd.timeoutMs !== undefined && globals['watch'] !== true ? { timeoutMs: cmd.timeoutMs } : {});
    harvestSecrets(answer, secrets);
    const read = answerRows(schema, pkg.packets.response, row, answer);
    const failed = failedResults(read.results);
    if (globals['watch'] !== true || failed.length > 0) print(cmd, read.rows, read.rowType, read.rowsAreResults, answerText);
    if (failed.length > 0) {
      io.stderr(`${pkg.bin}: ${operationErrorText(`${row.operator}/${row.operation}`, read.results)}\n`);
      return EXIT.operation;
    }
    if (globals['watch'] !== true) return EXIT.ok;
    const ids = startedTasks(read.results, pollingRow(cmd, row)!.taskFilter!);
    if (ids.length === 0) throw new CliError(`${row.operator} ${row.operation} answered without a task id: nothing to watch`, EXIT.transport);
    for (const id of ids) io.stderr(`task ${id} started\n`);
    const watched = await watchTasks(cmd, client, ids, cmd.intervalMs);
    print(cmd, watched.tasks, watched.rowType, false, answerText);
    return watched.exit;
  } finally {
    client.close();
  }
}

async function commandOf(pkg: CliPackage, row: OperationRow, io: CliIo, globals: GlobalValues, schema: Command['schema'], codecs: Command['codecs'], secrets: string[]): Promise<Command> {
  const given = globals['output'];
  if (given !== undefined && !FORMATS.includes(given as Format)) throw new CliError(`-o ${String(given)}: give one of ${FORMATS.join(', ')}`);
  const format: Format = (given as Format | undefined) ?? (io.stdoutIsTTY ? 'table' : 'json');
  const version = protocolVersionFlag(globals);
  if (typeof version === 'string' && !VERSION.test(version)) throw new CliError(`--protocol-version ${version}: give a version such as 1.6.9.0, or none`);
  const noColor = globals['no-color'] === true;
  return {
    pkg,
    row,
    io,
    globals,
    schema,
    codecs,
    format,
    paint: wantsColour(io.stdoutIsTTY, io.env, noColor) ? COLOUR : PLAIN,
    paintErr: wantsColour(io.stderrIsTTY, io.env, noColor) ? COLOUR : PLAIN,
    secrets,
    packet: { operators: [] },
    timeoutMs: typeof globals['timeout'] === 'string' ? parseDuration(globals['timeout'], 'timeout') : undefined,
    intervalMs: typeof globals['interval'] === 'string' ? parseDuration(globals['interval'], 'interval') : undefined,
    protocolVersion: version,
  };
}

/** The rows in the command's format (xml: the answer as it came, masked). */
function print(cmd: Command, rows: unknown[], rowType: Column['records'], rowsAreResults: boolean, answerText: string | undefined): void {
  const { io, format } = cmd;
  // masked before it is laid out, so that a table stays aligned (the output masks again)
  if (cmd.secrets.length > 0) rows = maskValue(rows, (text) => maskSecrets(text, cmd.secrets)) as unknown[];
  if (format === 'xml') {
    if (answerText !== undefined) io.stdout(answerText.endsWith('\n') ? answerText : `${answerText}\n`);
    return;
  }
  if (format === 'json' || format === 'ndjson') {
    io.stdout(renderJson(rows, format));
    return;
  }
  const name = rowsAreResults ? 'result' : cmd.row.unwrap.k === 'list' ? cmd.row.unwrap.prop : cmd.row.operation;
  const table = tableOf(cmd.schema, rowType, name, rowsAreResults, rows);
  const text = renderTable(table.columns, table.rows, format === 'wide', cmd.paint);
  if (text !== '') io.stdout(text);
  else if (rows.length === 0 && io.stderrIsTTY) io.stderr('(no rows)\n');
}
