/**
 * The package of Plesk's two schema sets in one (../shared/plesk-xsd as 1.6.6.0,
 * ../shared/plesk-xsd-2020 as 1.6.9.1) against stubs that speak both or one of them: backup-manager
 * goes as 1.6.6.0 and an operator of 1.6.9.1 only as 1.6.9.1 to the same server; a server of 1.6.9.1
 * alone gets no backup-manager packet at all; the README's matrix and the JSDoc say so; drift
 * names the version that declares it; the stand-in (createPleskStandIn) plays either server.
 */
import test from 'ava';
import { importTwoSets, twoSetFiles } from './helpers/versions-package.js';

const GET_PROTOS = '<?xml version="1.0" encoding="UTF-8"?>\n<packet><server><get_protos/></server></packet>';
const task = { id: 7, status: 'finished', started: '2024-01-01 00:00:00', prefix: 'backup', filename: 'backup_2401010000.tar', protocol: 'local', server: true };
const handlers = (testing: Record<string, any>) => ({
  backupManager: {
    getTasksInfo: () => ({ status: 'ok', task: [task] }),
    stopBackup: () => ({ status: 'ok' }),
  },
  extension: { get: () => ({ status: 'ok' }) },
  customer: {
    get: () => {
      throw testing.stubOperationError(1013, 'client does not exist');
    },
  },
  dns: { addRec: () => ({ status: 'ok', id: 3 }) },
});

async function serve(t: { teardown(fn: () => void): void }, protocolVersions: string[], options: Record<string, unknown> = {}) {
  const { pkg, testing } = await importTwoSets();
  const stub = await testing.createPleskStub({ protocolVersions, handlers: handlers(testing) });
  const client = new pkg.PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password, ...options });
  t.teardown(() => {
    client.close();
    void stub.close();
  });
  const versions = () => stub.calls.map((c: { key: string; version?: string }) => `${c.key} ${c.version}`);
  return { pkg, stub, client, versions };
}

test('backup-manager methods go as 1.6.6.0 and an operator only 1.6.9.1 has as 1.6.9.1, to one stub speaking both; the server is asked once', async (t) => {
  const { stub, client, versions } = await serve(t, ['1.6.9.1', '1.5.2.0', '1.6.6.0', '1.6.7.0']);
  t.deepEqual(await client.backupManager.getTasksInfo(), [task]);
  await client.backupManager.stopBackup({ taskId: '7' });
  t.deepEqual(await client.backupManager.waitForTask(7), task);
  await client.extension.get();
  await t.throwsAsync(() => client.customer.get({ filter: { login: ['nobody'] }, dataset: { genInfo: true } }), { message: /1013/ });
  t.deepEqual(versions(), [
    'backupManager.getTasksInfo 1.6.6.0',
    'backupManager.stopBackup 1.6.6.0',
    'backupManager.getTasksInfo 1.6.6.0',
    'extension.get 1.6.9.1',
    'customer.get 1.6.9.1',
  ]);
  t.is(stub.requests.filter((r: { xml: string }) => r.xml === GET_PROTOS).length, 1);
  t.is(stub.requests[0].xml, GET_PROTOS);
});

test('against a stub speaking only 1.6.9.1, a backup-manager call fails before the network, naming the element, the versions that have it and the server\'s', async (t) => {
  const { pkg, stub, client } = await serve(t, ['1.6.9.1']);
  const error = await t.throwsAsync(() => client.backupManager.getTasksInfo(), { instanceOf: pkg.PleskVersionError });
  t.is(error!.message, 'backup-manager/get-tasks-info cannot be sent: <backup-manager> (packet/backup-manager): it is in protocol 1.6.6.0 of this package (1.6.6.0, 1.6.9.1); the server speaks 1.6.9.1; nothing was sent. Fix: call a server that speaks 1.6.6.0, or leave <backup-manager> out');
  t.deepEqual([error!.call, error!.element, error!.versions, error!.hostVersions], ['backup-manager/get-tasks-info', '<backup-manager>', ['1.6.6.0'], ['1.6.9.1']]);
  await t.throwsAsync(() => client.backupManager.waitForTask(7), { instanceOf: pkg.PleskVersionError });
  await client.extension.get();
  t.deepEqual(stub.requests.map((r: { xml: string }) => r.xml.split('\n')[1]!.slice(0, 40)), ['<packet><server><get_protos/></server></', '<packet version="1.6.9.1"><extension><ge']);
});

