/**
 * Where the command connects and as whom: flags over the environment, a named profile (secrets as
 * env:NAME, or in clear only in a file of mode 0600; a missing profile is an error), the proxy of
 * HTTPS_PROXY (a CONNECT tunnel that never sees the credentials) unless NO_PROXY names the server.
 */
import test from 'ava';
import { chmodSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { PleskClient } from '../generated/src/index.js';
import { createPleskStub, type PleskStub } from '../generated/src/testing.js';
import { tempDir } from './helpers/cli.js';
import { caFile, runPackageCli, stubEnv } from './helpers/package-cli.js';

const READ = ['backup-manager', 'get-supported-protocols', '-o', 'json'];

async function stub(t: { teardown: (fn: () => unknown) => void }, options: { password?: string } = {}): Promise<PleskStub> {
  const s = await createPleskStub({ ...options, handlers: { backupManager: { getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }) } } });
  t.teardown(() => s.close());
  return s;
}

test('the environment, overridden by flags; what is missing or ambiguous is a usage error naming the fix', async (t) => {
  const s = await stub(t);
  const dir = tempDir('connection');
  const env = stubEnv(s, dir);
  t.is((await runPackageCli(READ, { env })).stdout, '["ftp"]\n'.replace('["ftp"]', '[\n  "ftp"\n]'));
  const wrongPort = await runPackageCli([...READ, '--port', '1'], { env });
  t.is(wrongPort.code, 5, 'the flag wins over PLESK_PORT');
  t.regex(wrongPort.stderr, /^plesk-backup: backup-manager get-supported-protocols: no answer from 127\.0\.0\.1:1 \(the connection failed or was dropped\)/);
  const cases: Array<[Record<string, string>, string[], string]> = [
    [{}, [], 'plesk-backup: no server: give --host HOST, set PLESK_HOST, or name a --profile'],
    [{ PLESK_HOST: 'h' }, [], 'plesk-backup: no credentials for h: give a secret key (PLESK_SECRET_KEY, --secret-key-file) or a login and password (PLESK_LOGIN and PLESK_PASSWORD, --login with --password-file or --password-stdin), or a --profile'],
    [{ PLESK_HOST: 'h', PLESK_PASSWORD: 'p' }, [], 'plesk-backup: a password but no login for h: give --login or PLESK_LOGIN'],
    [{ PLESK_HOST: 'h', PLESK_LOGIN: 'a', PLESK_PASSWORD: 'p', PLESK_SECRET_KEY: 'k' }, [], 'plesk-backup: the environment gives both a password and a secret key: give one (unset PLESK_PASSWORD or PLESK_SECRET_KEY)'],
    [{ PLESK_HOST: 'h', PLESK_SECRET_KEY: 'k', PLESK_PORT: '99999' }, [], 'plesk-backup: the port 99999 (from the environment) is not a number from 1 to 65535'],
    [{ PLESK_HOST: 'h', PLESK_SECRET_KEY: 'k', PLESK_CA: 'missing.pem' }, [], `plesk-backup: the CA file ${path.join(dir, 'missing.pem')} (from PLESK_CA): cannot read it: ENOENT: no such file or directory, open '${path.join(dir, 'missing.pem')}'`],
  ];
  for (const [vars, args, message] of cases) {
    const run = await runPackageCli([...READ, ...args], { env: vars, cwd: dir });
    t.is(run.code, 2, message);
    t.is(run.stderr.split('\n')[0], message);
  }
  t.is(s.requests.length, 1);
});

test('a profile: secrets as env: references, or in clear in a 0600 file only; a missing profile is an error', async (t) => {
  const s = await stub(t, { password: 'profile-Password-1' });
  const dir = tempDir('profiles');
  const file = path.join(dir, 'profiles.json');
  const ca = path.basename(caFile(s, dir));
  const write = (profiles: object, mode: number) => {
    writeFileSync(file, JSON.stringify({ profiles }));
    chmodSync(file, mode);
  };
  const env = { PLESK_PROFILE_FILE: file, PROD_PASSWORD: 'profile-Password-1', PLESK_HOST: 'ignored.invalid' };
  write({ prod: { host: s.host, port: s.port, login: 'admin', password: 'env:PROD_PASSWORD', ca } }, 0o644);
  const ok = await runPackageCli([...READ, '--profile', 'prod'], { env, cwd: dir });
  t.is(ok.code, 0, ok.stderr);
  const viaEnv = await runPackageCli(READ, { env: { ...env, PLESK_PROFILE: 'prod' }, cwd: dir });
  t.is(viaEnv.code, 0, 'PLESK_PROFILE names it too, and PLESK_HOST is not mixed in');
  const missing = await runPackageCli([...READ, '--profile', 'prd'], { env, cwd: dir });
  t.is(missing.code, 2);
  t.is(missing.stderr.split('\n')[0], `plesk-backup: profile prd is not in ${file}; did you mean prod? (it has prod)`);
  const noFile = await runPackageCli([...READ, '--profile', 'prod', '--profile-file', 'nowhere.json'], { env, cwd: dir });
  t.is(noFile.stderr.split('\n')[0], `plesk-backup: profile prod: there is no profile file ${path.join(dir, 'nowhere.json')} (give --profile-file or PLESK_PROFILE_FILE, or create it: see the package's README, "The command line")`);

  write({ prod: { host: s.host, port: s.port, login: 'admin', password: 'profile-Password-1', ca } }, 0o644);
  const open = await runPackageCli([...READ, '--profile', 'prod'], { env, cwd: dir });
  t.is(open.code, 2);
  t.is(open.stderr.split('\n')[0], `plesk-backup: profile prod (${file}): password is written in clear in a file others may read (mode 0644): run chmod 600 ${file}, or write "password": "env:NAME" and set NAME`);
  chmodSync(file, 0o600);
  t.is((await runPackageCli([...READ, '--profile', 'prod'], { env, cwd: dir })).code, 0, 'in clear in a 0600 file');

  write({ prod: { host: s.host, prot: 1 } }, 0o600);
  const unknown = await runPackageCli([...READ, '--profile', 'prod'], { env, cwd: dir });
  t.is(unknown.stderr.split('\n')[0], `plesk-backup: profile prod (${file}): unknown key prot; did you mean port? (known: host, port, login, password, secretKey, ca, protocolVersion)`);
  write({ prod: { host: s.host, port: s.port, login: 'admin', password: 'env:UNSET_PASSWORD', ca } }, 0o600);
  const unset = await runPackageCli([...READ, '--profile', 'prod'], { env, cwd: dir });
  t.is(unset.stderr.split('\n')[0], `plesk-backup: profile prod (${file}): password is env:UNSET_PASSWORD, and UNSET_PASSWORD is not set`);
});

