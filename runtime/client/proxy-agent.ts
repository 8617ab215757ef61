/**
 * The client's `proxy` option: an https.Agent whose connections go through an HTTP proxy's
 * CONNECT tunnel, then TLS with the Plesk server inside it (verified as without a proxy: the
 * same `ca`, `servername`, `rejectUnauthorized`). The proxy sees `CONNECT host:port` and, when
 * the proxy URL carries a user and password, its own `Proxy-Authorization`; the Plesk credentials
 * (HTTP_AUTH_LOGIN, HTTP_AUTH_PASSWD, KEY) and the packets travel inside the TLS session only.
 * Connections are kept alive and reused like the plain agent's.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/** How long the proxy may take to open the tunnel. */
const CONNECT_TIMEOUT_MS = 30_000;

/** A proxy URL, checked: `http://[user:password@]host[:port]`; a TypeError otherwise. */
export function proxyUrl(proxy: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(proxy));
  } catch {
    throw new TypeError('PleskClient: option proxy must be an http:// URL, such as http://proxy.example.com:3128');
  }
  if (url.protocol !== 'http:') throw new TypeError(`PleskClient: option proxy must be an http:// URL (the tunnel carries TLS of its own), not ${url.protocol}`);
  return url;
}


export class TunnelAgent extends https.Agent {
  readonly #proxy: URL;

  constructor(proxy: URL, options: https.AgentOptions) {
    super(options);
    this.#proxy = proxy;
  }

  /** Opens the tunnel, then TLS through it (Node's Agent takes the socket from the callback). */
  override createConnection(options: https.RequestOptions, callback?: (error: Error | null, stream: Duplex) => void): undefined {
    const host = options.host ?? 'localhost';
    const target = `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 443}`;
    const auth = this.#proxy.username !== '' ? { 'Proxy-Authorization': `Basic ${Buffer.from(`${decodeURIComponent(this.#proxy.username)}:${decodeURIComponent(this.#proxy.password)}`).toString('base64')}` } : {};
    let done = false;
    const finish = (error: Error | null, socket?: Duplex) => {
      if (done) return;
      done = true;
      callback?.(error, socket as Duplex);
    };
    const request = http.request({
      host: this.#proxy.hostname.replace(/^\[|\]$/g, ''),
      port: this.#proxy.port === '' ? 80 : Number(this.#proxy.port),
      method: 'CONNECT',
      path: target,
      headers: { Host: target, ...auth },
      agent: false,
    });
    request.setTimeout(CONNECT_TIMEOUT_MS, () => request.destroy(new Error(`the proxy ${this.#proxy.host} did not open a tunnel to ${target} within ${CONNECT_TIMEOUT_MS} ms`)));
    request.once('connect', (response, socket, head) => {
      request.setTimeout(0);
      if (response.statusCode !== 200) {
        socket.destroy();
        finish(Object.assign(new Error(`the proxy ${this.#proxy.host} refused the tunnel to ${target}: HTTP ${response.statusCode}${response.statusMessage ? ` ${response.statusMessage}` : ''}`), { code: 'ECONNREFUSED' }));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      const servername = (options as tls.ConnectionOptions).servername ?? (isIpAddress(host) ? undefined : host);
      const secure = tls.connect({ ...(options as tls.ConnectionOptions), socket, ...(servername !== undefined ? { servername } : {}) });
      finish(null, secure);
    });
    request.once('error', (error) => finish(error));
    request.end();
    return undefined;
  }
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
