/**
 * The commands and flags of plesk-codegen; checks the `generate` command's flags and resolves
 * them into what the run needs.
 *
 * The rule for exit codes: what can be judged from the command line alone, before any schema is
 * read, is a usage error (a {@link UsageError}, exit 2): an unknown flag, a flag without its
 * value or given twice, a package name npm would refuse, a version that is not semver, an --xsd
 * path that does not exist or is a folder, an --out that is a file. That includes a missing
 * --xsd file: it is a typo in the command, fixed there, like a misspelt flag. What is wrong inside
 * the schemas (a missing include, an unknown type …) or with writing the output is exit 1.
 */
import { existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { Options } from 'yargs';
import { DEFAULT_OUT, DEFAULT_PACKAGE_NAME, DEFAULT_PACKAGE_VERSION, DEFAULT_PROTOCOL_VERSION, DEFAULT_XSD } from './defaults.js';
import { UsageError } from './errors.js';

/** The commands, with what `--help` says of them. */
export const COMMANDS = [{ name: 'generate', describe: 'generate a typed codec package from XML Schema files (the default command)' }] as const;

/** The flags of `generate`, as yargs options. */
export const GENERATE_OPTIONS: Record<string, Options> = {
  xsd: { type: 'string', array: true, requiresArg: true, describe: `an entry schema; repeat for several (default: ${DEFAULT_XSD.join(' and ')} of plesk-codegen)` },
  out: { type: 'string', requiresArg: true, describe: `the output folder; required with --xsd (default: ${DEFAULT_OUT}/ of plesk-codegen)` },
  'package-name': { type: 'string', requiresArg: true, default: DEFAULT_PACKAGE_NAME, describe: 'the name of the generated npm package' },
  'package-version': { type: 'string', requiresArg: true, default: DEFAULT_PACKAGE_VERSION, describe: 'the version of the generated npm package (semver)' },
  'protocol-version': { type: 'string', requiresArg: true, describe: `the XML API protocol version the schemas are of (1.6.9.0): the client sends it as packet/@version (default: ${DEFAULT_PROTOCOL_VERSION} for plesk-codegen's own xsd/, none with --xsd)` },
  check: { type: 'boolean', default: false, describe: 'write nothing: compare with --out, list the stale files and exit 1 if any differ (for CI)' },
  quiet: { type: 'boolean', default: false, describe: 'no progress lines on stderr (errors still go there)' },
};

/** The flags as yargs parsed them (a flag given twice arrives as an array). */
export interface RawGenerateArgs {
  xsd?: unknown;
  out?: unknown;
  packageName?: unknown;
  packageVersion?: unknown;
  protocolVersion?: unknown;
  check?: unknown;
  quiet?: unknown;
}

export interface GenerateOptions {
  /** absolute paths of the entry schemas */
  xsd: string[];
  /** directory that schema paths are shown relative to (in messages and generated banners) */
  baseDir: string;
  /** absolute path of the output folder */
  out: string;
  packageName: string;
  packageVersion: string;
  /** the XML API protocol version of the schemas; undefined: packets go without a version */
  protocolVersion: string | undefined;
  check: boolean;
  quiet: boolean;
}

export function resolveGenerateArgs(args: RawGenerateArgs, projectRoot: string, cwd = process.cwd()): GenerateOptions {
  const useDefaults = args.xsd === undefined;
  let xsd: string[];
  if (useDefaults) {
    xsd = DEFAULT_XSD.map((p) => path.join(projectRoot, p));
  } else {
    const given = args.xsd as unknown[];
    if (given.length === 0 || given.some((p) => typeof p !== 'string' || p === '')) {
      throw new UsageError('--xsd needs the path of a schema file, e.g. --xsd schemas/agent_input.xsd');
    }
    xsd = (given as string[]).map((p) => path.resolve(cwd, p));
    for (const [i, file] of xsd.entries()) {
      if (!existsSync(file)) throw new UsageError(`--xsd ${given[i]}: no such file (looked for ${file})`);
      if (!statSync(file).isFile()) throw new UsageError(`--xsd ${given[i]}: is a folder; give the entry schema file inside it, e.g. --xsd ${path.join(String(given[i]), 'agent_input.xsd')}`);
    }
  }
  const outArg = single(args.out, 'out', 'a folder');
  if (outArg === undefined && !useDefaults) {
    throw new UsageError('--xsd needs --out: the folder to write the generated package into, e.g. --out plesk-api');
  }
  const out = outArg === undefined ? path.join(projectRoot, DEFAULT_OUT) : path.resolve(cwd, outArg);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${outArg}: is a file, not a folder`);

  const packageName = single(args.packageName, 'package-name', 'an npm package name')!;
  const nameProblem = npmNameProblem(packageName);
  if (nameProblem) throw new UsageError(`--package-name ${JSON.stringify(packageName)} is not a valid npm package name: ${nameProblem}`);
  const packageVersion = single(args.packageVersion, 'package-version', 'a version')!;
  if (!SEMVER.test(packageVersion)) {
    throw new UsageError(`--package-version ${JSON.stringify(packageVersion)} is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0 or 1.0.0-beta.1)`);
  }
  const protocolArg = single(args.protocolVersion, 'protocol-version', 'a protocol version');
  if (protocolArg !== undefined && !PROTOCOL_VERSION.test(protocolArg)) {
    throw new UsageError(`--protocol-version ${JSON.stringify(protocolArg)} is not an XML API protocol version: give two to four dot-separated numbers, e.g. 1.6.9.0 (ls /usr/local/psa/admin/htdocs/schemas/rpc/ on the server lists them)`);
  }
  return {
    xsd,
    baseDir: useDefaults ? projectRoot : cwd,
    out,
    packageName,
    packageVersion,
    protocolVersion: protocolArg ?? (useDefaults ? DEFAULT_PROTOCOL_VERSION : undefined),
    check: args.check === true,
    quiet: args.quiet === true,
  };
}

function single(value: unknown, flag: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new UsageError(`--${flag} was given ${value.length} times; give it once`);
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${flag} needs ${what}`);
  return value;
}

/** An XML API protocol version: 1.6.9.0, or a partial one such as 1.6 (Plesk accepts both). */
export const PROTOCOL_VERSION = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){1,3}$/;

/** semver.org's regular expression for a version (no leading `v`, no build-less shortcuts). */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** What npm's rules for a new package's name (validate-npm-package-name) say is wrong, if anything. */
export function npmNameProblem(name: string): string | undefined {
  if (name.length > 214) return 'it is longer than 214 characters';
  if (name !== name.trim()) return 'it has leading or trailing spaces';
  if (name.toLowerCase() !== name) return 'it has capital letters';
  const match = /^(?:@([^/]+)\/)?([^/]+)$/.exec(name);
  if (!match) return 'it has a "/" that is not the one of a scope (@scope/name)';
  const [, scope, bare] = match as unknown as [string, string | undefined, string];
  for (const part of scope === undefined ? [bare] : [scope, bare]) {
    if (part.startsWith('.') || part.startsWith('_')) return 'a name cannot start with "." or "_"';
    if (!/^[a-z0-9\-._~]+$/.test(part)) return 'only lowercase letters, digits and - . _ ~ are allowed (and one @scope/)';
  }
  if (scope === undefined && (bare === 'node_modules' || bare === 'favicon.ico')) return `"${bare}" is a reserved name`;
  if (scope === undefined && builtinModules.includes(bare)) return `"${bare}" is the name of a Node.js core module`;
  return undefined;
}
