/**
 * The config file: `plesk-codegen.config.json` in the working directory, or the file given with
 * `--config`. It lists the packages a project generates; paths in it are relative to the file's
 * folder, so the same file works from any working directory. Its JSON Schema, for editor
 * completion, is `config.schema.json` of plesk-codegen (`"$schema":
 * "./node_modules/plesk-codegen/config.schema.json"`); this module checks the same rules and names
 * the key and the fix of anything wrong.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareCodePoints } from '../passes/names.js';
import { ConfigError } from './config-error.js';
import { resolvePackageSpec, type PackageInput, type PackageSpec } from './package-spec.js';
import { suggest } from '../../runtime/cli/did-you-mean.js';

export const CONFIG_FILE_NAME = 'plesk-codegen.config.json';

/** The keys of one package in the config file, in the order the JSON Schema lists them. */
export const PACKAGE_KEYS = ['xsd', 'versions', 'out', 'packageName', 'packageVersion', 'protocolVersion', 'operators', 'refine', 'pleskRefinements', 'allowOutsideIncludes', 'integers', 'cliName'] as const satisfies ReadonlyArray<keyof PackageInput>;
const TOP_KEYS = ['$schema', 'packages'];

export interface LoadedConfig {
  /** absolute path of the config file */
  file: string;
  packages: PackageSpec[];
}

/** The config file in `cwd`, if there is one. */
export function findConfig(cwd: string): string | undefined {
  const file = path.join(cwd, CONFIG_FILE_NAME);
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** Reads and checks a config file; `shown` is how the file is named in messages. */
export function readConfig(file: string, shown = file): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('', `no such config file (looked for ${path.resolve(file)})`, `create it (see docs/configuration.md of plesk-codegen) or correct the path given to --config`, shown);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text, (error as Error).message);
    throw new ConfigError('', `not valid JSON: ${(error as Error).message}`, 'correct the JSON syntax (no comments, no trailing commas)', shown, line, column);
  }
  return { file: path.resolve(file), packages: checkConfig(json, path.dirname(path.resolve(file)), shown) };
}

/** Checks a parsed config against the rules of config.schema.json; paths relative to `base`. */
export function checkConfig(json: unknown, base: string, shown: string): PackageSpec[] {
  const fail = (key: string, problem: string, fix: string): never => {
    throw new ConfigError(key, problem, fix, shown);
  };
  if (!isObject(json)) fail('', 'must be a JSON object', `write { "packages": [{ "xsd": ["schemas/agent_input.xsd", "schemas/agent_output.xsd"], "out": "plesk-api" }] }`);
  const top = json as Record<string, unknown>;
  unknownKeys(top, TOP_KEYS, '', fail);
  const packages = top.packages;
  if (!Array.isArray(packages) || packages.length === 0) {
    fail('packages', packages === undefined ? 'is missing' : 'must be a non-empty array', 'list the packages to generate: "packages": [{ "xsd": ["schemas/agent_input.xsd"], "out": "plesk-api" }]');
  }
  const specs = (packages as unknown[]).map((entry, i) => {
    const at = `packages[${i}]`;
    if (!isObject(entry)) fail(at, 'must be an object', '{ "xsd": [...], "out": "...", "packageName": "...", "packageVersion": "..." }');
    unknownKeys(entry as Record<string, unknown>, PACKAGE_KEYS, `${at}.`, fail);
    const input = entry as PackageInput;
    if (input.xsd !== undefined && !Array.isArray(input.xsd) && typeof input.xsd !== 'string') fail(`${at}.xsd`, 'must be a path or an array of paths', '"xsd": ["schemas/agent_input.xsd", "schemas/agent_output.xsd"]');
    return resolvePackageSpec(input, base, { key: (name) => `${at}.${name}`, file: shown });
  });
  const outs = new Map<string, number>();
  for (const [i, spec] of specs.entries()) {
    const first = outs.get(spec.out);
    if (first !== undefined) fail(`packages[${i}].out`, `is the same folder as packages[${first}].out (${spec.out})`, 'give each package its own output folder');
    outs.set(spec.out, i);
  }
  return specs;
}

function unknownKeys(object: Record<string, unknown>, known: readonly string[], prefix: string, fail: (key: string, problem: string, fix: string) => never): void {
  for (const key of Object.keys(object).sort(compareCodePoints)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase().replace(/[-_]/g, '')) ?? suggest(key, known);
    fail(`${prefix}${key}`, 'is not a known key', near ? `did you mean "${near}"?` : `the keys are ${known.map((k) => `"${k}"`).join(', ')}`);
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Line and column (1-based) of a JSON.parse error, from the position its message gives. */
function jsonErrorPosition(text: string, message: string): { line?: number; column?: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) return {};
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
