/**
 * One HTTPS POST of a packet to Plesk's agent, on Node's own https module.
 *
 * - `Content-Type: text/xml; charset=UTF-8` and `Content-Length` in bytes (not string length);
 * - keep-alive through the client's own Agent (TLS settings belong to that agent only: nothing
 *   here touches process-wide settings such as NODE_TLS_REJECT_UNAUTHORIZED);
 * - one deadline for the whole exchange (connect, send, wait, read), and an AbortSignal;
 * - an XML body is read up to a size limit, counted in bytes as they arrive (with or without
 *   Content-Length, chunked or not): going over it fails the exchange at once with `too-large`,
 *   never as a connection failure (so a read is not resent); given a `decoder`, a 200 XML body is
 *   decoded as it arrives, chunk by chunk, and only its start and its last bytes are kept for an
 *   error message (answer-window.ts: what a refused answer costs is bounded by the limit, never a
 *   copy of it), unless `keepWhole` (the debug trace shows the whole answer); a binary body
 *   (download-file's success answer) is handed back as the response stream, unread;
 * - whatever of the answer goes into an error message (status text, Content-Type, the start of
 *   the body) is masked first.
 *
 * The body is a packet, or a body written by its own `send` (an upload's multipart body, upload.ts);
 * the answer is read the same way.
 */
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { DocumentDecoder } from '../codec/decode.js';
import { onAbort } from './abort-signals.js';
import { answerSnippet } from './answer-text.js';
import { AnswerBytes, type AnswerTail } from './answer-window.js';
import { guardBody } from './download-body.js';
import { PleskTransportError } from './plesk-errors.js';
import type { ProgressListener } from './transfer-types.js';
import type { StreamedBody } from './upload.js';

export interface Endpoint {
  agent: https.Agent;
  /** masks the credentials in a text, before anything else is done with it (see maskSecrets for `limit`) */
  mask: (text: string, limit?: number) => string;
  host: string;
  port: number;
  path: string;
  headers: Record<string, string>;
}

export interface ExchangeOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal | undefined;
  /** hand a non-XML 200 answer back as a stream instead of failing */
  allowBinary: boolean;
  /** sees each chunk of a file body as the caller reads it */
  observeBody?: (chunk: Buffer) => void;
  /** decodes a 200 XML body as it arrives (the answer's `decoded`) */
  decoder?: () => DocumentDecoder;
  /** the caller's progress listener of a file body */
  onProgress?: ProgressListener | undefined;
  /** keep every byte of a decoded answer (for the debug trace), not only its start and end */
  keepWhole?: boolean;
}

/** What decoding the body as it arrived gave: the value, or the error that stopped it. */
export type Decoded = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * An answer: XML (its `text`, and what decoding it as it arrived gave) or a file. The text of an
 * answer decoded as it arrived is its start only when bytes were dropped between its start and
 * its last bytes (`tail`).
 */
export type Answer =
  | { kind: 'xml'; readonly text: string; decoded?: Decoded; partial?: true; tail?: AnswerTail }
  | { kind: 'binary'; contentType: string; filename: string | undefined; length: number | undefined; stream: Readable };

/** Error codes of a request that never reached the server's application: safe to resend a read. */
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

/** The media type of a Content-Type header, lower case, without parameters. */
function mimeOf(type: string | undefined): string {
  return (type ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isXmlContentType(type: string | undefined): boolean {
  if (!type) return true; // Plesk always sends one; without it, let the packet check decide
  const mime = mimeOf(type);
  return mime === 'text/xml' || mime === 'application/xml' || mime.endsWith('+xml');
}

export function postPacket(endpoint: Endpoint, body: string | StreamedBody, options: ExchangeOptions): Promise<Answer> {
  const where = `${endpoint.host}:${endpoint.port}`;
  if (options.signal?.aborted) return Promise.reject(new PleskTransportError('aborted', `the request to ${where} was aborted`, { cause: options.signal.reason }));
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : undefined;
  const streamed = typeof body === 'string' ? undefined : body;
  const bodyLength = payload?.length ?? streamed!.length;
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopListening();
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const abort = () => finish(new PleskTransportError('aborted', `the request to ${where} was aborted`, { cause: options.signal?.reason }));

    const req = https.request({
      agent: endpoint.agent,
      host: endpoint.host,
      port: endpoint.port,
      path: endpoint.path,
      method: 'POST',
      headers: { ...endpoint.headers, 'Content-Type': streamed?.contentType ?? 'text/xml; charset=UTF-8', ...(bodyLength === undefined ? {} : { 'Content-Length': String(bodyLength) }) },
    });
    // the error listener comes first: a destroyed request emits 'error' (socket hang up)
    req.on('error', (error: NodeJS.ErrnoException) => finish(describeFailure(error, endpoint)));
    const timer = setTimeout(() => finish(new PleskTransportError('timeout', `no complete answer from ${where} within ${options.timeoutMs} ms`)), options.timeoutMs);
    const stopListening = onAbort(options.signal, abort);

    req.on('response', (res) => {
      const contentType = res.headers['content-type'];
      if (res.statusCode === 200 && options.allowBinary && isFileAnswer(contentType, res.headers['content-disposition'])) {
        const length = res.headers['content-length'] === undefined ? undefined : Number(res.headers['content-length']);
        const stream = guardBody(res, { idleMs: options.timeoutMs, length, signal: options.signal, where, onProgress: options.onProgress, ...(options.observeBody ? { observe: options.observeBody } : {}) });
        finish(undefined, { kind: 'binary', contentType: contentType ?? 'application/octet-stream', filename: attachmentName(res.headers['content-disposition']), length, stream });
        return;
      }
      const packet = res.statusCode === 200 && isXmlContentType(contentType);
      const decoder = packet ? options.decoder?.() : undefined;
      // every byte is kept for the debug trace, or for an answer read whole (get_protos); an error page needs its start only
      const whole = options.keepWhole === true || (packet && decoder === undefined);
      readText(res, options.maxResponseBytes, finish, decoder, whole, (body, decoded, partial) => {
        if (res.statusCode !== 200) {
          const text = body.text;
          const status = `${res.statusCode}${res.statusMessage ? ` ${endpoint.mask(res.statusMessage)}` : ''}`;
          finish(new PleskTransportError('http-status', `${where} answered HTTP ${status} (Plesk answers API errors with 200): ${answerSnippet(text, endpoint.mask)}`, { status: res.statusCode }));
        } else if (!isXmlContentType(contentType)) {
          const text = body.text;
          finish(new PleskTransportError('not-a-packet', `${where} answered ${endpoint.mask(contentType ?? '')}, not a Plesk packet: ${answerSnippet(text, endpoint.mask)}`, { status: 200 }));
        } else finish(undefined, decoded === undefined ? { kind: 'xml', text: body.text } : { kind: 'xml', get text() { return body.text; }, decoded, ...(partial ? { partial } : {}), ...(body.cut ? { tail: body.tail! } : {}) });
      });
    });
    if (payload) req.end(payload);
    else streamed!.send(req, (error) => finish(error));
  });
}

