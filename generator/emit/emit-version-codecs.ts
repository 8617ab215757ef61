/**
 * codecs.ts of a package of several protocol versions: the same entry points as a package of one
 * set (emit-codecs.ts), each reading and writing with one version's tables (metadata.ts
 * `schemaOf`): `encodeRequestPacket(packet, '1.6.6.0')`, `decodeResponsePacket(xml, {
 * protocolVersion: '1.6.6.0' })`. Without one: the version a packet or document names (its
 * `version` attribute), if the package has it; else, to write, the newest version that declares
 * everything the value holds (a packet that names no version is written naming it), and to read a
 * whole document, the newest that reads it (a document in pieces: the newest). The client
 * chooses the version of each packet itself (runtime/client/version-router.ts).
 */
import type { Project } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { PACKET_ELEMENT } from '../passes/apply-plesk-conventions.js';
import { compareCodePoints } from '../passes/names.js';
import { jsDoc } from './comments.js';
import { packetAlias } from './emit-codecs.js';
import { createGeneratedFile, textOf } from './print.js';

export function emitVersionCodecs(project: Project, ir: IrSchema): string {
  const file = createGeneratedFile(project, 'codecs.ts', ir.entries, 'Typed encoders and decoders, for each protocol version of the package.');
  const packets = ir.packets;
  const typeNames = ir.complexTypes.map((t) => t.tsName).sort(compareCodePoints);
  const hasPackets = packets.request !== undefined || packets.response !== undefined;
  file.addImportDeclaration({ moduleSpecifier: './metadata.js', namedImports: ['schemaOf'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/errors.js', namedImports: ['XmlDecodeError'] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/meta.js', namedImports: ['Frozen', 'SchemaMeta'] });
  file.addImportDeclaration({ moduleSpecifier: './protocol-version.js', namedImports: ['PROTOCOL_VERSION', 'PROTOCOL_VERSIONS', 'type ProtocolVersion'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/client/version-availability.js', namedImports: ['firstUndeclared', 'namedVersion'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/decode.js', namedImports: ['decodeDocument', ...(hasPackets ? ['startDecoding', 'type DocumentDecoder'] : [])] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/decode-options.js', namedImports: ['DecodeOptions'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/encode.js', namedImports: ['encodeDocument'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/type-arguments.js', namedImports: ['checkTypeArguments'] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namespaceImport: 'T' });
  file.addInterface({
    isExported: true,
    name: 'PacketDecodeOptions',
    extends: ['DecodeOptions'],
    docs: [jsDoc('The decoders\' options in a package of several protocol versions: which version\'s schemas the document is read with (default: the one it names on its root, if the package has it, else the newest that reads it).')],
    properties: [{ name: 'protocolVersion', type: 'ProtocolVersion | undefined', hasQuestionToken: true }],
  });
  const versionDoc = 'protocolVersion: the version whose schemas it is written with; default: the one the value names in its `version`, if the package has it, else the newest that declares everything the value holds';
  const readDoc = 'default: the one the document names on its root, if the package has it, else the newest that reads it';
  file.addFunction({
    name: 'isVersion',
    parameters: [{ name: 'version', type: 'unknown' }],
    returnType: 'version is ProtocolVersion',
    docs: [jsDoc('Whether the package has the schemas of a version.')],
    statements: 'return typeof version === \'string\' && (PROTOCOL_VERSIONS as readonly string[]).includes(version);',
  });
  file.addFunction({
    name: 'writingVersion',
    parameters: [{ name: 'value', type: 'unknown' }, { name: 'type', type: 'string' }],
    returnType: 'ProtocolVersion',
    docs: [jsDoc('The version a value is written in when none is given: the one it names, else the newest that declares all of it (else the newest, whose encoder then says what is wrong).')],
    statements: [
      'const named = value !== null && typeof value === \'object\' && Object.hasOwn(value, \'version\') ? (value as { version?: unknown }).version : undefined;',
      'if (isVersion(named)) return named;',
      'for (const version of [...PROTOCOL_VERSIONS].reverse()) {',
      '  const schema = schemaOf(version);',
      '  if (Object.hasOwn(schema.complex, type) && firstUndeclared(schema, { c: type }, value) === undefined) return version;',
      '}',
      'return PROTOCOL_VERSION;',
    ],
  });
  file.addFunction({
    name: 'readingVersion',
    parameters: [{ name: 'type', type: 'string' }, { name: 'options', type: 'PacketDecodeOptions | undefined' }],
    returnType: 'ProtocolVersion',
    docs: [jsDoc('The version a document in pieces is read in: the option, else the newest that declares its type (its start is not read before it is decoded).')],
    statements: 'return options?.protocolVersion ?? [...PROTOCOL_VERSIONS].reverse().find((version) => Object.hasOwn(schemaOf(version).complex, type)) ?? PROTOCOL_VERSION;',
  });
  file.addFunction({
    name: 'readIn',
    parameters: [{ name: 'type', type: 'string' }, { name: 'xml', type: 'string | Uint8Array' }, { name: 'options', type: 'PacketDecodeOptions | undefined' }, { name: 'read', type: '(schema: Frozen<SchemaMeta>) => unknown' }],
    returnType: 'unknown',
    docs: [jsDoc('Reads a whole document in the version the option or the document names; when neither names one the package has, in the newest version (of those declaring the type) that reads it (the newest one\'s error when none does).')],
    statements: [
      'const named = options?.protocolVersion ?? namedVersion(xml);',
      'if (isVersion(named)) return read(schemaOf(named));',
      'let first: unknown;',
      'for (const version of [...PROTOCOL_VERSIONS].reverse()) {',
      '  if (!Object.hasOwn(schemaOf(version).complex, type)) continue;',
      '  try {',
      '    return read(schemaOf(version));',
      '  } catch (error) {',
      '    if (!(error instanceof XmlDecodeError)) throw error;',
      '    first ??= error;',
      '  }',
      '}',
      'throw first ?? new TypeError(`no protocol version of this package declares the type ${type}`);',
    ],
  });

  for (const direction of ['request', 'response'] as const) {
    const type = packets[direction];
    if (!type) continue;
    const { alias, tsType, ref } = packetAlias(file, direction, type.tsName);
    file.addFunction({
      isExported: true,
      name: `encode${alias}`,
      parameters: [{ name: 'packet', type: tsType }, { name: 'protocolVersion', type: 'ProtocolVersion', initializer: `writingVersion(packet, '${type.tsName}')` }],
      returnType: 'string',
      docs: [jsDoc(`Writes a ${direction} <${PACKET_ELEMENT}> in schema order, checking every rule of one protocol version's schemas first (${versionDoc}).\n\n@throws XmlEncodeError naming the path and the broken rule\n@throws TypeError when the package has no schemas of that version`)],
      // a packet that names no version is written naming the one it is written in
      statements: type.attrs.some((a) => a.name === 'version' && a.prop === 'version')
        ? `return encodeDocument(schemaOf(protocolVersion), '${PACKET_ELEMENT}', ${ref}, packet.version === undefined ? { ...packet, version: protocolVersion } : packet);`
        : `return encodeDocument(schemaOf(protocolVersion), '${PACKET_ELEMENT}', ${ref}, packet);`,
    });
    file.addFunction({
      isExported: true,
      name: `decode${alias}`,
      parameters: [{ name: 'xml', type: 'string | Uint8Array' }, { name: 'options', type: 'PacketDecodeOptions', hasQuestionToken: true }],
      returnType: tsType,
      docs: [jsDoc(`Reads a ${direction} <${PACKET_ELEMENT}> (a string, or its UTF-8 bytes), validating it against one protocol version's schemas as it goes (\`options.protocolVersion\`; ${readDoc}). \`options.unknownElements: 'keep'\` keeps (and reports) elements and attributes the schema does not declare instead of failing.\n\n@throws XmlDecodeError naming the path, line, column and what was expected`)],
      statements: `return readIn('${type.tsName}', xml, options, (schema) => decodeDocument(schema, '${PACKET_ELEMENT}', ${ref}, xml, options)) as ${tsType};`,
    });
    file.addFunction({
      isExported: true,
      name: `startDecoding${alias}`,
      parameters: [{ name: 'options', type: 'PacketDecodeOptions', hasQuestionToken: true }],
      returnType: `DocumentDecoder<${tsType}>`,
      docs: [jsDoc(`Reads a ${direction} <${PACKET_ELEMENT}> in pieces, as it arrives: \`write(piece)\` each piece, then \`end()\` gives the value. The same checks and options as \`decode${alias}\`, but for the version: \`options.protocolVersion\`, else the newest that declares the packet (the document is not read before it is decoded).\n\n@throws XmlDecodeError (from write or end) naming the path, line, column and what was expected`)],
      statements: `return startDecoding(schemaOf(readingVersion('${type.tsName}', options)), '${PACKET_ELEMENT}', ${ref}, options) as DocumentDecoder<${tsType}>;`,
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
    parameters: [{ name: 'type', type: 'K' }, { name: 'element', type: 'string' }, { name: 'value', type: 'TypeMap[K]' }, { name: 'protocolVersion', type: 'ProtocolVersion', initializer: 'writingVersion(value, type)' }],
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
    docs: [jsDoc(`Reads a document whose root is the element \`element\` of the complex type \`type\`, with one protocol version's schemas (\`options.protocolVersion\`; ${readDoc}).\n\n@throws TypeError when \`type\` is not a type of that version or \`element\` is not an XML name\n@throws XmlDecodeError naming the path, line, column and what was expected`)],
    statements: 'return readIn(type, xml, options, (schema) => {\n  checkTypeArguments(\'decodeType\', schema, type, element);\n  return decodeDocument(schema, element, { c: type }, xml, options);\n}) as TypeMap[K];',
  });
  return textOf(file);
}
