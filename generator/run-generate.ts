/**
 * The `generate` command's work, once its flags are resolved into packages: each package in turn
 * is generated in memory, then compared with its output folder (`--check`) or written there.
 * Progress lines go to stderr unless `quiet`; errors always do. Returns the exit code. The first
 * package that fails stops the run (the packages before it are written; its folder is as it was).
 */
import path from 'node:path';
import type { GenerateJob } from './cli-args.js';
import { InternalError, OutputError, SchemaError } from './errors.js';
import { generatePackage } from './generate-package.js';
import type { RefinementReport } from './passes/apply-refinements.js';
import { RefinementError } from './refine/refinement-error.js';
import { ConfigError } from './config/config-error.js';

export interface Io {
  stderr: (text: string) => void;
  cwd: string;
}

export function runGenerate(job: GenerateJob, io: Io): number {
  const progress = (line: string) => {
    if (!job.quiet) io.stderr(`${line}\n`);
  };
  const shown = (p: string) => path.relative(io.cwd, p) || '.';
  if (job.config !== undefined) progress(`${shown(job.config)}: ${job.packages.length} ${job.packages.length === 1 ? 'package' : 'packages'}`);
  let staleCount = 0;
  for (const spec of job.packages) {
    const started = performance.now();
    const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    const out = shown(spec.out);
    try {
      const result = generatePackage(spec, { check: job.check, display: shown });
      progress(`${spec.packageName}: read ${result.schemaCount} schemas`);
      const refined = refinementLine(result.refinements);
      if (refined) progress(`${spec.packageName}: ${refined}`);
      for (const notice of result.notices) progress(`notice: ${notice}`);
      // printed even with --quiet: a manifest line plesk-codegen would not follow is a sign of tampering
      for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
      if (job.check) {
        if (result.stale.length > 0) {
          staleCount++;
          const list = result.stale.map((s) => `  ${s.path} (${s.reason})\n`).join('');
          io.stderr(`${out} is stale: ${result.stale.length} ${result.stale.length === 1 ? 'file differs' : 'files differ'} from what the schemas generate:\n${list}run the same command without --check to update ${out}\n`);
        } else {
          progress(`checked ${result.files.length} files: ${out} is up to date (${seconds()})`);
        }
        continue;
      }
      progress(`emitted ${result.files.length} files in ${seconds()} (${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed) into ${out}`);
    } catch (error) {
      if (error instanceof SchemaError) {
        io.stderr(`error: ${error.withFile(shown(error.file)).message}\nnothing was written; ${out} is as it was\n`);
        return 1;
      }
      if (error instanceof ConfigError) {
        io.stderr(`error: ${error.message}\nnothing was written; ${out} is as it was\n`);
        return 2;
      }
      if (error instanceof RefinementError) {
        io.stderr(`error: ${error.message}\nnothing was written; ${out} is as it was\n`);
        return 1;
      }
      if (error instanceof OutputError) {
        io.stderr(`error: ${error.message}\n`);
        return 1;
      }
      const bug = error instanceof InternalError ? error : new InternalError(error instanceof Error ? (error.stack ?? error.message) : String(error));
      io.stderr(`${bug.message}\n`);
      return 1;
    }
  }
  return staleCount > 0 ? 1 : 0;
}

/**
 * The progress line of the refinements: `refined 25 elements with 25 refinements (25 of plesk-codegen's
 * refinements for Plesk, 0 skipped: not in these schemas; 2 of refine.json)`; nothing when no set applied.
 */
export function refinementLine(report: RefinementReport): string | undefined {
  if (report.sets.length === 0) return undefined;
  const used = report.sets.reduce((n, s) => n + s.used, 0);
  const parts = report.sets.map((s) => `${s.used} of ${s.origin}${s.shipped ? `, ${s.skipped} skipped: not in these schemas` : ''}`);
  return `refined ${report.elements} ${report.elements === 1 ? 'element' : 'elements'} with ${used} ${used === 1 ? 'refinement' : 'refinements'} (${parts.join('; ')})`;
}
