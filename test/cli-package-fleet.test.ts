/**
 * Fleet mode (`--hosts FILE`) over 20 stubs, each a profile of a profile file with its own
 * certificate: one never answers (timed out within --timeout, its connection closed: 5 s, room
 * enough for the others on a loaded 2-core machine), one refuses
 * the protocol version (1005), one answers with an element the schema does not declare (drift);
 * one row per host in the file's order, the summary on stderr, the worst outcome as exit code. An
 * operation that changes state needs --yes, is sent once to each host and never resent. --concurrency
 * bounds the hosts asked at once (counted at the stubs, which hold the first answers until as many
 * requests are in).
 */
import test from 'ava';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPleskStub, type PleskStub } from '../generated/src/testing.js';
import { tempDir } from './helpers/cli.js';
import { caFile, runPackageCli } from './helpers/package-cli.js';

const HOSTS = 20;
const HANGING = 6;
const OLD = 13;
const DRIFTING = 17;

const TASK = { id: 1, status: 'finished', started: '2026-12-01 03:00:00', prefix: '', filename: 'a.tar', protocol: 'local', server: true } as const;
const DRIFT_ANSWER = '<?xml version="1.0" encoding="UTF-8"?><packet version="1.6.6.0"><backup-manager><get-tasks-info><result><status>ok</status><task><server/><id>1</id><status>finished</status><started>2026-12-01 03:00:00</started><prefix/><filename>a.tar</filename><protocol>local</protocol><size>12</size></task></result></get-tasks-info></backup-manager></packet>';

interface Fleet {
  stubs: PleskStub[];
  dir: string;
  env: Record<string, string>;
}

async function fleet(t: { teardown: (fn: () => unknown) => void }): Promise<Fleet> {
  const dir = tempDir('fleet');
  const stubs = await Promise.all(Array.from({ length: HOSTS }, (_, i) => createPleskStub({
    handlers: { backupManager: { getTasksInfo: () => ({ status: 'ok', task: [{ ...TASK, id: i }] }), backupServer: () => ({ status: 'ok', taskId: String(100 + i) }) } },
    ...(i === OLD ? { protocolVersions: ['1.6.3.0', '1.6.3.1'] } : {}),
  })));
  t.teardown(() => Promise.all(stubs.map((s) => s.close())));
  stubs[HANGING]!.fail({ kind: 'hang' }, { times: Infinity });
  stubs[DRIFTING]!.fail({ kind: 'xml', xml: DRIFT_ANSWER }, { operation: 'backupManager.getTasksInfo', times: Infinity });
  const profiles = Object.fromEntries(stubs.map((s, i) => [`web${i + 1}`, { host: s.host, port: s.port, login: s.login, password: 'env:FLEET_PASSWORD', ca: path.basename(caFile(s, dir, `ca-${i + 1}.pem`)) }]));
  writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ profiles }));
  chmodSync(path.join(dir, 'profiles.json'), 0o644); // fine: its secrets are env: references
  writeFileSync(path.join(dir, 'hosts.txt'), `# the web servers\n${stubs.map((_, i) => `web${i + 1}`).join('\n')}\n`);
  return { stubs, dir, env: { FLEET_PASSWORD: 'stub-password', PLESK_PROFILE_FILE: path.join(dir, 'profiles.json') } };
}

test('a read over 20 hosts: one row each in file order, a hanging host timed out, 1005 refused, drift counted; exit 5, the worst', async (t) => {
  const { stubs, dir, env } = await fleet(t);
  const run = await runPackageCli(['backup-manager', 'get-tasks-info', '--hosts', 'hosts.txt', '--timeout', '5s', '--concurrency', '5', '-o', 'wide', '--no-color'], { env, cwd: dir });
  t.is(run.code, 5);
  const lines = run.stdout.trimEnd().split('\n');
  t.deepEqual(lines[0]!.split(/\s{2,}/), ['HOST', 'PROTOCOL', 'OUTCOME', 'DRIFT', 'DURATION', 'ROWS', 'MESSAGE']);
  const rows = lines.slice(1).map((line) => line.split(/\s{2,}/));
  t.deepEqual(rows.map((r) => r[0]), stubs.map((_, i) => `web${i + 1}`));
  t.deepEqual(rows.map((r) => r[2]), stubs.map((_, i) => (i === HANGING ? 'timed out' : i === OLD ? 'system error 1005' : 'ok')));
  t.deepEqual(rows.map((r) => r[1]), stubs.map((_, i) => (i === OLD ? '1.6.6.0 (refused)' : '1.6.6.0')));
  t.deepEqual(rows.map((r) => r[3]), stubs.map((_, i) => (i === DRIFTING ? '1' : '0')));
  t.regex(run.stderr, /^web7: no answer within 5\.0 s\nweb14: Plesk refused the request packet: error 1005 /);
  t.regex(run.stderr, /\n20 servers in [^:]+: 18 ok, 1 timed out, 1 system error; exit 5\n$/);
  const ndjson = await runPackageCli(['backup-manager', 'get-tasks-info', '--hosts', 'hosts.txt', '--timeout', '5s', '-o', 'ndjson'], { env, cwd: dir });
  const lines2 = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { host: string; outcome: string; exit: number; drift: number; rows?: Array<{ id: number }> });
  t.is(lines2.length, HOSTS);
  t.deepEqual(lines2.find((l) => l.host === 'web1'), { host: 'web1', drift: 0, durationMs: (lines2.find((l) => l.host === 'web1') as unknown as { durationMs: number }).durationMs, protocol: '1.6.6.0', outcome: 'ok', exit: 0, rows: [{ ...TASK, id: 0 }] });
  t.deepEqual(lines2.filter((l) => l.exit !== 0).map((l) => [l.host, l.outcome, l.exit]).sort(), [['web14', 'system error 1005', 5], ['web7', 'timed out', 4]]);
});