test('an enumeration value only 1.6.9.1 has: sent as 1.6.9.1, refused by a server of 1.6.6.0', async (t) => {
  const both = await serve(t, ['1.6.6.0', '1.6.9.1']);
  const record = { siteId: 1, type: 'CAA', host: 'example.com', value: '0 issue "letsencrypt.org"' };
  await both.client.dns.addRec({ ...record, type: 'A', value: '192.0.2.1' });
  await both.client.dns.addRec(record);
  t.deepEqual(both.versions(), ['dns.addRec 1.6.9.1', 'dns.addRec 1.6.9.1']);
  const old = await serve(t, ['1.6.6.0']);
  await old.client.dns.addRec({ ...record, type: 'A', value: '192.0.2.1' });
  t.deepEqual(old.versions(), ['dns.addRec 1.6.6.0']);
  const error = await t.throwsAsync(() => old.client.dns.addRec(record), { instanceOf: old.pkg.PleskVersionError });
  t.is(error!.message, 'dns/add_rec cannot be sent: the value "CAA" of <type> (packet/dns/add_rec/type): it is in protocol 1.6.9.1 of this package (1.6.6.0, 1.6.9.1); the server speaks 1.6.6.0; nothing was sent. Fix: call a server that speaks 1.6.9.1, or leave the value "CAA" of <type> out');
});

test('drift in an answer names the version of the package that declares the element or the value', async (t) => {
  const events: Array<{ kind: string; path: string; value?: string; declaredIn?: string[] }> = [];
  const { stub, client } = await serve(t, ['1.6.6.0', '1.6.9.1'], { protocolVersion: '1.6.6.0', onSchemaDrift: (event: (typeof events)[number]) => events.push(event) });
  const admin = ['cname', 'pname', 'phone', 'fax'].map((f) => `<admin_${f}>x</admin_${f}>`).join('') + '<admin_email>a@example.com</admin_email>' + ['address', 'city', 'state', 'pcode', 'country'].map((f) => `<admin_${f}>x</admin_${f}>`).join('').replace('<admin_pcode>x</admin_pcode>', '<admin_pcode>12345</admin_pcode>').replace('<admin_country>x</admin_country>', '<admin_country>DE</admin_country>');
  stub.fail({ kind: 'xml', xml: `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><server><get><result><status>ok</status><admin>${admin}<send_announce>false</send_announce><admin_locale>en-US</admin_locale><x-new>1</x-new></admin></result></get></server></packet>` });
  const result = await client.server.get({ admin: true });
  t.is(result.admin.adminEmail, 'a@example.com');
  t.deepEqual(events.map((e) => [e.path, e.declaredIn]), [['packet/server/get/result/admin/admin_locale', ['1.6.9.1']], ['packet/server/get/result/admin/x-new', undefined]]);
  // a value of an open enumeration: CAA is 1.6.9.1's, HINFO no version's; an element once too often is no version's either
  events.length = 0;
  const record = (id: number, type: string) => `<result><status>ok</status><id>${id}</id><data><site-id>1</site-id><type>${type}</type><host>example.com.</host><value>v</value></data></result>`;
  stub.fail({ kind: 'xml', xml: `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><dns><get_rec>${record(3, 'CAA')}${record(4, 'HINFO')}</get_rec></dns></packet>` });
  const records = await client.dns.getRec({ filter: { siteId: [1] } });
  t.deepEqual(records.map((r: { data: { type: string } }) => r.data.type), ['CAA', 'HINFO']);
  stub.fail({ kind: 'xml', xml: `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><dns><get_rec><result><status>ok</status><id>3</id><id>4</id></result></get_rec></dns></packet>` });
  await client.dns.getRec({ filter: { siteId: [1] } });
  t.deepEqual(events.map((e) => [e.kind, e.path, e.value, e.declaredIn]), [
    ['value', 'packet/dns/get_rec/result/data/type', 'CAA', ['1.6.9.1']],
    ['value', 'packet/dns/get_rec/result/data/type', 'HINFO', undefined],
    ['extra', 'packet/dns/get_rec/result/id', undefined, undefined],
  ]);
});

