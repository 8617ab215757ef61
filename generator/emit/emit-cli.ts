/**
 * The command line of a package with a client: `src/cli.ts`, `src/cli-docs.ts` and the bin file.
 *
 * For the backup-manager schemas with `cliName: plesk-backup` we generate
 *   src/cli.ts        export const CLI: CliPackage = { bin: 'plesk-backup', operations: OPERATIONS,
 *                       operators: [{ name: 'backup-manager', doc: '…' }], packets: …,
 *                       load: { schema: () => import('./metadata.js'), … } };
 *                     export function main(argv, io?) — the runtime's runCli (runtime/cli/main.ts)
 *   src/cli-docs.ts   export const DOCS: CliDocs = { operations: { 'backup-manager/get-tasks-info': '…' },
 *                       members: { BackupClientInput: { 'customer-id': '…' } }, types: { … } }
 *   bin/plesk-backup.js  the Node.js check, then main() of dist/cli.js and its exit code
 *
 * Nothing lists the operations again: the command's subcommands are the rows of operations.ts,
 * its flags are read by the runtime from metadata.ts; this file prints the documentation the
 * metadata does not carry, for --help.
 */
import type { Project } from 'ts-morph';
import type { IrParticle, IrSchema } from '../model/ir.js';
import { clientOperators } from '../passes/analyse-operations.js';
import { docBlock, lineComment } from './comments.js';
import { BANNER, createGeneratedFile, textOf } from './print.js';
import { quote } from './type-expressions.js';

/** The bin's path inside the package. */
export function binPath(cliName: string): string {
  return `bin/${cliName}.js`;
}

export interface CliOptions {
  cliName: string;
  packageName: string;
  packageVersion: string;
}

export function emitCli(project: Project, ir: IrSchema, options: CliOptions): Map<string, string> {
  const operators = clientOperators(ir);
  const files = new Map<string, string>();
  const cli = createGeneratedFile(project, 'cli.ts', ir.entries, `The command ${options.cliName} (package.json bin): every operation of operations.ts a subcommand, its flags read from metadata.ts.`);
  cli.addImportDeclaration({ moduleSpecifier: './operations.js', namedImports: ['OPERATIONS'] });
  cli.addImportDeclaration({ moduleSpecifier: './protocol-version.js', namedImports: ['PROTOCOL_VERSION', ...(ir.versions ? ['PROTOCOL_VERSIONS', 'type ProtocolVersion'] : [])] });
  cli.addImportDeclaration({ moduleSpecifier: './runtime/cli/main.js', namedImports: ['runCli', 'type CliIo', 'type CliPackage'] });
  if (ir.versions) cli.addImportDeclaration({ moduleSpecifier: './runtime/client/version-router.js', namedImports: ['packetVersions'] });
  const packets = ir.packets as Required<IrSchema['packets']>;
  cli.addStatements([
    ...(ir.versions ? olderOperations(ir, operators) : []),
    '',
    docBlock('What the command knows of this package; the metadata, the codecs and the documentation are imported only when a command needs them.', ''),
    'export const CLI: CliPackage = {',
    `  bin: ${quote(options.cliName)},`,
    `  packageName: ${quote(options.packageName)},`,
    `  packageVersion: ${quote(options.packageVersion)},`,
    // several protocol versions: no version of its own, the client core chooses each packet's
    `  protocolVersion: ${ir.versions ? 'undefined' : 'PROTOCOL_VERSION'},`,
    '  operations: OPERATIONS,',
    '  operators: [',
    ...operators.map((op) => `    { name: ${quote(op.name)}${op.doc ? `, doc: ${quote(op.doc)}` : ''} },`),
    '  ],',
    `  packets: { request: ${quote(packets.request.tsName)}, response: ${quote(packets.response.tsName)} },`,
    '  load: {',
    ...(ir.versions
      ? [
        "    schema: (row) => import('./metadata.js').then((metadata) => ({ schema: metadata.schemaOf((row && OLDER.get(`${row.operatorProp}.${row.operationProp}`)) ?? PROTOCOL_VERSION) })),",
        "    codecs: () => Promise.all([import('./codecs.js'), import('./metadata.js')]).then(([codecs, { schemaOf }]) => ({",
        '      ...codecs,',
        `      versions: packetVersions({ versions: PROTOCOL_VERSIONS, schemaOf, request: { c: ${quote(packets.request.tsName)} }, response: { c: ${quote(packets.response.tsName)} } }),`,
        '    })),',
      ]
      : ["    schema: () => import('./metadata.js'),", "    codecs: () => import('./codecs.js'),"]),
    "    docs: () => import('./cli-docs.js'),",
    '  },',
    '};',
    '',
    docBlock(`Runs the command ${options.cliName} on \`argv\` (the arguments after its name), writing to \`io\` (default: the process's streams and environment); resolves with the exit code: 0 done, 1 an operation failed, 2 usage error (nothing sent), 3 the task failed or was stopped, 4 timed out, 5 transport, server or system error. Never rejects.`, ''),
    'export function main(argv: readonly string[], io?: CliIo): Promise<number> {',
    '  return runCli(CLI, argv, io);',
    '}',
  ]);
  files.set('src/cli.ts', textOf(cli));
  files.set('src/cli-docs.ts', emitDocs(project, ir, operators));
  files.set(binPath(options.cliName), binFile(ir, options.cliName));
  return files;
}

