/**
 * No secret in any output: the password and the secret key the command logs in with, and a
 * password given to a request's secret element (env:NAME), appear in no output format (table,
 * wide, json, ndjson, xml, --dry-run, --debug, error messages, fleet rows), not even when the
 * server echoes them back in its answer or its error texts, raw or XML-escaped. A secret is
 * never accepted as a flag's value.
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPleskStub, stubOperationError } from '../generated/src/testing.js';
import { tempDir } from './helpers/cli.js';
import { caFile, runPackageCli, type PackageCliResult } from './helpers/package-cli.js';

const PASSWORD = `p<&>"x'Secret-42`;
const SECRET_KEY = 'k3y-Of-The-Realm-0123456789abcdef';
const FTP_PASSWORD = 'ftp-Pass&word<99>';
const ESCAPED = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function assertClean(t: { false: (v: boolean, m?: string) => void }, run: PackageCliResult, what: string): void {
  for (const secret of [PASSWORD, SECRET_KEY, FTP_PASSWORD]) {
    if (secret === FTP_PASSWORD && !/FTP/.test(what)) continue; // a secret of the runs that send or read it
    for (const spelling of [secret, ESCAPED(secret), encodeURIComponent(secret)]) {
      t.false(run.stdout.includes(spelling), `${what}: stdout shows a secret`);
      t.false(run.stderr.includes(spelling), `${what}: stderr shows a secret`);
    }
  }
}

test('the credentials the server echoes back are masked in table, wide, json, ndjson, xml, --debug and error messages', async (t) => {
  const stub = await createPleskStub({
    password: PASSWORD,
    secretKey: SECRET_KEY,
    handlers: {
      backupManager: {
        // a hostile or careless server puts the caller's credentials into its answer
        // (each echoes the credentials the caller sent: those are the caller's to mask)
        getTasksInfo: (_input, call) => {
          const own = call.credentials.password ?? call.credentials.secretKey ?? '';
          return [
            { status: 'ok', task: [{ id: 7, status: 'working', started: own, prefix: `[${own}]`, filename: ESCAPED(own), protocol: 'local', server: true }] },
            { status: 'error', errcode: 1013, errtext: `no task for ${own} (${ESCAPED(own)})` },
          ];
        },
        getRemoteStorageSettings: () => ({ status: 'ok', settings: { protocol: 'ftp', login: 'backup', password: FTP_PASSWORD } }),
        setRemoteStorageSettings: (input) => { throw stubOperationError(1019, `bad password ${String(input.settings.password)}`); },
      },
    },
  });
  t.teardown(() => stub.close());
  const dir = tempDir('secrets');
  writeFileSync(path.join(dir, 'password.txt'), `${PASSWORD}\n`);
  writeFileSync(path.join(dir, 'key.txt'), `${SECRET_KEY}\n`);
  const base = { PLESK_HOST: stub.host, PLESK_PORT: String(stub.port), PLESK_CA: caFile(stub, dir), FTP_PASSWORD };
  const byPassword = { ...base, PLESK_LOGIN: stub.login, PLESK_PASSWORD: PASSWORD };
  const byKey = { ...base, PLESK_SECRET_KEY: SECRET_KEY };
  const runs: Array<[string, string[], Record<string, string>, string?]> = [];
  for (const format of ['table', 'wide', 'json', 'ndjson', 'xml']) {
    runs.push([`-o ${format}, password`, ['backup-manager', 'get-tasks-info', '-o', format, '--debug'], byPassword]);
    runs.push([`-o ${format}, secret key`, ['backup-manager', 'get-tasks-info', '-o', format, '--debug'], byKey]);
    runs.push([`-o ${format}, a stored FTP password`, ['backup-manager', 'get-remote-storage-settings', '--protocol', 'ftp', '-o', format, '--debug'], byKey]);
  }
  runs.push(['--password-file', ['backup-manager', 'get-tasks-info', '--login', 'admin', '--password-file', 'password.txt', '-o', 'xml', '--debug'], base]);
  runs.push(['--password-stdin', ['backup-manager', 'get-tasks-info', '--login', 'admin', '--password-stdin', '-o', 'json', '--debug'], base, `${PASSWORD}\n`]);
  runs.push(['--secret-key-file', ['backup-manager', 'get-tasks-info', '--secret-key-file', 'key.txt', '-o', 'wide'], base]);
  runs.push(['a secret element (FTP), sent', ['backup-manager', 'set-remote-storage-settings', '--settings.protocol', 'ftp', '--settings.password', 'env:FTP_PASSWORD', '--debug'], byKey]);
  runs.push(['a secret element (FTP), dry run', ['backup-manager', 'set-remote-storage-settings', '--settings.protocol', 'ftp', '--settings.password', 'env:FTP_PASSWORD', '--dry-run'], byKey]);
  runs.push(['a wrong password', ['backup-manager', 'get-tasks-info', '--debug'], { ...byPassword, PLESK_PASSWORD: `${PASSWORD}-wrong` }]);
  for (const [what, args, env, stdin] of runs) {
    const run = await runPackageCli(args, { env, cwd: dir, ...(stdin !== undefined ? { stdin } : {}) });
    t.true(run.stdout !== '' || run.stderr !== '', what);
    assertClean(t, run, what);
  }
  // the secrets did reach the server, where they belong
  t.true(stub.calls.some((c) => c.credentials.password === PASSWORD));
  t.true(stub.calls.some((c) => c.credentials.secretKey === SECRET_KEY));
  t.true(stub.calls.some((c) => c.key === 'backupManager.setRemoteStorageSettings' && (c.input as { settings: { password: string } }).settings.password === FTP_PASSWORD));
  const dry = await runPackageCli(['backup-manager', 'set-remote-storage-settings', '--settings.protocol', 'ftp', '--settings.password', 'env:FTP_PASSWORD', '--dry-run'], { env: byKey });
  t.is(dry.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><backup-manager><set-remote-storage-settings><settings><protocol>ftp</protocol><password>***</password></settings></set-remote-storage-settings></backup-manager></packet>\n');
});

test('a secret is never taken from the command line itself', async (t) => {
  const refused: Array<[string[], string]> = [
    [['backup-manager', 'get-tasks-info', '--password', PASSWORD], 'plesk-backup: --password is not accepted: a password given as a flag shows in `ps` and in the shell history: use PLESK_PASSWORD, --password-file FILE, --password-stdin or a profile'],
    [['backup-manager', 'get-tasks-info', `--secret-key=${SECRET_KEY}`], 'plesk-backup: --secret-key is not accepted: a secret key given as a flag shows in `ps` and in the shell history: use PLESK_SECRET_KEY, --secret-key-file FILE, --secret-key-stdin or a profile'],
    [['backup-manager', 'set-remote-storage-settings', '--settings.protocol', 'ftp', '--settings.password', FTP_PASSWORD, '--dry-run'], 'plesk-backup: --settings.password takes env:NAME or file:PATH: a password given on the command line shows in `ps` and in the shell history'],
  ];
  for (const [args, message] of refused) {
    const run = await runPackageCli(args);
    t.is(run.code, 2);
    t.is(run.stderr.split('\n')[0], message);
    assertClean(t, { ...run, stderr: run.stderr.replace(message, '') }, args[2]!);
  }
});
