/**
 * The `generate` command's work, once its flags are checked: load the schemas, generate the
 * package in memory, then compare it with the output folder (`--check`) or write it there.
 * Progress lines go to stderr unless `quiet`; errors always do. Returns the exit code.
 */
import path from 'node:path';
import type { GenerateOptions } from './cli-args.js';
import { InternalError, OutputError, SchemaError } from './errors.js';
import { generate } from './generate.js';
import { readRuntimeSources, readTemplates } from './load/load-inputs.js';
import { loadSchemaSets } from './load/load-schemas.js';
import { checkOutput } from './check-output.js';
import { writePackage } from './write.js';

export interface Io {
  stderr: (text: string) => void;
  cwd: string;
}

export function runGenerate(options: GenerateOptions, io: Io): number {
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const progress = (line: string) => {
    if (!options.quiet) io.stderr(`${line}\n`);
  };
  const shownOut = path.relative(io.cwd, options.out) || '.';
  try {
    const sets = loadSchemaSets(options.xsd, { baseDir: options.baseDir });
    progress(`read ${new Set(sets.flatMap((s) => s.documents.map((d) => d.absPath))).size} schemas`);
    const { files, notices } = generate({
      sets,
      runtime: readRuntimeSources(),
      templates: readTemplates(),
      packageName: options.packageName,
      packageVersion: options.packageVersion,
      ...(options.protocolVersion !== undefined ? { protocolVersion: options.protocolVersion } : {}),
    });
    for (const notice of notices) progress(`notice: ${notice}`);
    if (options.check) {
      const stale = checkOutput(options.out, files);
      if (stale.length > 0) {
        const list = stale.map((s) => `  ${s.path} (${s.reason})\n`).join('');
        io.stderr(`${shownOut} is stale: ${stale.length} ${stale.length === 1 ? 'file differs' : 'files differ'} from what the schemas generate:\n${list}run the same command without --check to update ${shownOut}\n`);
        return 1;
      }
      progress(`checked ${files.size} files: ${shownOut} is up to date (${seconds()})`);
      return 0;
    }
    const report = writePackage(options.out, files, { display: (p) => path.relative(io.cwd, p) || '.' });
    progress(`emitted ${files.size} files in ${seconds()} (${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed) into ${shownOut}`);
    return 0;
  } catch (error) {
    if (error instanceof SchemaError) {
      io.stderr(`error: ${error.message}\nnothing was written; ${shownOut} is as it was\n`);
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
