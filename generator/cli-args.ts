/**
 * The commands and flags of plesk-codegen; checks the `generate` command's flags and resolves
 * them into the packages to generate.
 *
 * Where the packages come from: `--xsd … --out …` on the command line (one package), else the
 * config file (`--config <file>`, or plesk-codegen.config.json in the working directory). With
 * neither it is a usage error that says what to do.
 *
 * The rule for exit codes: what can be judged before any schema is read is a usage error (a
 * {@link UsageError} or a {@link ConfigError}, exit 2): an unknown flag, a flag without its value
 * or given twice, a package name npm would refuse, a version that is not semver, an --xsd path that
 * does not exist or is a folder, an --out that is a file, a config file that is missing, not JSON
 * or breaks its schema. What is wrong inside the schemas (a missing include, an unknown type …) or
 * with writing the output is exit 1.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Options } from 'yargs';
import { CONFIG_FILE_NAME, findConfig, readConfig } from './config/config-file.js';
import { resolvePackageSpec, type PackageInput, type PackageSpec } from './config/package-spec.js';
import type { VersionInput } from './config/version-sets.js';
import { UsageError } from './errors.js';

/** The commands, with what `--help` says of them. */
export const COMMANDS = [{ name: 'generate', describe: 'generate typed Plesk API packages from XML Schema files (the default command)' }] as const;

/** The flags of `generate`, as yargs options. */
export const GENERATE_OPTIONS: Record<string, Options> = {
  config: { type: 'string', requiresArg: true, describe: `the config file listing the packages to generate (default: ${CONFIG_FILE_NAME} in the working directory, when there is no --xsd)` },
  xsd: { type: 'string', array: true, requiresArg: true, describe: 'an entry schema; repeat for several (instead of a config file: one package)' },
  set: { type: 'string', array: true, requiresArg: true, describe: 'a labelled schema set, VERSION=DIR (its agent_input.xsd and agent_output.xsd) or VERSION=FILE,FILE; repeat for a package of several protocol versions (instead of --xsd and --protocol-version)' },
  out: { type: 'string', requiresArg: true, describe: 'the output folder; required with --xsd' },
  'package-name': { type: 'string', requiresArg: true, describe: "the generated npm package's name (default: the --out folder's name)" },
  'package-version': { type: 'string', requiresArg: true, describe: "the generated npm package's version, semver (default: 0.1.0)" },
  'protocol-version': { type: 'string', requiresArg: true, describe: 'the XML API protocol version the schemas are of (1.6.9.0): the client sends it as packet/@version (default: none, the server answers in its newest)' },
  operator: { type: 'string', array: true, requiresArg: true, describe: 'only this operator of the packet envelope (backup-manager), with what it references; repeat for several (default: every operator)' },
  refine: { type: 'string', requiresArg: true, describe: 'a refinement file (JSON): types for elements the schemas leave untyped (with --xsd; in a config file, "refine" per package)' },
  'plesk-refinements': { type: 'boolean', describe: "apply plesk-codegen's refinements when the schemas are Plesk's (default; --no-plesk-refinements switches them off)" },
  integers: { type: 'string', requiresArg: true, describe: 'the TypeScript type of unbounded integers (xs:integer, Plesk\'s int and id_type): number (default; a value beyond 2^53 fails to decode, naming this flag) or bigint' },
  'allow-outside-includes': { type: 'boolean', describe: "follow xs:include and xs:import outside the entry schema's folder (default: refused, since a schema can name any file; only for schemas you trust)" },
  'cli-name': { type: 'string', requiresArg: true, describe: 'the command a package with a client installs (its package.json bin; default: the package name without its scope)' },
  check: { type: 'boolean', default: false, describe: 'write nothing: compare each package with its folder, list the stale files and exit 1 if any differ (for CI)' },
  quiet: { type: 'boolean', default: false, describe: 'no progress lines on stderr (errors still go there)' },
};

/** The flags as yargs parsed them (a flag given twice arrives as an array). */
export interface RawGenerateArgs {
  config?: unknown;
  xsd?: unknown;
  set?: unknown;
  out?: unknown;
  packageName?: unknown;
  packageVersion?: unknown;
  protocolVersion?: unknown;
  operator?: unknown;
  refine?: unknown;
  pleskRefinements?: unknown;
  allowOutsideIncludes?: unknown;
  integers?: unknown;
  cliName?: unknown;
  check?: unknown;
  quiet?: unknown;
}

export interface GenerateJob {
  packages: PackageSpec[];
  /** the config file the packages come from (absolute), if any */
  config?: string;
  check: boolean;
  quiet: boolean;
}

const FLAG_OF: Record<keyof PackageInput, string> = { xsd: '--xsd', versions: '--set', out: '--out', packageName: '--package-name', packageVersion: '--package-version', protocolVersion: '--protocol-version', operators: '--operator', refine: '--refine', pleskRefinements: '--plesk-refinements', allowOutsideIncludes: '--allow-outside-includes', integers: '--integers', cliName: '--cli-name' };