/**
 * A package of several protocol versions: the operations its newest version lacks, each with the
 * newest version that has it; the command reads such an operation's flags from that version's tables.
 */
function olderOperations(ir: IrSchema, operators: ReturnType<typeof clientOperators>): string[] {
  const newest = ir.versions!.at(-1)!.protocolVersion;
  const rows = operators.flatMap((op) => op.calls.filter((o) => o.versions && !o.versions.includes(newest)).map((o) => `  [${quote(`${op.prop}.${o.prop}`)}, ${quote(o.versions!.at(-1)!)}],`));
  return ['', docBlock(`The operations the newest protocol version (${newest}) lacks, each with the newest version that has it: the command reads their flags from that version's tables.`, ''), `const OLDER: ReadonlyMap<string, ProtocolVersion> = new Map<string, ProtocolVersion>([`, ...rows, ']);'];
}

function emitDocs(project: Project, ir: IrSchema, operators: ReturnType<typeof clientOperators>): string {
  const file = createGeneratedFile(project, 'cli-docs.ts', ir.entries, "The schema's documentation, for the command's --help.");
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/cli/cli-types.js', namedImports: ['CliDocs'] });
  const operations = operators.flatMap((op) => op.calls.filter((o) => o.doc).map((o) => `    ${quote(`${op.name}/${o.name}`)}: ${quote(o.doc!)},`));
  const members: string[] = [];
  for (const type of ir.complexTypes) {
    const docs = new Map<string, string>();
    for (const attr of type.attrs) if (attr.doc && !docs.has(`@${attr.name}`)) docs.set(`@${attr.name}`, attr.doc);
    for (const el of elements(type.model)) if (el.doc && !docs.has(el.name)) docs.set(el.name, el.doc);
    if (docs.size > 0) members.push(`    ${quote(type.tsName)}: { ${[...docs].map(([name, doc]) => `${quote(name)}: ${quote(doc)}`).join(', ')} },`);
  }
  const types = [...ir.simpleTypes, ...ir.complexTypes].filter((t) => t.doc).map((t) => `    ${quote(t.tsName)}: ${quote(t.doc!)},`);
  file.addStatements([
    '',
    docBlock('The documentation of the operations (by `operator/operation`), of the members of each type (by type, then by element name or `@attribute`), and of the types.', ''),
    'export const DOCS: CliDocs = {',
    '  operations: {',
    ...operations,
    '  },',
    '  members: {',
    ...members,
    '  },',
    '  types: {',
    ...types,
    '  },',
    '};',
  ]);
  return textOf(file);
}

/** The elements of a model, through its groups, in schema order. */
function elements(p: IrParticle | undefined): Array<Extract<IrParticle, { kind: 'element' }>> {
  if (!p || p.kind === 'any') return [];
  if (p.kind === 'element') return [p];
  return p.items.flatMap(elements);
}

/** The bin: plain JavaScript that runs with Node alone, its first line the shebang npm needs. */
function binFile(ir: IrSchema, cliName: string): string {
  return [
    '#!/usr/bin/env node',
    BANNER,
    lineComment(`Source schemas: ${ir.entries.join(', ')}`),
    lineComment(`The command ${cliName} (package.json bin): main() of dist/cli.js with the process's arguments, and its exit code.`),
    '',
    "const major = Number(process.versions.node.split('.')[0]);",
    'if (!(major >= 20)) {',
    `  process.stderr.write(${quote(`${cliName} needs Node.js 20.19 or newer (this is `)} + process.versions.node + ')\\n');`,
    '  process.exit(1);',
    '}',
    "const { main } = await import('../dist/cli.js');",
    'process.exitCode = await main(process.argv.slice(2));',
    '',
  ].join('\n');
}
