/** The seed's samples decode to the expected values and encode back to equivalent XML. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeRequestPacket, decodeResponsePacket, encodeRequestPacket, encodeResponsePacket, XmlDecodeError } from '../generated/src/index.js';
import { ROOT } from './helpers/project.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8');

/** The same document without the XML declaration and the white space between elements. */
function canonical(xml: string): string {
  return xml.replace(/^<\?xml[^>]*\?>/, '').replace(/>\s+</g, '><').replace(/<([\w-]+)><\/\1>/g, '<$1/>').trim();
}

const cases = [
  {
    file: 'get-tasks-info.request.xml',
    decode: decodeRequestPacket,
    encode: encodeRequestPacket,
    want: { operators: [{ backupManager: { operations: [{ getTasksInfo: { taskId: '7' } }] } }] },
  },
  {
    file: 'get-tasks-info.customer.response.xml',
    decode: decodeResponsePacket,
    encode: encodeResponsePacket,
    want: {
      version: '1.6.9.0',
      operators: [{ backupManager: { operations: [{ getTasksInfo: { result: [{ status: 'ok', task: [{ customerId: 7, id: 42, status: 'working', started: '2017-11-30 03:05:19', prefix: '', filename: '', protocol: 'local' }] }] } }] } }],
    },
  },
  {
    file: 'get-tasks-info.server.response.xml',
    decode: decodeResponsePacket,
    encode: encodeResponsePacket,
    want: {
      version: '1.6.9.0',
      operators: [{ backupManager: { operations: [{ getTasksInfo: { result: [{ status: 'ok', task: [{ server: true, id: 3, status: 'finished', started: '2017-11-30 03:05:19', prefix: 'my', filename: 'my_1512011119.tar', protocol: 'ftp' }] }] } }] } }],
    },
  },
  {
    file: 'system-error.response.xml',
    decode: decodeResponsePacket,
    encode: encodeResponsePacket,
    want: { version: '1.6.9.0', system: { status: 'error', errcode: 1001, errtext: 'Authentication failed - wrong password.' } },
  },
] as const;

for (const { file, decode, encode, want } of cases) {
  test(`${file} decodes to the expected value and encodes back to equivalent XML`, (t) => {
    const xml = fixture(file);
    const value = (decode as (xml: string) => unknown)(xml);
    t.deepEqual(value, want);
    const encoded = (encode as (v: unknown) => string)(value);
    t.true(encoded.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
    t.is(canonical(encoded), canonical(xml));
    t.deepEqual((decode as (xml: string) => unknown)(encoded), want);
  });
}

test('the encoder writes schema order whatever the order of the keys', (t) => {
  const xml = encodeRequestPacket({
    operators: [{ backupManager: { operations: [{ backupServer: { onlyConfiguration: true, description: 'nightly', prefix: 'n', local: true } }] } }],
  });
  t.is(canonical(xml), '<packet><backup-manager><backup-server><local/><prefix>n</prefix><description>nightly</description><only-configuration/></backup-server></backup-manager></packet>');
});

test('text and attribute values are escaped; CR and non-ASCII survive', (t) => {
  const value = { version: '1.6.9.0', operators: [{ backupManager: { operations: [{ getTasksInfo: { result: [{ status: 'error' as const, errcode: 1013, errtext: 'a & b < c > d "q"\r\n€ 😀' }] } }] } }] };
  const xml = encodeResponsePacket(value);
  t.true(xml.includes('<errtext>a &amp; b &lt; c &gt; d "q"&#13;\n€ 😀</errtext>'));
  t.deepEqual(decodeResponsePacket(xml), value);
});

test('a value beyond 2^53 is never rounded: it fails to decode, naming the option that reads it; "007" stays a string where the type is a string', (t) => {
  const xml = fixture('get-tasks-info.customer.response.xml').replace('<prefix/>', '<prefix>007</prefix>');
  const task = decodeResponsePacket(xml).operators![0]!.backupManager!.operations[0]!.getTasksInfo!.result[0]!.task![0]!;
  t.is(task.id, 42);
  t.is(task.prefix, '007');
  const big = xml.replace('<id>42</id>', '<id>123456789012345678901234567890</id>');
  const error = t.throws(() => decodeResponsePacket(big), { instanceOf: XmlDecodeError });
  t.is(error.reason, '"123456789012345678901234567890" is beyond 2^53 − 1, the largest integer a number holds exactly: generate the package with the option integers: "bigint" (--integers bigint) to read such values as bigint');
  t.is(error.path, 'packet/backup-manager/get-tasks-info/result/task/id');
});

test('white space: string collapses, xs:string (errtext) is preserved', (t) => {
  const xml = '<packet><backup-manager><get-tasks-info><result><status>ok</status><errtext>  two  spaces </errtext><task><server/><id> 5 </id><status>working</status><started>  2017-11-30   03:05:19 </started><prefix/><filename/><protocol>ftp</protocol></task></result></get-tasks-info></backup-manager></packet>';
  const result = decodeResponsePacket(xml).operators![0]!.backupManager!.operations[0]!.getTasksInfo!.result[0]!;
  t.is(result.errtext, '  two  spaces ');
  t.is(result.task![0]!.started, '2017-11-30 03:05:19');
  t.is(result.task![0]!.id, 5);
});

test('white space: collapse touches only XML white space (space, tab, CR, LF), never U+00A0', (t) => {
  const started = (text: string) => decodeResponsePacket(`<packet><backup-manager><get-tasks-info><result><status>ok</status><task><server/><id>5</id><status>working</status><started>${text}</started><prefix/><filename/><protocol>local</protocol></task></result></get-tasks-info></backup-manager></packet>`).operators![0]!.backupManager!.operations[0]!.getTasksInfo!.result[0]!.task![0]!.started;
  t.is(started('\u00A0x  y\u00A0'), '\u00A0x y\u00A0');
  t.is(started(' \t\u00A0x\n'), '\u00A0x');
  t.is(started('\u2003x'), '\u2003x');
});
