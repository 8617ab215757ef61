/**
 * Which server, and as whom, as the tools operators trust do it:
 *
 * 1. the flags: `--host`, `--port`, `--login`, `--ca FILE`, and the secrets only from a file or
 *    stdin (`--password-file`, `--password-stdin`, `--secret-key-file`, `--secret-key-stdin`):
 *    never as a flag's value, which shows in `ps`;
 * 2. with `--profile NAME` (or PLESK_PROFILE): that profile (profiles.ts) for what the flags do not
 *    give; the PLESK_* variables are then not read, so a profile is one identity, not a mix;
 * 3. otherwise the environment: PLESK_HOST, PLESK_PORT, PLESK_LOGIN, PLESK_PASSWORD,
 *    PLESK_SECRET_KEY, PLESK_CA (a file).
 *
 * A secret key and a password from the same place is an error; a secret key from a flag wins
 * over a password from a profile or the environment, and the other way round.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError, type CliIo } from './cli-types.js';
import { firstLine } from './flag-values.js';
import type { GlobalValues } from './global-flags.js';
import { readStdin } from './input-value.js';
import { loadProfile, profileFile, type Profile } from './profiles.js';

/** One server to talk to, with its credentials. */
export interface Target {
  /** how messages name it: `host:port`, or `profile prod` */
  label: string;
  host: string;
  port: number;
  login?: string;
  password?: string;
  secretKey?: string;
  /** the CA's PEM text, and its file */
  ca?: string;
  caFile?: string;
  protocolVersion?: string;
}

/** The secrets the flags give (read once: stdin can be read only once). */
export interface FlagSecrets {
  password?: string;
  secretKey?: string;
}

export async function flagSecrets(globals: GlobalValues, io: CliIo): Promise<FlagSecrets> {
  const fromFile = async (flag: string): Promise<string | undefined> => {
    const file = globals[flag];
    if (typeof file !== 'string') return undefined;
    try {
      return firstLine(await readFile(path.resolve(io.cwd, file), 'utf8'));
    } catch (error) {
      throw new CliError(`--${flag} ${file}: cannot read it: ${(error as Error).message}`);
    }
  };
  if (globals['password-stdin'] === true && globals['secret-key-stdin'] === true) throw new CliError('--password-stdin and --secret-key-stdin both read stdin: give one');
  if (globals['password-stdin'] === true && globals['input'] === '-') throw new CliError('--password-stdin and --input - both read stdin: give the request or the password in a file');
  if (globals['secret-key-stdin'] === true && globals['input'] === '-') throw new CliError('--secret-key-stdin and --input - both read stdin: give the request or the secret key in a file');
  const password = globals['password-stdin'] === true ? firstLine(await readStdin(io, '--password-stdin')) : await fromFile('password-file');
  const secretKey = globals['secret-key-stdin'] === true ? firstLine(await readStdin(io, '--secret-key-stdin')) : await fromFile('secret-key-file');
  if (password === '') throw new CliError(`${globals['password-stdin'] === true ? '--password-stdin' : `--password-file ${String(globals['password-file'])}`}: the password is empty (its first line)`);
  if (secretKey === '') throw new CliError(`${globals['secret-key-stdin'] === true ? '--secret-key-stdin' : `--secret-key-file ${String(globals['secret-key-file'])}`}: the secret key is empty (its first line)`);
  if (password !== undefined && secretKey !== undefined) throw new CliError('give either a password or a secret key, not both');
  return { ...(password !== undefined ? { password } : {}), ...(secretKey !== undefined ? { secretKey } : {}) };
}

interface Source {
  host?: string | undefined;
  port?: number | string | undefined;
  login?: string | undefined;
  password?: string | undefined;
  secretKey?: string | undefined;
  ca?: string | undefined;
  protocolVersion?: string | undefined;
  /** what names this source in messages */
  what: string;
}

/**
 * The target of one command (or one host of a fleet: `override` is its host and port, or its
 * profile). The profile is the flag's, else PLESK_PROFILE, unless the fleet names another.
 */
export async function resolveTarget(globals: GlobalValues, secrets: FlagSecrets, io: CliIo, override: { host?: string; port?: number; profile?: string } = {}): Promise<Target> {
  const str = (name: string) => (typeof globals[name] === 'string' ? (globals[name] as string) : undefined);
  const flags: Source = { what: 'the flags', host: override.host ?? str('host'), port: override.port ?? str('port'), login: str('login'), ...secrets, ca: str('ca') };
  const profileName = override.profile ?? (override.host === undefined ? str('profile') ?? nonEmpty(io.env['PLESK_PROFILE']) : undefined);
  let base: Source;
  let label: string | undefined;
  if (profileName !== undefined) {
    const profile: Profile = await loadProfile(profileName, profileFile(str('profile-file'), io), io);
    base = { ...profile, what: `profile ${profileName}` };
    label = `profile ${profileName}`;
  } else {
    const env = io.env;
    base = { what: 'the environment', host: nonEmpty(env['PLESK_HOST']), port: nonEmpty(env['PLESK_PORT']), login: nonEmpty(env['PLESK_LOGIN']), password: env['PLESK_PASSWORD'] || undefined, secretKey: env['PLESK_SECRET_KEY'] || undefined, ca: nonEmpty(env['PLESK_CA']) };
  }
  const host = flags.host ?? base.host;
  if (!host) throw new CliError('no server: give --host HOST, set PLESK_HOST, or name a --profile');
  const portText = flags.port ?? base.port;
  const port = portText === undefined ? 8443 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`the port ${String(portText)} (from ${flags.port !== undefined ? '--port' : base.what}) is not a number from 1 to 65535`);
  // the secret: the flags', else the base's (a base with both is ambiguous)
  let password = flags.password;
  let secretKey = flags.secretKey;
  if (password === undefined && secretKey === undefined) {
    if (base.password !== undefined && base.secretKey !== undefined) throw new CliError(`${base.what} gives both a password and a secret key: give one (${base.what === 'the environment' ? 'unset PLESK_PASSWORD or PLESK_SECRET_KEY' : 'remove one from the profile'})`);
    password = base.password;
    secretKey = base.secretKey;
  }
  const login = flags.login ?? base.login;
  if (secretKey === undefined) {
    if (password === undefined) throw new CliError(`no credentials for ${host}: give a secret key (PLESK_SECRET_KEY, --secret-key-file) or a login and password (PLESK_LOGIN and PLESK_PASSWORD, --login with --password-file or --password-stdin), or a --profile`);
    if (login === undefined) throw new CliError(`a password but no login for ${host}: give --login or PLESK_LOGIN`);
  }
  const caFile = flags.ca !== undefined ? path.resolve(io.cwd, flags.ca) : base.ca !== undefined ? path.resolve(io.cwd, base.ca) : undefined;
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = await readFile(caFile, 'utf8');
    } catch (error) {
      throw new CliError(`the CA file ${caFile} (from ${flags.ca !== undefined ? '--ca' : base.what === 'the environment' ? 'PLESK_CA' : base.what}): cannot read it: ${(error as Error).message}`);
    }
  }
  // (--protocol-version wins over a profile's: command.ts)
  const protocolVersion = base.protocolVersion;
  return {
    label: label ?? `${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    ...(secretKey !== undefined ? { secretKey } : { login: login!, password: password! }),
    ...(ca !== undefined ? { ca, caFile: caFile! } : {}),
    ...(protocolVersion !== undefined ? { protocolVersion } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
