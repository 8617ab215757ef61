/**
 * Uploading a file to Plesk (for backup-manager's import-file): a multipart/form-data POST to the
 * agent's own URL, with the usual authentication headers and no XML body, answered by a packet
 * `<upload><result>` (upload_output.xsd: status, errcode, errtext, `name`, and `file`: the
 * server-side temporary path that import-file takes). Plesk's own sample names the file field
 * `sampfile`; the field name does not seem to matter, and this sends `file`.
 *
 * The source is a path (its size is known, so Content-Length is sent), bytes, or a stream (chunked,
 * unless the caller gives its `length`). Progress counts the file's bytes as they are handed to the
 * connection. An upload is never resent (each copy would make a temporary file on the server). An
 * error 1023 in the answer is the server's size limit (PHP's upload_max_filesize of the panel):
 * PleskUploadTooLargeError.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ClientRequest } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { own } from '../codec/own-properties.js';
import { operatorsOf } from './packet-operations.js';
import { PleskOperationError, PleskTransportError, PleskUploadTooLargeError, type PleskResult } from './plesk-errors.js';
import { checkListener, progressCounter } from './progress.js';
import { maskValue } from './secret-masking.js';
import type { UploadedFile, UploadOptions, UploadSource } from './transfer-types.js';

/** A request body other than a packet, written by `send` (transport.ts). */
export interface StreamedBody {
  contentType: string;
  /** its length in bytes when known in advance (Content-Length); otherwise it is sent chunked */
  length: number | undefined;
  /** what the debug trace shows as the request */
  description: string;
  /** writes the body and ends the request; a failure of its own (reading the source) goes to `fail` */
  send(req: ClientRequest, fail: (error: Error) => void): void;
}

/** The multipart body of an upload, and how many of the file's bytes it sent. */
export interface UploadBody extends StreamedBody {
  readonly sent: number;
}

/** Bytes are handed to the connection in pieces of this size (and progress reported per piece). */
const PIECE = 64 * 1024;

export async function uploadBody(source: UploadSource, options: UploadOptions): Promise<UploadBody> {
  const onProgress = checkListener('uploadFile', 'onProgress', options.onProgress);
  if (options.filename !== undefined && (typeof options.filename !== 'string' || options.filename === '')) throw new TypeError('uploadFile: option filename must be a non-empty string');
  if (options.length !== undefined && !(Number.isSafeInteger(options.length) && options.length >= 0)) throw new TypeError(`uploadFile: option length must be a whole number of bytes, not ${String(options.length)}`);
  let size: number | undefined;
  let name: string;
  let open: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  let close: () => void = () => undefined;
  if (typeof source === 'string') {
    const stats = await stat(source).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`uploadFile: cannot read ${source}: ${error.code ?? error.message}`, { cause: error });
    });
    if (!stats.isFile()) throw new TypeError(`uploadFile: ${source} is not a regular file`);
    size = stats.size;
    name = path.basename(source);
    let stream: Readable | undefined;
    open = () => (stream = createReadStream(source, { highWaterMark: PIECE }));
    close = () => stream?.destroy();
  } else if (source instanceof Uint8Array) {
    size = source.length;
    name = 'backup.tar';
    open = function* () {
      for (let at = 0; at < source.length; at += PIECE) yield source.subarray(at, Math.min(source.length, at + PIECE));
    };
  } else if (source !== null && typeof source === 'object' && typeof (source as Readable).pipe === 'function') {
    size = options.length;
    name = 'backup.tar';
    open = () => source;
    close = () => source.destroy();
  } else {
    throw new TypeError('uploadFile: the source must be a file path, a Buffer (or Uint8Array) or a readable stream');
  }
  const filename = options.filename ?? name;
  const boundary = `----plesk-codegen-${randomBytes(16).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const progress = progressCounter(onProgress, size);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: size === undefined ? undefined : head.length + size + tail.length,
    description: `(multipart/form-data upload of ${filename}${size === undefined ? '' : `, ${size} bytes`})`,
    get sent() {
      return progress.bytes;
    },
    send(req, fail) {
      // a request that ends early (abort, timeout, the server) closes the source: nothing waits on it
      req.once('close', () => {
        if (!req.writableFinished) close();
      });
      const written = async () => {
        await write(req, head);
        for await (const chunk of open()) {
          if (!(await write(req, chunk))) return; // the request ended early (an abort, a timeout, the server)
          progress.add(chunk.length);
        }
        if (size !== undefined && progress.bytes !== size) throw new Error(`uploadFile: the source gave ${progress.bytes} bytes, not the ${size} announced${typeof source === 'string' ? ' (the file changed while it was read)' : ' (option length)'}`);
        progress.end();
        req.end(tail);
      };
      written().catch((error: unknown) => {
        close();
        fail(error instanceof Error ? error : new Error(String(error)));
      });
    },
  };
}

/** Writes a chunk, waiting while the connection is full; false when the request is gone. */
function write(req: ClientRequest, chunk: Uint8Array): Promise<boolean> {
  if (req.destroyed) return Promise.resolve(false);
  if (req.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve(!req.destroyed);
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

/** A file name inside a quoted header parameter: no quote, backslash or line break can end it. */
function quoted(name: string): string {
  return name.replace(/[\r\n]/g, ' ').replace(/["\\]/g, (c) => `\\${c}`);
}

/**
 * The uploaded file of an answer packet (its operator `prop`, `upload` in Plesk's schemas): the
 * first result when every result is ok; an error result throws, masked through `mask` (error 1023:
 * PleskUploadTooLargeError).
 */
export function uploadResult(res: unknown, prop: string, sent: number, mask: (text: string) => string): UploadedFile {
  const upload = operatorsOf(res).map((o) => own(o, prop)).find((v) => v !== undefined);
  if (upload === null || typeof upload !== 'object') throw new PleskTransportError('unexpected-answer', 'the answer to the upload has no <upload>');
  const raw = own(upload, 'result');
  const results = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Array<PleskResult & Record<string, unknown>>;
  if (results.length === 0) throw new PleskTransportError('unexpected-answer', 'the answer to the upload has no <upload><result>');
  if (results.some((r) => r.status === 'error')) {
    const masked = results.map((r) => ({ ...(maskValue(r, mask) as typeof r), status: r.status }));
    if (masked.some((r) => r.status === 'error' && r.errcode === 1023)) throw new PleskUploadTooLargeError(masked, sent);
    throw new PleskOperationError('upload', masked);
  }
  const first = results[0]!;
  return { name: String(own(first, 'name') ?? ''), file: String(own(first, 'file') ?? '') };
}
