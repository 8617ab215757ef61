/**
 * protocol-version.ts: the XML API protocol version the package was generated for, and, in a
 * package with a client, the protocol versions in which Plesk documents its operators.
 *
 * For `--protocol-version 1.6.9.0` we generate `export const PROTOCOL_VERSION = '1.6.9.0';`,
 * which the client sends as packet/@version unless told otherwise; without the flag
 * `PROTOCOL_VERSION` is `undefined` and packets go without a version. For a package with
 * backup-manager, `OPERATOR_PROTOCOLS` holds
 * `{ operator: 'backup-manager', documented: ['1.5.2.0', '1.6.9.0'], absentFrom: '1.6.9.1' }`
 * (passes/plesk-versions.ts), which the client's errors and the stub read.
 */
import { VariableDeclarationKind, type Project, type SourceFile } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { clientOperators } from '../passes/analyse-operations.js';
import { createGeneratedFile, textOf } from './print.js';
import { quote } from './type-expressions.js';
import { docBlock, jsDoc } from './comments.js';

/** What the generator says once when no protocol version is given for a schema set with requests. */
export const NO_PROTOCOL_VERSION =
  'no --protocol-version given: the client will send packets without a version, and the server will validate and answer them in its newest protocol, ' +
  'which may not be the one these schemas describe (a newer server then answers in a format they do not know). ' +
  'Give the version of the schemas, e.g. --protocol-version 1.6.9.0 for schemas/rpc/1.6.9.0/.';

export function emitProtocolVersion(project: Project, ir: IrSchema, version: string | undefined): string {
  const file = createGeneratedFile(project, 'protocol-version.ts', ir.entries, 'The XML API protocol version of the schemas.');
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [jsDoc(
      version === undefined
        ? 'No protocol version was given when this package was generated: packets are sent without one, and the server answers in its newest protocol. Pass `protocolVersion` to the client to pin one.'
        : `The XML API protocol version the schemas are of: the client sends it as packet/@version (option \`protocolVersion\` overrides it), so the server validates and answers in the format this package reads.`,
    )],
    declarations: [{ name: 'PROTOCOL_VERSION', type: version === undefined ? 'string | undefined' : undefined, initializer: version === undefined ? 'undefined' : quote(version) }],
  });
  addOperatorProtocols(file, ir);
  return textOf(file);
}

/** OPERATOR_PROTOCOLS, in a package with a client (a package of several versions too: emit-protocol-versions.ts). */
export function addOperatorProtocols(file: SourceFile, ir: IrSchema): void {
  if (clientOperators(ir).length === 0) return;
  const rows = ir.operators.flatMap((op) => (op.protocols ? [op.protocols] : [])).map((row) => {
    const documented = row.documented === undefined ? '' : `documented: [${quote(row.documented[0])}, ${quote(row.documented[1])}], `;
    return `  { operator: ${quote(row.operator)}, ${documented}absentFrom: ${quote(row.absentFrom)} },`;
  });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/client/protocol-versions.js', namedImports: ['OperatorProtocols'] });
  file.addStatements([
    '',
    docBlock('The protocol versions in which Plesk documents the operators of this package, where plesk-codegen knows them: the first and the last version documented, and the first whose schemas lack the operator. A server refusing an operator for its version (1005, 1014, 1017) is explained from this table.', ''),
    `export const OPERATOR_PROTOCOLS: readonly OperatorProtocols[] = ${rows.length === 0 ? '[]' : `[\n${rows.join('\n')}\n]`};`,
  ]);
}
