/**
 * A local stand-in for a Plesk server: HTTPS on 127.0.0.1 (a self-signed certificate made at
 * start-up) serving POST /enterprise/control/agent.php with the generated codecs, answering as
 * Plesk does:
 *
 * - no credentials → system error 1029; wrong password → 1001; wrong secret key → 11003;
 * - a packet that is not well-formed or breaks the schema → 1014, the reason in errtext;
 * - an unsupported `version` → 1005, an operation newer than the version → 1017, and
 *   `<server><get_protos/>` and `<db_server><get>` answered outside our schema (protocols.ts);
 * - backup-manager operations → their answers (backup-manager.ts), error results included;
 * - download-file of an existing file → the file itself (application/octet-stream, attachment).
 *
 * Tests can queue faults (`faults.push('drop')`) for the next requests: `drop` handles the packet
 * then closes the connection without answering, `hang` never answers, `html-502` answers a
 * proxy's HTML error page, `html-200` a login page with status 200, `{ xml }` answers that text,
 * `file-stall` starts sending a file and stops, `file-cut` closes the connection in the middle of
 * a file. `{ fault, match }` waits for a request whose body contains `match`.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeRequestPacket, encodeResponsePacket, XmlDecodeError, type RequestPacket, type ResponsePacket } from '../../generated/src/index.js';
import { BackupManager } from './backup-manager.js';
import { createCertificate } from './certificate.js';
import { answerOutsideSchema, isSupportedVersion, NEWEST_VERSION, unsupportedOperation } from './protocols.js';

export type Fault = 'drop' | 'hang' | 'html-502' | 'html-200' | 'file-stall' | 'file-cut' | { xml: string };

/** A fault for the next request, or for the next request whose body contains `match`. */
export type QueuedFault = Fault | { fault: Fault; match: string };

export interface StandInOptions {
  login?: string;
  password?: string;
  secretKey?: string;
  /** get-tasks-info polls after which a started backup is finished (default 2) */
  finishAfterPolls?: number;
  /** default: any free port */
  port?: number;
}

export interface StandIn {
  host: string;
  port: number;
  /** the server's certificate (PEM), to pass as the client's `ca` */
  cert: string;
  login: string;
  password: string;
  secretKey: string;
  backupManager: BackupManager;
  /** faults for the next requests, first first */
  faults: QueuedFault[];
  /** requests received at the agent */
  requests: number;
  /** every request body received at the agent, for validation against Plesk's agent_input.xsd */
  received: string[];
  /** every XML packet answered (scripted `{ xml }` faults aside), for validation against Plesk's agent_output.xsd */
  responses: string[];
  close(): Promise<void>;
}

