/**
 * protocol-version.ts: the XML API protocol version the package was generated for.
 *
 * For `--protocol-version 1.6.9.0` we generate `export const PROTOCOL_VERSION = '1.6.9.0';`,
 * which the client sends as packet/@version unless told otherwise; without the flag
 * `PROTOCOL_VERSION` is `undefined` and packets go without a version.
 */
import { VariableDeclarationKind, type Project } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { createGeneratedFile, textOf } from './print.js';
import { quote } from './type-expressions.js';
import { jsDoc } from './comments.js';

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
  return textOf(file);
}
