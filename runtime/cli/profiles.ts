/**
 * The profile file: named servers with their credentials, so that a command needs only
 * `--profile prod`. JSON, by default `~/.config/plesk/profiles.json` (`$XDG_CONFIG_HOME` when
 * set; `--profile-file` or `PLESK_PROFILE_FILE` name another):
 *
 *   { "profiles": { "prod": { "host": "plesk.example.com", "login": "admin",
 *                             "password": "env:PLESK_PROD_PASSWORD", "ca": "prod-ca.pem" } } }
 *
 * A secret (`password`, `secretKey`) is an `env:NAME` reference to the environment, or is written
 * in clear only in a file no one else may read (mode 0600): otherwise the profile is refused.
 * `ca` is a PEM file, relative to the profile file. A profile that is named but missing, an
 * unknown key or a value of the wrong type is an error naming the file, the profile and the fix.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError, type CliIo } from './cli-types.js';
import { suggest } from './did-you-mean.js';

export interface Profile {
  name: string;
  /** the profile file, absolute */
  file: string;
  host?: string;
  port?: number;
  login?: string;
  password?: string;
  secretKey?: string;
  /** absolute path of the CA file */
  ca?: string;
  protocolVersion?: string;
}

const KEYS = ['host', 'port', 'login', 'password', 'secretKey', 'ca', 'protocolVersion'] as const;
const SECRETS = new Set(['password', 'secretKey']);

/** The profile file: the flag, then PLESK_PROFILE_FILE, then the default place. */
export function profileFile(given: string | undefined, io: CliIo): string {
  if (given !== undefined) return path.resolve(io.cwd, given);
  const env = io.env['PLESK_PROFILE_FILE'];
  if (env) return path.resolve(io.cwd, env);
  const config = io.env['XDG_CONFIG_HOME'] || path.join(io.env['HOME'] || io.env['USERPROFILE'] || io.cwd, '.config');
  return path.join(config, 'plesk', 'profiles.json');
}

/** The profiles of a file, by name (raw: secrets not yet resolved); undefined when there is no such file. */
export async function readProfiles(file: string): Promise<{ profiles: Map<string, Record<string, unknown>>; mode: number } | undefined> {
  let text: string;
  let mode: number;
  try {
    mode = (await stat(file)).mode;
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`profile file ${file}: cannot read it: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`profile file ${file}: not JSON: ${(error as Error).message}`);
  }
  const profiles = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>)['profiles'] : undefined;
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) {
    throw new CliError(`profile file ${file}: expected { "profiles": { "<name>": { "host": …, "login": …, "password": "env:NAME" } } }`);
  }
  const map = new Map<string, Record<string, unknown>>();
  for (const [name, value] of Object.entries(profiles)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError(`profile file ${file}: profiles.${name} must be an object`);
    map.set(name, value as Record<string, unknown>);
  }
  return { profiles: map, mode };
}

/** One profile, checked, its secrets read from the environment; a usage error when it is missing. */
export async function loadProfile(name: string, file: string, io: CliIo): Promise<Profile> {
  const read = await readProfiles(file);
  if (!read) throw new CliError(`profile ${name}: there is no profile file ${file} (give --profile-file or PLESK_PROFILE_FILE, or create it: see the package's README, "The command line")`);
  const raw = read.profiles.get(name);
  if (!raw) {
    const names = [...read.profiles.keys()];
    const hint = suggest(name, names);
    throw new CliError(`profile ${name} is not in ${file}${hint ? `; did you mean ${hint}?` : ''} (it has ${names.length === 0 ? 'none' : names.join(', ')})`);
  }
  return checkProfile(name, raw, file, read.mode, io);
}

export function checkProfile(name: string, raw: Record<string, unknown>, file: string, mode: number, io: CliIo): Profile {
  const where = `profile ${name} (${file})`;
  const profile: Profile = { name, file };
  for (const [key, value] of Object.entries(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      const hint = suggest(key, KEYS);
      throw new CliError(`${where}: unknown key ${key}${hint ? `; did you mean ${hint}?` : ''} (known: ${KEYS.join(', ')})`);
    }
    if (key === 'port') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) throw new CliError(`${where}: port must be a number from 1 to 65535`);
      profile.port = value;
      continue;
    }
    if (typeof value !== 'string' || value === '') throw new CliError(`${where}: ${key} must be a non-empty string`);
    if (SECRETS.has(key)) (profile as unknown as Record<string, string>)[key] = secret(key, value, where, file, mode, io);
    else if (key === 'ca') profile.ca = path.resolve(path.dirname(file), value);
    else (profile as unknown as Record<string, string>)[key] = value;
  }
  return profile;
}

function secret(key: string, value: string, where: string, file: string, mode: number, io: CliIo): string {
  if (value.startsWith('env:')) {
    const variable = value.slice(4);
    const found = io.env[variable];
    if (found === undefined || found === '') throw new CliError(`${where}: ${key} is env:${variable}, and ${variable} is not set`);
    return found;
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new CliError(`${where}: ${key} is written in clear in a file others may read (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): run chmod 600 ${file}, or write "${key}": "env:NAME" and set NAME`);
  }
  return value;
}