export function resolveGenerateArgs(args: RawGenerateArgs, cwd = process.cwd()): GenerateJob {
  const common = { check: args.check === true, quiet: args.quiet === true };
  const configArg = single(args.config, 'config', 'the path of a config file');
  if (args.xsd !== undefined || args.set !== undefined) {
    const flag = args.xsd !== undefined ? '--xsd' : '--set';
    if (configArg !== undefined) throw new UsageError(`--config and ${flag} cannot be used together: the config file lists the schemas of each package; give one or the other`);
    const sets = args.set === undefined ? undefined : schemaSets(args.set, cwd);
    const input: PackageInput = {
      ...(sets ? { versions: sets.versions } : {}),
      xsd: args.xsd,
      out: single(args.out, 'out', 'a folder'),
      packageName: single(args.packageName, 'package-name', 'an npm package name'),
      packageVersion: single(args.packageVersion, 'package-version', 'a version'),
      protocolVersion: single(args.protocolVersion, 'protocol-version', 'a protocol version'),
      operators: args.operator,
      refine: single(args.refine, 'refine', 'the path of a refinement file'),
      pleskRefinements: Array.isArray(args.pleskRefinements) ? args.pleskRefinements.at(-1) : args.pleskRefinements,
      allowOutsideIncludes: Array.isArray(args.allowOutsideIncludes) ? args.allowOutsideIncludes.at(-1) : args.allowOutsideIncludes,
      integers: single(args.integers, 'integers', 'number or bigint'),
      cliName: single(args.cliName, 'cli-name', 'a command name'),
    };
    if (input.out === undefined) throw new UsageError(`${flag} needs --out: the folder to write the generated package into, e.g. --out plesk-api`);
    return { ...common, packages: [resolvePackageSpec(input, cwd, { key: (name) => FLAG_OF[name], ...(sets ? { versionKey: sets.key } : {}) })] };
  }
  for (const flag of ['out', 'packageName', 'packageVersion', 'protocolVersion', 'refine', 'pleskRefinements', 'allowOutsideIncludes', 'integers', 'cliName'] as const) {
    if (args[flag] !== undefined) throw new UsageError(`${FLAG_OF[flag]} needs --xsd or --set: without them the packages come from the config file, which sets ${FLAG_OF[flag].slice(2)} per package`);
  }
  if (args.operator !== undefined) throw new UsageError('--operator needs --xsd or --set: without them the packages come from the config file, which sets "operators" per package');
  const file = configArg === undefined ? findConfig(cwd) : path.resolve(cwd, configArg);
  if (file === undefined) {
    throw new UsageError(
      `nothing to generate: no --xsd, and no ${CONFIG_FILE_NAME} in ${cwd}
` +
        `  fix: create ${CONFIG_FILE_NAME} listing your packages, e.g.
` +
        `    { "packages": [{ "xsd": ["schemas/agent_input.xsd", "schemas/agent_output.xsd"], "out": "plesk-api" }] }
` +
        `  or give the schemas on the command line: plesk-codegen --xsd schemas/agent_input.xsd --xsd schemas/agent_output.xsd --out plesk-api`,
    );
  }
  const shown = path.relative(cwd, file) || file;
  return { ...common, config: file, packages: readConfig(file, shown).packages };
}

/**
 * `--set VERSION=DIR` (the folder's agent_input.xsd and agent_output.xsd) or `--set
 * VERSION=FILE,FILE`, repeated: the entries of `versions`, and how a message names one of them.
 */
function schemaSets(given: unknown, cwd: string): { versions: VersionInput[]; key: (index: number, name: keyof VersionInput) => string } {
  const values = (Array.isArray(given) ? given : [given]) as unknown[];
  const versions = values.map((value): VersionInput => {
    const text = typeof value === 'string' ? value : '';
    const at = text.indexOf('=');
    if (at <= 0 || at === text.length - 1) throw new UsageError(`--set ${JSON.stringify(text)}: give VERSION=DIR or VERSION=FILE,FILE, e.g. --set 1.6.6.0=schemas/1.6.6.0 --set 1.6.9.1=schemas/1.6.9.1`);
    const files = text.slice(at + 1).split(',');
    const folder = files.length === 1 && existsSync(path.resolve(cwd, files[0]!)) && statSync(path.resolve(cwd, files[0]!)).isDirectory() ? files[0]! : undefined;
    if (folder === undefined) return { protocolVersion: text.slice(0, at), xsd: files };
    const entries = ENTRY_SCHEMAS.map((name) => path.join(folder, name)).filter((file) => existsSync(path.resolve(cwd, file)));
    if (entries.length === 0) throw new UsageError(`--set ${text}: the folder ${folder} has no ${ENTRY_SCHEMAS.join(' or ')}; give the entry schemas: --set ${text.slice(0, at)}=${path.join(folder, ENTRY_SCHEMAS[0])},${path.join(folder, ENTRY_SCHEMAS[1])}`);
    return { protocolVersion: text.slice(0, at), xsd: entries };
  });
  return { versions, key: (index, name) => `--set ${String(values[index])} (its ${name === 'xsd' ? 'schemas' : name === 'protocolVersion' ? 'version' : name})` };
}

/** The entry schemas of a server's schema folder (schemas/rpc/<version>/). */
const ENTRY_SCHEMAS = ['agent_input.xsd', 'agent_output.xsd'] as const;

function single(value: unknown, flag: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new UsageError(`--${flag} was given ${value.length} times; give it once`);
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${flag} needs ${what}`);
  return value;
}
