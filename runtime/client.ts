/**
 * The Plesk API client every generated package carries. The generated `PleskClient` (client.ts of
 * the package) extends `PleskClientCore` with one object per operator and one method per
 * operation; this file knows the protocol, not the schema:
 *
 * - request packets are encoded and response packets decoded by the generated codecs;
 * - a `<system>` error answer becomes PleskSystemError, an operation's error `<result>`s a
 *   PleskOperationError carrying every result (ok and error), anything that is not a Plesk packet
 *   a PleskTransportError; the password and secret key are masked in every message;
 * - a packet made only of reads is resent on a connection failure (option `retries`); a packet
 *   that starts or changes something never is.
 */
import https from 'node:https';
import type { Readable } from 'node:stream';
import { abortablePause } from './abort-signals.js';
import type { CallOptions, DownloadedFile, Invoker, OperationSpec, PacketCodec, PleskClientOptions } from './client-types.js';
import { ExchangeTrace, excerptAround, maskWire } from './debug.js';
import { XmlDecodeError } from './errors.js';
import { PleskOperationError, PleskSystemError, PleskTransportError, maskSecrets, type PleskResult } from './plesk-errors.js';
import { decodeEntities, isConnectionFailure, postPacket, type Answer, type Endpoint } from './transport.js';
import { escapeAttribute } from './xml-text.js';

export type { CallOptions, DownloadedFile, Invoker, OperationSpec, PacketCodec, PleskClientOptions, Unwrap } from './client-types.js';
export type { PleskDebugEvent } from './debug.js';

type Entries = Array<Record<string, unknown>>;

export class PleskClientCore<Req extends { version?: string; operators: Entries }, Res> {
  readonly #endpoint: Endpoint;
  readonly #codec: PacketCodec<Req, Res>;
  readonly #secrets: string[];
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #retries: number;
  readonly #version: string | undefined;
  readonly #debug: PleskClientOptions['debug'];

