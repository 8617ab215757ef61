/**
 * The shapes of the Plesk stub (`<package>/testing`): its options, the stub itself, what it
 * records, the faults it can be told to act out, and how the generated testing.ts describes an
 * operation to it. The handler types are generated per operator and operation (testing.ts).
 */
import type { OperationRow } from '../client/client-types.js';
import type { StubFile } from './stub-answers.js';

/** One operation: the stub reads the rows of the package's operations.ts, as the client does. */
export type StubOperationSpec = OperationRow;

/** What the generated testing.ts gives the stub: the package's codecs and its operations. */
export interface StubCodec<Req, Res> {
  decodeRequest(xml: string): Req;
  encodeResponse(packet: Res): string;
  operations: readonly StubOperationSpec[];
  /** a package of several protocol versions (stub-versions.ts): each packet read and answered in its version */
  versions?: StubVersions<Req, Res>;
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
  /** the answer to `<server><get_protos/></server>`, when the packet is that */
  protosAnswer(body: string, speaks: readonly string[] | undefined): string | undefined;
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
  /** `file` when a file was sent */
  kind: 'packet' | 'file' | 'fault';
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
 * - `file-stall` / `file-cut`: a file answer that stops arriving / whose connection breaks off.
 */
export type StubFault =
  | { kind: 'drop' }
  | { kind: 'hang' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'html'; status: number; title?: string }
  | { kind: 'system-error'; code: number; text?: string }
  | { kind: 'xml'; xml: string; status?: number }
  | { kind: 'file-stall' }
  | { kind: 'file-cut' };

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

export interface PleskStubOptions<H, K extends string = string> {
  /** one object per operator, one function per operation (see the generated `PleskStubHandlers`) */
  handlers?: H;
  /** accepted login and password (defaults `admin` / `stub-password`) */
  login?: string;
  password?: string;
  /** accepted secret key (KEY header; default `stub-secret-key`) */
  secretKey?: string;
  /**
   * protocol versions accepted; a packet naming another is answered 1005 (default: any; in a
   * package of several versions, the package's: each packet is read and answered with its
   * version's schemas, and get_protos lists them when no handler answers it)
   */
  protocolVersions?: readonly string[];
  /** the version attribute of answers to packets that name none (default 1.6.9.0) */
  protocolVersion?: string;
  /** default: any free port */
  port?: number;
  /** default true; false serves plain HTTP (for clients other than PleskClient, which speaks HTTPS only) */
  tls?: boolean;
  /** the agent's path (default /enterprise/control/agent.php) */
  path?: string;
  /** largest request body accepted, in bytes (default 16 MiB) */
  maxRequestBytes?: number;
  /** decides a fault per request, before the queued ones (`stub.fail`) are looked at */
  faultFor?: (request: StubIncoming) => StubFault | undefined;
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
  /** errors of the stub's own making: a handler that threw something other than stubOperationError, an answer that breaks the schema (each was answered with HTTP 500) */
  readonly errors: readonly Error[];
  /** queues a fault for the next packet (or the next packets with `operation`) */
  fail(fault: StubFault, options?: StubFaultOptions<K>): void;
  /** forgets calls, requests, errors and queued faults */
  reset(): void;
  /** stops listening and closes every connection (hanging ones included); leaves no handle open */
  close(): Promise<void>;
}

/** A handler of one operation: its decoded request in, its result out (or a Promise of it). */
export type StubHandler<I, R, K extends string = string> = (input: I, call: StubCall<K>) => R | Promise<R>;

export type { StubFile };
