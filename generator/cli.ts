/**
 * The plesk-codegen command: a thin yargs layer that owns all file I/O around the pure core.
 *
 * Exit codes: 0 ok, 1 schema or generation error (no file was written), 2 usage error.
 */
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DEFAULT_OUT, DEFAULT_PACKAGE_NAME, DEFAULT_PACKAGE_VERSION, DEFAULT_XSD } from './defaults.js';
import { InternalError, SchemaError } from './errors.js';
import { generate } from './generate.js';
import { PROJECT_ROOT, readRuntimeSources, readTemplates } from './load/load-inputs.js';
import { loadSchemaSets } from './load/load-schemas.js';
import { staleFiles, writePackage } from './write.js';


interface GenerateArgs {
  xsd?: string[];
  out?: string;
  packageName: string;
  packageVersion: string;
  check: boolean;
  quiet: boolean;
}

function runGenerate(args: GenerateArgs): number {
  const started = Date.now();
  const useDefaults = args.xsd === undefined || args.xsd.length === 0;
  const baseDir = useDefaults ? PROJECT_ROOT : process.cwd();
  const xsd = useDefaults ? DEFAULT_XSD.map((p) => path.join(PROJECT_ROOT, p)) : args.xsd!.map((p) => path.resolve(p));
  const out = args.out !== undefined ? path.resolve(args.out) : path.join(PROJECT_ROOT, DEFAULT_OUT);
  const log = (line: string) => {
    if (!args.quiet) process.stderr.write(`${line}\n`);
  };
  try {
    const sets = loadSchemaSets(xsd, { baseDir });
    const files = new Set(sets.flatMap((s) => s.documents.map((d) => d.absPath)));
    log(`read ${files.size} schemas`);
    const { files: output } = generate({ sets, runtime: readRuntimeSources(), templates: readTemplates(), packageName: args.packageName, packageVersion: args.packageVersion });
    if (args.check) {
      const stale = staleFiles(out, output);
      if (stale.length > 0) {
        process.stderr.write(`${path.relative(process.cwd(), out) || '.'} is stale; these files differ from what the schemas generate:\n${stale.map((f) => `  ${f}`).join('\n')}\nrun plesk-codegen generate to update them\n`);
        return 1;
      }
      log(`${output.size} files up to date in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }
    const report = writePackage(out, output);
    log(`emitted ${output.size} files (${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (error instanceof SchemaError) {
      process.stderr.write(`error: ${error.message}\none or more errors occurred, no files were generated\n`);
      return 1;
    }
    const bug = error instanceof InternalError ? error : new InternalError(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.stderr.write(`${bug.message}\n`);
    return 1;
  }
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  await yargs(argv)
    .scriptName('plesk-codegen')
    .command(
      ['generate', '$0'],
      'generate a typed codec package from XML Schema files',
      (y) =>
        y
          .option('xsd', { type: 'string', array: true, describe: 'an entry schema (repeat for several); default: xsd/request.xsd and xsd/response.xsd' })
          .option('out', { type: 'string', describe: 'output folder; default: generated/' })
          .option('package-name', { type: 'string', default: DEFAULT_PACKAGE_NAME, describe: 'name of the generated npm package' })
          .option('package-version', { type: 'string', default: DEFAULT_PACKAGE_VERSION, describe: 'version of the generated npm package' })
          .option('check', { type: 'boolean', default: false, describe: 'compare with --out instead of writing; exit 1 if stale' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress lines' })
          .example('$0 generate', 'regenerate generated/ from xsd/')
          .example('$0 generate --xsd ../schemas/agent_input.xsd --xsd ../schemas/agent_output.xsd --out plesk-api', "generate Plesk's whole API")
          .example('$0 generate --check', 'fail when generated/ is stale (for CI)'),
      (args) => {
        code = runGenerate(args as unknown as GenerateArgs);
      },
    )
    .strict()
    .fail((message, error) => {
      if (error) throw error;
      process.stderr.write(`${message}\nrun plesk-codegen --help for usage\n`);
      code = 2;
    })
    .help()
    .version()
    .parseAsync();
  return code;
}

process.exitCode = await main(hideBin(process.argv));
