/**
 * Schema drift: an answer carrying elements and attributes the schema does not declare, or values
 * it does not allow (a newer server). `unknownElements: 'keep'` keeps them in place, reports each
 * with its kind, and re-encodes the value to the same bytes; `'error'` (the codecs' default)
 * fails naming the element; the client keeps and reports by default. (Every kind of drift on
 * small schemas: drift-codec.test.ts; on the whole API: drift-property.test.ts.)
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { decodeResponsePacket, encodeResponsePacket, unknownContentOf, XmlDecodeError, type ResponsePacket, type SchemaDriftEvent } from '../generated/src/index.js';
import { validateAgainstPlesk } from './helpers/plesk-oracle.js';
import { generateFrom, sharedDir } from './helpers/project.js';
import { clientOf, packet, standIn } from './helpers/stand-in.js';

const known: ResponsePacket = {
  version: '1.6.6.0',
  operators: [{ backupManager: { operations: [{ getTasksInfo: { result: [{ status: 'ok', task: [
    { server: true, id: 3, status: 'finished', started: '2017-11-30 03:05:19', prefix: 'my', filename: 'my_1.tar', protocol: 'ftp' },
    { customerId: 7, id: 4, status: 'working', started: '2017-11-30 04:00:00', prefix: 'c', filename: '', protocol: 'local' },
  ] }] } }] } }],
};
const clean = encodeResponsePacket(known);

/** The clean document with unknown content at the start, middle and end of known elements, repeated, nested, and as attributes. */
const drifted = clean
  .replace('<result><status>ok</status>', '<result drift-level="2"><origin region="eu">node-1</origin><status>ok</status>')
  .replace('<server/><id>3</id>', '<size unit="bytes">1024</size><server/><id>3</id><checksum><algo>sha256</algo><value><hex>ab&amp;cd</hex></value></checksum>')
  .replace('<protocol>ftp</protocol></task>', '<protocol>ftp</protocol><note>a</note><note>b &lt; c</note></task>')
  .replace('<task><customer-id>7</customer-id>', '<task kind="customer" priority="1"><customer-id>7</customer-id>')
  .replace('</result></get-tasks-info>', '<generated-at/></result></get-tasks-info>');

test('keep: every unknown element and attribute is reported with its path, and re-encoding gives the same bytes', (t) => {
  t.not(drifted, clean);
  const events: SchemaDriftEvent[] = [];
  const value = decodeResponsePacket(drifted, { unknownElements: 'keep', onUnknown: (e) => events.push(e) });
  t.deepEqual(value, decodeResponsePacket(clean), 'the known fields are exactly those of the clean answer');
  const base = 'packet/backup-manager/get-tasks-info/result';
  t.deepEqual(events.map((e) => [e.kind, e.path]), [
    ['attribute', `${base}/@drift-level`],
    ['unknown', `${base}/origin`],
    ['unknown', `${base}/task/size`],
    ['unknown', `${base}/task/checksum`],
    ['unknown', `${base}/task/note`],
    ['unknown', `${base}/task/note`],
    ['attribute', `${base}/task/@kind`],
    ['attribute', `${base}/task/@priority`],
    ['unknown', `${base}/generated-at`],
  ]);
  t.true(events.every((e) => e.line === 2 && e.column > 0 && e.name === e.path.split('/').at(-1)!.replace(/^@/, '')));
  t.is(encodeResponsePacket(value), drifted, 'lossless: written back where they were');
  const task = value.operators![0]!.backupManager!.operations[0]!.getTasksInfo!.result[0]!.task![0]!;
  t.deepEqual(unknownContentOf(task), {
    elements: [
      { name: 'size', at: 0, kind: 'unknown', attributes: { unit: 'bytes' }, xml: '1024' },
      { name: 'checksum', at: 2, kind: 'unknown', xml: '<algo>sha256</algo><value><hex>ab&amp;cd</hex></value>' },
      { name: 'note', at: 7, kind: 'unknown', xml: 'a' },
      { name: 'note', at: 7, kind: 'unknown', xml: 'b &lt; c' },
    ],
  });
  t.is(unknownContentOf(decodeResponsePacket(clean)), undefined);
  t.deepEqual(Object.keys(task), Object.keys(decodeResponsePacket(clean).operators![0]!.backupManager!.operations[0]!.getTasksInfo!.result[0]!.task![0]!), 'not an enumerable property');
});

test('error (the default): the first unknown element or attribute fails, naming it', (t) => {
  const element = t.throws(() => decodeResponsePacket(drifted.replace(' drift-level="2"', '')), { instanceOf: XmlDecodeError });
  t.is(element.path, 'packet/backup-manager/get-tasks-info/result/origin');
  t.regex(element.message, /unexpected element <origin>/);
  const attribute = t.throws(() => decodeResponsePacket(drifted, { unknownElements: 'error' }), { instanceOf: XmlDecodeError });
  t.regex(attribute.message, /unknown attribute drift-level/);
});

test('keep: a new task status, a known element once more, and one out of its place are kept and written back', (t) => {
  const events: SchemaDriftEvent[] = [];
  const changed = clean
    .replace('<status>finished</status>', '<status>queued</status>')
    .replace('<protocol>ftp</protocol></task>', '<protocol>ftp</protocol><protocol>sftp</protocol></task>')
    .replace('<task><customer-id>7</customer-id>', '<task><prefix>early</prefix><customer-id>7</customer-id>');
  const value = decodeResponsePacket(changed, { unknownElements: 'keep', onUnknown: (e) => events.push(e) });
  const tasks = value.operators![0]!.backupManager!.operations[0]!.getTasksInfo!.result[0]!.task!;
  t.deepEqual(tasks.map((task) => task.status), ['queued', 'working']);
  t.deepEqual(events.map((e) => [e.kind, e.path.split('/').slice(-2).join('/'), e.value]), [
    ['value', 'task/status', 'queued'],
    ['extra', 'task/protocol', undefined],
    ['misplaced', 'task/prefix', undefined],
  ]);
  t.is(encodeResponsePacket(value), changed);
});