test('an operation that changes state needs --yes (nothing sent without it) and is sent once to each host, never resent', async (t) => {
  const { stubs, dir, env } = await fleet(t);
  const xml = await runPackageCli(['backup-manager', 'get-tasks-info', '--hosts', 'hosts.txt', '-o', 'xml'], { env, cwd: dir });
  t.is(xml.stderr.split('\n')[0], 'plesk-backup: -o xml prints one answer: with --hosts use table, wide, json or ndjson');
  const refused = await runPackageCli(['backup-manager', 'backup-server', '--local', '--description', 'fleet', '--hosts', 'hosts.txt'], { env, cwd: dir });
  t.is(refused.code, 2);
  t.is(refused.stderr.split('\n')[0], 'plesk-backup: backup-manager backup-server changes state on the server: running it on the 20 servers of hosts.txt needs --yes (nothing was sent)');
  t.is(stubs.reduce((n, s) => n + s.requests.length, 0), 0);

  stubs[3]!.fail({ kind: 'drop' }, { operation: 'backupManager.backupServer' });
  const run = await runPackageCli(['backup-manager', 'backup-server', '--local', '--description', 'fleet', '--hosts', 'hosts.txt', '--yes', '--timeout', '5s', '-o', 'json'], { env, cwd: dir });
  t.is(run.code, 5);
  const rows = JSON.parse(run.stdout) as Array<{ host: string; outcome: string; rows?: Array<{ taskId: string }> }>;
  t.deepEqual(rows.map((r) => r.outcome), stubs.map((_, i) => (i === HANGING ? 'timed out' : i === OLD ? 'system error 1005' : i === 3 ? 'failed' : 'ok')));
  t.deepEqual(rows[0]!.rows, [{ status: 'ok', taskId: '100' }]);
  t.regex(run.stderr, /^web4: no answer from 127\.0\.0\.1:\d+ \(the connection failed or was dropped\): socket hang up \(ECONNRESET\); not resent, because the packet may have started work on the server\n/);
  const sends = stubs.map((s) => s.calls.filter((c) => c.key === 'backupManager.backupServer').length);
  t.deepEqual(sends, stubs.map((_, i) => (i === OLD || i === HANGING ? 0 : 1)), 'each host that ran the operation ran it once, the dropped one included');
  t.deepEqual(stubs.map((s) => s.requests.filter((r) => r.xml.includes('<backup-server>')).length), stubs.map(() => 1), 'no host received the packet twice (the 1005 host was then asked its versions, a read)');
});

test('--concurrency N: at most N hosts are asked at once, and N are (the first N answers wait until N requests are in)', async (t) => {
  const dir = tempDir('fleet-concurrency');
  const LIMIT = 3;
  let inFlight = 0;
  let most = 0;
  let arrived = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const stubs = await Promise.all(Array.from({ length: 10 }, (_, i) => createPleskStub({
    handlers: {
      backupManager: {
        getTasksInfo: async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          if (++arrived === LIMIT) release();
          if (arrived <= LIMIT) await gate; // the first LIMIT answers wait for one another: they were asked together
          await new Promise((resolve) => setImmediate(resolve));
          inFlight--;
          return { status: 'ok', task: [{ ...TASK, id: i }] };
        },
      },
    },
  })));
  t.teardown(() => Promise.all(stubs.map((s) => s.close())));
  const profiles = Object.fromEntries(stubs.map((s, i) => [`web${i + 1}`, { host: s.host, port: s.port, login: s.login, password: 'env:FLEET_PASSWORD', ca: path.basename(caFile(s, dir, `ca-${i + 1}.pem`)) }]));
  writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ profiles }));
  writeFileSync(path.join(dir, 'hosts.txt'), `${stubs.map((_, i) => `web${i + 1}`).join('\n')}\n`);
  const run = await runPackageCli(['backup-manager', 'get-tasks-info', '--hosts', 'hosts.txt', '--concurrency', String(LIMIT), '-o', 'ndjson'], { env: { FLEET_PASSWORD: 'stub-password', PLESK_PROFILE_FILE: path.join(dir, 'profiles.json') }, cwd: dir });
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout.trimEnd().split('\n').length, stubs.length);
  t.is(most, LIMIT, `at most ${LIMIT} in flight, and ${LIMIT} were`);
});
