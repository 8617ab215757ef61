/**
 * The flags every command takes, whatever its operation: where to connect and as whom, what to
 * send, how to print the answer, waiting for a task, fleets of servers. A flag the schema gives an
 * operation never takes one of these names (flag-table.ts renames it and --help lists the rename),
 * and `--password` / `--secret-key` are refused with the way to give a secret that does not show
 * in `ps`.
 */
import { CliError } from './cli-types.js';
import { suggest } from './did-you-mean.js';

export interface GlobalFlag {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** what the value is, for --help (`FILE`, `DURATION`) */
  value?: string;
  /** the environment variable read when the flag is not given */
  env?: string;
  group: 'connection' | 'request' | 'output' | 'task' | 'fleet' | 'general';
  describe: string;
}

export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  { name: 'host', type: 'string', value: 'HOST', env: 'PLESK_HOST', group: 'connection', describe: 'the Plesk server (name or IP address)' },
  { name: 'port', type: 'string', value: 'PORT', env: 'PLESK_PORT', group: 'connection', describe: 'its port (default 8443)' },
  { name: 'login', type: 'string', value: 'LOGIN', env: 'PLESK_LOGIN', group: 'connection', describe: 'the login, with a password' },
  { name: 'password-file', type: 'string', value: 'FILE', group: 'connection', describe: 'read the password from FILE (its first line); or PLESK_PASSWORD, or --password-stdin' },
  { name: 'password-stdin', type: 'boolean', group: 'connection', describe: 'read the password from stdin (its first line)' },
  { name: 'secret-key-file', type: 'string', value: 'FILE', group: 'connection', describe: 'read the secret key (instead of login and password) from FILE; or PLESK_SECRET_KEY, or --secret-key-stdin' },
  { name: 'secret-key-stdin', type: 'boolean', group: 'connection', describe: 'read the secret key from stdin (its first line)' },
  { name: 'profile', type: 'string', value: 'NAME', env: 'PLESK_PROFILE', group: 'connection', describe: 'take server and credentials from this profile of the profile file (a missing one is an error)' },
  { name: 'profile-file', type: 'string', value: 'FILE', env: 'PLESK_PROFILE_FILE', group: 'connection', describe: 'the profile file (default ~/.config/plesk/profiles.json)' },
  { name: 'ca', type: 'string', value: 'FILE', env: 'PLESK_CA', group: 'connection', describe: "trust this certificate (PEM): the server's self-signed one, or the CA that signed it" },
  { name: 'protocol-version', type: 'string', value: 'VERSION', group: 'connection', describe: "send this packet/@version instead of the package's (none: the server's newest)" },
  { name: 'timeout', type: 'string', value: 'DURATION', group: 'connection', describe: 'give up after this long (90s, 5m, 1h30m): the call; with --watch the wait; with --hosts each host (default 30s; with --watch 1h)' },
  { name: 'input', type: 'string', value: 'FILE', group: 'request', describe: "the request as JSON (what -o json prints of the same type), from FILE or stdin (-); flags patch it" },
  { name: 'dry-run', type: 'boolean', group: 'request', describe: 'print the packet that would be sent, checked by the decoder, and send nothing (no credentials needed)' },
  { name: 'yes', short: 'y', type: 'boolean', group: 'request', describe: 'with --hosts: run an operation that changes state on every host' },
  { name: 'output', short: 'o', type: 'string', value: 'FORMAT', group: 'output', describe: 'table, wide, json, ndjson or xml (default: table on a terminal, json otherwise)' },
  { name: 'output-file', short: 'O', type: 'string', value: 'PATH', group: 'output', describe: 'download-file: write the file here (a folder: under the name the server gives)' },
  { name: 'no-color', type: 'boolean', group: 'output', describe: 'no colour (also NO_COLOR; colour is used on a terminal only)' },
  { name: 'debug', type: 'boolean', group: 'output', describe: 'print every exchange on stderr: the packets sent and answered, credentials masked' },
  { name: 'watch', type: 'boolean', group: 'task', describe: 'for an operation that starts a task: follow it until it ends, printing its state changes' },
  { name: 'interval', type: 'string', value: 'DURATION', group: 'task', describe: 'with --watch: the first pause between polls (default 2s, growing to 30s)' },
  { name: 'hosts', type: 'string', value: 'FILE', group: 'fleet', describe: 'run on every server of FILE (a host[:port] or profile name per line, or JSON): one row per host' },
  { name: 'concurrency', type: 'string', value: 'N', group: 'fleet', describe: 'with --hosts: servers at a time (default 8)' },
  { name: 'help', short: 'h', type: 'boolean', group: 'general', describe: 'this help; after an operation, its flags' },
  { name: 'version', type: 'boolean', group: 'general', describe: "the package's version and protocol" },
];

