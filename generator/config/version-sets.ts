/**
 * A package of several labelled schema sets: `versions: [{ "protocolVersion": "1.6.6.0", "xsd":
 * [...] }, …]` in place of `xsd` and `protocolVersion` (the config file, the API; the command
 * line's `--set VERSION=DIR` or `--set VERSION=FILE,FILE`), checked the same way wherever it
 * comes from, before any schema is read.
 *
 * `operators` of an entry is that version's own list of operators (a package for chosen operators,
 * passes/select-operators.ts), checked as the package's `operators` is; the package's `operators`
 * applies to every version that has no list of its own (generate-versions.ts).
 */
import { ConfigError } from './config-error.js';
import { suggest } from '../../runtime/cli/did-you-mean.js';
import { compareCodePoints } from '../passes/names.js';
import { protocolVersionProblem } from './package-options.js';
import { checkOperators, operatorsFix, schemaFiles, type PackageInput, type Spelling } from './package-spec.js';

/** One labelled schema set, resolved: its protocol version, the absolute paths of its entry schemas, and its own operators. */
export interface VersionSpec {
  protocolVersion: string;
  xsd: string[];
  /** only these operators of this version's envelope (instead of the package's `operators`) */
  operators?: string[];
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
    for (const name of Object.keys(version).sort(compareCodePoints)) {
      if ((VERSION_KEYS as readonly string[]).includes(name)) continue;
      const near = suggest(name, VERSION_KEYS);
      fail(`${key}[${i}].${name}`, 'is not a known key', near ? `did you mean "${near}"?` : `the keys are ${VERSION_KEYS.map((k) => `"${k}"`).join(', ')}`);
    }
    const problem = typeof version.protocolVersion === 'string' ? protocolVersionProblem(version.protocolVersion) : version.protocolVersion === undefined ? 'is missing' : 'it must be a string';
    if (problem) fail(keyOf(i, 'protocolVersion'), `${version.protocolVersion === undefined ? '' : `${JSON.stringify(version.protocolVersion)}: `}${problem}`, 'give the version of the schema folder you copied from the server, e.g. 1.6.9.0');
    const xsd = schemaFiles(version.xsd, base, keyOf(i, 'xsd'), spelling.file, (p, f) => fail(keyOf(i, 'xsd'), p, f));
    const operators = version.operators === undefined ? undefined : checkOperators(version.operators, (problem) => fail(keyOf(i, 'operators'), problem, operatorsFix(keyOf(i, 'operators'))));
    return { protocolVersion: version.protocolVersion as string, xsd, ...(operators !== undefined ? { operators } : {}) };
  });
  for (const [i, spec] of specs.entries()) {
    const first = specs.findIndex((s) => s.protocolVersion === spec.protocolVersion);
    if (first !== i) fail(keyOf(i, 'protocolVersion'), `${spec.protocolVersion} is given twice (also ${keyOf(first, 'protocolVersion')})`, 'give each protocol version once: one schema set per version');
  }
  return specs;
}
