/**
 * The command line of the generated package (generated/, bin plesk-backup), run in this process
 * through its main(argv, io) against the stub of its /testing entry: a read in each output
 * format, rules refused before anything is sent (a choice, a required flag, a pattern, an unknown
 * flag), error results printed per result, --input patched by flags, download-file -O, and what
 * the top-level help needs (nothing but the operation table).
 */
import test from 'ava';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../generated/src/cli.js';
import { createPleskStub, stubFile, stubOperationError, type PleskStub, type PleskStubOptions } from '../generated/src/testing.js';
import { runCli } from '../generated/src/runtime/cli/main.js';
import { tempDir } from './helpers/cli.js';
import { runPackageCli, stubEnv } from './helpers/package-cli.js';

const TASK = { id: 7, status: 'working', started: '2026-12-01 10:00:00', prefix: 'nightly', filename: 'nightly.tar', protocol: 'local', server: true } as const;

async function withStub(t: { teardown: (fn: () => unknown) => void }, options: PleskStubOptions = {}): Promise<{ stub: PleskStub; env: Record<string, string>; dir: string }> {
  const stub = await createPleskStub(options);
  t.teardown(() => stub.close());
  const dir = tempDir('package-cli');
  return { stub, env: stubEnv(stub, dir), dir };
}

test('a read: get-tasks-info sends the flags as the client would, prints a table on a terminal (columns in schema order) and JSON otherwise', async (t) => {
  const { stub, env } = await withStub(t, { handlers: { backupManager: { getTasksInfo: () => ({ status: 'ok', task: [TASK, { ...TASK, id: 8, status: 'finished', server: undefined, customerId: 3 }] }) } } });
  const table = await runPackageCli(['backup-manager', 'get-tasks-info', '--task-id', '7', '--no-color'], { env, tty: true });
  t.is(table.code, 0, table.stderr);
  t.is(table.stdout, [
    'ID  STATUS    STARTED              PREFIX   FILENAME     PROTOCOL',
    '7   working   2026-12-01 10:00:00  nightly  nightly.tar  local',
    '8   finished  2026-12-01 10:00:00  nightly  nightly.tar  local',
    '',
  ].join('\n'));
  const wide = await runPackageCli(['backup-manager', 'get-tasks-info', '-o', 'wide'], { env });
  t.is(wide.stdout.split('\n')[0], 'CUSTOMER-ID  SERVER  ID  STATUS    STARTED              PREFIX   FILENAME     PROTOCOL', 'wide adds the optional columns some row fills, in schema order');
  const json = await runPackageCli(['backup-manager', 'get-tasks-info', '--task-id', '7'], { env });
  t.deepEqual(JSON.parse(json.stdout), [TASK, { id: 8, status: 'finished', started: TASK.started, prefix: 'nightly', filename: 'nightly.tar', protocol: 'local', customerId: 3 }].map((task) => ({ ...task })));
  const ndjson = await runPackageCli(['backup-manager', 'get-tasks-info', '-o', 'ndjson'], { env });
  t.deepEqual(ndjson.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).id), [7, 8]);
  const xml = await runPackageCli(['backup-manager', 'get-tasks-info', '-o', 'xml'], { env });
  t.regex(xml.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<packet version="1.6.6.0"><backup-manager><get-tasks-info><result><status>ok<\/status><task><server\/><id>7<\/id>/);
  t.deepEqual(stub.calls.map((c) => c.input), [{ taskId: '7' }, {}, { taskId: '7' }, {}, {}]);
  t.regex(stub.calls[0]!.xml, /<packet version="1\.6\.6\.0"><backup-manager><get-tasks-info><task-id>7<\/task-id><\/get-tasks-info><\/backup-manager><\/packet>/);
});