/** Flags refused with the way to give the secret instead: a value on the command line shows in `ps` and in shell history. */
export const REFUSED_FLAGS: ReadonlyMap<string, string> = new Map([
  ['password', 'a password given as a flag shows in `ps` and in the shell history: use PLESK_PASSWORD, --password-file FILE, --password-stdin or a profile'],
  ['secret-key', 'a secret key given as a flag shows in `ps` and in the shell history: use PLESK_SECRET_KEY, --secret-key-file FILE, --secret-key-stdin or a profile'],
]);

/** Names an operation's flag may not take (they are global). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...GLOBAL_FLAGS.map((f) => f.name), ...REFUSED_FLAGS.keys()]);

export type ParseOptions = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** The global flags as node:util parseArgs options. */
export function globalOptions(): ParseOptions {
  const options: ParseOptions = Object.create(null) as ParseOptions;
  for (const flag of GLOBAL_FLAGS) options[flag.name] = { type: flag.type, ...(flag.short ? { short: flag.short } : {}) };
  for (const name of REFUSED_FLAGS.keys()) options[name] = { type: 'string' };
  return options;
}

/** The global flags given, by name (the last of a flag given twice). */
export type GlobalValues = { readonly [name: string]: string | boolean | undefined };

/** A parsed token of node:util parseArgs. */
export type Token =
  | { kind: 'positional'; index: number; value: string }
  | { kind: 'option'; index: number; name: string; rawName: string; value: string | undefined; inlineValue: boolean | undefined }
  | { kind: 'option-terminator'; index: number };

/**
 * Checks the option tokens against the known flags (global and the operation's): an unknown one is
 * a usage error with the closest known name; a string flag without a value, a boolean one with
 * one, a refused one, each a usage error naming the flag and the fix.
 */
export function checkTokens(tokens: readonly Token[], options: ParseOptions, where: string, known: () => readonly string[]): void {
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    const shown = token.rawName;
    const refused = REFUSED_FLAGS.get(token.name);
    if (refused) throw new CliError(`${shown} is not accepted: ${refused}`);
    if (!option) {
      const hint = token.rawName.startsWith('--') ? suggest(token.name, known()) : undefined;
      throw new CliError(`unknown flag ${shown}${where}${hint ? `; did you mean --${hint}?` : ''}`);
    }
    if (option.type === 'string' && token.value === undefined) throw new CliError(`${shown} needs a value`);
    if (option.type === 'boolean' && token.inlineValue) throw new CliError(`${shown} takes no value (it is a switch): give ${shown} alone`);
  }
}

/** The global flags' values from the tokens (the last of a repeated one). */
export function globalValues(tokens: readonly Token[]): Record<string, string | boolean> {
  const names = new Set(GLOBAL_FLAGS.map((f) => f.name));
  const values: Record<string, string | boolean> = Object.create(null) as Record<string, string | boolean>;
  for (const token of tokens) if (token.kind === 'option' && names.has(token.name)) values[token.name] = token.value ?? true;
  return values;
}