/** A CONNECT proxy that records each tunnel's request line, headers and the bytes it carried. */
async function connectProxy(t: { teardown: (fn: () => unknown) => void }): Promise<{ port: number; tunnels: Array<{ target: string; headers: http.IncomingHttpHeaders; bytes: Buffer[] }> }> {
  const tunnels: Array<{ target: string; headers: http.IncomingHttpHeaders; bytes: Buffer[] }> = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  const sockets = new Set<net.Socket>();
  server.on('connect', (req, client: net.Socket, head: Buffer) => {
    const tunnel = { target: req.url ?? '', headers: req.headers, bytes: [head] };
    tunnels.push(tunnel);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      client.on('data', (chunk: Buffer) => tunnel.bytes.push(chunk));
      client.pipe(upstream).pipe(client);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, tunnels };
}

test("HTTPS_PROXY: the request goes through a CONNECT tunnel that sees the server's name, never the credentials; NO_PROXY bypasses it; the client's proxy option", async (t) => {
  const s = await stub(t, { password: 'tunnel-Password-7' });
  const proxy = await connectProxy(t);
  const env = { ...stubEnv(s, tempDir('proxy')), PLESK_PASSWORD: 'tunnel-Password-7', HTTPS_PROXY: `http://user:proxy-pass@127.0.0.1:${proxy.port}` };
  const run = await runPackageCli(READ, { env });
  t.is(run.code, 0, run.stderr);
  t.is(proxy.tunnels.length, 1);
  const tunnel = proxy.tunnels[0]!;
  t.is(tunnel.target, `127.0.0.1:${s.port}`);
  t.is(tunnel.headers['proxy-authorization'], `Basic ${Buffer.from('user:proxy-pass').toString('base64')}`);
  t.deepEqual(Object.keys(tunnel.headers).filter((h) => /auth_|passwd|key/i.test(h)), [], 'no Plesk credential header reached the proxy');
  const carried = Buffer.concat(tunnel.bytes);
  t.true(carried.length > 100);
  t.false(carried.includes('tunnel-Password-7'), 'the password crossed the proxy encrypted only');
  t.false(carried.includes('get-supported-protocols'), 'and so did the packet');
  t.is(s.calls.length, 1);

  const bypassed = await runPackageCli(READ, { env: { ...env, NO_PROXY: 'localhost,127.0.0.1' } });
  t.is(bypassed.code, 0);
  t.is(proxy.tunnels.length, 1, 'NO_PROXY named the server');
  // the library client's own option: explicit, checked
  const client = new PleskClient({ host: s.host, port: s.port, ca: s.ca, login: s.login, password: 'tunnel-Password-7', proxy: `http://127.0.0.1:${proxy.port}` });
  t.deepEqual(await client.backupManager.getSupportedProtocols(), ['ftp']);
  client.close();
  t.is(proxy.tunnels.length, 2);
  t.throws(() => new PleskClient({ host: 'h', secretKey: 'k', proxy: 'socks5://proxy:1080' }), { instanceOf: TypeError, message: 'PleskClient: option proxy must be an http:// URL (the tunnel carries TLS of its own), not socks5:' });
  const wrong = await runPackageCli(READ, { env: { ...env, HTTPS_PROXY: 'https://proxy.example.com:3128' } });
  t.is(wrong.code, 2);
  t.is(wrong.stderr.split('\n')[0], 'plesk-backup: HTTPS_PROXY https://proxy.example.com:3128: only http:// proxies are supported (the tunnel to the server is TLS of its own)');
});
