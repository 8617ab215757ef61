/**
 * The servers of `--hosts FILE`: one per line (`#` starts a comment), each `host`, `host:port`,
 * `[ipv6]:port`, or the name of a profile of the profile file (a line naming an existing profile
 * is that profile); or JSON: an array of such strings, or of `{ "host", "port" }` /
 * `{ "profile" }` objects. A host gets its credentials from the flags and the environment, a
 * profile from the profile.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError, type CliIo } from './cli-types.js';
import { profileFile, readProfiles } from './profiles.js';

export interface HostEntry {
  /** how the line is shown: as written */
  label: string;
  host?: string;
  port?: number;
  profile?: string;
}

export async function readHostList(given: string, io: CliIo, profileFlag: string | undefined): Promise<HostEntry[]> {
  const file = path.resolve(io.cwd, given);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`--hosts ${given}: cannot read it: ${(error as Error).message}`);
  }
  const profiles = new Set((await readProfiles(profileFile(profileFlag, io)))?.profiles.keys() ?? []);
  const trimmed = text.trim();
  let entries: HostEntry[];
  if (trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new CliError(`--hosts ${given}: not JSON: ${(error as Error).message}`);
    }
    entries = (json as unknown[]).map((item, i) => fromJson(item, `${given}[${i}]`, profiles));
  } else {
    entries = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (line !== '') entries.push(fromText(line, `${given}:${i + 1}`, profiles));
    });
  }
  if (entries.length === 0) throw new CliError(`--hosts ${given}: no hosts in it`);
  return entries;
}

function fromJson(item: unknown, where: string, profiles: ReadonlySet<string>): HostEntry {
  if (typeof item === 'string') return fromText(item, where, profiles);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new CliError(`${where}: expected "host[:port]", a profile name, { "host": …, "port": … } or { "profile": … }`);
  const { host, port, profile } = item as { host?: unknown; port?: unknown; profile?: unknown };
  if (typeof profile === 'string' && host === undefined) return { label: profile, profile };
  if (typeof host !== 'string' || host === '') throw new CliError(`${where}: "host" must be a non-empty string`);
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) throw new CliError(`${where}: "port" must be a number from 1 to 65535`);
  return { label: port === undefined ? host : `${host}:${port}`, host, ...(port !== undefined ? { port: port as number } : {}) };
}

function fromText(line: string, where: string, profiles: ReadonlySet<string>): HostEntry {
  if (profiles.has(line)) return { label: line, profile: line };
  const match = /^(?:\[([^\]]+)\]|([^:\s]+))(?::(\d+))?$/.exec(line);
  if (!match) throw new CliError(`${where}: "${line}" is neither host[:port] nor a profile of the profile file`);
  const host = match[1] ?? match[2]!;
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new CliError(`${where}: the port of "${line}" is not from 1 to 65535`);
  return { label: line, host, ...(port !== undefined ? { port } : {}) };
}
