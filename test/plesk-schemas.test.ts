/**
 * The generator on Plesk's own, unedited schemas: backup.xsd through its include chain, and the
 * whole request and response API of both corpora.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { differencesFromTsc } from './helpers/compiled-like-tsc.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8');
const backupManagerOf = (xml: string) => xml.slice(xml.indexOf('<backup-manager>'), xml.indexOf('</backup-manager>') + '</backup-manager>'.length);

test("Plesk's backup.xsd generates through its include chain, and its codecs read what ours write", async (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files, ir } = generateFrom([path.join(dir, 'backup.xsd')], path.dirname(dir));
  t.deepEqual(ir.files, ['plesk-xsd/backup.xsd', 'plesk-xsd/plesk_domain.xsd', 'plesk-xsd/plesk_common.xsd', 'plesk-xsd/common.xsd', 'plesk-xsd/descriptor.xsd']);
  t.true(files.get('src/types.ts')!.includes('export interface BackupInputType'));
  // without a packet envelope the repeating choice keeps the default property name `items`;
  // a task's id is untyped in Plesk's schema: plesk-codegen's refinements for Plesk type it
  // (documented "integer"); without them it stays the lossless XmlAny
  t.regex(files.get('src/types.ts')!, /^ {2}id: number;$/m);
  const unrefined = generateFrom([path.join(dir, 'backup.xsd')], path.dirname(dir), undefined, { pleskRefinements: false });
  t.regex(unrefined.files.get('src/types.ts')!, /\bid: XmlAny;/);

  const out = sharedPackageDir(files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  const ours = await import('../generated/src/index.js');
  for (const name of ['get-tasks-info.customer.response.xml', 'get-tasks-info.server.response.xml']) {
    const plesk = pkg.decodeType('BackupOutputType', 'backup-manager', backupManagerOf(fixture(name)));
    const task = plesk.items[0].getTasksInfo.result[0].task[0];
    const mine = (ours.decodeResponsePacket(fixture(name)) as any).operators[0].backupManager.operations[0].getTasksInfo.result[0].task[0];
    t.is(task.id, mine.id, 'the refined id decodes to a number');
    t.is(task.status, mine.status);
    t.is(task.filename, mine.filename);
  }
  const request = ours.encodeRequestPacket({ operators: [{ backupManager: { operations: [{ backupCustomer: { customerId: 7, local: true, description: 'x', onlyMail: true } }] } }] });
  const decoded = pkg.decodeType('BackupInputType', 'backup-manager', backupManagerOf(request));
  t.deepEqual(decoded, { items: [{ backupCustomer: { customerId: 7, local: true, description: 'x', onlyMail: true } }] });
});

// the 2014 API compiles in test/call-site.test.ts, in one tsc run with the calls that use it
for (const corpus of ['plesk-xsd-2020']) {
  test(`the whole API of ${corpus} (agent_input.xsd + agent_output.xsd) generates, compiles with tsc --strict, and its dist/ is what tsc emits`, (t) => {
    const dir = sharedDir(corpus);
    const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
    t.log(`${files.size} files, ${[...files.values()].reduce((n, text) => n + text.split('\n').length - 1, 0)} lines`);
    // both envelopes recognised: the package decodes and encodes request and response packets
    for (const name of ['encodeRequestPacket', 'decodeRequestPacket', 'encodeResponsePacket', 'decodeResponsePacket']) t.regex(files.get('src/codecs.ts')!, new RegExp(`export function ${name}\\b`), name);
    const { errors, differences, compared } = differencesFromTsc(sharedPackageDir(files));
    if (errors) return t.fail(`tsc --strict failed on the ${corpus} API:\n${errors}`);
    t.deepEqual(differences, [], "the JavaScript and declarations the generator wrote hold the same tokens as tsc's");
    t.is(compared, [...files.keys()].filter((f) => f.startsWith('dist/') && !f.endsWith('.map')).length);
  });
}

test("the client generated from Plesk's own 2014 API has every operator, marks reads, and talks to the stand-in", async (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const client = files.get('src/client.ts')!;
  for (const operator of ['customer: CustomerOperations', 'webspace: WebspaceOperations', 'backupManager: BackupManagerOperations', 'secretKey: SecretKeyOperations']) {
    t.true(client.includes(`  readonly ${operator};`), operator);
  }
  // one row per operation in operations.ts: which are reads (resent), which answer with a file
  const rows = [...files.get('src/operations.ts')!.matchAll(/^ {2}\{ operator: '[^']+', operatorProp: '(\w+)', operation: '[^']+', operationProp: '(\w+)', read: (\w+), binary: (\w+),/gm)];
  const reads = rows.filter((r) => r[3] === 'true').map((r) => `${r[1]}.${r[2]}`);
  t.true(reads.includes('customer.get') && reads.includes('server.getProtos') && reads.includes('backupManager.getTasksInfo'));
  t.false(reads.some((r) => /\.(add|set|del|backup\w*|stopBackup|removeFile)$/.test(r)), 'no write is marked as a read');
  t.deepEqual(rows.filter((r) => r[4] === 'true').map((r) => `${r[1]}.${r[2]}`), ['backupManager.downloadFile']);
  t.is(rows.length, [...client.matchAll(/this\.#invoke\.(call|download)\(OPERATIONS\[\d+\]!/g)].length, 'every method calls through a row');
  t.regex(client, /^ {2}waitForTask\(taskId: string \| number \| bigint/m);
  const readme = files.get('README.md')!;
  const properties = [...client.matchAll(/^ {2}readonly (\w+): \w+Operations;$/gm)].map((m) => m[1]);
  t.is(properties.length, 43);
  t.deepEqual([...readme.matchAll(/^### `client\.(\w+)`/gm)].map((m) => m[1]), properties, 'the README names exactly the client properties');

  const out = sharedPackageDir(files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  const { standIn, clientOf } = await import('./helpers/stand-in.js');
  const server = await standIn();
  const plesk = new pkg.PleskClient({ host: server.host, port: server.port, login: server.login, password: server.password, ca: server.cert });
  try {
    const taskId = await clientOf(server).backupManager.backupServer({ description: 'd', local: true });
    const tasks = await plesk.backupManager.getTasksInfo({ taskId });
    t.like(tasks, [{ id: Number(taskId), status: 'working', server: true }], "Plesk's schema leaves id and server untyped: the refinements make them a number and a flag");
    t.deepEqual(await plesk.backupManager.getSupportedProtocols(), ['ftp']);
    const error = await t.throwsAsync(plesk.backupManager.getTasksInfo({ taskId: '404' }), { instanceOf: pkg.PleskOperationError });
    t.is((error as { code: number }).code, 1013);
    // answers without a <result> of their own: an error report anywhere inside still rejects
    const { packet } = await import('./helpers/stand-in.js');
    server.faults.push({ xml: packet('<ip><get><result><status>error</status><errcode>1006</errcode><errtext>Permission denied</errtext></result></get></ip>') });
    const denied = await t.throwsAsync(plesk.ip.get(), { instanceOf: pkg.PleskOperationError });
    t.like(denied, { code: 1006, operation: 'ip/get' });
    server.faults.push({ xml: packet('<server><lic_update><status>error</status><errcode>1023</errcode><errtext>no license</errtext></lic_update></server>') });
    t.like(await t.throwsAsync(plesk.server.licUpdate({ filter: { keyId: 'PLSK.00000000.0000' } }), { instanceOf: pkg.PleskOperationError }), { code: 1023, operation: 'server/lic_update' });
    server.faults.push({ xml: packet('<ip><get><result><status>ok</status><addresses/></result></get></ip>') });
    t.truthy(await plesk.ip.get());
  } finally {
    plesk.close();
    await server.close();
  }
});

test("a package of Plesk's requests alone has codecs and no client, and its README says so", (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd')], path.dirname(dir));
  t.false(files.has('src/client.ts'));
  t.false(files.get('src/index.ts')!.includes('client'));
  const readme = files.get('README.md')!;
  t.regex(readme, /This package has no `PleskClient`/);
  t.notRegex(readme, /### `client\.|### The client|decodeResponsePacket/);
  t.regex(readme, /encodeRequestPacket/);
});
