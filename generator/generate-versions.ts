/**
 * The model of a package of several labelled schema sets: each version's set built into IR and
 * run through the passes that read one set (conventions, refinements, integers), then the
 * models merged (model/merge-versions.ts) into the one model the naming passes and the printers
 * read. Pure: the sets are loaded by the caller.
 *
 * Refinements apply to each version's set; an entry of the user's file fails only when it
 * matches nothing in any version (an entry for backup-manager is right for 1.6.6.0 even though
 * 1.6.9.1 has no backup-manager), and the report counts an entry once, as used when some
 * version used it.
 *
 * Operators (a package for chosen operators): a version's own `operators` choose among its
 * operators as for a package of one set (each must be declared); the package's `operators` apply
 * to every version without a list of its own, each version keeping those it declares: a name no
 * such version declares fails, and so does a version that declares none of them.
 */
import type { SchemaSet } from './load/load-schemas.js';
import { buildIr } from './model/build-ir.js';
import type { IrSchema } from './model/ir.js';
import { mergeVersions } from './model/merge-versions.js';
import type { RefinementOutcomes, RefinementReport } from './passes/apply-refinements.js';
import { emptyReport, runPasses, SET_PASSES, type PassContext } from './passes/index.js';
import { describeEntry, type RefinementSet } from './refine/refinement-file.js';
import { RefinementError } from './refine/refinement-error.js';
import { SchemaError, type SourceLocation } from './errors.js';
import { unknownOperator } from './passes/select-operators.js';
import { compareCodePoints } from './passes/names.js';

/** One labelled schema set of a package: its protocol version, the revision of its files, the sets loaded from its entry schemas. */
export interface VersionSets {
  protocolVersion: string;
  /** a content hash of its schema files (load/set-revision.ts) */
  revision: string;
  sets: SchemaSet[];
  /** only these operators of this version's envelope (instead of the package's `operators`) */
  operators?: readonly string[] | undefined;
}

/** The merged model (before the naming passes), and the refinements used, counted across versions. */
export function buildVersionsIr(versions: VersionSets[], ctx: Omit<PassContext, 'report' | 'refinementOutcomes'>): { ir: IrSchema; report: RefinementReport } {
  const outcomes: RefinementOutcomes[] = [];
  const reports: RefinementReport[] = [];
  const declared: Array<{ version: VersionSets; names: ReadonlySet<string>; at: SourceLocation }> = [];
  const irs = versions.map((version) => {
    const report = emptyReport();
    const seen: RefinementOutcomes = new Map();
    const operators = version.operators !== undefined
      ? { operators: version.operators, operatorsDeclared: undefined }
      : { operators: ctx.operators, operatorsDeclared: ctx.operators === undefined ? undefined : (names: ReadonlySet<string>, at: SourceLocation) => void declared.push({ version, names, at }) };
    const ir = inVersion(version, () => runPasses(buildIr(version.sets), { ...ctx, ...operators, report, refinementOutcomes: seen }, SET_PASSES));
    outcomes.push(seen);
    reports.push(report);
    return { protocolVersion: version.protocolVersion, revision: version.revision, ir };
  });
  checkPackageOperators(ctx.operators, declared);
  return { ir: mergeVersions(irs), report: mergeReports(ctx.refinements, reports, outcomes, versions.map((v) => v.protocolVersion)) };
}

/** The package's operators, applied to the versions without their own: each declared by one of them, and each of them declaring one. */
function checkPackageOperators(wanted: readonly string[] | undefined, declared: Array<{ version: VersionSets; names: ReadonlySet<string>; at: SourceLocation }>): void {
  if (wanted === undefined || declared.length === 0) return;
  const versions = declared.map((d) => d.version.protocolVersion).join(', ');
  for (const name of wanted) {
    if (declared.some((d) => d.names.has(name))) continue;
    const all = new Set(declared.flatMap((d) => [...d.names]));
    throw inFileOf(declared[0]!.version, unknownOperator(`none of the protocol versions ${versions} declares an operator <${name}>`, name, all, declared[0]!.at, 'its versions declare'));
  }
  for (const d of declared) {
    if (wanted.some((name) => d.names.has(name))) continue;
    throw inFileOf(d.version, new SchemaError('unknown-operator', d.at, `the packet of protocol ${d.version.protocolVersion} declares none of the operators ${wanted.join(', ')}`, `leave protocol ${d.version.protocolVersion} out of versions, or give its entry operators of its own (it declares ${[...d.names].sort(compareCodePoints).join(', ')})`));
  }
}

/**
 * Runs `work` on one version's sets; a schema error it throws names its file by absolute path
 * (each version's display paths are relative to its own folder, which the caller cannot tell apart).
 */
function inVersion<T>(version: VersionSets, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof SchemaError ? inFileOf(version, error) : error;
  }
}

/** A schema error of one version's sets, its file named by absolute path. */
function inFileOf(version: VersionSets, error: SchemaError): SchemaError {
  const doc = version.sets.flatMap((s) => s.documents).find((d) => d.displayPath === error.location.file);
  return doc ? error.withFile(doc.absPath) : error;
}

function mergeReports(sets: RefinementSet[], reports: RefinementReport[], outcomes: RefinementOutcomes[], versions: string[]): RefinementReport {
  const report: RefinementReport = { plesk: reports.some((r) => r.plesk), sets: [], elements: reports.reduce((n, r) => n + r.elements, 0) };
  for (const set of sets) {
    const seen = outcomes.map((o) => o.get(set));
    if (seen.every((s) => s === undefined)) continue; // the shipped set, where no version is Plesk's
    let used = 0;
    let skipped = 0;
    for (const [index] of set.entries.entries()) {
      const results = seen.map((s) => s?.[index]);
      if (results.some((r) => r?.used)) {
        used++;
        continue;
      }
      if (set.shipped) {
        skipped++;
        continue;
      }
      const last = [...results].reverse().find((r) => r !== undefined && !r.used) as { problem: string; fix: string } | undefined;
      throw new RefinementError(set.origin, describeEntry(set, index), `${last?.problem ?? 'matches nothing'} (in none of the protocol versions ${versions.join(', ')})`, last?.fix ?? 'correct or remove the entry');
    }
    report.sets.push({ origin: set.origin, shipped: set.shipped, used, skipped });
  }
  return report;
}
