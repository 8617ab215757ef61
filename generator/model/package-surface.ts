/**
 * What the generated package exports besides its schema types: the runtime's public names, by
 * entry point and module, and the fixed names of the generated files. index.ts and testing.ts
 * re-export from this list, and the symbol table reserves every name of it before any schema
 * type is named, so a type can never shadow one (a complex type `CallOptions` becomes
 * `CallOptionsType`). Each runtime name is checked against the runtime module's own exports when
 * the package is generated (reserve-names.ts): the list cannot drift from the runtime.
 */

export interface RuntimeExports {
  /** the package entry that re-exports them */
  entry: 'index' | 'testing';
  /** the runtime module, by its path inside runtime/ */
  module: string;
  values: string[];
  types: string[];
  /** only in a package with a client */
  client: boolean;
}

export const RUNTIME_EXPORTS: readonly RuntimeExports[] = [
  { entry: 'index', module: 'codec/errors.ts', values: ['XmlDecodeError', 'XmlEncodeError'], types: [], client: false },
  { entry: 'index', module: 'codec/decode-options.ts', values: ['setUnknownContent', 'unknownContentOf'], types: ['DecodeOptions', 'KeptValue', 'SchemaDriftEvent', 'SchemaDriftKind', 'UnknownContent', 'UnknownElement'], client: false },
  { entry: 'index', module: 'codec/decode.ts', values: [], types: ['DocumentDecoder'], client: false },
  { entry: 'index', module: 'codec/meta.ts', values: [], types: ['AnyElement', 'AtMostOneOf', 'OneOf', 'OneOfShapes', 'RawXml', 'SchemaMeta', 'UnknownValue', 'XmlAny'], client: false },
  { entry: 'index', module: 'codec/raw-xml.ts', values: ['xmlElement'], types: [], client: false },
  { entry: 'index', module: 'client/plesk-errors.ts', values: ['PleskOperationError', 'PleskSystemError', 'PleskTaskFailedError', 'PleskTaskTimeoutError', 'PleskTransportError', 'PleskUploadTooLargeError'], types: ['PleskResult', 'TransportFailure'], client: true },
  { entry: 'index', module: 'client/client.ts', values: [], types: ['CallOptions', 'DownloadedFile', 'OkResult', 'PleskClientOptions', 'PleskDebugEvent', 'SchemaDriftSummary'], client: true },
  { entry: 'index', module: 'client/protocol-versions.ts', values: ['compareProtocolVersions', 'sortProtocolVersions'], types: ['OperatorProtocols'], client: true },
  { entry: 'index', module: 'client/transfer-types.ts', values: [], types: ['DownloadOptions', 'ProgressListener', 'SavedFile', 'TransferProgress', 'UploadedFile', 'UploadOptions', 'UploadSource'], client: true },
  { entry: 'index', module: 'client/wait-for-task.ts', values: [], types: ['WaitForTaskOptions'], client: true },
  { entry: 'testing', module: 'testing/stub-answers.ts', values: ['StubFile', 'StubOperationError', 'stubFile', 'stubOperationError'], types: [], client: true },
  { entry: 'testing', module: 'testing/certificate.ts', values: ['createStubCertificate'], types: [], client: true },
  { entry: 'testing', module: 'testing/stand-in-types.ts', values: [], types: ['PleskStandIn', 'StandInBackup', 'StandInCustomer', 'StandInScenario', 'StandInTask', 'StandInWebspace'], client: true },
  { entry: 'testing', module: 'testing/stub-types.ts', values: [], types: ['PleskStub', 'StubCall', 'StubCredentials', 'StubFault', 'StubFaultOptions', 'StubHandler', 'StubIncoming', 'StubRequest', 'StubUpload'], client: true },
];

/**
 * What only a package of several protocol versions has (generate-versions.ts): the runtime
 * modules it carries besides the others (a package of one set carries none of them, and is as it
 * was before packages had versions), their exports at its root, and the fixed names its own
 * generated files declare (metadata.ts, codecs.ts, protocol-version.ts). Reserved, like the
 * others, before any type of such a package is named.
 */
export const VERSION_MODULES: readonly string[] = ['client/plesk-version-error.ts', 'client/version-availability.ts', 'client/version-router.ts', 'testing/stub-versions.ts'];

export const VERSION_EXPORTS: readonly RuntimeExports[] = [
  { entry: 'index', module: 'client/plesk-version-error.ts', values: ['PleskVersionError'], types: [], client: true },
];

export const VERSION_GENERATED_NAMES = {
  metadata: ['schemaOf'],
  codecs: ['PacketDecodeOptions'],
  protocolVersion: ['PROTOCOL_VERSIONS', 'PROTOCOL_REVISIONS', 'ProtocolVersion'],
} as const;

/** Names the generated files of the package root declare themselves (or import into client.ts, beside the operator classes). */
export const GENERATED_NAMES = {
  codecs: ['encodeRequestPacket', 'decodeRequestPacket', 'startDecodingRequestPacket', 'encodeResponsePacket', 'decodeResponsePacket', 'startDecodingResponsePacket', 'TypeMap', 'encodeType', 'decodeType'],
  metadata: ['schema'],
  protocolVersion: ['PROTOCOL_VERSION', 'OPERATOR_PROTOCOLS'],
  client: ['PleskClient', 'PleskClientCore', 'Invoker', 'OPERATIONS', 'CODEC', 'waitForTask'],
} as const;

/** Globals a generated type must not shadow. */
export const GLOBAL_NAMES = [
  'Array', 'ArrayBuffer', 'BigInt', 'Boolean', 'DataView', 'Date', 'Error', 'Exclude', 'Extract', 'Function',
  'Infinity', 'Intl', 'Iterable', 'Iterator', 'JSON', 'Map', 'Math', 'NaN', 'NonNullable', 'Number', 'Object',
  'Omit', 'Partial', 'Pick', 'Promise', 'Proxy', 'Readonly', 'Record', 'Reflect', 'RegExp', 'Required',
  'ReturnType', 'Set', 'String', 'Symbol', 'TypeError', 'Uint8Array', 'WeakMap', 'WeakSet', 'undefined',
] as const;