test('rules are checked before any call: a choice, a required flag, a pattern, an unknown flag, an unexpected argument (exit 2, nothing sent)', async (t) => {
  const { stub, env } = await withStub(t);
  const cases: Array<[string[], string]> = [
    [['backup-manager', 'backup-server', '--local', '--remote', 'ftp', '--description', 'x'], 'plesk-backup: --local and --remote exclude each other (one xs:choice): give only one'],
    [['backup-manager', 'backup-server', '--description', 'x'], 'plesk-backup: one of --local, --remote is required'],
    [['backup-manager', 'backup-server', '--local'], 'plesk-backup: --description is required'],
    [['backup-manager', 'get-tasks-info', '--task-id', '7x'], 'plesk-backup: --task-id: "7x" does not match the pattern [\\-]?[0-9]+ of BackupTaskIdType'],
    [['backup-manager', 'get-tasks-info', '--webspace-id', '0'], 'plesk-backup: --webspace-id: 0 is less than the minimum 1 of id_type'],
    [['backup-manager', 'get-tasks-info', '--task-idd', '7'], 'plesk-backup: unknown flag --task-idd of backup-manager get-tasks-info; did you mean --task-id?'],
    [['backup-manager', 'get-tasks-info', '--task-id', '7', '8'], 'plesk-backup: unexpected argument 8: backup-manager get-tasks-info takes flags only (a value that starts with - goes as --flag=value)'],
    [['backup-manager', 'get-tasks-info', '--task-id', '7', '--task-id', '8'], 'plesk-backup: --task-id is given twice; it takes one value (the schema allows one <task-id> here)'],
    [['backup-manager', 'get-task-info'], 'plesk-backup: backup-manager has no operation get-task-info; did you mean get-tasks-info? (plesk-backup backup-manager --help lists its 13 operations)'],
    [['backup-managr', 'get-tasks-info'], 'plesk-backup: unknown operator backup-managr; did you mean backup-manager? (plesk-backup --help lists the 1 operators)'],
    [['backup-manager', 'get-tasks-info', '--password', 'hunter2'], 'plesk-backup: --password is not accepted: a password given as a flag shows in `ps` and in the shell history: use PLESK_PASSWORD, --password-file FILE, --password-stdin or a profile'],
    [['backup-manager', 'get-tasks-info', '-o', 'yaml'], 'plesk-backup: -o yaml: give one of table, wide, json, ndjson, xml'],
    [['backup-manager', 'get-tasks-info', '--timeout', '5 minutes'], 'plesk-backup: --timeout: "5 minutes" is not a duration: give a number with a unit, such as 90s, 5m, 1h30m or 250ms'],
    [['backup-manager', 'backup-server', '--local', '--description', 'x', '--watch', '--interval', '0s'], 'plesk-backup: --interval: "0s" is not a duration longer than zero'],
    [['backup-manager', 'get-tasks-info', '--watch'], 'plesk-backup: --watch follows a task, and backup-manager get-tasks-info starts none (those that do: backup-manager backup-webspace, backup-manager backup-customer, backup-manager backup-reseller, backup-manager backup-server)'],
  ];
  for (const [args, message] of cases) {
    const run = await runPackageCli(args, { env });
    t.is(run.code, 2, args.join(' '));
    t.is(run.stderr.split('\n')[0], message);
    t.is(run.stdout, '');
  }
  t.is(stub.requests.length, 0, 'nothing reached the server');
});

test('error results are printed per result on stderr, the ok ones on stdout, exit 1', async (t) => {
  const { env } = await withStub(t, {
    handlers: { backupManager: { getTasksInfo: () => [{ status: 'ok', task: [TASK] }, { status: 'error', errcode: 1013, errtext: 'Webspace does not exist' }] } },
  });
  const run = await runPackageCli(['backup-manager', 'get-tasks-info', '-o', 'ndjson'], { env });
  t.is(run.code, 1);
  t.deepEqual(JSON.parse(run.stdout), { ...TASK });
  t.is(run.stderr, 'plesk-backup: backup-manager/get-tasks-info failed:\n  result 2 of 2: error 1013: Webspace does not exist\n');
  const stop = await withStub(t, { handlers: { backupManager: { stopBackup: (input) => { throw stubOperationError(1013, `task ${input.taskId} does not exist`); } } } });
  const failed = await runPackageCli(['backup-manager', 'stop-backup', '--task-id', '9'], { env: stop.env });
  t.is(failed.code, 1);
  t.is(failed.stderr, 'plesk-backup: backup-manager/stop-backup failed:\n  error 1013: task 9 does not exist\n');
});