test('the README\'s matrix lists backup-manager as absent from 1.6.9.1; the JSDoc of the operator and its methods says so', (t) => {
  const { files } = twoSetFiles();
  const readme = files.get('README.md')!;
  t.true(readme.includes('| operator | 1.6.6.0 | 1.6.9.1 |\n|---|---|---|\n'));
  t.true(readme.includes('\n| `backup-manager` | ✓ | — |\n'));
  t.true(readme.includes('\n| `extension` | — | ✓ |\n'));
  t.true(readme.includes('\n| `customer` | ✓ | ✓ |\n'));
  const absent = [...readme.matchAll(/^\| `([^`]+)` \| ✓ \| — \|$/gm)].map((m) => m[1]);
  t.deepEqual(absent.sort(), ['backup-manager', 'ip-ban', 'maillist', 'migration', 'plan-item', 'role', 'service-node', 'sitebuilder', 'smb', 'spamfilter', 'sso', 'updater', 'user', 'webmail', 'webuser', 'wp-instance'], 'the 15 operators gone from 1.6.9.1, and smb (gone in 1.6.7.0)');
  const client = files.get('src/client.ts')!;
  t.true(client.includes('/**\n * The operations of <backup-manager>\n *\n * Protocol versions: 1.6.6.0 (absent from 1.6.9.1).\n *\n * Protocols: <backup-manager> is documented for XML API protocols 1.5.2.0 – 1.6.9.0 and absent from 1.6.9.1 on: the client sends it only in a version of the package that has it and the server speaks, and refuses it before the network (PleskVersionError) when there is none.\n */\nexport class BackupManagerOperations {'));
  t.true(client.includes('  /** Protocol versions: 1.6.6.0 (absent from 1.6.9.1). */\n  readonly backupManager: BackupManagerOperations;'));
  const getTasksInfo = client.slice(client.lastIndexOf('/**', client.indexOf('  getTasksInfo(input')), client.indexOf('  getTasksInfo(input'));
  t.regex(getTasksInfo, /Protocol versions: 1\.6\.6\.0 \(absent from 1\.6\.9\.1\)\./);
});

test('the stand-in of the two-set package plays an old and a new server: a backup goes as 1.6.6.0 and the listing as 1.6.9.1; a server of 1.6.9.1 alone gets no backup-manager packet', async (t) => {
  const { pkg, testing } = await importTwoSets();
  const both = await testing.createPleskStandIn({ finishAfterPolls: 1 });
  const newest = await testing.createPleskStandIn({ protocolVersions: ['1.6.9.1'] });
  const clientOf = (s: { host: string; port: number; ca: string; login: string; password: string }) => new pkg.PleskClient({ host: s.host, port: s.port, ca: s.ca, login: s.login, password: s.password });
  const [old, obsidian] = [clientOf(both), clientOf(newest)];
  t.teardown(async () => {
    old.close();
    obsidian.close();
    await both.close();
    await newest.close();
  });
  const listed = await old.webspace.get({ filter: {}, dataset: { genInfo: true } });
  t.deepEqual(listed.map((w: { data: { genInfo: { name: string } } }) => w.data.genInfo.name), ['example.com', 'shop.example.com', 'acme.test']);
  const task = await old.backupManager.waitForTask((await old.backupManager.backupWebspace({ webspaceName: 'example.com', description: 'n', local: true }))!, { intervalMs: 0 });
  t.is(task.filename, 'backup_example.com_1.tar');
  t.deepEqual(both.calls.map((c: { key: string; version?: string }) => `${c.key} ${c.version}`), ['webspace.get 1.6.9.1', 'backupManager.backupWebspace 1.6.6.0', 'backupManager.getTasksInfo 1.6.6.0', 'backupManager.getTasksInfo 1.6.6.0']);
  t.deepEqual(both.errors, [], 'every answer fit the response schema of its version');
  await t.throwsAsync(() => obsidian.backupManager.backupWebspace({ webspaceName: 'example.com', description: 'n', local: true }), { instanceOf: pkg.PleskVersionError, message: /^backup-manager\/backup-webspace cannot be sent: <backup-manager> \(packet\/backup-manager\): it is in protocol 1\.6\.6\.0 of this package/ });
  t.is((await obsidian.webspace.get({ filter: { name: ['acme.test'] }, dataset: { genInfo: true } })).length, 1);
  t.deepEqual(newest.calls.map((c: { key: string; version?: string }) => `${c.key} ${c.version}`), ['webspace.get 1.6.9.1']);
});
