/**
 * The shapes the client shares with the generated code: the client's options, a call's options,
 * how an operation is described to the core (OperationSpec, Unwrap), what the generated package
 * gives the core (PacketCodec) and what it gets back (Invoker, DownloadedFile).
 */
import type { Readable } from 'node:stream';
import type { PleskDebugEvent } from './debug.js';
import type { DocumentDecoder } from '../codec/decode.js';
import type { DecodeOptions, SchemaDriftEvent } from '../codec/decode-options.js';
import type { OperatorProtocols } from './protocol-versions.js';
import type { DownloadOptions, SavedFile } from './transfer-types.js';

export type { SchemaDriftEvent };

/** A drift report of the client: in a package of several protocol versions, also the versions of the package that declare the element (the answer came in another). */
export interface PleskSchemaDriftEvent extends SchemaDriftEvent {
  /** the package's other protocol versions whose schemas declare it, when some do */
  declaredIn?: string[];
}

/** The options of a PleskClient. Every optional one also takes `undefined`, so that `ca: stub.ca` compiles under `exactOptionalPropertyTypes`. */
export interface PleskClientOptions {
  /** host name or IP address of the Plesk server */
  host: string;
  /** default 8443 */
  port?: number | undefined;
  /** default /enterprise/control/agent.php */
  path?: string | undefined;
  /** sent as HTTP_AUTH_LOGIN, with `password` as HTTP_AUTH_PASSWD */
  login?: string | undefined;
  password?: string | undefined;
  /** sent as KEY (Plesk 12.0+); instead of login and password */
  secretKey?: string | undefined;
  /** certificate(s) to trust, PEM: the server's self-signed certificate or the CA that signed it */
  ca?: string | Buffer | Array<string | Buffer> | undefined;
  /** the name the certificate must carry, when it is not `host` (a server reached by IP address whose certificate names its host name) */
  servername?: string | undefined;
  /**
   * An HTTP proxy to tunnel through (CONNECT), `http://[user:password@]host:port`: the proxy sees
   * the server's name and port, never the credentials or the packets, which travel inside TLS
   * with the server (see proxy-agent.ts). The client reads no environment variable for it; the
   * command line passes what HTTPS_PROXY and NO_PROXY say.
   */
  proxy?: string | URL | undefined;
  /** Accept any certificate, for this client only. Anyone on the network path can then read the credentials. */
  dangerouslyDisableTlsVerification?: boolean | undefined;
  /** deadline of one exchange, in ms (default 30000) */
  timeoutMs?: number | undefined;
  /**
   * packet/@version: the server validates and answers in this protocol version. Default: the
   * package's PROTOCOL_VERSION (the version it was generated for); `null` sends no version (the
   * server then answers in its newest protocol).
   */
  protocolVersion?: string | null | undefined;
  /**
   * A package of several protocol versions: the versions the server speaks, when known (the
   * client then never asks); without it the client asks once (`get_protos`) and keeps the answer.
   * Each packet goes in the newest version the package and the server share that declares all
   * of it (docs/protocol-versions-and-drift.md). A package of one version does not read it.
   */
  protocolVersions?: readonly string[] | undefined;
  /**
   * What the decoder does with elements and attributes of an answer that the schema does not
   * declare (a newer server's additions): `'keep'` (default) keeps them, so that the call still
   * resolves and re-encoding writes them back, and reports each through `onSchemaDrift`;
   * `'error'` fails the call with XmlDecodeError.
   */
  unknownElements?: 'error' | 'keep' | undefined;
  /**
   * Called for every element or attribute an answer carries that the schema does not declare.
   * Without it, the client emits one process warning (PleskSchemaDrift) per path.
   */
  onSchemaDrift?: ((event: PleskSchemaDriftEvent) => void) | undefined;
  /** largest XML answer accepted, in bytes (default 64 MiB) */
  maxResponseBytes?: number | undefined;
  /** connections kept open to the server at most (default 16) */
  maxSockets?: number | undefined;
  /** resends of a read-only packet after a connection failure (default 2) */
  retries?: number | undefined;
  /** called for every exchange (each attempt): the masked packets, HTTP status, attempt, duration, error; see PleskDebugEvent */
  debug?: ((event: PleskDebugEvent) => void) | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** this call's deadline in ms, instead of the client's */
  timeoutMs?: number | undefined;
}

/** How a convenience method turns an operation's answer into its value (chosen by the generator). */
export type Unwrap =
  | { k: 'none' } // nothing but status: void
  | { k: 'list'; prop: string } // the one repeating element of the results, flattened across results
  | { k: 'value'; prop: string } // the one element of the single result
  | ({ k: 'result' } & ResultShape) // the single result
  | ({ k: 'results' } & ResultShape) // every result
  | { k: 'answer' }; // the operation's answer as it is (it has no result element)

