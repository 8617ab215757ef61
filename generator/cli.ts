/**
 * The plesk-codegen command: a thin yargs layer over run-generate.ts, which owns the file I/O
 * around the pure core. Importing this module runs nothing: bin/plesk-codegen.js calls
 * {@link main} with the process's arguments and sets the exit code; tests call it in-process with
 * their own {@link CliIo}.
 *
 * Exit codes: 0 ok; 1 a schema or generation error (the output folder is left as it was);
 * 2 a usage error (see cli-args.ts for where the line between 1 and 2 runs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { suggest } from '../runtime/cli/did-you-mean.js';
import { COMMANDS, GENERATE_OPTIONS, resolveGenerateArgs, type RawGenerateArgs } from './cli-args.js';
import { CONFIG_FILE_NAME } from './config/config-file.js';
import { ConfigError } from './config/config-error.js';
import { UsageError } from './errors.js';
import { PROJECT_ROOT } from './load/load-inputs.js';

const HELP_HINT = 'run plesk-codegen --help for usage';

function generateOptions(y: Argv): Argv {
  for (const [name, spec] of Object.entries(GENERATE_OPTIONS)) y.option(name, spec);
  return y
    .example('$0', `generate every package that ${CONFIG_FILE_NAME} (in this folder) lists`)
    .example('$0 --check', 'exit 1 and list the stale files of any package that is not what its schemas generate (for CI)')
    .example('$0 --xsd rpc/agent_input.xsd --xsd rpc/agent_output.xsd --out plesk-api --package-name plesk-api', "Plesk's whole API from a server's schemas, without a config file")
    .example('$0 --xsd rpc/agent_input.xsd --out plesk-requests --package-name @acme/plesk-requests --package-version 1.2.0', 'requests only, under your own package name and version');
}

/** Where the command writes and which folder relative paths start from. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** the terminal's width, for --help (default: 100 columns at most) */
  columns?: number;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}

/** Runs the command on `argv` (the arguments after the command's name); resolves with the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let run: RawGenerateArgs | undefined;
  const parser = yargs()
    .scriptName('plesk-codegen')
    .usage('$0 [generate] [options]\n\nReads XML Schema files of Plesk\'s XML API and writes a typed npm package: types, element-order-preserving encoders and streaming validating decoders.');
  for (const command of COMMANDS) parser.command(command.name, command.describe, generateOptions, (args) => void (run = args as RawGenerateArgs));
  parser
    .command('$0', false, generateOptions, (args) => void (run = args as RawGenerateArgs)) // no command means generate
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own checks (unknown flag, missing value) as a message or a YError
      if (error && error.name !== 'YError') throw error;
      const text = message ?? error?.message ?? 'invalid arguments';
      throw new UsageError(withSuggestion(text.replace(/^Not enough arguments following: (\S+)$/, '--$1 needs a value')));
    })
    .help()
    .alias('help', 'h')
    .version(projectVersion())
    .wrap(Math.min(100, io.columns ?? 100));
  try {
    // with a callback, yargs hands over what it would print (--help, --version) instead of printing it
    let printed = '';
    await parser.parseAsync(argv, {}, (_error, _args, output) => void (printed = output));
    if (run === undefined) {
      // --help or --version
      if (printed !== '') io.stdout(`${printed}\n`);
      return 0;
    }
    const job = resolveGenerateArgs(run, io.cwd);
    const { runGenerate } = await import('./run-generate.js'); // loaded only when needed: --help stays fast
    return runGenerate(job, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`error: ${error.message}\n${HELP_HINT}\n`);
      return 2;
    }
    throw error;
  }
}

/** yargs' "Unknown argument(s): a, b" with the flag each most likely meant (`--operators`: `--operator`), when one is close. */
function withSuggestion(text: string): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(text);
  if (unknown === null) return text;
  const near = unknown[1]!.split(', ').flatMap((name) => suggest(name, Object.keys(GENERATE_OPTIONS)) ?? []);
  return near.length === 0 ? text : `${text}; did you mean ${near.map((name) => `--${name}`).join(', ')}?`;
}

function projectVersion(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

