/**
 * The Plesk API client every generated package carries. The generated `PleskClient` (client.ts of
 * the package) extends `PleskClientCore` with one object per operator and one method per
 * operation; this file knows the protocol, not the schema:
 *
 * - request packets are encoded and response packets decoded by the generated codecs;
 * - a `<system>` error answer becomes PleskSystemError, an operation's error `<result>`s a
 *   PleskOperationError carrying every result (ok and error), anything that is not a Plesk packet
 *   a PleskTransportError; the password and secret key are masked, in every spelling, wherever
 *   an error takes text from the server (secret-masking.ts), and nowhere else;
 * - every numeric option is checked (options-check.ts): a TypeError names the option and its range;
 * - a packet made only of reads is resent on a connection failure (option `retries`); a packet
 *   that starts or changes something never is;
 * - schema drift (a newer server's elements, attributes and values) is kept, reported, and added
 *   up per kind and path for `driftReport()` (drift-report.ts).
 */
import https from 'node:https';
import type { Readable } from 'node:stream';
import { abortablePause } from './abort-signals.js';
import { answerSnippet, rootElementName } from './answer-text.js';
import type { CallOptions, DownloadedFile, Invoker, OperationSpec, PacketCodec, PacketRouter, PleskClientOptions } from './client-types.js';
import type { DocumentDecoder } from '../codec/decode.js';
import type { DecodeOptions, SchemaDriftEvent } from '../codec/decode-options.js';
import { answerExcerpt, ExchangeTrace, maskCutEnd, maskWire } from './debug.js';
import { DriftLog, driftWarning, type SchemaDriftSummary } from './drift-report.js';
import { XmlDecodeError } from '../codec/errors.js';
import { checkInteger, checkMilliseconds, MAX_RESPONSE_BYTES } from './options-check.js';
import { PleskOperationError, PleskSystemError, PleskTransportError, type PleskResult } from './plesk-errors.js';
import { GET_PROTOS_PACKET, readProtosAnswer, refusedPacketError, sortProtocolVersions } from './protocol-versions.js';
import { maskSecrets, maskValue } from './secret-masking.js';
import { operationKeys, operationsIn, operatorsOf, type Entries } from './packet-operations.js';
import { own } from '../codec/own-properties.js';
import { shapeResult, statusReports } from './result-shape.js';
import { proxyUrl, TunnelAgent } from './proxy-agent.js';
import { isConnectionFailure, postPacket, type Answer, type Endpoint } from './transport.js';
import { saveToFile } from './download-to-file.js';
import { checkListener } from './progress.js';
import type { DownloadOptions, SavedFile, UploadedFile, UploadOptions, UploadSource } from './transfer-types.js';
import { uploadBody, uploadResult, type StreamedBody } from './upload.js';
import { ENVELOPE } from './envelope.js';

export { rootElementName } from './answer-text.js';
export type { CallOptions, DownloadedFile, Invoker, OkResult, OperationSpec, PacketCodec, PleskClientOptions, PleskSchemaDriftEvent, ResultShape, SchemaDriftEvent, Unwrap } from './client-types.js';
export type { PleskDebugEvent } from './debug.js';
export type { SchemaDriftSummary } from './drift-report.js';

/** An answer, and the version of the packet it answers (a package of several versions). */
type Answered = Answer & { sent?: string };

export class PleskClientCore<Req extends { version?: string; operators: Entries }, Res> {
  readonly #endpoint: Endpoint;
  readonly #codec: PacketCodec<Req, Res>;
  readonly #secrets: string[];
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #retries: number;
  readonly #version: string | undefined;
  readonly #decodeOptions: DecodeOptions;
  readonly #drift = new DriftLog();
  readonly #debug: PleskClientOptions['debug'];
  /** `operatorProp.operationProp` of the operations safe to resend, and of those answered with a file */
  readonly #reads: ReadonlySet<string>;
  readonly #binary: ReadonlySet<string>;
  /** a package of several protocol versions: which version each packet goes in (version-router.ts) */
  readonly #router: PacketRouter | undefined;

