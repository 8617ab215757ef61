/**
 * The command line's small parts, given → want: "did you mean", durations, NO_PROXY's rules, the
 * host file, JSON with big integers, byte sizes, column headers, the flag table of a small schema
 * (names, renames, choices, what only --input reaches).
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { schema } from '../generated/src/metadata.js';
import { bytes, columnsOf } from '../runtime/cli/columns.js';
import { distance, suggest } from '../runtime/cli/did-you-mean.js';
import { formatDuration, parseDuration } from '../runtime/cli/durations.js';
import { flagTable } from '../runtime/cli/flag-table.js';
import { readHostList } from '../runtime/cli/host-list.js';
import { bypasses, proxyFor } from '../runtime/cli/proxy-env.js';
import { toJson } from '../runtime/cli/render.js';
import { operationElement } from '../runtime/cli/schema-walk.js';
import { OPERATIONS } from '../generated/src/operations.js';
import { tempDir } from './helpers/cli.js';

test('did you mean: the closest name within a third of its length, - and _ alike, case ignored, first on a tie', (t) => {
  const names = ['get-tasks-info', 'get-local-backup-list', 'get_protos', 'backup-server', 'backup-reseller'];
  const table: Array<[string, string | undefined]> = [
    ['get-task-info', 'get-tasks-info'],
    ['get-protos', 'get_protos'],
    ['GET-TASKS-INFO', 'get-tasks-info'],
    ['backup-sever', 'backup-server'],
    ['bakcup-server', 'backup-server'],
    ['restore', undefined],
    ['x', undefined],
  ];
  for (const [given, want] of table) t.is(suggest(given, names), want, given);
  t.is(distance('ab', 'ba'), 1, 'a swap is one edit');
  t.is(distance('kitten', 'sitting'), 3);
  t.is(distance('kitten', 'sitting', 2), 2, 'stops at the cap');
});

test('durations: units, sums, bare seconds; refused text names the flag', (t) => {
  const table: Array<[string, number]> = [['90s', 90_000], ['5m', 300_000], ['1h30m', 5_400_000], ['250ms', 250], ['2', 2000], ['1.5s', 1500], ['1d', 86_400_000]];
  for (const [text, ms] of table) t.is(parseDuration(text, 'timeout'), ms, text);
  t.throws(() => parseDuration('5 minutes', 'timeout'), { message: '--timeout: "5 minutes" is not a duration: give a number with a unit, such as 90s, 5m, 1h30m or 250ms' });
  t.throws(() => parseDuration('0s', 'interval'), { message: '--interval: "0s" is not a duration longer than zero' });
  t.throws(() => parseDuration('30d', 'timeout'), { message: '--timeout: "30d" is longer than 596h 31m 24s, the longest a timer can wait' });
  t.deepEqual([850, 4200, 125_000, 3_725_000].map(formatDuration), ['850 ms', '4.2 s', '2m 5s', '1h 2m 5s']);
});

test('NO_PROXY as curl reads it: *, domains and their subdomains, IP addresses, IPv4 ranges, ports', (t) => {
  const table: Array<[string, number, string, boolean]> = [
    ['plesk.example.com', 8443, 'example.com', true],
    ['plesk.example.com', 8443, '.example.com', true],
    ['example.com', 8443, '.example.com', true],
    ['badexample.com', 8443, 'example.com', false],
    ['plesk.example.com', 8443, 'other.org, example.com', true],
    ['10.1.2.3', 8443, '10.0.0.0/8', true],
    ['11.1.2.3', 8443, '10.0.0.0/8', false],
    ['10.1.2.3', 8443, '10.1.2.3', true],
    ['10.1.2.3', 8443, 'example.com:8443', false],
    ['plesk.example.com', 8443, 'example.com:8443', true],
    ['plesk.example.com', 8880, 'example.com:8443', false],
    ['anything', 1, '*', true],
    ['::1', 8443, '[::1]', true],
  ];
  for (const [host, port, list, want] of table) t.is(bypasses(host, port, list), want, `${host}:${port} in ${list}`);
  t.is(proxyFor('h', 8443, { HTTPS_PROXY: 'proxy:3128' }), 'http://proxy:3128/');
  t.is(proxyFor('h', 8443, { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' }), 'http://a:1/', 'the lower-case name first, as curl');
  t.is(proxyFor('h', 8443, { ALL_PROXY: 'http://c:3' }), 'http://c:3/');
  t.is(proxyFor('h', 8443, { HTTPS_PROXY: 'http://a:1', NO_PROXY: 'h' }), undefined);
  t.is(proxyFor('h', 8443, {}), undefined);
});

test('the host file: lines (comments, ports, IPv6, profiles) or JSON; mistakes named by line', async (t) => {
  const dir = tempDir('hosts');
  writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ profiles: { web1: { host: 'w1' } } }));
  const io = { stdout: () => undefined, stderr: () => undefined, env: { PLESK_PROFILE_FILE: path.join(dir, 'profiles.json') }, cwd: dir };
  writeFileSync(path.join(dir, 'hosts.txt'), '# fleet\nweb1\nplesk.example.com\n10.0.0.5:8444  # the odd one\n[2001:db8::1]:8443\n\n');
  t.deepEqual(await readHostList('hosts.txt', io, undefined), [
    { label: 'web1', profile: 'web1' },
    { label: 'plesk.example.com', host: 'plesk.example.com' },
    { label: '10.0.0.5:8444', host: '10.0.0.5', port: 8444 },
    { label: '[2001:db8::1]:8443', host: '2001:db8::1', port: 8443 },
  ]);
  writeFileSync(path.join(dir, 'hosts.json'), JSON.stringify(['web1', { host: 'a.example.com', port: 8443 }, { profile: 'web1' }]));
  t.deepEqual(await readHostList('hosts.json', io, undefined), [{ label: 'web1', profile: 'web1' }, { label: 'a.example.com:8443', host: 'a.example.com', port: 8443 }, { label: 'web1', profile: 'web1' }]);
  writeFileSync(path.join(dir, 'bad.txt'), 'ok.example.com\nbad host name\n');
  await t.throwsAsync(readHostList('bad.txt', io, undefined), { message: 'bad.txt:2: "bad host name" is neither host[:port] nor a profile of the profile file' });
  writeFileSync(path.join(dir, 'empty.txt'), '# nothing\n');
  await t.throwsAsync(readHostList('empty.txt', io, undefined), { message: '--hosts empty.txt: no hosts in it' });
});

test('JSON keeps integers beyond 2^53 exact; sizes for people; headers unique by their shortest path', (t) => {
  t.is(toJson({ a: 18446744073709551615n, b: [1, 'x', null], c: undefined, d: true }, '', ''), '{"a":18446744073709551615,"b":[1,"x",null],"d":true}');
  t.is(toJson([{ id: 1 }]), '[\n  {\n    "id": 1\n  }\n]');
  t.deepEqual([0, 1023, 1024, 1536, 123_456_789, 2 ** 40].map(bytes), ['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '117.7 MiB', '1.0 TiB']);
  const row = OPERATIONS.find((r) => r.operation === 'get-remote-storage-settings')!;
  const answer = operationElement(schema, 'ResponsePacket', row, 'response');
  t.deepEqual(columnsOf(schema, answer.type, 'get-remote-storage-settings', false).map((c) => [c.header, c.required]), [
    ['STATUS', true], ['ERRCODE', false], ['ERRTEXT', false], ['PROTOCOL', false], ['HOST', false], ['PORT', false], ['DIRECTORY', false], ['LOGIN', false], ['PASSWORD', false], ['PASSIVE-MODE', false],
  ]);
  const twoNames = {
    simple: { S: { name: 's', family: 'string', ws: 'preserve' } },
    complex: {
      Row: { name: 'Row', attrs: [], content: 'elements', model: { k: 'seq', min: 1, max: 1, items: [{ k: 'el', name: 'owner', prop: 'owner', type: { c: 'P' }, min: 1, max: 1 }, { k: 'el', name: 'site', prop: 'site', type: { c: 'P' }, min: 0, max: 1 }, { k: 'el', name: 'id', prop: 'id', type: { s: 'S' }, min: 1, max: 1 }] } },
      P: { name: 'P', attrs: [], content: 'elements', model: { k: 'el', name: 'name', prop: 'name', type: { s: 'S' }, min: 1, max: 1 } },
    },
  } as const;
  t.deepEqual(columnsOf(twoNames as never, { c: 'Row' }, 'row', false).map((c) => [c.header, c.required]), [['OWNER.NAME', true], ['SITE.NAME', false], ['ID', true]]);
});

test('the flag table of an operation: names by XML path in schema order, choices, renames, secrets', (t) => {
  const row = OPERATIONS.find((r) => r.operation === 'set-remote-storage-settings')!;
  const table = flagTable(schema, operationElement(schema, 'RequestPacket', row, 'request'));
  t.deepEqual(table.flags.map((f) => f.name), ['webspace-id', 'webspace-name', 'customer-id', 'customer-login', 'reseller-id', 'reseller-login', 'server', 'settings.protocol', 'settings.host', 'settings.port', 'settings.directory', 'settings.login', 'settings.password', 'settings.passive-mode']);
  t.deepEqual(table.flags.filter((f) => f.renamedFrom).map((f) => [f.renamedFrom, f.name]), []);
  t.deepEqual(table.flags.filter((f) => f.secret).map((f) => f.name), ['settings.password']);
  t.deepEqual(table.choices.map((c) => [c.at, c.required, c.branches]), [['', false, [['webspace-id'], ['webspace-name'], ['customer-id'], ['customer-login'], ['reseller-id'], ['reseller-login'], ['server']]]]);
  t.deepEqual(table.flags.find((f) => f.name === 'settings.port')!.steps.map((s) => s.prop), ['settings']);
  const poll = OPERATIONS.find((r) => r.taskFilter !== undefined)!;
  t.is(poll.operation, 'get-tasks-info');
  t.deepEqual(OPERATIONS.filter((r) => r.startsTask).map((r) => r.operation), ['backup-webspace', 'backup-customer', 'backup-reseller', 'backup-server']);
});
