/**
 * The shapes of the Plesk stub (`<package>/testing`): its options, the stub itself, what it
 * records, the faults it can be told to act out, and how the generated testing.ts describes an
 * operation to it. The handler types are generated per operator and operation (testing.ts).
 */
import type { OperationRow } from '../client/client-types.js';
import type { OperatorProtocols } from '../client/protocol-versions.js';
import type { StubFile } from './stub-answers.js';

/** One operation: the stub reads the rows of the package's operations.ts, as the client does. */
export type StubOperationSpec = OperationRow;

/** What the generated testing.ts gives the stub: the package's codecs and its operations. */
export interface StubCodec<Req, Res> {
  decodeRequest(xml: string): Req;
  encodeResponse(packet: Res): string;
  operations: readonly StubOperationSpec[];
  /** the response operator answering uploads (`upload`) and whether its result repeats; none: uploads are refused */
  upload?: { prop: string; many: boolean } | undefined;
  /** the protocol versions of the package's operators (OPERATOR_PROTOCOLS), for `refuseAbsentOperators` */
  operatorProtocols?: readonly OperatorProtocols[] | undefined;
  /** a package of several protocol versions (stub-versions.ts): each packet read and answered in its version */
  versions?: StubVersions<Req, Res> | undefined;
}

/**
 * How the stub of a package of several versions reads a packet: in the version it names (or the
 * server's newest), with which of the package's tables; `unsupported`: the version it names, which
 * the server does not speak (1005, answered in the server's newest).
 */
export interface StubReading {
  version: string;
  tables: string;
  unsupported?: string;
}

export interface StubVersions<Req, Res> {
  /** the package's versions, oldest first */
  readonly versions: readonly string[];
  reading(body: string, speaks: readonly string[] | undefined): StubReading;
  decodeRequest(xml: string, tables: string): Req;
  encodeResponse(packet: Res, tables: string): string;
}

/** The credentials a request carried (the HTTP headers Plesk reads), as sent. */
export interface StubCredentials {
  login?: string;
  password?: string;
  secretKey?: string;
}

/** One operation of a request the stub decoded, in the order received. */
export interface StubCall<K extends string = string> {
  /** `operatorProp.operationProp`, such as `backupManager.getTasksInfo` */
  key: K;
  operator: string;
  operation: string;
  /** the decoded request of this operation */
  input: unknown;
  credentials: StubCredentials;
  /** the whole request packet as received */
  xml: string;
  /** the packet's protocol version, if it named one */
  version?: string;
}

/** One HTTP request the stub received at the agent, whatever became of it. */
export interface StubRequest {
  xml: string;
  credentials: StubCredentials;
  /** the HTTP status answered; undefined when the connection was dropped or left hanging */
  status?: number;
  /** the XML packet answered, when the stub encoded one (scripted `xml` faults included) */
  answer?: string;
  /** `file` when a file was sent, `upload` for a multipart upload (its `xml` is a description of it) */
  kind: 'packet' | 'file' | 'fault' | 'upload';
  /** the fault acted out, if any */
  fault?: StubFault['kind'];
}

/**
 * A fault the stub acts out instead of (or around) the normal answer:
 *
 * - `drop`: the operations run (their effects happen), then the connection closes without an answer;
 * - `hang`: no answer ever (until the client gives up or the stub closes);
 * - `slow`: the normal answer, after `delayMs`;
 * - `html`: an HTML page with `status` (a proxy's 502, a login page with 200);
 * - `system-error`: a `<system>` error packet with `code` and `text` (1006, 1010, 1030, …);
 * - `xml`: this text as the answer body (any XML, valid or not), with `status` (default 200);
 * - `file-stall` / `file-cut`: a file answer that stops arriving / whose connection breaks off;
 * - `file-slow`: the file answer, `chunkBytes` (default 1024) every `delayMs`.
 */
export type StubFault =
  | { kind: 'drop' }
  | { kind: 'hang' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'html'; status: number; title?: string }
  | { kind: 'system-error'; code: number; text?: string }
  | { kind: 'xml'; xml: string; status?: number }
  | { kind: 'file-stall' }
  | { kind: 'file-cut' }
  | { kind: 'file-slow'; delayMs: number; chunkBytes?: number };

