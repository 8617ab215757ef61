/**
 * A package of several labelled schema sets: `versions: [{ "protocolVersion": "1.6.6.0", "xsd":
 * [...] }, …]` in place of `xsd` and `protocolVersion` (the config file, the API; the command
 * line's `--set VERSION=DIR` or `--set VERSION=FILE,FILE`), checked the same way wherever it
 * comes from, before any schema is read.
 *
 * `operators` (a package for chosen operators, issue 23) is the hook for each version's own
 * operator list: refused here with a clear message until the package option exists, and then
 * to be resolved per version beside `xsd`.
 */
import { ConfigError } from './config-error.js';
import { protocolVersionProblem } from './package-options.js';
import { schemaFiles, type PackageInput, type Spelling } from './package-spec.js';

/** One labelled schema set, resolved: its protocol version and the absolute paths of its entry schemas. */
export interface VersionSpec {
  protocolVersion: string;
  xsd: string[];
}

/** What a caller gave for one entry of `versions`. */
export interface VersionInput {
  protocolVersion?: unknown;
  xsd?: unknown;
  operators?: unknown;
}

/** The keys of one entry of `versions`, in the order the JSON Schema lists them. */
export const VERSION_KEYS = ['protocolVersion', 'xsd', 'operators'] as const satisfies ReadonlyArray<keyof VersionInput>;

export function resolveVersions(input: PackageInput, base: string, spelling: Spelling): VersionSpec[] {
  const key = spelling.key('versions');
  const keyOf = spelling.versionKey ?? ((index: number, name: keyof VersionInput) => `${key}[${index}].${name}`);
  const fail = (at: string, problem: string, fix: string): never => {
    throw new ConfigError(at, problem, fix, spelling.file);
  };
  for (const other of ['xsd', 'protocolVersion'] as const) {
    if (input[other] !== undefined) fail(spelling.key(other), `cannot be given with ${key}: each version has its own schemas and protocol version`, `give each version's schemas and protocol version in its entry of ${key}, or leave ${key} out for a package of one schema set`);
  }
  const given = input.versions;
  if (!Array.isArray(given) || given.length === 0) fail(key, 'must be a non-empty array of schema sets', `give one entry per protocol version, e.g. [{ "protocolVersion": "1.6.6.0", "xsd": ["1.6.6.0/agent_input.xsd", "1.6.6.0/agent_output.xsd"] }, { "protocolVersion": "1.6.9.1", "xsd": [...] }]`);
  const specs = (given as unknown[]).map((entry, i): VersionSpec => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(`${key}[${i}]`, 'must be an object', '{ "protocolVersion": "1.6.6.0", "xsd": ["agent_input.xsd", "agent_output.xsd"] }');
    const version = entry as VersionInput & Record<string, unknown>;
    for (const name of Object.keys(version)) {
      if (!(VERSION_KEYS as readonly string[]).includes(name)) fail(`${key}[${i}].${name}`, 'is not a known key', `the keys are ${VERSION_KEYS.map((k) => `"${k}"`).join(', ')}`);
    }
    if (version.operators !== undefined) {
      fail(keyOf(i, 'operators'), 'is not supported yet: a package for chosen operators needs the package option operators, which this plesk-codegen does not have', `leave ${keyOf(i, 'operators')} out: the package has every operator of each version's schemas`);
    }
    const problem = typeof version.protocolVersion === 'string' ? protocolVersionProblem(version.protocolVersion) : version.protocolVersion === undefined ? 'is missing' : 'it must be a string';
    if (problem) fail(keyOf(i, 'protocolVersion'), `${version.protocolVersion === undefined ? '' : `${JSON.stringify(version.protocolVersion)}: `}${problem}`, 'give the version of the schema folder you copied from the server, e.g. 1.6.9.0');
    const xsd = schemaFiles(version.xsd, base, keyOf(i, 'xsd'), spelling.file, (p, f) => fail(keyOf(i, 'xsd'), p, f));
    return { protocolVersion: version.protocolVersion as string, xsd };
  });
  for (const [i, spec] of specs.entries()) {
    const first = specs.findIndex((s) => s.protocolVersion === spec.protocolVersion);
    if (first !== i) fail(keyOf(i, 'protocolVersion'), `${spec.protocolVersion} is given twice (also ${keyOf(first, 'protocolVersion')})`, 'give each protocol version once: one schema set per version');
  }
  return specs;
}