/** A file, not a page: an octet stream or an attachment (a 200 HTML login page is not a file). */
function isFileAnswer(contentType: string | undefined, disposition: string | undefined): boolean {
  if (isXmlContentType(contentType)) return false;
  return mimeOf(contentType) === 'application/octet-stream' || /^\s*attachment\b/i.test(disposition ?? '');
}

/**
 * Reads a text body up to `limit` bytes, each chunk fed to `decoder` (if any) as it arrives;
 * once the decoder fails, the rest of the body is not read (the connection is closed) and the
 * answer is what arrived, with the error. Every outcome
 * goes to `finish` synchronously from the event that decides it: a limit error is settled
 * before the destroyed connection can report itself as a connection failure.
 *
 * What is kept of the bytes (answer-window.ts) stays as it arrived until the caller asks for the
 * text, which it does only for an error message or the debug trace: the text of an answer
 * decoded as it arrived is never made. With `whole`, every byte is kept.
 */
function readText(res: IncomingMessage, limit: number, finish: (error: PleskTransportError) => void, decoder: DocumentDecoder | undefined, whole: boolean, done: (body: AnswerBytes, decoded: Decoded | undefined, partial?: true) => void): void {
  const declared = Number(res.headers['content-length']);
  if (res.headers['content-length'] !== undefined && Number.isFinite(declared) && declared > limit) {
    finish(new PleskTransportError('too-large', `the answer is ${declared} bytes, over the limit of ${limit} (option maxResponseBytes)`));
    res.destroy();
    return;
  }
  const body = new AnswerBytes(whole);
  /** the body is no longer read: over the limit, or its decoding failed */
  let over = false;
  res.on('data', (chunk: Buffer) => {
    if (over) return;
    if (body.size + chunk.length > limit) {
      over = true;
      body.clear();
      finish(new PleskTransportError('too-large', `the answer exceeds the limit of ${limit} bytes (option maxResponseBytes): ${body.size + chunk.length} bytes had arrived`));
      res.destroy();
      return;
    }
    body.push(chunk);
    if (decoder === undefined) return;
    try {
      decoder.write(chunk);
    } catch (error) {
      // the answer is wrong already: what arrived is enough to say where; the rest is not read
      over = true;
      done(body, { ok: false, error }, true);
      res.destroy();
    }
  });
  res.on('end', () => {
    if (over) return;
    let decoded: Decoded | undefined;
    if (decoder !== undefined) {
      try {
        decoded = { ok: true, value: decoder.end() };
      } catch (error) {
        decoded = { ok: false, error };
      }
    }
    done(body, decoded);
  });
  res.on('error', (error: NodeJS.ErrnoException) => finish(new PleskTransportError('connection', `the answer broke off after ${body.size} bytes: ${error.message}`, { cause: error })));
  res.on('close', () => {
    if (!res.complete && !over) finish(new PleskTransportError('connection', `the connection closed before the answer was complete (${body.size} bytes had arrived)`));
  });
}

function describeFailure(error: NodeJS.ErrnoException, endpoint: Endpoint): PleskTransportError {
  const where = `${endpoint.host}:${endpoint.port}`;
  const code = error.code ?? '';
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL') || code === 'HOSTNAME_MISMATCH' || /certificate|SSL/i.test(error.message)) {
    return new PleskTransportError('tls', `TLS with ${where} failed: ${error.message}${code ? ` (${code})` : ''}. If the server uses a self-signed certificate, pass it as the \`ca\` option`, { cause: error });
  }
  const detail = CONNECTION_CODES.has(code) || error.message === 'socket hang up' ? 'the connection failed or was dropped' : 'the exchange failed';
  return new PleskTransportError('connection', `no answer from ${where} (${detail}): ${error.message}${code ? ` (${code})` : ''}`, { cause: error });
}

/** Whether a failure happened before the server could act on the request (so a read may be resent). */
export function isConnectionFailure(error: unknown): boolean {
  return error instanceof PleskTransportError && error.reason === 'connection';
}

export function attachmentName(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      return star[1]!.trim(); // a malformed escape: the name as it was sent
    }
  }
  const plain = /filename\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|([^;]+))/.exec(disposition);
  return plain ? (plain[1] ?? plain[2]!).replace(/\\(.)/g, '$1').trim() : undefined;
}

