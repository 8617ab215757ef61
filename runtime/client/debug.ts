/**
 * A window on the wire: the client's `debug(event)` events, one per exchange (each attempt of a
 * resent read is its own event), and the masked excerpt an XmlDecodeError from a client call
 * carries. Every text here goes through the client's masking (maskSecrets of secret-masking.ts:
 * the password and the secret key in every spelling, character references included) before any
 * text is cut short.
 */
import { detached } from '../codec/own-strings.js';
import type { Readable } from 'node:stream';
import type { AnswerTail } from './answer-window.js';
import { maskSecrets, secretSpans } from './secret-masking.js';

/** One exchange with the server, as the client saw it. */
export interface PleskDebugEvent {
  /** `operatorProp.operationProp` of every operation in the packet, in order (`backupManager.getTasksInfo`) */
  operations: string[];
  /** 1 for the first send, 2 for the first resend, … */
  attempt: number;
  /** where the packet went: `https://host:port/path` */
  url: string;
  /** the request packet sent, masked */
  request: string;
  /** the HTTP status, when an answer came */
  status?: number;
  /** the XML answer, masked (not set for a file answer) */
  answer?: string;
  /** a file answer: its type and name, the length announced, the bytes that arrived and the first of them */
  file?: { contentType: string; filename: string | undefined; length: number | undefined; received: number; firstBytes: Buffer };
  /** from sending to the answer decoded (for a file: to its last byte, or to its failure) */
  durationMs: number;
  /** what this exchange failed with, if it did (transport, decode, system or operation error; masked) */
  error?: Error;
}

export type DebugListener = (event: PleskDebugEvent) => void;

/** How many bytes of a file answer an event keeps. */
const FIRST_BYTES = 64;

/** Masks secrets in wire text, in every spelling (see secret-masking.ts). */
export function maskWire(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets);
}

/**
 * A text whose end is cut (an excerpt, or an answer read only in part): an end that still spells
 * the start of a secret (three characters or more) is masked, since no mask could see it whole.
 */
export function maskCutEnd(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, out.length); n >= 3; n--) {
      if (out.endsWith(secret.slice(0, n))) out = `${out.slice(0, -n)}***`;
    }
  }
  return out;
}

/**
 * The text around a line and column (saxes': line from 1, column in characters), at most
 * `radius` characters either side, masked; a secret the window would cut in two is taken whole
 * (and so masked whole), and a cut end that still spells the start or end of a secret is masked.
 * `cutBefore`: the text is the end of a longer one (its start is a cut too).
 */
export function excerptAround(text: string, line: number | undefined, column: number | undefined, secrets: readonly string[], radius: number = 80, cutBefore: boolean = false): string {
  let offset = 0;
  for (let l = 1; l < (line ?? 1); l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  const at = Math.min(text.length, offset + (column ?? 0));
  let start = Math.max(0, at - radius);
  let end = Math.min(text.length, at + radius);
  // a secret, in whatever spelling, that the window would cut is taken whole
  for (const [first, last] of secretSpans(text, secrets)) {
    if (first < start && last > start) start = first;
    if (first < end && last > end) end = last;
  }
  let window = maskWire(text.slice(start, end), secrets);
  const cutStart = start > 0 || cutBefore;
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, window.length); n >= 3; n--) {
      if (cutStart && window.startsWith(secret.slice(-n))) window = `***${window.slice(n)}`;
    }
  }
  if (end < text.length) window = maskCutEnd(window, secrets);
  // (a string of its own: a slice would keep the whole answer's text alive as long as the error is kept)
  return detached(`${cutStart ? '…' : ''}${window}${end < text.length ? '…' : ''}`);
}

/**
 * The excerpt of an answer around a decode error's position: from its text, or, when only its
 * start and its last bytes were kept (answer-window.ts), from those last bytes, where the decoder
 * stood when it failed.
 */
export function answerExcerpt(text: string, tail: AnswerTail | undefined, line: number | undefined, column: number | undefined, secrets: readonly string[]): string {
  if (tail === undefined || line === undefined || line < tail.line || (line === tail.line && (column ?? 0) < tail.column)) return excerptAround(text, line, column, secrets);
  return excerptAround(tail.text, line - tail.line + 1, line === tail.line ? (column ?? 0) - tail.column : column, secrets, 80, true);
}

/**
 * The debug events of one client call: a failed attempt is reported at once; the last attempt
 * when the call is done (its answer decoded, or its error known), a file answer when its body
 * has been read or has failed.
 */
export class ExchangeTrace {
  #attempt = 0;
  #started = 0;
  #request = '';
  #status: number | undefined;
  #answer: string | undefined;
  #open = false;

  constructor(
    readonly listener: DebugListener,
    readonly operations: string[],
    readonly url: string,
    readonly mask: (text: string) => string,
  ) {}

  begin(attempt: number, request: string): void {
    this.#attempt = attempt + 1;
    this.#started = performance.now();
    this.#request = request;
    this.#status = undefined;
    this.#answer = undefined;
    this.#open = true;
  }

  /** An attempt that got no usable answer (it may be resent). */
  failed(error: Error): void {
    this.#emit(error);
  }

  /** An XML answer arrived; the event waits for `finish`. */
  answered(text: string): void {
    this.#status = 200;
    this.#answer = text;
  }

  /** The call is done: reports the last attempt, unless a failure or a file already did. */
  finish(error?: unknown): void {
    if (this.#open) this.#emit(error instanceof Error ? error : undefined);
  }

  #first: Buffer[] = [];
  #kept = 0;
  #received = 0;

  /** Sees each chunk of a file body as the caller reads it (given to the transport; it does not read the body itself). */
  readonly observe = (chunk: Buffer): void => {
    this.#received += chunk.length;
    if (this.#kept < FIRST_BYTES) {
      this.#first.push(Buffer.from(chunk.subarray(0, FIRST_BYTES - this.#kept)));
      this.#kept += Math.min(chunk.length, FIRST_BYTES - this.#kept);
    }
  };

  /** A file answer: the event is sent when the body has been read, destroyed or has failed. */
  file(stream: Readable, info: { contentType: string; filename: string | undefined; length: number | undefined }): void {
    this.#open = false;
    stream.once('close', () => {
      const error = stream.errored ?? (stream.readableEnded ? undefined : new Error('the file was destroyed before it was read to the end'));
      this.#send({ status: 200, file: { ...info, received: this.#received, firstBytes: Buffer.concat(this.#first) }, ...(error ? { error } : {}) });
    });
  }

  #emit(error: Error | undefined): void {
    this.#open = false;
    // an HTTP status other than 200 comes back as the transport error's status
    const status = this.#status ?? (error as { status?: unknown } | undefined)?.status;
    this.#send({
      ...(typeof status === 'number' ? { status } : {}),
      ...(this.#answer !== undefined ? { answer: this.mask(this.#answer) } : {}),
      ...(error ? { error } : {}),
    });
  }

  #send(rest: Pick<PleskDebugEvent, 'status' | 'answer' | 'file' | 'error'>): void {
    const event: PleskDebugEvent = { operations: this.operations, attempt: this.#attempt, url: this.url, request: this.mask(this.#request), ...rest, durationMs: performance.now() - this.#started };
    try {
      this.listener(event);
    } catch (error) {
      process.emitWarning(`PleskClient: the debug listener threw: ${error instanceof Error ? error.message : String(error)}`, 'PleskDebugWarning');
    }
  }
}