export interface StubFaultOptions<K extends string = string> {
  /** only a packet with this operation (`customer.get`) meets the fault; default: the next packet */
  operation?: K;
  /** how many packets meet it (default 1; Infinity: every one) */
  times?: number;
}

/** The request a fault picker sees (option `faultFor`). */
export interface StubIncoming {
  xml: string;
  /** keys of the operations in it (empty when it does not decode) */
  operations: string[];
  /** the credentials it carried, as sent */
  credentials: StubCredentials;
}

/** Every option also takes `undefined` (as under `exactOptionalPropertyTypes` a test passes one along). */
export interface PleskStubOptions<H, K extends string = string> {
  /** one object per operator, one function per operation (see the generated `PleskStubHandlers`) */
  handlers?: H | undefined;
  /** accepted login and password (defaults `admin` / `stub-password`) */
  login?: string | undefined;
  password?: string | undefined;
  /** accepted secret key (KEY header; default `stub-secret-key`) */
  secretKey?: string | undefined;
  /**
   * protocol versions accepted; a packet naming another is answered 1005 (default: any; in a
   * package of several versions, the package's: each packet is read and answered with its
   * version's schemas, and get_protos lists them when no handler answers it)
   */
  protocolVersions?: readonly string[] | undefined;
  /** the server's newest protocol: the version attribute of answers to packets that name none (default 1.6.9.0; in a package of several versions, the newest of `protocolVersions`) */
  protocolVersion?: string | undefined;
  /**
   * play a server of a newer protocol: a packet with an operator the package knows to be absent
   * from the packet's protocol (OPERATOR_PROTOCOLS; a packet without a version is of
   * `protocolVersion`) is refused with 1014, as Plesk refuses an element its schema lacks
   * (default false). `protocolVersion: '1.6.9.1'` then refuses backup-manager in a packet without a version.
   */
  refuseAbsentOperators?: boolean | undefined;
  /** default: any free port */
  port?: number | undefined;
  /** default true; false serves plain HTTP (for clients other than PleskClient, which speaks HTTPS only) */
  tls?: boolean | undefined;
  /** the agent's path (default /enterprise/control/agent.php) */
  path?: string | undefined;
  /** largest request body accepted, in bytes (default 16 MiB) */
  maxRequestBytes?: number | undefined;
  /** largest file an upload may carry, in bytes, as the panel's PHP upload_max_filesize (default 64 MiB): a larger one is answered error 1023 */
  maxUploadBytes?: number | undefined;
  /** decides a fault per request, before the queued ones (`stub.fail`) are looked at */
  faultFor?: ((request: StubIncoming) => StubFault | undefined) | undefined;
}

/** A file the stub received by upload, kept in memory; its `file` is what import-file is given. */
export interface StubUpload {
  /** the file name the client sent */
  name: string;
  /** the server-side temporary path the stub answered (`/usr/local/psa/tmp/li_…`) */
  file: string;
  content: Buffer;
  credentials: StubCredentials;
}

export interface PleskStub<K extends string = string> {
  /** 127.0.0.1 */
  host: string;
  port: number;
  /** `https://127.0.0.1:<port>/enterprise/control/agent.php` */
  url: string;
  /** the certificate (PEM) to pass to the client as `ca`; undefined with `tls: false` */
  ca: string | undefined;
  /** the credentials the stub accepts */
  login: string;
  password: string;
  secretKey: string;
  /** every operation of every decoded request, in order */
  readonly calls: ReadonlyArray<StubCall<K>>;
  /** every HTTP request received at the agent, in order */
  readonly requests: readonly StubRequest[];
  /** every file uploaded and accepted, in order (an import-file handler finds its file here) */
  readonly uploads: readonly StubUpload[];
  /** errors of the stub's own making: a handler that threw something other than stubOperationError, an answer that breaks the schema (each was answered with HTTP 500) */
  readonly errors: readonly Error[];
  /** queues a fault for the next packet (or the next packets with `operation`) */
  fail(fault: StubFault, options?: StubFaultOptions<K>): void;
  /** forgets calls, requests, uploads, errors and queued faults */
  reset(): void;
  /** stops listening and closes every connection (hanging ones included); leaves no handle open */
  close(): Promise<void>;
}

/** A handler of one operation: its decoded request in, its result out (or a Promise of it). */
export type StubHandler<I, R, K extends string = string> = (input: I, call: StubCall<K>) => R | Promise<R>;

export type { StubFile };
