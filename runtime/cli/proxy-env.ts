/**
 * The proxy for a server, from the environment as curl and the AWS CLI read it: `https_proxy`,
 * `HTTPS_PROXY`, then `all_proxy`, `ALL_PROXY` (an `http://[user:password@]host:port` URL; the
 * scheme may be left out), unless `no_proxy` / `NO_PROXY` lists the server: `*` (every server), a
 * domain (`example.com` or `.example.com`: it and its subdomains), an IP address, an IPv4 range
 * (`10.0.0.0/8`), each optionally with `:port`. The client tunnels through it with CONNECT
 * (runtime/client/proxy-agent.ts): the proxy sees the server's name and port, never the
 * credentials, which travel inside the TLS session.
 */
import { isIP } from 'node:net';
import { CliError } from './cli-types.js';

export function proxyFor(host: string, port: number, env: { readonly [name: string]: string | undefined }): string | undefined {
  const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v.trim() !== '');
  const proxy = pick('https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY');
  if (proxy === undefined) return undefined;
  const noProxy = pick('no_proxy', 'NO_PROXY');
  if (noProxy !== undefined && bypasses(host, port, noProxy)) return undefined;
  const url = proxy.includes('://') ? proxy.trim() : `http://${proxy.trim()}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`HTTPS_PROXY ${proxy} is not a URL: give http://host:port`);
  }
  if (parsed.protocol !== 'http:') throw new CliError(`HTTPS_PROXY ${proxy}: only http:// proxies are supported (the tunnel to the server is TLS of its own)`);
  return parsed.href;
}

/** Whether NO_PROXY's list names the server. */
export function bypasses(host: string, port: number, list: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  for (const raw of list.split(/[,\s]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const withPort = /^(.*?):(\d+)$/.exec(entry);
    if (withPort && (isIP(withPort[1]!.replace(/^\[|\]$/g, '')) !== 0 || !withPort[1]!.includes(':'))) {
      entry = withPort[1]!;
      entryPort = Number(withPort[2]);
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    entry = entry.replace(/^\[|\]$/g, '');
    if (entry.includes('/')) {
      if (inRange(name, entry)) return true;
      continue;
    }
    if (isIP(entry) !== 0) {
      if (entry === name) return true;
      continue;
    }
    const domain = entry.replace(/^\*?\./, '').replace(/\.$/, '');
    if (name === domain || name.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/** An IPv4 address inside `a.b.c.d/n`. */
function inRange(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (isIP(ip) !== 4 || isIP(base!) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const value = (a: string) => a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const size = 2 ** (32 - bits);
  return Math.floor(value(ip) / size) === Math.floor(value(base!) / size);
}
