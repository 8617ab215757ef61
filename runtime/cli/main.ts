/**
 * The command line of a generated package: `<bin> <operator> <operation> [flags]`, in Plesk's
 * own spelling (`plesk-backup backup-manager get-tasks-info --task-id 7`). This module finds the
 * operation in the package's operation table and hands it to run-command.ts, which it imports
 * only then: `--help`, `--version` and the operators' help load the operation table and these few
 * modules, not the metadata, the codecs or the client (a whole-API package's --help stays fast).
 *
 * `runCli(pkg, argv, io)` resolves with the exit code (cli-types.ts `EXIT`) and never rejects:
 * every error becomes a message on stderr and its code (error-report.ts).
 */
import { parseArgs } from 'node:util';
import { CliError, EXIT, processIo, type CliIo, type CliPackage } from './cli-types.js';
import { suggest } from './did-you-mean.js';
import { describeError } from './error-report.js';
import { globalOptions, globalValues, type Token } from './global-flags.js';
import { operatorHelp, topHelp } from './help.js';

export { processIo };
export type { CliIo, CliPackage };

export async function runCli(pkg: CliPackage, argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await route(pkg, argv, io);
  } catch (error) {
    const { exit, message } = describeError(error);
    io.stderr(`${pkg.bin}: ${message}\n`);
    if (exit === EXIT.usage) io.stderr(`run ${pkg.bin} --help for usage\n`);
    return exit;
  }
}

/** The operator and operation: the first two arguments that are neither flags nor a global flag's value. */
export function commandWords(argv: readonly string[]): { tokens: Token[]; words: string[] } {
  const { tokens } = parseArgs({ args: [...argv], options: globalOptions(), strict: false, allowPositionals: true, tokens: true });
  return { tokens: tokens as Token[], words: (tokens as Token[]).flatMap((t) => (t.kind === 'positional' ? [t.value] : [])) };
}

async function route(pkg: CliPackage, argv: readonly string[], io: CliIo): Promise<number> {
  const { tokens, words } = commandWords(argv);
  const globals = globalValues(tokens);
  const width = Math.max(60, Math.min(120, io.columns ?? 100));
  if (globals['version'] === true && words.length === 0) {
    io.stdout(`${pkg.bin} ${pkg.packageVersion} (${pkg.packageName}; XML API protocol ${pkg.protocolVersion ?? 'none: the server answers in its newest'})\n`);
    return EXIT.ok;
  }
  if (words.length === 0) {
    if (globals['help'] === true) {
      io.stdout(topHelp(pkg, width));
      return EXIT.ok;
    }
    throw new CliError(`give an operator and an operation: ${pkg.bin} <operator> <operation> [flags]`);
  }
  const operators = [...new Set(pkg.operations.map((r) => r.operator))];
  const operator = words[0]!;
  if (!operators.includes(operator)) {
    const hint = suggest(operator, operators);
    throw new CliError(`unknown operator ${operator}${hint ? `; did you mean ${hint}?` : ''} (${pkg.bin} --help lists the ${operators.length} operators)`);
  }
  const rows = pkg.operations.filter((r) => r.operator === operator);
  if (words.length === 1) {
    const docs = (await pkg.load.docs()).DOCS;
    if (globals['help'] === true) {
      io.stdout(operatorHelp(pkg, operator, docs, width));
      return EXIT.ok;
    }
    io.stderr(operatorHelp(pkg, operator, docs, width));
    throw new CliError(`give an operation of ${operator}: ${pkg.bin} ${operator} <operation> [flags]`);
  }
  const operation = words[1]!;
  const row = rows.find((r) => r.operation === operation);
  if (!row) {
    const hint = suggest(operation, rows.map((r) => r.operation));
    throw new CliError(`${operator} has no operation ${operation}${hint ? `; did you mean ${hint}?` : ''} (${pkg.bin} ${operator} --help lists its ${rows.length} operations)`);
  }
  const { runCommand } = await import('./run-command.js');
  return runCommand(pkg, row, argv, io);
}
