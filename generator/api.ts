/**
 * plesk-codegen's programmatic API, for build scripts and bundler plugins:
 *
 * ```ts
 * import { generate, generateFromConfig } from 'plesk-codegen';
 * const report = await generate({ xsd: ['schemas/agent_input.xsd', 'schemas/agent_output.xsd'], out: 'plesk-api' });
 * report.written; // files rewritten (relative to out); report.unchanged, report.removed
 * const [fresh] = await generateFromConfig({ check: true }); // fresh.stale: [] when up to date
 * ```
 *
 * It writes like the command line (the same output, the same all-or-nothing write) and prints
 * nothing. Importing this module runs nothing.
 *
 * Errors (each with `message` naming the place and the fix):
 * - {@link ConfigError}: the options or the config file are wrong (`key`, `problem`, `fix`, `file`);
 * - {@link SchemaError}: a schema is wrong or unsupported (`file` absolute, `line`, `column`,
 *   `location.path`, `problem`, `fix`, `code`);
 * - {@link OutputError}: the output folder cannot take the package (`file`, `problem`, `fix`);
 * - {@link RefinementError}: an entry of the refinement file matches nothing in the schemas, or
 *   refines to a type they lack (`file`, `key`, `problem`, `fix`).
 */
import path from 'node:path';
import type { StaleFile } from './check-output.js';
import { findConfig, readConfig, CONFIG_FILE_NAME } from './config/config-file.js';
import { ConfigError } from './config/config-error.js';
import { resolvePackageSpec } from './config/package-spec.js';
import { generatePackage } from './generate-package.js';
import type { RefinementReport } from './passes/apply-refinements.js';

export { ConfigError } from './config/config-error.js';
export { OutputError, SchemaError, type SchemaErrorCode, type SourceLocation } from './errors.js';
export type { StaleFile } from './check-output.js';
export { CONFIG_FILE_NAME } from './config/config-file.js';
export { RefinementError } from './refine/refinement-error.js';
export type { RefinementReport } from './passes/apply-refinements.js';
export type { RefinementEntry } from './refine/refinement-file.js';

export interface GenerateOptions {
  /** the entry schema(s), relative to `cwd` */
  xsd: string | readonly string[];
  /** the output folder, relative to `cwd` (created if missing) */
  out: string;
  /** the generated package's npm name (default: the output folder's name) */
  packageName?: string;
  /** semver (default: 0.1.0) */
  packageVersion?: string;
  /** the XML API protocol version the schemas are of (1.6.9.0): the client sends it as packet/@version */
  protocolVersion?: string;
  /** a refinement file (JSON, see refine.schema.json), relative to `cwd` */
  refine?: string;
  /** apply plesk-codegen's refinements when the schemas are Plesk's (default true) */
  pleskRefinements?: boolean;
  /** the TypeScript type of unbounded integers: `number` (default; a value beyond 2^53 fails to decode) or `bigint` */
  integers?: 'number' | 'bigint';
  /**
   * follow xs:include and xs:import outside the entry schema's folder (default false: refused,
   * since a schema can name any file; see docs/untrusted-input.md)
   */
  allowOutsideIncludes?: boolean;
  /** write nothing: compare with `out` and report the stale files */
  check?: boolean;
  /** the folder relative paths start from (default: process.cwd()) */
  cwd?: string;
}

export interface GenerateReport {
  /** the generated package's npm name */
  packageName: string;
  /** absolute path of the output folder */
  out: string;
  /** every file of the package, relative to `out`, in code-point order */
  files: string[];
  /** files written because they were new or changed (empty with `check`) */
  written: string[];
  /** files left as they were, byte for byte (empty with `check`) */
  unchanged: string[];
  /** files generated before and no longer (empty with `check`) */
  removed: string[];
  /** with `check`: what differs from what the schemas generate (empty: up to date) */
  stale: StaleFile[];
  /** what the command would print once as `notice:` (such as packets going without a protocol version) */
  notices: string[];
  /**
   * what in the output folder was left alone and why (manifest lines plesk-codegen would not
   * follow: outside the folder, through a symbolic link); the command prints each as `warning:`
   */
  warnings: string[];
  /** refinements used and skipped, per set (the shipped set for Plesk first, then the file) */
  refinements: RefinementReport;
}

/** Generates one package (or, with `check`, compares it with its folder). */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  if (typeof options !== 'object' || options === null) throw new ConfigError('options', 'must be an object', 'call generate({ xsd: [...], out: "plesk-api" })');
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const spec = resolvePackageSpec({ xsd: options.xsd, out: options.out, packageName: options.packageName, packageVersion: options.packageVersion, protocolVersion: options.protocolVersion, refine: options.refine, pleskRefinements: options.pleskRefinements, allowOutsideIncludes: options.allowOutsideIncludes, integers: options.integers }, cwd, { key: (name) => name });
  return report(spec.packageName, generatePackage(spec, { check: options.check === true }));
}

export interface GenerateFromConfigOptions {
  /** the config file (default: plesk-codegen.config.json in `cwd`) */
  config?: string;
  check?: boolean;
  cwd?: string;
}

/** Generates (or checks) every package of a config file, in its order; one report each. */
export async function generateFromConfig(options: GenerateFromConfigOptions = {}): Promise<GenerateReport[]> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const file = options.config === undefined ? findConfig(cwd) : path.resolve(cwd, options.config);
  if (file === undefined) throw new ConfigError('config', `no ${CONFIG_FILE_NAME} in ${cwd}`, `create it, or pass { config: "path/to/${CONFIG_FILE_NAME}" }`);
  const { packages } = readConfig(file);
  return packages.map((spec) => report(spec.packageName, generatePackage(spec, { check: options.check === true })));
}

function report(packageName: string, result: ReturnType<typeof generatePackage>): GenerateReport {
  const { out, files, written, unchanged, removed, stale, notices, warnings, refinements } = result;
  return { packageName, out, files, written, unchanged, removed, stale, notices, warnings, refinements };
}
