/**
 * One package, from schemas on disk to the output folder: load the schemas, run the pure core
 * (generate.ts), then compare with the folder (`check`) or write into it. Shared by the command
 * line (run-generate.ts) and the programmatic API (api.ts); prints nothing.
 *
 * Paths written into the generated files are relative to the entry schemas' folder (see
 * loadSchemaSets), so the output is the same whatever folder this runs in.
 */
import path from 'node:path';
import { inspectOutput, type StaleFile } from './check-output.js';
import type { PackageSpec } from './config/package-spec.js';
import { generate } from './generate.js';
import { readRuntimeSources, readTemplates } from './load/load-inputs.js';
import { commonFolder, loadSchemaSets } from './load/load-schemas.js';
import { SchemaError } from './errors.js';
import { writePackage, type WriteReport } from './write.js';
import type { RefinementReport } from './passes/apply-refinements.js';
import { readRefinementFile } from './refine/refinement-file.js';

export interface PackageResult extends WriteReport {
  /** absolute path of the output folder */
  out: string;
  /** every file of the package, relative to `out`, in code-point order */
  files: string[];
  /** how many schema files were read */
  schemaCount: number;
  /** what to tell the user once (such as packets going without a protocol version) */
  notices: string[];
  /** with `check`: the files that differ from what the schemas generate (nothing is written) */
  stale: StaleFile[];
  /** the refinements used and skipped */
  refinements: RefinementReport;
  /** how long each step took, in milliseconds (`npm run bench` reports them): reading and parsing the schemas, the model, printing the sources, compiling them, writing (or, with `check`, comparing) the folder */
  timings: { load: number; model: number; emit: number; compile: number; write: number };
}

export interface PackageRunOptions {
  check?: boolean;
  /** how a path is shown in write errors */
  display?: (absPath: string) => string;
}

/**
 * Throws {@link SchemaError} (its file an absolute path), {@link OutputError}, or an internal error.
 */
export function generatePackage(spec: PackageSpec, options: PackageRunOptions = {}): PackageResult {
  const refine = spec.refine === undefined ? undefined : readRefinementFile(spec.refine, options.display ? options.display(spec.refine) : spec.refine, 'refine');
  let load = 0;
  const { files, notices, schemaCount, refinements, timings } = withAbsolutePaths(spec.xsd, () => {
    const started = performance.now();
    const sets = loadSchemaSets(spec.xsd, { allowOutsideIncludes: spec.allowOutsideIncludes });
    load = performance.now() - started;
    const generated = generate({
      sets,
      runtime: readRuntimeSources(),
      templates: readTemplates(),
      packageName: spec.packageName,
      packageVersion: spec.packageVersion,
      ...(spec.protocolVersion !== undefined ? { protocolVersion: spec.protocolVersion } : {}),
      pleskRefinements: spec.pleskRefinements,
      integers: spec.integers,
      ...(refine ? { refine } : {}),
    });
    return { files: generated.files, notices: generated.notices, refinements: generated.refinements, timings: generated.timings, schemaCount: new Set(sets.flatMap((s) => s.documents.map((d) => d.absPath))).size };
  });
  const base = { out: spec.out, files: [...files.keys()], schemaCount, notices, refinements };
  const writing = performance.now();
  const withWrite = () => ({ load, ...timings, write: performance.now() - writing });
  if (options.check) {
    const { stale, warnings } = inspectOutput(spec.out, files, options.display);
    return { ...base, written: [], unchanged: [], removed: [], warnings, stale, timings: withWrite() };
  }
  const report = writePackage(spec.out, files, options.display ? { display: options.display } : {});
  return { ...base, ...report, stale: [], timings: withWrite() };
}

/** Runs `work`; a schema error it throws names its file by absolute path instead of the display path. */
function withAbsolutePaths<T>(entries: string[], work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof SchemaError) throw error.withFile(path.resolve(commonFolder(entries), error.location.file));
    throw error;
  }
}
