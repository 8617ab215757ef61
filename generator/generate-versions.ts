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
 */
import type { SchemaSet } from './load/load-schemas.js';
import { buildIr } from './model/build-ir.js';
import type { IrSchema } from './model/ir.js';
import { mergeVersions } from './model/merge-versions.js';
import type { RefinementOutcomes, RefinementReport } from './passes/apply-refinements.js';
import { emptyReport, runPasses, SET_PASSES, type PassContext } from './passes/index.js';
import { describeEntry, type RefinementSet } from './refine/refinement-file.js';
import { RefinementError } from './refine/refinement-error.js';
import { SchemaError } from './errors.js';

/** One labelled schema set of a package: its protocol version, the revision of its files, the sets loaded from its entry schemas. */
export interface VersionSets {
  protocolVersion: string;
  /** a content hash of its schema files (load/set-revision.ts) */
  revision: string;
  sets: SchemaSet[];
}

/** The merged model (before the naming passes), and the refinements used, counted across versions. */
export function buildVersionsIr(versions: VersionSets[], ctx: Omit<PassContext, 'report' | 'refinementOutcomes'>): { ir: IrSchema; report: RefinementReport } {
  const outcomes: RefinementOutcomes[] = [];
  const reports: RefinementReport[] = [];
  const irs = versions.map((version) => {
    const report = emptyReport();
    const seen: RefinementOutcomes = new Map();
    const ir = inVersion(version, () => runPasses(buildIr(version.sets), { ...ctx, report, refinementOutcomes: seen }, SET_PASSES));
    outcomes.push(seen);
    reports.push(report);
    return { protocolVersion: version.protocolVersion, revision: version.revision, ir };
  });
  return { ir: mergeVersions(irs), report: mergeReports(ctx.refinements, reports, outcomes, versions.map((v) => v.protocolVersion)) };
}

/**
 * Runs `work` on one version's sets; a schema error it throws names its file by absolute path
 * (each version's display paths are relative to its own folder, which the caller cannot tell apart).
 */
function inVersion<T>(version: VersionSets, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const doc = error instanceof SchemaError ? version.sets.flatMap((s) => s.documents).find((d) => d.displayPath === error.location.file) : undefined;
    throw doc ? (error as SchemaError).withFile(doc.absPath) : error;
  }
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