test('keep still fails where the TypeScript type would lie: letters in an integer, a required element moved, content in a text element', (t) => {
  const keep = { unknownElements: 'keep' } as const;
  const value = t.throws(() => decodeResponsePacket(clean.replace('<id>3</id>', '<id>three</id>'), keep), { instanceOf: XmlDecodeError });
  t.is(value.reason, `"three" is not an integer (unknownElements: 'keep' keeps a value outside its facets only where its TypeScript type holds it; regenerate from the server's schemas)`);
  const moved = t.throws(() => decodeResponsePacket(clean.replace('<server/><id>3</id><status>finished</status>', '<server/><status>finished</status><id>3</id>'), keep), { instanceOf: XmlDecodeError });
  t.regex(moved.message, /<status> came earlier, out of its place: unknownElements 'keep' kept it as it stands, and the TypeScript type needs it here$/);
  const inText = t.throws(() => decodeResponsePacket(clean.replace('<prefix>my</prefix>', '<prefix>my<x/></prefix>'), keep), { instanceOf: XmlDecodeError });
  t.regex(inText.message, /found where only text is allowed/);
  t.throws(() => decodeResponsePacket(clean, { unknownElements: 'lax' as never }), { message: /unknownElements must be 'keep' or 'error'/ });
});

test('the client keeps drift by default, resolves with the known fields and calls onSchemaDrift; unknownElements: error restores strictness', async (t) => {
  const server = await standIn();
  const events: SchemaDriftEvent[] = [];
  const client = clientOf(server, { onSchemaDrift: (e) => events.push(e) });
  const strict = clientOf(server, { unknownElements: 'error' });
  try {
    server.faults.push({ xml: drifted });
    const tasks = await client.backupManager.getTasksInfo();
    t.deepEqual(tasks.map((task) => [task.id, task.status]), [[3, 'finished'], [4, 'working']]);
    t.is(events.length, 9);
    t.is(events[2]!.path, 'packet/backup-manager/get-tasks-info/result/task/size');
    server.faults.push({ xml: drifted });
    const error = await t.throwsAsync(strict.backupManager.getTasksInfo(), { instanceOf: XmlDecodeError });
    t.regex(error.message, /unknown attribute drift-level/);
  } finally {
    client.close();
    strict.close();
    await server.close();
  }
});

test('without onSchemaDrift the client emits one PleskSchemaDrift process warning per path', async (t) => {
  const server = await standIn();
  const client = clientOf(server);
  const warnings: Error[] = [];
  const listen = (w: Error) => void (w.name === 'PleskSchemaDrift' && warnings.push(w));
  process.on('warning', listen);
  try {
    for (let i = 0; i < 2; i++) {
      server.faults.push({ xml: drifted });
      t.is((await client.backupManager.getTasksInfo()).length, 2);
    }
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    t.is(warnings.length, 8, 'nine drifts, two at the same path, in two calls: one warning per path');
    t.regex(warnings[0]!.message, /^the answer has the attribute drift-level at packet\/backup-manager\/get-tasks-info\/result\/@drift-level, which the package's schemas do not declare \(a newer server\?\): it was kept; pass onSchemaDrift/);
  } finally {
    process.off('warning', listen);
    client.close();
    await server.close();
  }
});

test("the package of the 2020 schemas decodes a 2014-format customer get answer that carries <webapps>, and writes it back", async (t) => {
  const answer = packet('<customer><get><result><status>ok</status><filter-id>1</filter-id><id>1</id><data><stat>'
    + '<active_domains>1</active_domains><subdomains>0</subdomains><disk_space>1048576</disk_space><postboxs>2</postboxs><redirects>0</redirects>'
    + '<mail_groups>0</mail_groups><mail_resps>0</mail_resps><mail_lists>0</mail_lists><web_users>0</web_users><data_bases>1</data_bases>'
    + '<webapps>3</webapps><traffic>5000</traffic><traffic_prevday>100</traffic_prevday></stat></data></result></get></customer>').replace('version="1.6.9.0"', 'version="1.6.5.0"');
  const [verdict] = await validateAgainstPlesk([answer], 'agent_output.xsd', 'plesk-xsd');
  t.true(verdict!.valid, `a valid 2014 answer: ${verdict!.errors.join('\n')}`);
  const dir = sharedDir('plesk-xsd-2020');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const out = sharedPackageDir(files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  t.throws(() => pkg.decodeResponsePacket(answer), { message: /unexpected element <webapps>/ });
  const events: SchemaDriftEvent[] = [];
  const value = pkg.decodeResponsePacket(answer, { unknownElements: 'keep', onUnknown: (e: SchemaDriftEvent) => events.push(e) });
  t.deepEqual(events.map((e) => e.path), ['packet/customer/get/result/data/stat/webapps']);
  const stat = value.operators[0].customer.operations[0].get.result[0].data.stat;
  t.like(stat, { activeDomains: 1, dataBases: 1, traffic: 5000 });
  t.is(pkg.encodeResponsePacket(value), answer, 'written back with <webapps> in its place');
  // an empty element takes its schema default (clientStatType's default="0")
  const empty = pkg.decodeResponsePacket(answer.replace('<subdomains>0</subdomains>', '<subdomains/>'), { unknownElements: 'keep' });
  t.is(empty.operators[0].customer.operations[0].get.result[0].data.stat.subdomains, 0);
});
