/**
 * protocol-version.ts of a package of several protocol versions: its versions, oldest first, the
 * revision of each version's schemas (a content hash of its files, so that two revisions of one
 * number are told apart and `--check` sees a changed set), and the newest as `PROTOCOL_VERSION`.
 *
 * For the sets 1.6.6.0 and 1.6.9.1 we generate
 * `export type ProtocolVersion = '1.6.6.0' | '1.6.9.1';`,
 * `export const PROTOCOL_VERSIONS: readonly ProtocolVersion[] = ['1.6.6.0', '1.6.9.1'];` and
 * `export const PROTOCOL_REVISIONS` with one `{ version, revision }` per version; in a package
 * with a client, OPERATOR_PROTOCOLS as in a package of one set (emit-protocol-version.ts).
 */
import { VariableDeclarationKind, type Project } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { jsDoc } from './comments.js';
import { createGeneratedFile, textOf } from './print.js';
import { quote } from './type-expressions.js';
import { addOperatorProtocols } from './emit-protocol-version.js';

export function emitProtocolVersions(project: Project, ir: IrSchema): string {
  const versions = ir.versions!;
  const file = createGeneratedFile(project, 'protocol-version.ts', ir.entries, 'The XML API protocol versions of the schema sets, and the revision of each.');
  const list = versions.map((v) => quote(v.protocolVersion));
  file.addTypeAlias({ isExported: true, name: 'ProtocolVersion', type: list.join(' | '), docs: [jsDoc('A protocol version this package has the schemas of.')] });
  const constant = (name: string, type: string, initializer: string, doc: string) =>
    file.addVariableStatement({ isExported: true, declarationKind: VariableDeclarationKind.Const, docs: [jsDoc(doc)], declarations: [{ name, type, initializer }] });
  constant('PROTOCOL_VERSIONS', 'readonly ProtocolVersion[]', `[${list.join(', ')}]`, 'The XML API protocol versions of this package, oldest first. The client sends each packet in the newest of them that the server speaks too and that declares everything the packet holds (docs/protocol-versions-and-drift.md of plesk-codegen).');
  constant(
    'PROTOCOL_REVISIONS',
    'ReadonlyArray<{ readonly version: ProtocolVersion; readonly revision: string }>',
    `[${versions.map((v) => `{ version: ${quote(v.protocolVersion)}, revision: ${quote(v.revision)} }`).join(', ')}]`,
    'The revision of each version\'s schemas: a hash of the content of its schema files. One protocol number can carry several revisions of its schemas (1.6.9.1 has had at least three); this tells which this package was generated from.',
  );
  constant('PROTOCOL_VERSION', 'ProtocolVersion', quote(versions.at(-1)!.protocolVersion), 'The newest protocol version of this package: the one its codecs read and write when no version is given.');
  addOperatorProtocols(file, ir);
  return textOf(file);
}
