/**
 * codecs.ts of a package of several protocol versions: the same entry points as a package of one
 * set (emit-codecs.ts), each reading and writing with one version's tables (metadata.ts
 * `schemaOf`): `encodeRequestPacket(packet, '1.6.6.0')`, `decodeResponsePacket(xml, {
 * protocolVersion: '1.6.6.0' })`; without a version, the newest (`PROTOCOL_VERSION`). The client
 * chooses the version of each packet itself (runtime/client/version-router.ts).
 */
import type { Project } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { PACKET_ELEMENT, PACKET_TYPE_NAMES } from '../passes/apply-plesk-conventions.js';
import { compareCodePoints } from '../passes/names.js';
import { jsDoc } from './comments.js';
import { createGeneratedFile, textOf } from './print.js';

export function emitVersionCodecs(project: Project, ir: IrSchema): string {
  const file = createGeneratedFile(project, 'codecs.ts', ir.entries, 'Typed encoders and decoders, for each protocol version of the package.');
  const packets = ir.packets;
  const typeNames = ir.complexTypes.map((t) => t.tsName).sort(compareCodePoints);
  const hasPackets = packets.request !== undefined || packets.response !== undefined;
  file.addImportDeclaration({ moduleSpecifier: './metadata.js', namedImports: ['schemaOf'] });
  file.addImportDeclaration({ moduleSpecifier: './protocol-version.js', namedImports: ['PROTOCOL_VERSION', 'type ProtocolVersion'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/decode.js', namedImports: ['decodeDocument', ...(hasPackets ? ['startDecoding', 'type DocumentDecoder'] : [])] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/decode-options.js', namedImports: ['DecodeOptions'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/encode.js', namedImports: ['encodeDocument'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/type-arguments.js', namedImports: ['checkTypeArguments'] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namespaceImport: 'T' });
  file.addInterface({
    isExported: true,
    name: 'PacketDecodeOptions',
    extends: ['DecodeOptions'],
    docs: [jsDoc('The decoders\' options in a package of several protocol versions: which version\'s schemas the document is read with (default: the newest, `PROTOCOL_VERSION`).')],
    properties: [{ name: 'protocolVersion', type: 'ProtocolVersion | undefined', hasQuestionToken: true }],
  });
  const versionDoc = 'protocolVersion: the version whose schemas it is written with (default: the newest, `PROTOCOL_VERSION`)';

  for (const direction of ['request', 'response'] as const) {
    const type = packets[direction];
    if (!type) continue;
    const alias = PACKET_TYPE_NAMES[direction];
    if (type.tsName !== alias) file.addTypeAlias({ isExported: true, name: alias, type: `T.${type.tsName}` });
    const tsType = type.tsName === alias ? `T.${alias}` : alias;
    const ref = `{ c: '${type.tsName}' }`;
    file.addFunction({
      isExported: true,
      name: `encode${alias}`,
      parameters: [{ name: 'packet', type: tsType }, { name: 'protocolVersion', type: 'ProtocolVersion', initializer: 'PROTOCOL_VERSION' }],
      returnType: 'string',
      docs: [jsDoc(`Writes a ${direction} <${PACKET_ELEMENT}> in schema order, checking every rule of one protocol version's schemas first (${versionDoc}).\n\n@throws XmlEncodeError naming the path and the broken rule\n@throws TypeError when the package has no schemas of that version`)],
      statements: `return encodeDocument(schemaOf(protocolVersion), '${PACKET_ELEMENT}', ${ref}, packet);`,
    });
    file.addFunction({
      isExported: true,
      name: `decode${alias}`,
      parameters: [{ name: 'xml', type: 'string | Uint8Array' }, { name: 'options', type: 'PacketDecodeOptions', hasQuestionToken: true }],
      returnType: tsType,
      docs: [jsDoc(`Reads a ${direction} <${PACKET_ELEMENT}> (a string, or its UTF-8 bytes), validating it against one protocol version's schemas as it goes (\`options.protocolVersion\`, default the newest). \`options.unknownElements: 'keep'\` keeps (and reports) elements and attributes the schema does not declare instead of failing.\n\n@throws XmlDecodeError naming the path, line, column and what was expected`)],
      statements: `return decodeDocument(schemaOf(options?.protocolVersion ?? PROTOCOL_VERSION), '${PACKET_ELEMENT}', ${ref}, xml, options) as ${tsType};`,
    });
    file.addFunction({
      isExported: true,
      name: `startDecoding${alias}`,
      parameters: [{ name: 'options', type: 'PacketDecodeOptions', hasQuestionToken: true }],
      returnType: `DocumentDecoder<${tsType}>`,
      docs: [jsDoc(`Reads a ${direction} <${PACKET_ELEMENT}> in pieces, as it arrives: \`write(piece)\` each piece, then \`end()\` gives the value. The same checks and options as \`decode${alias}\`.\n\n@throws XmlDecodeError (from write or end) naming the path, line, column and what was expected`)],
      statements: `return startDecoding(schemaOf(options?.protocolVersion ?? PROTOCOL_VERSION), '${PACKET_ELEMENT}', ${ref}, options) as DocumentDecoder<${tsType}>;`,
    });
  }

  file.addInterface({
    isExported: true,
    name: 'TypeMap',
    docs: [jsDoc('Every complex type of the schema sets, by name: the types `encodeType` and `decodeType` accept (each in the protocol versions that declare it).')],
    properties: typeNames.map((name) => ({ name, type: `T.${name}` })),
  });
  file.addFunction({
    isExported: true,
    name: 'encodeType',
    typeParameters: [{ name: 'K', constraint: 'keyof TypeMap' }],
    parameters: [{ name: 'type', type: 'K' }, { name: 'element', type: 'string' }, { name: 'value', type: 'TypeMap[K]' }, { name: 'protocolVersion', type: 'ProtocolVersion', initializer: 'PROTOCOL_VERSION' }],
    returnType: 'string',
    docs: [jsDoc(`Writes \`value\` as the element \`element\` of the complex type \`type\` (${versionDoc}).\n\n@throws TypeError when \`type\` is not a type of that version or \`element\` is not an XML name\n@throws XmlEncodeError naming the path and the broken rule`)],
    statements: 'const schema = schemaOf(protocolVersion);\ncheckTypeArguments(\'encodeType\', schema, type, element);\nreturn encodeDocument(schema, element, { c: type }, value);',
  });
  file.addFunction({
    isExported: true,
    name: 'decodeType',
    typeParameters: [{ name: 'K', constraint: 'keyof TypeMap' }],
    parameters: [{ name: 'type', type: 'K' }, { name: 'element', type: 'string' }, { name: 'xml', type: 'string | Uint8Array' }, { name: 'options', type: 'PacketDecodeOptions', hasQuestionToken: true }],
    returnType: 'TypeMap[K]',
    docs: [jsDoc('Reads a document whose root is the element `element` of the complex type `type`, with one protocol version\'s schemas (`options.protocolVersion`, default the newest).\n\n@throws TypeError when `type` is not a type of that version or `element` is not an XML name\n@throws XmlDecodeError naming the path, line, column and what was expected')],
    statements: 'const schema = schemaOf(options?.protocolVersion ?? PROTOCOL_VERSION);\ncheckTypeArguments(\'decodeType\', schema, type, element);\nreturn decodeDocument(schema, element, { c: type }, xml, options) as TypeMap[K];',
  });
  return textOf(file);
}