  constructor(options: PleskClientOptions, codec: PacketCodec<Req, Res>) {
    if (!options || typeof options.host !== 'string' || options.host === '') throw new TypeError('PleskClient: option host is required');
    checkInteger('PleskClient', 'port', options.port, 1, 65535);
    const timeoutMs = checkMilliseconds('PleskClient', 'timeoutMs', options.timeoutMs);
    const maxResponseBytes = checkInteger('PleskClient', 'maxResponseBytes', options.maxResponseBytes, 1, MAX_RESPONSE_BYTES, ' (the longest string Node can hold)');
    const retries = checkInteger('PleskClient', 'retries', options.retries, 0, 100);
    checkInteger('PleskClient', 'maxSockets', options.maxSockets, 1, 65535);
    const byLogin = options.login !== undefined || options.password !== undefined;
    if (byLogin && options.secretKey !== undefined) throw new TypeError('PleskClient: give either login and password or secretKey, not both');
    if (byLogin && (!options.login || options.password === undefined)) throw new TypeError('PleskClient: login and password go together');
    if (!byLogin && !options.secretKey) throw new TypeError('PleskClient: credentials are required: login and password, or secretKey');
    for (const [name, value] of [['login', options.login], ['password', options.password], ['secretKey', options.secretKey]] as const) {
      if (value !== undefined && /[^\t\x20-\x7e\x80-\xff]/.test(value)) throw new TypeError(`PleskClient: option ${name} has characters an HTTP header cannot carry`);
    }
    const headers: Record<string, string> = options.secretKey ? { KEY: options.secretKey } : { HTTP_AUTH_LOGIN: options.login!, HTTP_AUTH_PASSWD: options.password! };
    this.#secrets = [options.password, options.secretKey].filter((s): s is string => !!s);
    const agentOptions: https.AgentOptions = {
      keepAlive: true,
      // an idle kept-alive connection is closed before the server closes it (web servers wait
      // 5 s or more), so that an operation that must not be resent never meets a closing socket
      timeout: 4_000,
      maxSockets: options.maxSockets ?? 16,
      ca: options.ca,
      ...(options.servername ? { servername: options.servername } : {}),
      rejectUnauthorized: options.dangerouslyDisableTlsVerification !== true,
    };
    this.#endpoint = {
      // with a proxy: the same TLS, through its CONNECT tunnel (proxy-agent.ts)
      agent: options.proxy !== undefined ? new TunnelAgent(proxyUrl(options.proxy), agentOptions) : new https.Agent(agentOptions),
      mask: (text, limit) => maskSecrets(text, this.#secrets, limit),
      host: options.host,
      port: options.port ?? 8443,
      path: options.path ?? '/enterprise/control/agent.php',
      headers: { ...headers, 'User-Agent': 'plesk-codegen-client', Accept: 'text/xml, application/octet-stream' },
    };
    this.#codec = codec;
    this.#reads = new Set(codec.operations.filter((o) => o.read).map((o) => `${o.operatorProp}.${o.operationProp}`));
    this.#binary = new Set(codec.operations.filter((o) => o.binary).map((o) => `${o.operatorProp}.${o.operationProp}`));
    this.#timeoutMs = timeoutMs ?? 30_000;
    this.#maxResponseBytes = maxResponseBytes ?? 64 * 1024 * 1024;
    this.#retries = retries ?? 2;
    this.#router = codec.versions?.router({ pinned: options.protocolVersion, hostVersions: options.protocolVersions, ask: (o) => this.supportedProtocols(o), encode: (packet, version) => codec.encode(packet as Req, version) });
    this.#version = options.protocolVersion === null ? undefined : (options.protocolVersion ?? (this.#router ? undefined : codec.protocolVersion));
    if (options.unknownElements !== undefined && options.unknownElements !== 'keep' && options.unknownElements !== 'error') throw new TypeError(`PleskClient: option unknownElements must be 'keep' or 'error', not ${String(options.unknownElements)}`);
    const onDrift = options.onSchemaDrift ?? driftWarning((text) => this.#mask(text));
    const onUnknown = (event: SchemaDriftEvent) => {
      this.#drift.record(event);
      onDrift(event);
    };
    // what a decode error or a drift event quotes of an answer is masked before it is cut short; nothing else of it
    const redact = this.#secrets.length > 0 ? { redact: (text: string) => this.#mask(text) } : {};
    this.#decodeOptions = options.unknownElements === 'error' ? { unknownElements: 'error', ...redact } : { unknownElements: 'keep', onUnknown, ...redact };
    if (options.debug !== undefined && typeof options.debug !== 'function') throw new TypeError('PleskClient: option debug must be a function');
    this.#debug = options.debug;
  }

  /** The protocol version this client sends as packet/@version (undefined: none; in a package of several versions, chosen per packet unless pinned). */
  get protocolVersion(): string | undefined {
    return this.#version;
  }

  /**
   * The XML API protocol versions the server supports, in numeric order (`1.6.9.1` before
   * `1.6.10.0`), asked with `<server><get_protos/></server>` in a packet without a version.
   *
   * @throws PleskSystemError, PleskOperationError, PleskTransportError
   */
  async supportedProtocols(options: CallOptions = {}): Promise<string[]> {
    const trace = this.#trace(['server.getProtos']);
    return this.#guard(async () => {
      const answer = await this.#send(GET_PROTOS_PACKET, true, false, options, trace);
      if (answer.kind === 'binary') {
        answer.stream.destroy();
        throw new PleskTransportError('not-a-packet', `the server answered a file (${this.#mask(answer.contentType)}) to server/get_protos`);
      }
      this.#checkRoot(answer.text);
      const read = readProtosAnswer(answer.text, this.#decodeOptions.redact);
      if (read.system?.status === 'error') throw new PleskSystemError(read.system.errcode ?? 0, this.#mask(read.system.errtext ?? ''));
      if (!read.result) throw new PleskTransportError('unexpected-answer', 'the answer has no <server><get_protos><result>');
      if (read.result.status === 'error') throw this.#operationError({ operator: 'server', operation: 'get_protos' }, [read.result as PleskResult & Record<string, unknown>]);
      return sortProtocolVersions(read.protos);
    }, trace);
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
    const binary = keys.find((k) => this.#binary.has(k));
    if (binary) throw new TypeError(`request(): ${binary} answers with a file and must be sent alone; use its own method`);
    const read = keys.length > 0 && keys.every((k) => this.#reads.has(k));
    const trace = this.#trace(keys);
    const operators = this.#codec.operations.filter((o) => keys.some((k) => k.startsWith(`${o.operatorProp}.`))).map((o) => o.operator);
    return this.#guard(async () => {
      const answer = await this.#exchange(packet, read, false, options, trace, 'request()');
      return this.#checkSystem(this.#decode(answer), packet, options, operators, answer.sent);
    }, trace);
  }

  /** One operation; used by the generated operator methods. */
  protected async call(spec: OperationSpec, input: unknown, options: CallOptions = {}): Promise<unknown> {
    const key = `${spec.operatorProp}.${spec.operationProp}`;
    const trace = this.#trace([key]);
    return this.#guard(async () => {
      const answer = await this.#exchange(single(spec, input), this.#reads.has(key), false, options, trace, `${spec.operator}/${spec.operation}`);
      const res = await this.#checkSystem(this.#decode(answer), undefined, options, [spec.operator], answer.sent);
      return this.#unwrap(spec, res);
    }, trace);
  }

  /** One operation answered with a file on success (download-file); with `toFile`, written there (download-to-file.ts). */
  protected async download(spec: OperationSpec, input: unknown, options: DownloadOptions = {}): Promise<DownloadedFile | SavedFile> {
    const trace = this.#trace([`${spec.operatorProp}.${spec.operationProp}`]);
    checkListener('download', 'onProgress', options.onProgress);
    if (options.toFile !== undefined && (typeof options.toFile !== 'string' || options.toFile === '')) throw new TypeError('download: option toFile must be the path of a file');
    return this.#guard(async () => {
      const answer = await this.#exchange(single(spec, input), false, true, options, trace, `${spec.operator}/${spec.operation}`);
      if (answer.kind === 'binary') {
        const stream = answer.stream;
        trace?.file(stream, { contentType: answer.contentType, filename: answer.filename, length: answer.length });
        const file = { filename: answer.filename, contentType: answer.contentType, length: answer.length, stream, buffer: () => readAll(stream) };
        return options.toFile === undefined ? file : saveToFile(file, options.toFile);
      }
      this.#unwrap(spec, await this.#checkSystem(this.#decode(answer), undefined, options, [spec.operator], answer.sent));
      throw new PleskTransportError('unexpected-answer', `${spec.operator}/${spec.operation} answered ok in XML instead of sending the file`);
    }, trace);
  }

  /** Uploads a file (multipart/form-data, upload.ts), answered by the operator `prop` (`upload`); never resent. */
  protected async upload(source: UploadSource, options: UploadOptions, prop: string): Promise<UploadedFile> {
    const trace = this.#trace([prop]);
    return this.#guard(async () => {
      const body = await uploadBody(source, options);
      // a transfer of a backup takes longer than an exchange of packets: one hour unless the call says
      const answer = await this.#send(body, false, false, { ...options, timeoutMs: options.timeoutMs ?? 3_600_000 }, trace, () => this.#codec.startDecoding(this.#decodeOptions));
      return uploadResult(await this.#checkSystem(this.#decode(answer), undefined, options, ['upload']), prop, body.sent, (text) => this.#mask(text));
    }, trace);
  }

  /**
   * The schema drift seen in this client's answers so far (with unknownElements 'keep', the
   * default): one entry per kind (`unknown`, `extra`, `misplaced`, `attribute`, `value`) and path,
   * with how many times it was seen, its first example (masked) and when it was first and last
   * seen, in the order first seen: log one line per entry. `{ reset: true }` starts a new report.
   */
  driftReport(options: { reset?: boolean } = {}): SchemaDriftSummary[] {
    return this.#drift.report(options.reset === true);
  }

  /** The exchange of one operation, for the generated operator objects. */
  protected invoker(): Invoker {
    return { call: (spec, input, options) => this.call(spec, input, options), download: (spec, input, options) => this.download(spec, input, options) };
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#endpoint.agent.destroy();
  }

  /** One exchange, resent after a connection failure when `read`; the deadline covers every attempt (several versions: in the router's, its answer read in it). */
  async #exchange(packet: Req, read: boolean, allowBinary: boolean, options: CallOptions, trace: ExchangeTrace | undefined, call: string): Promise<Answered> {
    const routed = await this.#router?.route(packet, options, call);
    const body = routed?.body ?? this.#codec.encode(this.#version !== undefined && packet.version === undefined ? { ...packet, version: this.#version } : packet);
    const decodeOptions = routed ? this.#router!.decodeOptions(this.#decodeOptions, routed.version) : this.#decodeOptions;
    return Object.assign(await this.#send(body, read, allowBinary, options, trace, () => this.#codec.startDecoding(decodeOptions)), routed ? { sent: routed.version } : {});
  }

  /** One exchange; with `decoder`, a 200 XML answer is decoded as it arrives. */
  async #send(body: string | StreamedBody, read: boolean, allowBinary: boolean, options: DownloadOptions, trace?: ExchangeTrace, decoder?: () => DocumentDecoder): Promise<Answer> {
    const timeoutMs = checkMilliseconds('call', 'timeoutMs', options.timeoutMs) ?? this.#timeoutMs;
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const left = Math.max(1, deadline - Date.now());
      trace?.begin(attempt, typeof body === 'string' ? body : body.description);
      try {
        const answer = await postPacket(this.#endpoint, body, { timeoutMs: attempt === 0 ? timeoutMs : left, maxResponseBytes: this.#maxResponseBytes, signal: options.signal, allowBinary, onProgress: options.onProgress, ...(trace ? { observeBody: trace.observe, keepWhole: true } : {}), ...(decoder ? { decoder } : {}) });
        // an answer read only in part (its decoding failed) may end inside a secret: that end is masked
        const seen: Answer = answer.kind === 'xml' && answer.partial ? { kind: 'xml', text: maskCutEnd(answer.text, this.#secrets), decoded: answer.decoded!, partial: true, ...(answer.tail ? { tail: answer.tail } : {}) } : answer;
        if (seen.kind === 'xml') trace?.answered(seen.text);
        return seen;
      } catch (error) {
        const pauseMs = 100 * 2 ** attempt;
        const again = read && attempt < this.#retries && isConnectionFailure(error) && !options.signal?.aborted && deadline - Date.now() > pauseMs;
        if (again && error instanceof Error) trace?.failed(error);
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

  #decode(answer: Answered): Res {
    if (answer.kind === 'binary') {
      answer.stream.destroy();
      throw new PleskTransportError('not-a-packet', `the server answered a file (${this.#mask(answer.contentType)}) to an operation that answers XML`);
    }
    // decoded as it arrived: the answer's text is never made
    const decoded = answer.decoded;
    if (decoded?.ok) return decoded.value as Res;
    if (decoded !== undefined && !(decoded.error instanceof XmlDecodeError)) throw decoded.error;
    // the answer as far as it was read: whole, or up to the piece its decoding failed in (or its start and end: answer-window.ts)
    const text = answer.text;
    this.#checkRoot(text, answer.tail !== undefined);
    let error: unknown;
    if (decoded !== undefined) error = decoded.error;
    else {
      try {
        return this.#codec.decode(text, answer.sent !== undefined && this.#router ? this.#router.decodeOptions(this.#decodeOptions, answer.sent) : this.#decodeOptions);
      } catch (e) {
        error = e;
      }
    }
    if (!(error instanceof XmlDecodeError)) throw error;
    // (what it quotes of the answer was masked as it was made: DecodeOptions.redact)
    Object.defineProperty(error, 'excerpt', { value: answerExcerpt(text, answer.tail, error.line, error.column, this.#secrets), enumerable: true, configurable: true });
    throw error;
  }

  /** Fails unless the answer's root is <packet>; `cut`: the text is the answer's start only (a long prolog may not show its root). */
  #checkRoot(text: string, cut = false): void {
    const root = rootElementName(text);
    if (root === undefined && cut) return;
    if (root !== 'packet') {
      const shown = root === undefined ? 'not an element' : `<${this.#mask(root)}>`;
      throw new PleskTransportError('not-a-packet', `the answer is not a Plesk packet (its root is ${shown}): ${answerSnippet(text, (t, limit) => maskSecrets(t, this.#secrets, limit))}`);
    }
  }

  /**
   * Throws the packet-level error of an answer, if it has one: a version error (1005, 1017) names
   * the version sent and, for 1005, the versions the server supports (asked for at once); a refusal
   * because the protocol lacks an operator of the packet says so (protocol-versions.ts).
   */
  async #checkSystem(res: Res, packet: Req | undefined, options: CallOptions, operators: readonly string[], version?: string): Promise<Res> {
    const system = own(res as object, ENVELOPE.system) as PleskResult | undefined;
    if (!system || system.status !== 'error') return res;
    const code = system.errcode ?? 0;
    const supported = code === 1005 ? (await this.supportedProtocols({ ...options }).catch(() => undefined))?.map((version) => this.#mask(version)) : undefined;
    const answered = own(res as object, 'version');
    throw refusedPacketError({ code, errtext: this.#mask(system.errtext ?? ''), sent: version ?? packet?.version ?? this.#version, answered: typeof answered === 'string' ? this.#mask(answered) : undefined, supported, operators, table: this.#codec.operatorProtocols ?? [] });
  }

  #unwrap(spec: OperationSpec, res: Res): unknown {
    const operators = operatorsOf(res);
    const operator = ownOf(operators.find((o) => own(o, spec.operatorProp) !== undefined), spec.operatorProp);
    // (an operator whose answer is a single choice holds its operation directly)
    const answer = ownOf(operationsIn(operator).find((o) => own(o, spec.operationProp) !== undefined), spec.operationProp) as Record<string, unknown> | undefined;
    if (answer === undefined) throw new PleskTransportError('unexpected-answer', `the answer has no <${spec.operator}><${spec.operation}>`);
    if (spec.unwrap.k === 'answer') {
      // no <result> to look at: any report with status error inside the answer fails the call
      const reports = statusReports(answer);
      if (reports.some((r) => r.status === 'error')) throw this.#operationError(spec, reports);
      return answer;
    }
    const raw = own(answer, ENVELOPE.result);
    const results = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Array<PleskResult & Record<string, unknown>>;
    if (results.some((r) => r.status === 'error')) throw this.#operationError(spec, results);
    switch (spec.unwrap.k) {
      case 'none': return undefined;
      case 'list': { const prop = spec.unwrap.prop; return results.flatMap((r) => (own(r, prop) as unknown[] | undefined) ?? []); }
      case 'value': return ownOf(results[0], spec.unwrap.prop);
      case 'result': return results[0] && shapeResult(results[0], spec.unwrap, `${spec.operator}/${spec.operation}`);
      case 'results': { const shape = spec.unwrap; return results.map((r) => shapeResult(r, shape, `${spec.operator}/${spec.operation}`)); }
    }
  }

  /**
   * The error for results of which one or more failed, their texts masked; their `status` (ok or
   * error: what the error is made from, never the server's free text) as it is.
   */
  #operationError(spec: { operator: string; operation: string }, results: Array<PleskResult & Record<string, unknown>>): PleskOperationError {
    const masked = results.map((r) => ({ ...(maskValue(r, (text) => this.#mask(text)) as typeof r), status: r.status }));
    return new PleskOperationError(`${spec.operator}/${spec.operation}`, masked);
  }

  #mask(text: string): string {
    return maskSecrets(text, this.#secrets);
  }

  /**
   * Runs one call and reports it to the debug trace. Its errors are thrown as they are: each
   * masked the credentials where it took text from the server (an error text, a status line, a
   * Content-Type, the start of a body, what a decode error quotes of an answer), and nowhere else,
   * so that its class, name, reason, code and the client's own words are never rewritten.
   */
  async #guard<T>(run: () => Promise<T>, trace?: ExchangeTrace): Promise<T> {
    try {
      const value = await run();
      trace?.finish();
      return value;
    } catch (error) {
      trace?.finish(error);
      throw error;
    }
  }

  /** The debug trace of one call, when the client has a debug listener. */
  #trace(operations: string[]): ExchangeTrace | undefined {
    if (!this.#debug) return undefined;
    const { host, port, path } = this.#endpoint;
    return new ExchangeTrace(this.#debug, operations, `https://${host.includes(':') ? `[${host}]` : host}:${port}${path}`, (text) => maskWire(text, this.#secrets));
  }
}

/** The own property `key` of a record that may be missing. */
function ownOf(record: object | undefined, key: string): unknown {
  return record === undefined ? undefined : own(record, key);
}

function single(spec: OperationSpec, input: unknown): never {
  const operation = { [spec.operationProp]: input };
  return { operators: [{ [spec.operatorProp]: spec.single ? operation : { operations: [operation] } }] } as never;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
