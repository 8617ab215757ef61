/**
 * The pure core: loaded schema sets (plus the runtime sources and templates) → the files of the
 * generated package, as a map from relative path to text, in code-point order: the TypeScript
 * sources and, compiled from them, the JavaScript and declarations (compile/), so the package is
 * ready to use as written. No file is read or written here.
 */
import type { SchemaSet } from './load/load-schemas.js';
import { buildIr } from './model/build-ir.js';
import type { IrSchema } from './model/ir.js';
import { emptyReport, MODEL_PASSES, runPasses } from './passes/index.js';
import { buildVersionsIr, type VersionSets } from './generate-versions.js';
import { VERSION_MODULES } from './model/package-surface.js';
import { emitVersionCodecs } from './emit/emit-version-codecs.js';
import { emitVersionMetadata } from './emit/emit-version-metadata.js';
import { emitProtocolVersions } from './emit/emit-protocol-versions.js';
import type { RefinementReport } from './passes/apply-refinements.js';
import type { RefinementSet } from './refine/refinement-file.js';
import { PLESK_REFINEMENTS } from './refine/plesk-refinements.js';
import { compareCodePoints } from './passes/names.js';
import { emitClient } from './emit/emit-client.js';
import { emitCli } from './emit/emit-cli.js';
import { defaultCliName } from './config/package-options.js';
import { emitCodecs, emitIndex } from './emit/emit-codecs.js';
import { emitOperations } from './emit/emit-operations.js';
import { emitMetadata } from './emit/emit-metadata.js';
import { emitRecords } from './emit/emit-records.js';
import { emitPackageFiles, type PackageOptions } from './emit/emit-package-files.js';
import { emitTesting } from './emit/emit-testing.js';
import { emitTypes } from './emit/emit-types.js';
import { emitProtocolVersion, NO_PROTOCOL_VERSION } from './emit/emit-protocol-version.js';
import { BANNER, createPrinter, printedSources } from './emit/print.js';
import { lineComment } from './emit/comments.js';
import { compilePackage } from './compile/compile-package.js';

export interface GenerateInput extends PackageOptions {
  sets: SchemaSet[];
  /**
   * a package of several labelled schema sets, one per protocol version (instead of `sets` and
   * `protocolVersion`; generate-versions.ts); one entry is a package of one set
   */
  versions?: VersionSets[];
  /** the runtime sources of plesk-codegen (runtime/client/, runtime/codec/, runtime/testing/), by path inside runtime/ (`client/client.ts`, `testing/stub-server.ts`): copied into src/runtime/ */
  runtime: Map<string, string>;
  /** templates/*.hbs, by file name */
  templates: Map<string, string>;
  /** the user's refinement file, read and checked (see refine/refinement-file.ts) */
  refine?: RefinementSet;
  /** apply plesk-codegen's refinements for Plesk's public schemas when the schemas are Plesk's (default true) */
  pleskRefinements?: boolean;
}

export interface GenerateResult {
  /** the package's files: sources (`src/`), their compiled JavaScript and declarations (`dist/`), package.json, README.md… */
  files: Map<string, string>;
  ir: IrSchema;
  /** what the caller should tell the user once (the CLI prints each on stderr), such as a packet sent without a protocol version */
  notices: string[];
  /** the refinements used and skipped, per set */
  refinements: RefinementReport;
  /** how long each step took, in milliseconds: the model (IR and passes), printing the sources, compiling them */
  timings: { model: number; emit: number; compile: number };
}

export function generate(given: GenerateInput): GenerateResult {
  const only = given.versions?.length === 1 ? given.versions[0]! : undefined;
  const input = only ? { ...given, sets: only.sets, protocolVersion: only.protocolVersion, operators: only.operators ?? given.operators, versions: undefined } : given;
  const refinements = [...(input.pleskRefinements === false ? [] : [PLESK_REFINEMENTS]), ...(input.refine ? [input.refine] : [])];
  const ctx = { refinements, report: emptyReport(), runtime: input.runtime, integers: input.integers ?? 'number', operators: input.operators } as const;
  const started = performance.now();
  const merged = input.versions ? buildVersionsIr(input.versions, ctx) : undefined;
  const report = merged?.report ?? ctx.report;
  const ir = merged ? runPasses(merged.ir, { ...ctx, report }, MODEL_PASSES) : runPasses(buildIr(input.sets), ctx);
  const several = ir.versions !== undefined;
  const modelled = performance.now();
  const project = createPrinter();
  const files = new Map<string, string>();
  files.set('src/types.ts', emitTypes(project, ir));
  files.set('src/metadata.ts', several ? emitVersionMetadata(project, ir) : emitMetadata(project, ir));
  files.set('src/records.ts', emitRecords(project, ir));
  files.set('src/codecs.ts', several ? emitVersionCodecs(project, ir) : emitCodecs(project, ir));
  const operations = emitOperations(project, ir);
  const withClient = operations !== undefined;
  if (operations) {
    files.set('src/operations.ts', operations.text);
    files.set('src/client.ts', emitClient(project, ir, operations.rows)!);
    files.set('src/testing.ts', emitTesting(project, ir));
    const cli = emitCli(project, ir, { cliName: input.cliName ?? defaultCliName(input.packageName), packageName: input.packageName, packageVersion: input.packageVersion });
    for (const [name, text] of cli) files.set(name, text);
  }
  files.set('src/protocol-version.ts', several ? emitProtocolVersions(project, ir) : emitProtocolVersion(project, ir, input.protocolVersion));
  files.set('src/index.ts', emitIndex(project, ir, withClient));
  for (const [name, text] of input.runtime) {
    // a package without a client carries the codec runtime only (no client, stub or command line); one of one
    // schema set, none of the versions' modules (the codecs of several read client/version-availability.ts)
    if ((!withClient && !name.startsWith('codec/') && !(several && name === 'client/version-availability.ts')) || (!several && VERSION_MODULES.includes(name))) continue;
    files.set(`src/runtime/${name}`, runtimeSource(name, text));
  }
  for (const [name, text] of emitPackageFiles(ir, input.templates, { ...input, cliName: input.cliName ?? defaultCliName(input.packageName) })) files.set(name, text);
  const emitted = performance.now();
  for (const [name, text] of compilePackage(files, printedSources(project))) files.set(name, text);
  const timings = { model: modelled - started, emit: emitted - modelled, compile: performance.now() - emitted };
  const notices = !several && input.protocolVersion === undefined && ir.packets.request !== undefined ? [NO_PROTOCOL_VERSION] : [];
  return { files: new Map([...files].sort((a, b) => compareCodePoints(a[0], b[0]))), ir, notices, refinements: report, timings };
}

/** A runtime file (`client/client.ts`) as the package carries it, in src/runtime/. */
export function runtimeSource(name: string, text: string): string {
  return `${BANNER}\n${lineComment(`Copied from runtime/${name} of plesk-codegen: the hand-written runtime every generated package carries.`)}\n${text}`;
}
