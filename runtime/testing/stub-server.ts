/**
 * The Plesk stub's server: HTTPS on 127.0.0.1 (a certificate made at start, certificate.ts)
 * serving the agent with the package's own codecs, answering as Plesk does:
 *
 * - a KEY header that is not the secret key → system error 11003; no credentials → 1029; a wrong
 *   login or password → 1001;
 * - a packet that is not well-formed or breaks the schema → 1014, the decoder's reason in errtext;
 * - a version outside `protocolVersions` → 1005; `<server><get_protos/>` → `protocolVersions` (read
 *   without the package's codecs, as the client asks it for a 1005), unless a handler answers it;
 * - in a package of several versions, each packet read and answered with its version's schemas
 *   (stub-versions.ts);
 * - each operation → its handler's result, in packet order; `stubOperationError` → an error
 *   result; no handler → an error result (1017) naming the handler to write;
 * - a file operation whose handler returns `stubFile(…)` → the file (octet stream, attachment);
 * - a multipart upload → `<upload><result>` with a temporary path, the file kept in `uploads`
 *   (error 1023 over `maxUploadBytes`; stub-uploads.ts);
 * - with `refuseAbsentOperators`, an operator absent from the packet's protocol → 1014.
 *
 * A handler that throws anything else, or an answer the response schema refuses, is the test's
 * bug: HTTP 500 with the reason, and the error kept in `stub.errors`.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { XmlDecodeError } from '../codec/errors.js';
import { createStubCertificate } from './certificate.js';
import { StubFile, StubOperationError } from './stub-answers.js';
import { operationKeys, operationsIn, operatorsOf, type Entries } from '../client/packet-operations.js';
import { compareProtocolVersions } from '../client/protocol-versions.js';
import { isMultipart, readLimited, receiveUpload } from './stub-uploads.js';
import type { PleskStub, PleskStubOptions, StubCall, StubCodec, StubCredentials, StubFault, StubFaultOptions, StubOperationSpec, StubReading, StubRequest, StubUpload } from './stub-types.js';
import { isGetProtos, protosAnswer } from './stub-protos.js';

type Reply = { kind: 'xml'; packet: unknown } | { kind: 'file'; file: StubFile } | { kind: 'raw'; xml: string };

/** A packet naming a protocol version the server does not speak (a package of several versions): 1005, before it is read. */
class Unsupported {
  constructor(readonly version: string) {}
}

interface QueuedFault {
  fault: StubFault;
  operation: string | undefined;
  remaining: number;
}

/** A packet-level refusal, answered as `<system>`. */
class SystemAnswer {
  constructor(
    readonly code: number,
    readonly text: string,
  ) {}
}

const AGENT = '/enterprise/control/agent.php';

