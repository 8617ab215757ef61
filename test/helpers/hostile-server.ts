/**
 * An HTTPS server whose every answer a test scripts: `server.answer = (req, res, body) => …`.
 * For what the stand-in (examples/stand-in) does not do: answers of any shape, chunked or
 * trickled bodies, texts in status lines and headers. It counts the requests it received.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createStubCertificate } from '../../runtime/testing/certificate.js';
import { PleskClient, type PleskClientOptions } from '../../generated/src/index.js';

export type Answer = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface HostileServer {
  host: string;
  port: number;
  cert: string;
  /** how the next requests are answered (default: an empty ok packet) */
  answer: Answer;
  /** requests received */
  requests: number;
  close(): Promise<void>;
}

export async function hostileServer(): Promise<HostileServer> {
  const { key, cert } = createStubCertificate('hostile');
  const state: HostileServer = {
    host: '127.0.0.1', port: 0, cert, requests: 0,
    answer: (_req, res) => xml(res, '<packet><system><status>ok</status></system></packet>'),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = https.createServer({ key, cert, keepAlive: true }, (req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => {
      state.requests++;
      try {
        state.answer(req, res, body);
      } catch (error) {
        res.destroy(error as Error);
      }
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

/** An XML answer with Content-Length (in bytes). */
export function xml(res: ServerResponse, text: string, status = 200): void {
  const bytes = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/xml; charset=UTF-8', 'Content-Length': bytes.length });
  res.end(bytes);
}

/** A client of the server (password login unless `secretKey` is given; override anything). */
export function clientFor(server: HostileServer, options: Partial<PleskClientOptions> = {}): PleskClient {
  const credentials = options.secretKey !== undefined ? {} : { login: 'admin', password: options.password ?? 'hostile-password' };
  return new PleskClient({ host: server.host, port: server.port, ca: server.cert, timeoutMs: 10_000, retries: 2, ...credentials, ...options } as PleskClientOptions);
}
