/**
 * codecs.ts: the typed entry points over the runtime's generic encoder and decoder.
 *
 * With a Plesk envelope we generate `encodeRequestPacket` / `decodeRequestPacket` /
 * `encodeResponsePacket` / `decodeResponsePacket`; for every schema set, `encodeType` and
 * `decodeType` encode and decode any complex type as an element of a given name (all a schema
 * with no global element, such as Plesk's backup.xsd alone, offers).
 */
import type { Project, SourceFile } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { RUNTIME_EXPORTS, VERSION_EXPORTS, VERSION_GENERATED_NAMES } from '../model/package-surface.js';
import { PACKET_ELEMENT, PACKET_TYPE_NAMES } from '../passes/apply-plesk-conventions.js';
import { compareCodePoints } from '../passes/names.js';
import { createGeneratedFile, referenceNodeTypes, textOf } from './print.js';
import { jsDoc } from './comments.js';

export function emitCodecs(project: Project, ir: IrSchema): string {
  const file = createGeneratedFile(project, 'codecs.ts', ir.entries, 'Typed encoders and decoders.');
  const packets = ir.packets;
  const typeNames = ir.complexTypes.map((t) => t.tsName).sort(compareCodePoints);
  file.addImportDeclaration({ moduleSpecifier: './metadata.js', namedImports: ['schema'] });
  // startDecoding serves the packet decoders only (a schema set without Plesk's envelope has none)
  const hasPackets = packets.request !== undefined || packets.response !== undefined;
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/decode.js', namedImports: ['decodeDocument', ...(hasPackets ? ['startDecoding', 'type DocumentDecoder'] : [])] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/decode-options.js', namedImports: ['DecodeOptions'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/encode.js', namedImports: ['encodeDocument'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/type-arguments.js', namedImports: ['checkTypeArguments'] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namespaceImport: 'T' });
  // the decoder's per-type code (records.ts), taken up once for the package's tables
  file.addImportDeclaration({ moduleSpecifier: './records.js', namedImports: ['RECORD_CODE'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/record-code.js', namedImports: ['useRecordCode'] });
  file.addStatements('useRecordCode(schema, RECORD_CODE);');

  for (const direction of ['request', 'response'] as const) {
    const type = packets[direction];
    if (!type) continue;
    const { alias, tsType, ref } = packetAlias(file, direction, type.tsName);
    file.addFunction({
      isExported: true,
      name: `encode${alias}`,
      parameters: [{ name: 'packet', type: tsType }],
      returnType: 'string',
      docs: [jsDoc(`Writes a ${direction} <${PACKET_ELEMENT}> in schema order, checking every rule of the schema first.\n\n@throws XmlEncodeError naming the path and the broken rule`)],
      statements: `return encodeDocument(schema, '${PACKET_ELEMENT}', ${ref}, packet);`,
    });
    file.addFunction({
      isExported: true,
      name: `decode${alias}`,
      parameters: [{ name: 'xml', type: 'string | Uint8Array' }, { name: 'options', type: 'DecodeOptions', hasQuestionToken: true }],
      returnType: tsType,
      docs: [jsDoc(`Reads a ${direction} <${PACKET_ELEMENT}> (a string, or its UTF-8 bytes), validating it against the schema as it goes. \`options.unknownElements: 'keep'\` keeps (and reports) elements and attributes the schema does not declare instead of failing.\n\n@throws XmlDecodeError naming the path, line, column and what was expected`)],
      statements: `return decodeDocument(schema, '${PACKET_ELEMENT}', ${ref}, xml, options) as ${tsType};`,
    });
    file.addFunction({
      isExported: true,
      name: `startDecoding${alias}`,
      parameters: [{ name: 'options', type: 'DecodeOptions', hasQuestionToken: true }],
      returnType: `DocumentDecoder<${tsType}>`,
      docs: [jsDoc(`Reads a ${direction} <${PACKET_ELEMENT}> in pieces, as it arrives: \`write(piece)\` each piece (strings, or UTF-8 bytes split anywhere), then \`end()\` gives the value. Only the unread end of a piece is kept. The same checks and options as \`decode${alias}\`.\n\n@throws XmlDecodeError (from write or end) naming the path, line, column and what was expected`)],
      statements: `return startDecoding(schema, '${PACKET_ELEMENT}', ${ref}, options) as DocumentDecoder<${tsType}>;`,
    });
  }

  file.addInterface({
    isExported: true,
    name: 'TypeMap',
    docs: [jsDoc('Every complex type of the schema set, by name: the types `encodeType` and `decodeType` accept.')],
    properties: typeNames.map((name) => ({ name, type: `T.${name}` })),
  });
  file.addFunction({
    isExported: true,
    name: 'encodeType',
    typeParameters: [{ name: 'K', constraint: 'keyof TypeMap' }],
    parameters: [{ name: 'type', type: 'K' }, { name: 'element', type: 'string' }, { name: 'value', type: 'TypeMap[K]' }],
    returnType: 'string',
    docs: [jsDoc('Writes `value` as the element `element` of the complex type `type`.\n\n@throws TypeError when `type` is not a name of TypeMap or `element` is not an XML name\n@throws XmlEncodeError naming the path and the broken rule')],
    statements: `checkTypeArguments('encodeType', schema, type, element);\nreturn encodeDocument(schema, element, { c: type }, value);`,
  });
  file.addFunction({
    isExported: true,
    name: 'decodeType',
    typeParameters: [{ name: 'K', constraint: 'keyof TypeMap' }],
    parameters: [{ name: 'type', type: 'K' }, { name: 'element', type: 'string' }, { name: 'xml', type: 'string | Uint8Array' }, { name: 'options', type: 'DecodeOptions', hasQuestionToken: true }],
    returnType: 'TypeMap[K]',
    docs: [jsDoc('Reads a document whose root is the element `element` of the complex type `type`.\n\n@throws TypeError when `type` is not a name of TypeMap or `element` is not an XML name\n@throws XmlDecodeError naming the path, line, column and what was expected')],
    statements: `checkTypeArguments('decodeType', schema, type, element);\nreturn decodeDocument(schema, element, { c: type }, xml, options) as TypeMap[K];`,
  });
  return textOf(file);
}

export function emitIndex(project: Project, ir: IrSchema, withClient: boolean): string {
  const file = createGeneratedFile(project, 'index.ts', ir.entries, 'The package entry.');
  file.addExportDeclaration({ moduleSpecifier: './types.js' });
  file.addExportDeclaration({ moduleSpecifier: './codecs.js' });
  file.addExportDeclaration({ moduleSpecifier: './metadata.js', namedExports: ['schema', ...(ir.versions ? VERSION_GENERATED_NAMES.metadata : [])] });
  file.addExportDeclaration({ moduleSpecifier: './protocol-version.js', namedExports: ['PROTOCOL_VERSION', ...(ir.versions ? VERSION_GENERATED_NAMES.protocolVersion.map((n) => (/^[A-Z_]+$/.test(n) ? n : `type ${n}`)) : [])] });
  if (withClient) file.addExportDeclaration({ moduleSpecifier: './protocol-version.js', namedExports: ['OPERATOR_PROTOCOLS'] });
  if (withClient) file.addExportDeclaration({ moduleSpecifier: './client.js' });
  for (const group of ir.versions ? [...RUNTIME_EXPORTS, ...VERSION_EXPORTS] : RUNTIME_EXPORTS) {
    if (group.entry !== 'index' || (group.client && !withClient)) continue;
    const moduleSpecifier = `./runtime/${group.module.replace(/\.ts$/, '.js')}`;
    if (group.values.length > 0) file.addExportDeclaration({ moduleSpecifier, namedExports: group.values });
    if (group.types.length > 0) file.addExportDeclaration({ isTypeOnly: true, moduleSpecifier, namedExports: group.types });
  }
  if (withClient) referenceNodeTypes(file);
  return textOf(file);
}

/**
 * The packet type of a direction under its fixed name (`RequestPacket`, `ResponsePacket`): an
 * exported alias when the schema names it otherwise; the type to write and its metadata reference.
 */
export function packetAlias(file: SourceFile, direction: 'request' | 'response', tsName: string): { alias: string; tsType: string; ref: string } {
  const alias = PACKET_TYPE_NAMES[direction];
  if (tsName !== alias) file.addTypeAlias({ isExported: true, name: alias, type: `T.${tsName}` });
  return { alias, tsType: tsName === alias ? `T.${alias}` : alias, ref: `{ c: '${tsName}' }` };
}