export async function startStub<Req, Res, H, K extends string>(options: PleskStubOptions<H, K>, codec: StubCodec<Req, Res>): Promise<PleskStub<K>> {
  const tls = options.tls !== false;
  const certificate = tls ? createStubCertificate() : undefined;
  const agentPath = options.path ?? AGENT;
  const limit = options.maxRequestBytes ?? 16 * 1024 * 1024;
  const uploadLimit = options.maxUploadBytes ?? 64 * 1024 * 1024;
  const uploads: StubUpload[] = [];
  const accepted = { login: options.login ?? 'admin', password: options.password ?? 'stub-password', secretKey: options.secretKey ?? 'stub-secret-key' };
  const specs = new Map(codec.operations.map((s) => [`${s.operatorProp}.${s.operationProp}`, s]));
  const handlers = (options.handlers ?? {}) as Record<string, Record<string, ((input: unknown, call: StubCall<K>) => unknown) | undefined> | undefined>;
  const calls: Array<StubCall<K>> = [];
  const requests: StubRequest[] = [];
  const errors: Error[] = [];
  const queue: QueuedFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });

  const takeFault = (keys: string[]): StubFault | undefined => {
    const index = queue.findIndex((q) => q.operation === undefined || keys.includes(q.operation));
    if (index < 0) return undefined;
    const entry = queue[index]!;
    if (--entry.remaining <= 0) queue.splice(index, 1);
    return entry.fault;
  };

  // as Plesk: the packet-level refusal carries the protocol the server answers in (its newest)
  const newest = options.protocolVersion ?? (codec.versions ? [...(options.protocolVersions ?? codec.versions.versions)].sort(compareProtocolVersions).at(-1) : undefined) ?? '1.6.9.0';
  const systemPacket = (code: number, text: string): Reply & { kind: 'xml' } => ({ kind: 'xml', packet: { version: newest, system: { status: 'error', errcode: code, errtext: text } } });

  /** Plesk's refusal of these credentials, if it refuses them. */
  const refusal = (credentials: StubCredentials): { code: number; text: string } | undefined => {
    if (credentials.secretKey !== undefined) return credentials.secretKey === accepted.secretKey ? undefined : { code: 11003, text: 'Secret key validation failed.' };
    if (credentials.login === undefined || credentials.password === undefined) return { code: 1029, text: 'Authentication method is not specified or unknown.' };
    if (credentials.login !== accepted.login || credentials.password !== accepted.password) return { code: 1001, text: 'Authentication failed: wrong login or password.' };
    return undefined;
  };

  /** The answer to a packet that carried `credentials`, as Plesk would give it (`reading`: in a package of several versions). */
  const answer = async (body: string, packet: Req | undefined, decodeError: unknown, credentials: StubCredentials, reading?: StubReading): Promise<Reply> => {
    const refused = refusal(credentials);
    if (refused) return systemPacket(refused.code, refused.text);
    if (decodeError instanceof Unsupported) return systemPacket(1005, `Unsupported protocol version ${decodeError.version}.`);
    if (isGetProtos(body) && typeof handlerMember(handlerMember(handlers, 'server'), 'getProtos') !== 'function') {
      return { kind: 'raw', xml: protosAnswer(reading?.version ?? newest, options.protocolVersions ?? codec.versions?.versions ?? [newest]) };
    }
    if (packet === undefined) {
      if (decodeError instanceof XmlDecodeError) return systemPacket(1014, `Parser error: Request is invalid. ${decodeError.message}`);
      throw decodeError;
    }
    const version = (packet as { version?: string }).version;
    if (version !== undefined && options.protocolVersions && !options.protocolVersions.some((v) => v === version || v.startsWith(`${version}.`))) {
      return systemPacket(1005, `Unsupported protocol version ${version}.`);
    }
    const absent = options.refuseAbsentOperators === true ? absentOperator(packet, version ?? reading?.version ?? newest) : undefined;
    if (absent !== undefined) return systemPacket(1014, `Parser error: Request is invalid. Error in line 2: Element '${absent}': This element is not expected.`);
    try {
      return await answerOperations(body, packet, version ?? reading?.version, credentials);
    } catch (error) {
      if (error instanceof SystemAnswer) return systemPacket(error.code, error.text);
      throw error;
    }
  };

  const answerOperations = async (body: string, packet: Req, version: string | undefined, credentials: StubCredentials): Promise<Reply> => {
    const operators: Entries = [];
    const count = operationKeys(packet).length;
    for (const entry of operatorsOf(packet)) {
      const [operatorProp, value] = Object.entries(entry)[0]!;
      const operations = operationsIn(value);
      const answers: Entries = [];
      let singleAnswer = false;
      for (const operation of operations) {
        const [operationProp, input] = Object.entries(operation)[0]!;
        const key = `${operatorProp}.${operationProp}` as K;
        const spec = specs.get(key);
        if (!spec) throw new SystemAnswer(1017, `The stub cannot answer ${key}: the response schema has no answer for it.`);
        const call: StubCall<K> = { key, operator: spec.operator, operation: spec.operation, input, credentials, xml: body, ...(version !== undefined ? { version } : {}) };
        calls.push(call);
        const result = await runHandler(spec, call);
        if (result instanceof StubFile) {
          if (!spec.binary) throw new Error(`the handler of ${spec.operator}/${spec.operation} returned a file, but this operation answers XML`);
          if (count > 1) throw new SystemAnswer(1014, `Parser error: ${spec.operation} must be the only operation of its packet.`);
          return { kind: 'file', file: result };
        }
        answers.push({ [operationProp]: result });
        singleAnswer = spec.singleAnswer === true;
      }
      // an operator whose answer is one xs:choice holds its one operation directly
      operators.push({ [operatorProp]: singleAnswer && answers.length === 1 ? answers[0]! : { operations: answers } });
    }
    return { kind: 'xml', packet: { version: version ?? newest, operators } };
  };

  /** The first operator of the packet that the package knows to be absent from `version`. */
  const absentOperator = (packet: Req, version: string): string | undefined => {
    const props = operatorsOf(packet).flatMap((entry) => Object.keys(entry));
    const names = codec.operations.filter((o) => props.includes(o.operatorProp)).map((o) => o.operator);
    return (codec.operatorProtocols ?? []).find((row) => names.includes(row.operator) && compareProtocolVersions(version, row.absentFrom) >= 0)?.operator;
  };

  /** An upload: credentials checked, then the file kept, or refused over the limit (stub-uploads.ts). */
  const serveUpload = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const credentials = credentialsOf(req);
    const record: StubRequest = { xml: '', credentials, kind: 'upload' };
    requests.push(record);
    const { reply, description } = await receiveUpload(req, uploadLimit, credentials, refusal, uploads);
    record.xml = description;
    // the faults of a packet, for an upload: the file is kept, then no answer (drop), or none ever (hang)
    const fault = options.faultFor?.({ xml: description, operations: ['upload'], credentials }) ?? takeFault(['upload']);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'drop') return void res.socket?.destroy();
    if (fault?.kind === 'hang') return;
    let packet: unknown;
    if ('system' in reply) packet = systemPacket(reply.system.code, reply.system.text).packet;
    else if (!codec.upload) packet = systemPacket(1017, 'The stub cannot answer uploads: the response schema has no <upload>.').packet;
    else packet = { version: newest, operators: [{ [codec.upload.prop]: { result: codec.upload.many ? [reply.upload] : reply.upload } }] };
    const xml = codec.encodeResponse(packet as Res);
    record.answer = xml;
    record.status = 200;
    sendXml(res, xml, 200);
  };

  /** The operation's answer (the handler's result wrapped as the schema wants it), or a file. */
  const runHandler = async (spec: StubOperationSpec, call: StubCall<K>): Promise<unknown> => {
    const handler = handlerMember(handlerMember(handlers, spec.operatorProp), spec.operationProp) as ((input: unknown, call: StubCall<K>) => unknown) | undefined;
    let value: unknown;
    try {
      if (typeof handler !== 'function') {
        throw new StubOperationError(1017, `no stub handler for ${spec.operator}/${spec.operation}: give handlers.${spec.operatorProp}.${spec.operationProp} to createPleskStub`);
      }
      value = await handler(call.input, call);
    } catch (error) {
      if (!(error instanceof StubOperationError)) {
        throw new Error(`the handler of ${spec.operator}/${spec.operation} threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const failed = { status: 'error', errcode: error.code, errtext: error.text };
      if (spec.answer === 'answer') throw new SystemAnswer(error.code, error.text); // no <result> to carry it
      return { result: spec.answer === 'results' ? [failed] : failed };
    }
    if (value instanceof StubFile || spec.answer === 'answer') return value;
    if (spec.answer === 'results') return { result: Array.isArray(value) ? value : [value] };
    return { result: value };
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, body: string): Promise<void> => {
    const credentials = credentialsOf(req);
    const record: StubRequest = { xml: body, credentials, kind: 'packet' };
    requests.push(record);
    let packet: Req | undefined;
    let decodeError: unknown;
    const read = codec.versions?.reading(body, options.protocolVersions);
    try {
      if (read?.unsupported !== undefined) decodeError = new Unsupported(read.unsupported);
      else packet = read ? codec.versions!.decodeRequest(body, read.tables) : codec.decodeRequest(body);
    } catch (error) {
      decodeError = error;
    }
    const keys = packet === undefined ? [] : operationKeys(packet);
    const fault = options.faultFor?.({ xml: body, operations: keys, credentials }) ?? takeFault(keys);
    if (fault) record.fault = fault.kind;
    switch (fault?.kind) {
      case 'hang':
        record.kind = 'fault';
        return;
      case 'html':
        record.kind = 'fault';
        record.status = fault.status;
        return html(res, fault.status, fault.title ?? (http.STATUS_CODES[fault.status] ?? 'Error'));
      case 'xml':
        record.kind = 'fault';
        record.status = fault.status ?? 200;
        record.answer = fault.xml;
        return sendXml(res, fault.xml, record.status);
      case 'file-stall':
      case 'file-cut':
        record.kind = 'fault';
        record.status = 200;
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': 1000, 'Content-Disposition': 'attachment; filename="partial.tar"' });
        res.write(Buffer.alloc(10, 1));
        if (fault.kind === 'file-cut') await pause(20).then(() => res.socket?.destroy());
        return;
      case 'slow':
        await pause(fault.delayMs);
        break;
      default:
        break;
    }
    const reply = fault?.kind === 'system-error' ? systemPacket(fault.code, fault.text ?? '') : await answer(body, packet, decodeError, credentials, read);
    if (reply.kind === 'raw') {
      if (fault?.kind === 'drop') return void res.socket?.destroy();
      record.answer = reply.xml;
      record.status = 200;
      return sendXml(res, reply.xml, 200);
    }
    if (reply.kind === 'file') {
      if (fault?.kind === 'drop') return void res.socket?.destroy();
      record.kind = 'file';
      record.status = 200;
      const { content, filename, contentType } = reply.file;
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': content.length, 'Content-Disposition': `attachment; filename="${filename.replace(/["\\]/g, '\\$&')}"` });
      if (fault?.kind !== 'file-slow') return void res.end(content);
      // a slow download: a piece at a time, until the client has it all or goes away
      const step = Math.max(1, fault.chunkBytes ?? 1024);
      for (let at = 0; at < content.length && !res.destroyed; at += step) {
        res.write(content.subarray(at, at + step));
        await pause(fault.delayMs);
      }
      return void res.end();
    }
    let xml: string;
    try {
      xml = read ? codec.versions!.encodeResponse({ version: read.version, ...(reply.packet as object) } as Res, read.tables) : codec.encodeResponse(reply.packet as Res);
    } catch (error) {
      throw new Error(`the stub's answer breaks the response schema (check what the handlers returned): ${(error as Error).message}`, { cause: error });
    }
    if (fault?.kind === 'drop') return void res.socket?.destroy();
    record.answer = xml;
    record.status = 200;
    sendXml(res, xml, 200);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '').split('?')[0] !== agentPath || req.method !== 'POST') {
      req.resume();
      return html(res, 404, 'Not Found');
    }
    (isMultipart(req) ? serveUpload(req, res) : readBody(req, limit).then((body) => (body === undefined ? html(res, 413, 'Request Entity Too Large') : serve(req, res, body))))
      .catch((error: unknown) => {
        const bug = error instanceof Error ? error : new Error(String(error));
        errors.push(bug);
        const last = requests.at(-1);
        if (last) last.status = 500;
        if (!res.headersSent) html(res, 500, `Internal Server Error: plesk stub: ${bug.message}`);
        else res.destroy();
      });
  };

  const server = certificate
    ? https.createServer({ key: certificate.key, cert: certificate.cert, keepAlive: true }, onRequest)
    : http.createServer({ keepAlive: true }, onRequest);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // a TLS handshake that fails (a client that does not trust the certificate) is the client's error to report
  server.on('tlsClientError', (_error: Error, socket: Socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}${agentPath}`,
    ca: certificate?.cert,
    ...accepted,
    calls,
    requests,
    uploads,
    errors,
    fail(fault: StubFault, faultOptions: StubFaultOptions<K> = {}) {
      queue.push({ fault, operation: faultOptions.operation, remaining: faultOptions.times ?? 1 });
    },
    reset() {
      calls.length = 0;
      requests.length = 0;
      uploads.length = 0;
      errors.length = 0;
      queue.length = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** `operatorProp.operationProp` of every operation of a decoded packet, in order. */
function credentialsOf(req: IncomingMessage): StubCredentials {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const login = header('http_auth_login');
  const password = header('http_auth_passwd');
  const secretKey = header('key');
  return { ...(login !== undefined ? { login } : {}), ...(password !== undefined ? { password } : {}), ...(secretKey !== undefined ? { secretKey } : {}) };
}

/** The body as text; undefined when it is over `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return (await readLimited(req, limit)).content?.toString('utf8');
}

function sendXml(res: ServerResponse, xml: string, status: number): void {
  const bytes = Buffer.from(xml, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/xml; charset=UTF-8', 'Content-Length': bytes.length });
  res.end(bytes);
}

function html(res: ServerResponse, status: number, title: string): void {
  const text = title.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
  const page = `<!DOCTYPE html>\n<html><head><title>${status} ${text}</title></head><body><h1>${text}</h1><hr><center>nginx</center></body></html>\n`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': Buffer.byteLength(page) });
  res.end(page);
}

/**
 * A member of a handlers object, own or from its class (handlers may be class instances), but
 * never what every object inherits from Object.prototype: an operation named `constructor` or
 * `toString` has a handler only when one is given.
 */
function handlerMember(holder: unknown, key: string): unknown {
  if (holder === null || (typeof holder !== 'object' && typeof holder !== 'function')) return undefined;
  const member = (holder as Record<string, unknown>)[key];
  return member === (Object.prototype as unknown as Record<string, unknown>)[key] && !Object.hasOwn(holder, key) ? undefined : member;
}
