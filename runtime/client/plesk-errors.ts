/**
 * The errors of the Plesk client, one class per level at which an exchange can fail:
 *
 * - PleskTransportError: no usable answer (connection, TLS, timeout, abort, HTTP status other than
 *   200, a body that is not a Plesk packet, a body over the size limit);
 * - PleskSystemError: the server refused the whole packet (`<system><status>error</status>`);
 * - PleskOperationError: an operation answered one or more `<result>` with status error.
 *
 * Around them: PleskTaskTimeoutError and PleskTaskFailedError (waitForTask), PleskUploadTooLargeError
 * (an upload over the server's limit, a PleskOperationError of `upload`).
 *
 * XmlEncodeError / XmlDecodeError (runtime/codec/errors.ts) come from the codecs unchanged. No
 * message is ever built from the credentials: the client also masks them in any text the server
 * sends back. Every class is branded (runtime/codec/error-brand.ts): `instanceof` holds for an error
 * of the same class thrown by another generated package's runtime.
 */
import { BrandedError, brandClass } from '../codec/error-brand.js';

/** The packet-level codes a client is most likely to meet, for messages (branch on `.code`). */
const SYSTEM_CODES: Record<number, string> = {
  1001: 'authentication failed: wrong login or password',
  1005: 'XML API version not supported by this server',
  1006: 'permission denied',
  1010: 'access to Plesk denied',
  1011: 'account disabled',
  1012: 'login locked',
  1014: 'the request packet is not well-formed or breaks the schema',
  1017: 'not supported by this XML API version',
  1029: 'no credentials reached the server (a proxy that drops headers with underscores, such as nginx with underscores_in_headers off, causes this too)',
  1030: 'license expired',
  11003: 'secret key validation failed (a key is bound to the IP address it was created for)',
};

/** What the client adds to a version error (1005, 1017). */
export interface VersionErrorDetail {
  /** packet/@version as sent; undefined when the packet had none */
  protocolVersion: string | undefined;
  /** 1005: the versions the server supports, in numeric order (undefined when they could not be asked for) */
  supportedVersions?: string[];
  /** the sentence explaining it, appended to the message */
  hint: string;
}

export class PleskSystemError extends BrandedError {
  static {
    brandClass(this, 'PleskSystemError');
  }
  override readonly name = 'PleskSystemError';
  /** version errors (1005, 1017): the version sent */
  readonly protocolVersion: string | undefined;
  /** 1005: the versions the server supports, in numeric order */
  readonly supportedVersions: string[] | undefined;
  constructor(
    /** the `errcode`, as a number */
    readonly code: number,
    /** the server's `errtext` (localized: branch on `code`) */
    readonly errtext: string,
    version?: VersionErrorDetail,
  ) {
    super(`Plesk refused the request packet: error ${code}${SYSTEM_CODES[code] ? ` (${SYSTEM_CODES[code]})` : ''}${errtext ? `: ${errtext}` : ''}${version ? `; ${version.hint}` : ''}`);
    this.protocolVersion = version?.protocolVersion;
    this.supportedVersions = version?.supportedVersions;
  }
}

/** One `<result>` as every operation's answer carries it. */
export interface PleskResult {
  status: 'ok' | 'error';
  errcode?: number;
  errtext?: string;
}

export class PleskOperationError<R extends PleskResult = PleskResult> extends BrandedError {
  static {
    brandClass(this, 'PleskOperationError');
  }
  override readonly name: string = 'PleskOperationError';
  /** the errcode of the first failed result */
  readonly code: number | undefined;
  /** the first failed result */
  readonly result: R;
  constructor(
    /** `operator/operation`, such as `backup-manager/get-tasks-info` */
    readonly operation: string,
    /** every result of the answer, ok and error, in document order */
    readonly results: R[],
  ) {
    const failed = results.filter((r) => r.status === 'error');
    const first = failed[0] ?? results[0]!;
    const detail = failed.map((r) => `error ${r.errcode ?? '(no code)'}${r.errtext ? `: ${r.errtext}` : ''}`).join('; ');
    super(`${operation} failed: ${detail}${results.length > 1 ? ` (${failed.length} of ${results.length} results failed; all are in .results)` : ''}`);
    this.result = first;
    this.code = first.errcode;
  }
}

export type TransportFailure =
  | 'connection'
  | 'tls'
  | 'timeout'
  | 'aborted'
  | 'http-status'
  | 'not-a-packet'
  | 'too-large'
  | 'unexpected-answer';

export class PleskTransportError extends BrandedError {
  static {
    brandClass(this, 'PleskTransportError');
  }
  override readonly name = 'PleskTransportError';
  constructor(
    readonly reason: TransportFailure,
    message: string,
    options: { cause?: unknown; status?: number | undefined; retried?: number | undefined } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.retried = options.retried ?? 0;
  }
  /** the HTTP status, when the server answered one */
  readonly status: number | undefined;
  /** how many times the request was resent (reads only) before giving up */
  readonly retried: number;
}

/** A `waitForTask` that ran out of time; the last state seen is kept. */
export class PleskTaskTimeoutError<T = unknown> extends BrandedError {
  static {
    brandClass(this, 'PleskTaskTimeoutError');
  }
  override readonly name = 'PleskTaskTimeoutError';
  constructor(
    readonly taskId: string,
    readonly timeoutMs: number,
    readonly lastSeen: T | undefined,
  ) {
    super(`task ${taskId} did not finish within ${timeoutMs} ms${lastSeen && typeof lastSeen === 'object' && 'status' in lastSeen ? ` (last status: ${String(lastSeen.status)})` : ''}`);
  }
}

/**
 * A task `waitForTask` saw end `failed` or `stopped`. Plesk's XML API says nothing of why: a task
 * carries its status, never a reason, so the message says where an administrator looks instead.
 */
export class PleskTaskFailedError<T = unknown> extends BrandedError {
  static {
    brandClass(this, 'PleskTaskFailedError');
  }
  override readonly name = 'PleskTaskFailedError';
  constructor(
    readonly taskId: string,
    /** the status it ended with: `failed` or `stopped` */
    readonly status: string,
    /** the task as last seen (its owner, filename, started, …) */
    readonly task: T,
  ) {
    super(
      status === 'stopped'
        ? `backup task ${taskId} was stopped (by stop-backup, or by an administrator in Plesk's Backup Manager); it made no backup file`
        : `backup task ${taskId} ended ${status}; Plesk's XML API gives no reason for a failed task: its log in Plesk's Backup Manager (Tools & Settings > Backup Manager, or the subscription's Backup Manager) says why`,
    );
  }
}

/**
 * An upload the server refused as too large: error 1023 of the `<upload>` result, which Plesk gives
 * for a file over the panel's PHP `upload_max_filesize` (and `post_max_size`). It is never resent.
 */
export class PleskUploadTooLargeError<R extends PleskResult = PleskResult> extends PleskOperationError<R> {
  static {
    brandClass(this, 'PleskUploadTooLargeError');
  }
  override readonly name: string = 'PleskUploadTooLargeError';
  constructor(
    results: R[],
    /** the bytes of the file that were sent */
    readonly bytes: number,
  ) {
    super('upload', results);
    this.message = `${this.message}; the file (${bytes} bytes) is over the server's upload limit (PHP upload_max_filesize and post_max_size of the Plesk panel): raise them for the panel on the server, then upload again`;
  }
}