test('colour only on a terminal: none with --no-color, NO_COLOR, TERM=dumb or stdout not a terminal, and the same text under it', async (t) => {
  const { env } = await withStub(t, { handlers: { backupManager: { getTasksInfo: () => ({ status: 'ok', task: [TASK] }) } } });
  const ARGS = ['backup-manager', 'get-tasks-info', '-o', 'table'];
  const plain = await runPackageCli([...ARGS, '--no-color'], { env, tty: true });
  const coloured = await runPackageCli(ARGS, { env: { ...env, NO_COLOR: '', TERM: 'xterm' }, tty: true });
  t.is(coloured.code, 0, coloured.stderr);
  t.true(coloured.stdout.includes('\u001b[1mID'), 'the header is bold');
  t.true(coloured.stdout.includes('working\u001b[39m'), 'the status is coloured');
  t.is(coloured.stdout.replace(/\u001b\[\d+m/g, ''), plain.stdout, 'the same text under the colours');
  for (const [what, run] of [
    ['NO_COLOR', runPackageCli(ARGS, { env: { ...env, NO_COLOR: '1' }, tty: true })],
    ['TERM=dumb', runPackageCli(ARGS, { env: { ...env, TERM: 'dumb' }, tty: true })],
    ['not a terminal', runPackageCli(ARGS, { env })],
  ] as const) t.is((await run).stdout, plain.stdout, what);
});

test('--input gives the request as JSON (the shape -o json prints), and flags patch it: a scalar replaced, a choice switched', async (t) => {
  const { stub, env, dir } = await withStub(t, { handlers: { backupManager: { backupServer: () => ({ status: 'ok', taskId: '41' }) } } });
  writeFileSync(path.join(dir, 'request.json'), JSON.stringify({ description: 'from the file', local: true, splitSize: '100', prefix: 'nightly' }));
  const run = await runPackageCli(['backup-manager', 'backup-server', '--input', 'request.json', '--remote', 'ftp', '--description', 'from a flag'], { env, cwd: dir });
  t.is(run.code, 0, run.stderr);
  t.deepEqual(JSON.parse(run.stdout), [{ status: 'ok', taskId: '41' }]);
  t.deepEqual(stub.calls[0]!.input, { remote: 'ftp', prefix: 'nightly', description: 'from a flag', splitSize: 100 });
  const piped = await runPackageCli(['backup-manager', 'backup-server', '--input', '-', '--dry-run'], { env, stdin: '{"server": true, "local": true, "description": "piped"}' });
  t.is(piped.code, 2);
  t.is(piped.stderr.split('\n')[0], 'plesk-backup: the request does not fit the schema, nothing was sent: packet/backup-manager/backup-server: unknown property server for BackupServerInput; expected one of local, remote, prefix, description, splitSize, onlyHosting, onlyMail, onlyConfiguration');
  const broken = await runPackageCli(['backup-manager', 'backup-server', '--input', '-'], { env, stdin: '{"local": tru' });
  t.is(broken.code, 2);
  t.regex(broken.stderr, /^plesk-backup: --input stdin: not JSON: /);
  // what --dry-run -o json prints goes back in as it came out; two requests or no object are refused
  const printed = await runPackageCli(['backup-manager', 'get-tasks-info', '--task-id', '7', '--dry-run', '-o', 'json']);
  const again = await runPackageCli(['backup-manager', 'get-tasks-info', '--input', '-', '--dry-run'], { stdin: printed.stdout });
  t.is(again.code, 0, again.stderr);
  t.true(again.stdout.includes('<get-tasks-info><task-id>7</task-id></get-tasks-info>'), again.stdout);
  const two = await runPackageCli(['backup-manager', 'get-tasks-info', '--input', '-', '--dry-run'], { stdin: '[{"taskId":"7"},{"taskId":"8"}]' });
  t.is(two.code, 2);
  t.is(two.stderr.split('\n')[0], 'plesk-backup: --input stdin: an array of 2 requests, and a command sends one: give one object (or an array of one, as -o json prints it)');
  const text = await runPackageCli(['backup-manager', 'get-tasks-info', '--input', '-', '--dry-run'], { stdin: '"7"' });
  t.is(text.code, 2);
  t.regex(text.stderr, /^plesk-backup: --input stdin: a JSON string, not a request/);
  t.is(stub.requests.length, 1);
});

test('--dry-run prints the packet the client would send, element order included, without credentials or a server', async (t) => {
  const run = await runPackageCli(['backup-manager', 'backup-customer', '--description', 'weekly', '--only-mail', '--customer-login', 'jdoe', '--local', '--prefix', 'w', '--dry-run']);
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><backup-manager><backup-customer><customer-login>jdoe</customer-login><local/><prefix>w</prefix><description>weekly</description><only-mail/></backup-customer></backup-manager></packet>\n');
  const json = await runPackageCli(['backup-manager', 'get-tasks-info', '--task-id', '7', '--dry-run', '-o', 'json']);
  t.deepEqual(JSON.parse(json.stdout), [{ taskId: '7' }], 'with -o json: the request value, what --input takes');
  const none = await runPackageCli(['backup-manager', 'get-supported-protocols', '--dry-run', '--protocol-version', 'none']);
  t.is(none.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet><backup-manager><get-supported-protocols/></backup-manager></packet>\n');
});

test('download-file -O saves the file under the server\'s name (no .part left), and refuses a terminal before sending', async (t) => {
  const body = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
  const { stub, env, dir } = await withStub(t, { handlers: { backupManager: { downloadFile: (input) => stubFile(body, `../${input.filename}`) } } });
  const saved = await runPackageCli(['backup-manager', 'download-file', '--server', '--filename', 'nightly.tar', '-O', `${dir}/`], { env });
  t.is(saved.code, 0, saved.stderr);
  t.deepEqual(readFileSync(path.join(dir, 'nightly.tar')), body);
  t.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.part')), []);
  t.regex(saved.stderr, new RegExp(`^download-file: saved ${dir.replaceAll('/', '\\/')}\\/nightly\\.tar \\(68\\.4 KiB\\) in `));
  const barred = await runPackageCli(['backup-manager', 'download-file', '--server', '--filename', 'nightly.tar', '-O', path.join(dir, 'copy.tar')], { env, tty: true });
  t.is(barred.code, 0, barred.stderr);
  t.regex(barred.stderr, /\r\[#{30}\] 100% {2}68\.4 KiB of 68\.4 KiB\n/, 'a progress bar on a terminal, at 100% when done');
  t.deepEqual(readFileSync(path.join(dir, 'copy.tar')), body);
  const piped = await runPackageCli(['backup-manager', 'download-file', '--server', '--filename', 'nightly.tar'], { env });
  t.deepEqual(piped.bytes, body, 'stdout that is not a terminal takes the bytes');
  const before = stub.requests.length;
  const refused = await runPackageCli(['backup-manager', 'download-file', '--server', '--filename', 'nightly.tar'], { env, tty: true });
  t.is(refused.code, 2);
  t.is(refused.stderr.split('\n')[0], 'plesk-backup: the answer is a file, and stdout is a terminal: give -O PATH (or -O FOLDER/), or redirect stdout');
  t.is(stub.requests.length, before);
  t.false(existsSync(path.join(dir, 'download.bin')));
});

test('--help of the whole command and of an operator need nothing but the operation table: the metadata and codecs are not loaded', async (t) => {
  const refuse = () => Promise.reject(new Error('loaded'));
  const lazy = { ...CLI, load: { ...CLI.load, schema: refuse, codecs: refuse } };
  let out = '';
  const io = { stdout: (text: string) => void (out += text), stderr: () => undefined, env: {}, cwd: process.cwd(), columns: 100 };
  t.is(await runCli(lazy, ['--help'], io), 0);
  t.regex(out, /^plesk-backup: the operations of Plesk's XML API in @plesk-codegen\/backup-manager 0\.1\.0 \(XML API protocol 1\.6\.6\.0\), as a command\./);
  t.regex(out, /\n {2}backup-manager {2}Backup operations: start, follow and stop backups, list, import, download and\n {18}delete backup files, configure remote storage\. \(13 operations\)\n/);
  out = '';
  t.is(await runCli(lazy, ['backup-manager', '--help'], io), 0);
  t.regex(out, /\n {2}backup-server {16}Starts a backup of the whole server\. \(changes state, starts a task:\n {31}--watch\)\n/);
  t.is(await runCli(lazy, ['backup-manager', 'get-tasks-info', '--help'], io), 5, 'a command loads them');
});

test("an operation's --help: its documentation, its flags in schema order with their rules, the choice groups, and an example that works", async (t) => {
  const help = await runPackageCli(['backup-manager', 'backup-server', '--help']);
  t.is(help.code, 0);
  t.true(help.stdout.startsWith('Usage: plesk-backup backup-manager backup-server [flags]\n\nStarts a backup of the whole server. The answer carries the id of the task doing it.'));
  const flags = help.stdout.slice(help.stdout.indexOf('Flags of the request'), help.stdout.indexOf('Example:'));
  t.deepEqual([...flags.matchAll(/^ {2,4}(--[\w.-]+|exactly one of:|at most one of:)/gm)].map((m) => m[1]), ['exactly one of:', '--local', '--remote', '--prefix', '--description', '--split-size', 'at most one of:', '--only-hosting', '--only-mail', '--only-configuration']);
  t.regex(help.stdout, /--description TEXT {4}Free comment stored with the backup \(required, may be empty\)\. \[required\]/);
  const example = help.stdout.split('\n')[help.stdout.split('\n').indexOf('Example:') + 1]!.trim();
  t.is(example, 'plesk-backup backup-manager backup-server --local --description example');
  const run = await runPackageCli([...example.split(' ').slice(1), '--dry-run']);
  t.is(run.code, 0, run.stderr);
});