  constructor(options: PleskClientOptions, codec: PacketCodec<Req, Res>) {
    if (!options || typeof options.host !== 'string' || options.host === '') throw new TypeError('PleskClient: option host is required');
    if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) throw new TypeError(`PleskClient: option port must be an integer from 1 to 65535, not ${options.port}`);
    const byLogin = options.login !== undefined || options.password !== undefined;
    if (byLogin && options.secretKey !== undefined) throw new TypeError('PleskClient: give either login and password or secretKey, not both');
    if (byLogin && (!options.login || options.password === undefined)) throw new TypeError('PleskClient: login and password go together');
    if (!byLogin && !options.secretKey) throw new TypeError('PleskClient: credentials are required: login and password, or secretKey');
    for (const [name, value] of [['login', options.login], ['password', options.password], ['secretKey', options.secretKey]] as const) {
      if (value !== undefined && /[^\t\x20-\x7e\x80-\xff]/.test(value)) throw new TypeError(`PleskClient: option ${name} has characters an HTTP header cannot carry`);
    }
    const headers: Record<string, string> = options.secretKey ? { KEY: options.secretKey } : { HTTP_AUTH_LOGIN: options.login!, HTTP_AUTH_PASSWD: options.password! };
    this.#secrets = [options.password, options.secretKey].filter((s): s is string => !!s).flatMap((s) => [s, escapeAttribute(s)]);
    this.#endpoint = {
      agent: new https.Agent({
        keepAlive: true,
        // an idle kept-alive connection is closed before the server closes it (web servers wait
        // 5 s or more), so that an operation that must not be resent never meets a closing socket
        timeout: 4_000,
        maxSockets: options.maxSockets ?? 16,
        ca: options.ca,
        ...(options.servername ? { servername: options.servername } : {}),
        rejectUnauthorized: options.dangerouslyDisableTlsVerification !== true,
      }),
      mask: (text) => this.#mask(text),
      host: options.host,
      port: options.port ?? 8443,
      path: options.path ?? '/enterprise/control/agent.php',
      headers: { ...headers, 'User-Agent': 'plesk-codegen-client', Accept: 'text/xml, application/octet-stream' },
    };
    this.#codec = codec;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxResponseBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
    this.#retries = options.retries ?? 2;
    this.#version = options.protocolVersion;
    if (options.debug !== undefined && typeof options.debug !== 'function') throw new TypeError('PleskClient: option debug must be a function');
    this.#debug = options.debug;
  }

  /**
   * Sends a whole request packet (several operators and operations in one round trip) and returns
   * the response packet. Operation results are returned as they are, ok and error alike.
   *
   * @throws PleskSystemError when the server refused the packet as a whole
   * @throws PleskTransportError, XmlEncodeError, XmlDecodeError
   */
  async request(packet: Req, options: CallOptions = {}): Promise<Res> {
    const keys = operationKeys(packet);
    const binary = keys.find((k) => this.#codec.binary.has(k));
    if (binary) throw new TypeError(`request(): ${binary} answers with a file and must be sent alone; use its own method`);
    const read = keys.length > 0 && keys.every((k) => this.#codec.reads.has(k));
    const trace = this.#trace(keys);
    return this.#guard(async () => this.#checkSystem(this.#decode(await this.#exchange(packet, read, false, options, trace))), trace);
  }

  /** One operation; used by the generated operator methods. */
  protected async call(spec: OperationSpec, input: unknown, options: CallOptions = {}): Promise<unknown> {
    const key = `${spec.operatorProp}.${spec.operationProp}`;
    const trace = this.#trace([key]);
    return this.#guard(async () => {
      const answer = await this.#exchange(single(spec, input), this.#codec.reads.has(key), false, options, trace);
      return this.#unwrap(spec, this.#decode(answer));
    }, trace);
  }

  /** One operation answered with a file on success (download-file). */
  protected async download(spec: OperationSpec, input: unknown, options: CallOptions = {}): Promise<DownloadedFile> {
    const trace = this.#trace([`${spec.operatorProp}.${spec.operationProp}`]);
    return this.#guard(async () => {
      const answer = await this.#exchange(single(spec, input), false, true, options, trace);
      if (answer.kind === 'binary') {
        const stream = answer.stream;
        trace?.file(stream, { contentType: answer.contentType, filename: answer.filename, length: answer.length });
        return { filename: answer.filename, contentType: answer.contentType, length: answer.length, stream, buffer: () => readAll(stream) };
      }
      this.#unwrap(spec, this.#decode(answer));
      throw new PleskTransportError('unexpected-answer', `${spec.operator}/${spec.operation} answered ok in XML instead of sending the file`);
    }, trace);
  }

  /** The exchange of one operation, for the generated operator objects. */
  protected invoker(): Invoker {
    return { call: (spec, input, options) => this.call(spec, input, options), download: (spec, input, options) => this.download(spec, input, options) };
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#endpoint.agent.destroy();
  }

  /** One exchange, resent after a connection failure when `read`; the deadline covers every attempt. */
  async #exchange(packet: Req, read: boolean, allowBinary: boolean, options: CallOptions, trace: ExchangeTrace | undefined): Promise<Answer> {
    const body = this.#codec.encode(this.#version !== undefined && packet.version === undefined ? { ...packet, version: this.#version } : packet);
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const left = Math.max(1, deadline - Date.now());
      trace?.begin(attempt, body);
      try {
        const answer = await postPacket(this.#endpoint, body, { timeoutMs: attempt === 0 ? timeoutMs : left, maxResponseBytes: this.#maxResponseBytes, signal: options.signal, allowBinary, ...(trace ? { observeBody: trace.observe } : {}) });
        if (answer.kind === 'xml') trace?.answered(answer.text);
        return answer;
      } catch (error) {
        const pauseMs = 100 * 2 ** attempt;
        const again = read && attempt < this.#retries && isConnectionFailure(error) && !options.signal?.aborted && deadline - Date.now() > pauseMs;
        if (again && error instanceof Error) trace?.failed(this.#maskError(error));
        if (!again) {
          if (error instanceof PleskTransportError && (attempt > 0 || (!read && isConnectionFailure(error)))) {
            throw new PleskTransportError(error.reason, `${error.message}${read ? ` (after ${attempt} resends)` : '; not resent, because the packet may have started work on the server'}`, { cause: error.cause, status: error.status, retried: attempt });
          }
          throw error;
        }
        await abortablePause(pauseMs, options.signal);
      }
    }
  }

  #decode(answer: Answer): Res {
    if (answer.kind === 'binary') {
      answer.stream.destroy();
      throw new PleskTransportError('not-a-packet', `the server answered a file (${answer.contentType}) to an operation that answers XML`);
    }
    const root = rootElementName(answer.text);
    if (root !== 'packet') {
      throw new PleskTransportError('not-a-packet', `the answer is not a Plesk packet (its root is ${root ? `<${root}>` : 'not an element'}): ${this.#mask(decodeEntities(answer.text)).slice(0, 120)}`);
    }
    try {
      return this.#codec.decode(answer.text);
    } catch (error) {
      if (error instanceof XmlDecodeError) {
        Object.defineProperty(error, 'excerpt', { value: excerptAround(answer.text, error.line, error.column, this.#secrets), enumerable: true, configurable: true });
      }
      throw error;
    }
  }

  #checkSystem(res: Res): Res {
    const system = (res as { system?: PleskResult }).system;
    if (system && system.status === 'error') throw new PleskSystemError(system.errcode ?? 0, this.#mask(system.errtext ?? ''));
    return res;
  }

  #unwrap(spec: OperationSpec, res: Res): unknown {
    this.#checkSystem(res);
    const operators = ((res as { operators?: Entries }).operators ?? []) as Entries;
    const operator = operators.find((o) => o[spec.operatorProp] !== undefined)?.[spec.operatorProp] as { operations?: Entries } | undefined;
    const answer = operator?.operations?.find((o) => o[spec.operationProp] !== undefined)?.[spec.operationProp] as Record<string, unknown> | undefined;
    if (answer === undefined) throw new PleskTransportError('unexpected-answer', `the answer has no <${spec.operator}><${spec.operation}>`);
    if (spec.unwrap.k === 'answer') {
      // no <result> to look at: any report with status error inside the answer fails the call
      const reports = statusReports(answer);
      if (reports.some((r) => r.status === 'error')) throw this.#operationError(spec, reports);
      return answer;
    }
    const raw = answer.result;
    const results = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Array<PleskResult & Record<string, unknown>>;
    if (results.some((r) => r.status === 'error')) throw this.#operationError(spec, results);
    switch (spec.unwrap.k) {
      case 'none': return undefined;
      case 'list': { const prop = spec.unwrap.prop; return results.flatMap((r) => (r[prop] as unknown[] | undefined) ?? []); }
      case 'value': return results[0]?.[spec.unwrap.prop];
      case 'result': return results[0];
      case 'results': return results;
    }
  }

  /** The error for results of which one or more failed, their error texts masked. */
  #operationError(spec: OperationSpec, results: Array<PleskResult & Record<string, unknown>>): PleskOperationError {
    return new PleskOperationError(`${spec.operator}/${spec.operation}`, results.map((r) => (r.errtext === undefined ? r : { ...r, errtext: this.#mask(r.errtext) })));
  }

  #mask(text: string): string {
    return maskSecrets(text, this.#secrets);
  }

  /** Masks the credentials in whatever error leaves the client, and closes the call's debug trace. */
  async #guard<T>(run: () => Promise<T>, trace?: ExchangeTrace): Promise<T> {
    try {
      const value = await run();
      trace?.finish();
      return value;
    } catch (error) {
      if (error instanceof Error) this.#maskError(error);
      trace?.finish(error);
      throw error;
    }
  }

  #maskError<E extends Error>(error: E): E {
    if (this.#secrets.length > 0) {
      error.message = this.#mask(error.message);
      if (error.stack) error.stack = this.#mask(error.stack);
      const detail = error as Error & { reason?: unknown };
      if (typeof detail.reason === 'string') Object.defineProperty(error, 'reason', { value: this.#mask(detail.reason), enumerable: true, configurable: true, writable: true });
    }
    return error;
  }

  /** The debug trace of one call, when the client has a debug listener. */
  #trace(operations: string[]): ExchangeTrace | undefined {
    if (!this.#debug) return undefined;
    const { host, port, path } = this.#endpoint;
    return new ExchangeTrace(this.#debug, operations, `https://${host.includes(':') ? `[${host}]` : host}:${port}${path}`, (text) => maskWire(text, this.#secrets));
  }
}

/** Every object with a `status` inside an answer that has no <result> element, in document order. */
function statusReports(value: unknown, found: Array<PleskResult & Record<string, unknown>> = [], depth = 0): Array<PleskResult & Record<string, unknown>> {
  if (depth > 32 || value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const item of value) statusReports(item, found, depth + 1);
    return found;
  }
  const record = value as Record<string, unknown>;
  if (record.status === 'ok' || record.status === 'error') found.push(record as PleskResult & Record<string, unknown>);
  for (const key of Object.keys(record)) if (key !== 'status') statusReports(record[key], found, depth + 1);
  return found;
}

function single(spec: OperationSpec, input: unknown): never {
  return { operators: [{ [spec.operatorProp]: { operations: [{ [spec.operationProp]: input }] } }] } as never;
}

function operationKeys(packet: { operators: Entries }): string[] {
  const keys: string[] = [];
  for (const entry of packet.operators ?? []) {
    for (const [operator, value] of Object.entries(entry)) {
      const operations = (value as { operations?: Entries } | undefined)?.operations;
      for (const op of operations ?? []) for (const name of Object.keys(op)) keys.push(`${operator}.${name}`);
    }
  }
  return keys;
}

/** The name of the root element, skipping a BOM, the XML declaration, comments and processing instructions. */
export function rootElementName(text: string): string | undefined {
  const match = /^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<([A-Za-z_][\w.:-]*)/.exec(text);
  return match?.[1];
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
