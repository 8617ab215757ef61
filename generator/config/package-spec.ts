/**
 * One package to generate, resolved: absolute paths, a checked name and version. The command
 * line, the config file and the programmatic API each turn what they were given into these,
 * through {@link resolvePackageSpec}, so the three accept and refuse the same things.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { npmNameProblem, packageNameFromOut, protocolVersionProblem, semverProblem } from './package-options.js';

export const DEFAULT_PACKAGE_VERSION = '0.1.0';

export interface PackageSpec {
  /** absolute paths of the entry schemas */
  xsd: string[];
  /** absolute path of the output folder */
  out: string;
  packageName: string;
  packageVersion: string;
  /** the XML API protocol version the schemas are of (sent as packet/@version); none: packets go without */
  protocolVersion?: string;
  /** absolute path of the user's refinement file, if any */
  refine?: string;
  /** apply plesk-codegen's refinements for Plesk's schemas when the schemas are Plesk's (default true) */
  pleskRefinements: boolean;
  /** follow includes and imports outside the entry schema's folder (default false) */
  allowOutsideIncludes: boolean;
  /** the TypeScript type of unbounded integer types (xs:integer, xs:long, Plesk's int and id_type): number (default; a value beyond 2^53 fails to decode) or bigint */
  integers: 'number' | 'bigint';
}

/** What a caller gave for one package, paths relative to `base`. */
export interface PackageInput {
  xsd?: unknown;
  out?: unknown;
  packageName?: unknown;
  packageVersion?: unknown;
  protocolVersion?: unknown;
  refine?: unknown;
  pleskRefinements?: unknown;
  allowOutsideIncludes?: unknown;
  integers?: unknown;
}

/**
 * How the keys are spelt where the input came from (`--package-name` on the command line,
 * `packages[0].packageName` in a config file) and where it came from, for the messages.
 */
export interface Spelling {
  key: (name: keyof PackageInput) => string;
  /** the config file, when the input came from one */
  file?: string;
}

export function resolvePackageSpec(input: PackageInput, base: string, spelling: Spelling): PackageSpec {
  const fail = (name: keyof PackageInput, problem: string, fix: string): never => {
    throw new ConfigError(spelling.key(name), problem, fix, spelling.file);
  };
  const given = typeof input.xsd === 'string' ? [input.xsd] : input.xsd;
  if (!Array.isArray(given) || given.length === 0 || given.some((p) => typeof p !== 'string' || p === '')) {
    fail('xsd', 'needs the path of at least one entry schema', `give ${spelling.key('xsd')} the schema file(s), e.g. schemas/agent_input.xsd and schemas/agent_output.xsd`);
  }
  const xsd = (given as string[]).map((p) => path.resolve(base, p));
  for (const [i, file] of xsd.entries()) {
    const shown = (given as string[])[i]!;
    if (!existsSync(file)) fail('xsd', `${shown}: no such file (looked for ${file})`, 'correct the path; it is relative to ' + (spelling.file ? 'the config file' : 'the working directory'));
    const stats = statSync(file);
    if (stats.isDirectory()) fail('xsd', `${shown}: is a folder`, `give the entry schema file inside it, e.g. ${path.join(shown, 'agent_input.xsd')}`);
    if (!stats.isFile()) fail('xsd', `${shown}: is ${stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isSocket() ? 'a socket' : 'a device'}, not a regular file`, 'give the path of a schema file: plesk-codegen reads regular files only');
  }
  if (typeof input.out !== 'string' || input.out === '') {
    fail('out', 'needs the folder to write the generated package into', `give ${spelling.key('out')}, e.g. plesk-api`);
  }
  const out = path.resolve(base, input.out as string);
  if (existsSync(out) && !statSync(out).isDirectory()) fail('out', `${input.out}: is a file, not a folder`, 'give a folder (it is created if missing)');

  let packageName: string;
  if (input.packageName === undefined) {
    const derived = packageNameFromOut(out);
    if (derived === undefined) fail('packageName', `none given, and the output folder's name "${path.basename(out)}" is not a valid npm package name`, `give ${spelling.key('packageName')}, e.g. plesk-api or @acme/plesk-api`);
    packageName = derived!;
  } else {
    if (typeof input.packageName !== 'string') fail('packageName', 'must be a string', 'give an npm package name, e.g. plesk-api');
    const problem = npmNameProblem(input.packageName as string);
    if (problem) fail('packageName', `${JSON.stringify(input.packageName)} is not a valid npm package name: ${problem}`, 'use lowercase letters, digits and - . _ ~, with an optional @scope/');
    packageName = input.packageName as string;
  }
  let packageVersion = DEFAULT_PACKAGE_VERSION;
  if (input.packageVersion !== undefined) {
    const problem = typeof input.packageVersion === 'string' ? semverProblem(input.packageVersion) : 'it must be a string';
    if (problem) fail('packageVersion', `${JSON.stringify(input.packageVersion)}: ${problem}`, 'give a version such as 1.0.0 or 2.0.0-beta.1');
    packageVersion = input.packageVersion as string;
  }
  let protocolVersion: string | undefined;
  if (input.protocolVersion !== undefined) {
    const problem = typeof input.protocolVersion === 'string' ? protocolVersionProblem(input.protocolVersion) : 'it must be a string';
    if (problem) fail('protocolVersion', `${JSON.stringify(input.protocolVersion)}: ${problem}`, 'give the version of the schema folder you copied from the server, e.g. 1.6.9.0');
    protocolVersion = input.protocolVersion as string;
  }
  let refine: string | undefined;
  if (input.refine !== undefined) {
    if (typeof input.refine !== 'string' || input.refine === '') fail('refine', 'needs the path of a refinement file', `give ${spelling.key('refine')} a JSON file such as refine.json (see docs/refinements.md of plesk-codegen)`);
    refine = path.resolve(base, input.refine as string);
    if (!existsSync(refine)) fail('refine', `${input.refine}: no such file (looked for ${refine})`, 'correct the path; it is relative to ' + (spelling.file ? 'the config file' : 'the working directory'));
    if (!statSync(refine).isFile()) fail('refine', `${input.refine}: is a folder`, 'give the refinement file (JSON)');
  }
  if (input.pleskRefinements !== undefined && typeof input.pleskRefinements !== 'boolean') fail('pleskRefinements', 'must be true or false', `give ${spelling.key('pleskRefinements')}: false to switch plesk-codegen's refinements for Plesk off`);
  if (input.allowOutsideIncludes !== undefined && typeof input.allowOutsideIncludes !== 'boolean') fail('allowOutsideIncludes', 'must be true or false', `give ${spelling.key('allowOutsideIncludes')}: true to follow includes outside the entry schema's folder (only for schemas you trust)`);
  if (input.integers !== undefined && input.integers !== 'number' && input.integers !== 'bigint') fail('integers', `${JSON.stringify(input.integers)}: must be "number" or "bigint"`, `give ${spelling.key('integers')} "bigint" to read unbounded integers (xs:integer, Plesk's int and id_type) as bigint, or leave it out for number`);
  return { xsd, out, packageName, packageVersion, ...(protocolVersion !== undefined ? { protocolVersion } : {}), ...(refine !== undefined ? { refine } : {}), pleskRefinements: input.pleskRefinements !== false, allowOutsideIncludes: input.allowOutsideIncludes === true, integers: input.integers === 'bigint' ? 'bigint' : 'number' };
}