/** How a result is given back once the client has seen it is ok (see result-shape.ts). */
export interface ResultShape {
  /** its status can only be ok: status, errcode and errtext are left out */
  ok?: true;
  /** the property of a repeated choice of distinct elements (server get's datasets): its members become the result's own properties */
  datasets?: string;
}

/**
 * A result as a client method gives it when its status can only be ok (the client throws on an
 * error result): without `status`, `errcode` and `errtext`.
 */
export type OkResult<T> = T extends unknown ? Omit<T, 'status' | 'errcode' | 'errtext'> : never;

/**
 * One operation of the package, as the generated operations.ts lists it: the client's methods,
 * the client core (what may be resent, what answers with a file), the stub and the command line
 * all read this one row.
 */
export interface OperationRow {
  /** the operator's element (`backup-manager`) and its property in a packet (`backupManager`) */
  operator: string;
  operatorProp: string;
  /** the operation's element (`get-tasks-info`) and its property (`getTasksInfo`) */
  operation: string;
  operationProp: string;
  /** only reads: resent after a connection failure */
  read: boolean;
  /** answered with a file on success (download-file) */
  binary: boolean;
  /** how a client method turns the answer into its value */
  unwrap: Unwrap;
  /** what a stub handler returns: the `result`, one or more `results`, or the whole `answer` (it has no <result>) */
  answer: 'result' | 'results' | 'answer';
  /** the operator's request holds the operation directly (one xs:choice, as db_server's), not in `operations` */
  single?: boolean;
  /** the same of the operator's answer */
  singleAnswer?: boolean;
  /** it starts a task that the operator's polling row (the one with `taskFilter`) follows: backup-* (the command line's --watch) */
  startsTask?: boolean;
  /** on the row that polls tasks (get-tasks-info): the property of its request that selects one task (`taskId`) */
  taskFilter?: string;
}

/** What the client core needs of an operation (a row of operations.ts). */
export type OperationSpec = OperationRow;

/** What the generated package gives the core: its codecs and its operations. */
export interface PacketCodec<Req, Res> {
  encode(packet: Req, protocolVersion?: string): string;
  decode(xml: string, options?: DecodeOptions & { protocolVersion?: string }): Res;
  /** decodes an answer in pieces, as it arrives */
  startDecoding(options?: DecodeOptions & { protocolVersion?: string }): DocumentDecoder<Res>;
  /** the XML API protocol version the package was generated for (PROTOCOL_VERSION) */
  protocolVersion: string | undefined;
  /** every operation of the package (operations.ts) */
  operations: readonly OperationRow[];
  /** a package of several protocol versions: its versions (runtime/client/version-router.ts); `encode` and the decoders then take the version */
  versions?: PacketVersions;
  /** the protocol versions in which Plesk documents the package's operators, where known (OPERATOR_PROTOCOLS) */
  operatorProtocols?: readonly OperatorProtocols[];
}

/** The protocol versions of a package of several, as the client core routes packets through them (version-router.ts). */
export interface PacketVersions {
  /** oldest first */
  readonly versions: readonly string[];
  /** the router of one client */
  router(setup: RouterSetup): PacketRouter;
}

export interface RouterSetup {
  /** the option protocolVersion: every packet in this version */
  pinned: string | null | undefined;
  /** the option protocolVersions: the server's versions, never asked */
  hostVersions: readonly string[] | undefined;
  /** asks the server for its versions (get_protos) */
  ask(options: CallOptions): Promise<string[]>;
  /** the package's request encoder, in one version */
  encode(packet: unknown, version: string): string;
}

export interface PacketRouter {
  /** the version a packet goes in, and its text; a PleskVersionError when none can carry it (nothing is sent) */
  route(packet: { version?: string }, options: CallOptions, call: string): Promise<{ version: string; body: string }>;
  /** the decode options of an answer to a packet sent in `version` (its drift reports name the versions that declare an element) */
  decodeOptions(options: DecodeOptions, version: string): DecodeOptions;
}

/** What the generated operator objects call: the client's exchange of one operation. */
export interface Invoker {
  call(spec: OperationSpec, input: unknown, options?: CallOptions): Promise<unknown>;
  /** the file as a stream; written to `options.toFile` instead when given (a SavedFile) */
  download(spec: OperationSpec, input: unknown, options?: DownloadOptions): Promise<DownloadedFile | SavedFile>;
}

/** A file sent back by an operation such as download-file. The body is not read yet. */
export interface DownloadedFile {
  filename: string | undefined;
  contentType: string;
  /** from Content-Length, when the server sent one */
  length: number | undefined;
  stream: Readable;
  /** reads the whole stream */
  buffer(): Promise<Buffer>;
}