const AGENT = '/enterprise/control/agent.php';
const LIMIT = 1024 * 1024;

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const { key, cert } = await createCertificate();
  const state: StandIn = {
    host: '127.0.0.1', port: 0, cert,
    login: options.login ?? 'admin', password: options.password ?? 'stand-in-password', secretKey: options.secretKey ?? 'stand-in-secret-key',
    backupManager: new BackupManager(options.finishAfterPolls ?? 2),
    faults: [], requests: 0, received: [], responses: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = https.createServer({ key, cert, keepAlive: true }, (req, res) => {
    readBody(req)
      .then((body) => serve(state, req, res, body))
      .catch((error: unknown) => {
        // a bug in the stand-in: answer 500 rather than crash the process that hosts it
        if (!res.headersSent) html(res, 500, `Internal Server Error: ${String(error)}`);
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

function serve(state: StandIn, req: IncomingMessage, res: ServerResponse, body: string): void {
  if (req.url !== AGENT || req.method !== 'POST') return html(res, 404, 'Not Found');
  state.requests++;
  state.received.push(body);
  const fault = takeFault(state.faults, body);
  if (typeof fault === 'object') return send(res, fault.xml);
  if (fault === 'file-stall' || fault === 'file-cut') {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': 1000, 'Content-Disposition': 'attachment; filename="partial.tar"' });
    res.write(Buffer.alloc(10, 1));
    if (fault === 'file-cut') setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  if (fault === 'hang') return;
  if (fault === 'html-502') return html(res, 502, 'Bad Gateway');
  if (fault === 'html-200') return html(res, 200, 'Log in to Plesk');
  const outside = authorized(state, req) === undefined ? answerOutsideSchema(body) : undefined;
  if (outside !== undefined) {
    if (fault === 'drop') return void res.socket?.destroy();
    state.responses.push(outside);
    return send(res, outside);
  }
  const answer = answerPacket(state, req, body);
  if (fault === 'drop') return void res.socket?.destroy();
  if (answer.kind === 'file') {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': answer.content.length, 'Content-Disposition': `attachment; filename="${answer.name}"` });
    return void res.end(answer.content);
  }
  const xml = encodeResponsePacket(answer.packet);
  state.responses.push(xml);
  send(res, xml);
}

function send(res: ServerResponse, xml: string): void {
  const bytes = Buffer.from(xml, 'utf8');
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8', 'Content-Length': bytes.length });
  res.end(bytes);
}

function takeFault(faults: QueuedFault[], body: string): Fault | undefined {
  const index = faults.findIndex((f) => typeof f !== 'object' || !('match' in f) || body.includes(f.match));
  if (index < 0) return undefined;
  const [entry] = faults.splice(index, 1);
  return typeof entry === 'object' && 'match' in entry ? entry.fault : entry;
}

type Reply = { kind: 'xml'; packet: ResponsePacket } | { kind: 'file'; name: string; content: Buffer };

/** The credentials' system error (code and text), or undefined when they are right. */
function authorized(state: StandIn, req: IncomingMessage): [number, string] | undefined {
  const key = req.headers.key;
  const login = req.headers.http_auth_login;
  const password = req.headers.http_auth_passwd;
  if (key !== undefined) {
    if (key !== state.secretKey) return [11003, 'Secret key validation failed.'];
  } else if (login === undefined || password === undefined) {
    return [1029, 'Authentication method is not specified or unknown.'];
  } else if (login !== state.login || password !== state.password) {
    return [1001, 'Authentication failed: wrong login or password.'];
  }
  return undefined;
}

function answerPacket(state: StandIn, req: IncomingMessage, body: string): Reply {
  const system = (errcode: number, errtext: string): Reply => ({ kind: 'xml', packet: { system: { status: 'error', errcode, errtext } } });
  const refused = authorized(state, req);
  if (refused) return system(...refused);
  let packet: RequestPacket;
  try {
    packet = decodeRequestPacket(body);
  } catch (error) {
    if (error instanceof XmlDecodeError) return system(1014, `Parser error: Request is invalid. ${error.message}`);
    throw error;
  }
  const version = packet.version ?? NEWEST_VERSION;
  if (!isSupportedVersion(version)) return system(1005, `Unsupported protocol version ${version}.`);
  const operations = packet.operators.flatMap((op) => op.backupManager?.operations ?? []);
  const tooNew = unsupportedOperation(version, [...body.matchAll(/<([a-z][\w-]*)[\s/>]/g)].map((m) => m[1]!));
  if (tooNew) return system(1017, `The operation ${tooNew} is not supported by protocol version ${version}.`);
  const download = operations.find((o) => o.downloadFile !== undefined)?.downloadFile;
  if (download && operations.length > 1) return system(1014, 'Parser error: download-file must be the only operation of its packet.');
  if (download) {
    try {
      const file = state.backupManager.find(download);
      return { kind: 'file', name: file.name, content: file.content };
    } catch {
      // the file or owner does not exist: the XML error answer below
    }
  }
  const operators = packet.operators.map((op) => ({ backupManager: { operations: op.backupManager.operations.map((o) => state.backupManager.handle(o)) } }));
  return { kind: 'xml', packet: { version, operators } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMIT) reject(new Error('request too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function html(res: ServerResponse, status: number, title: string): void {
  const page = `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><hr><center>nginx</center></body></html>\n`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': Buffer.byteLength(page) });
  res.end(page);
}
