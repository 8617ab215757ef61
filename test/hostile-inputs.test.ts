/**
 * The codecs' corners, each defect class of issue 11 on its own: lone surrogates, xsi:nil values,
 * 1-based columns, encodeType/decodeType arguments, inherited properties.
 */
import test from 'ava';
import { encodeElement } from '../generated/src/runtime/codec/encode.js';
import type { SchemaMeta } from '../generated/src/runtime/codec/meta.js';
import { decodeResponsePacket, decodeType, encodeRequestPacket, encodeType, XmlDecodeError, XmlEncodeError, type BackupFile } from '../generated/src/index.js';

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const file = (description: string) => `<file><name>a.tar</name><creation-date>1</creation-date>${description}<size>10</size></file>`;

test('a lone surrogate anywhere in a document is refused, with its path, line and 1-based column; a pair is fine', (t) => {
  for (const [doc, path] of [
    [file('<description>x\uD800y</description>'), 'file/description'],
    [file('<description>x\uDC00</description>'), 'file/description'],
    [file('<description>\uDC00\uD800</description>'), 'file/description'],
    [`<file>\n\uDBFF<name>`, 'file'],
    [`<file><name>a.tar</name><!-- \uD800 -->`, 'file'],
    [`<file a\uDC00="1">`, ''],
  ] as const) {
    // where the surrogate is, counted independently: line, and 1-based column in it
    const at = doc.search(/[\uD800-\uDFFF]/);
    const line = doc.slice(0, at).split('\n').length;
    const column = at - doc.lastIndexOf('\n', at - 1);
    const error = t.throws(() => decodeType('BackupFile', 'file', doc), { instanceOf: XmlDecodeError }, JSON.stringify(doc));
    t.is(error.path, path);
    t.regex(error.reason, /unpaired surrogate \(U\+D[89A-F][0-9A-F]{2}\)/);
    t.deepEqual([error.line, error.column], [line, column], JSON.stringify(doc));
  }
  const value = decodeType('BackupFile', 'file', file('<description>😀</description>'));
  t.is(value.description, '😀');
});

test('xsi:nil must be an xs:boolean, and only a nillable element may carry it', (t) => {
  t.is(decodeType('BackupFile', 'file', file(`<description xsi:nil="true" ${XSI}/>`)).description, null);
  t.is(decodeType('BackupFile', 'file', file(`<description xsi:nil=" 1 " ${XSI}/>`)).description, null);
  t.is(decodeType('BackupFile', 'file', file(`<description xsi:nil="false" ${XSI}>d</description>`)).description, 'd');
  t.is(decodeType('BackupFile', 'file', file(`<description xsi:nil="0" ${XSI}></description>`)).description, '');
  for (const bad of ['yes', 'TRUE', '', 'nil', 'true false']) {
    const error = t.throws(() => decodeType('BackupFile', 'file', file(`<description xsi:nil="${bad}" ${XSI}/>`)), { instanceOf: XmlDecodeError });
    t.is(error.reason, `xsi:nil must be true, false, 1 or 0, not ${JSON.stringify(bad)}`);
    t.is(error.path, 'file/description');
  }
  for (const value of ['true', 'false']) {
    const error = t.throws(() => decodeType('BackupFile', 'file', `<file><name xsi:nil="${value}" ${XSI}>a</name></file>`), { instanceOf: XmlDecodeError });
    t.is(error.reason, '<name> is not nillable: it cannot carry xsi:nil');
  }
});

test('error positions are 1-based: right after a newline, at the end, and on the first character', (t) => {
  const cases: Array<[string, number, number]> = [
    ['<packet>\n', 2, 1],                     // ends right after a newline
    ['<packet>\n<', 2, 1],
    ['<packet><system>\n</packet>', 2, 9],
    ['\n\n', 3, 1],
    ['x', 1, 1],
  ];
  for (const [doc, line, column] of cases) {
    const error = t.throws(() => decodeResponsePacket(doc), { instanceOf: XmlDecodeError }, JSON.stringify(doc));
    t.deepEqual([error.line, error.column], [line, column], `${JSON.stringify(doc)}: ${error.message}`);
    t.true(error.column! >= 1);
  }
});

test('encodeType / decodeType refuse unknown or inherited type names and invalid element names with a TypeError naming the argument', (t) => {
  const good: BackupFile = { name: 'a.tar', creationDate: 1, description: 'd', size: 10 };
  for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'NoSuchType', '', 42]) {
    t.throws(() => encodeType(type as 'BackupFile', 'file', good), { instanceOf: TypeError, message: /^encodeType: argument type .* is not a complex type of this schema; give one of the \d+ names of TypeMap/ }, String(type));
    t.throws(() => decodeType(type as 'BackupFile', 'file', '<file/>'), { instanceOf: TypeError, message: /^decodeType: argument type / }, String(type));
  }
  for (const element of ['x"><evil', 'a b', '1abc', '', 'p:file', '<file>', 'file/', 'é\u0000', 7]) {
    t.throws(() => encodeType('BackupFile', element as string, good), { instanceOf: TypeError, message: /^encodeType: argument element .* is not an XML element name/ }, String(element));
    t.throws(() => decodeType('BackupFile', element as string, '<file/>'), { instanceOf: TypeError, message: /^decodeType: argument element / }, String(element));
  }
  t.is(encodeType('BackupFile', 'fichier-été_2.x', good), '<?xml version="1.0" encoding="UTF-8"?>\n<fichier-été_2.x><name>a.tar</name><creation-date>1</creation-date><description>d</description><size>10</size></fichier-été_2.x>');
});

test('the encoder reads own enumerable properties only: inherited ones, a polluted prototype included, are never written', (t) => {
  const inherited = Object.create({ prefix: 'evil', description: 'evil' }) as Record<string, unknown>;
  Object.assign(inherited, { local: true, description: 'own' });
  const xml = encodeRequestPacket({ operators: [{ backupManager: { operations: [{ backupServer: inherited as never }] } }] });
  t.false(xml.includes('evil'), xml);
  t.regex(xml, /<backup-server><local\/><description>own<\/description><\/backup-server>/);
  const proto = Object.prototype as Record<string, unknown>;
  proto.prefix = 'polluted';
  try {
    const polluted = encodeRequestPacket({ operators: [{ backupManager: { operations: [{ backupServer: { description: 'd', local: true } }] } }] });
    t.false(polluted.includes('polluted'), polluted);
  } finally {
    delete proto.prefix;
  }
  const hidden = { description: 'd', local: true as const };
  Object.defineProperty(hidden, 'prefix', { value: 'hidden', enumerable: false });
  t.false(encodeRequestPacket({ operators: [{ backupManager: { operations: [{ backupServer: hidden }] } }] }).includes('hidden'));
  // an inherited property is not reported as unknown either: it is simply not there
  t.notThrows(() => encodeRequestPacket({ operators: [{ backupManager: { operations: [{ backupServer: Object.assign(Object.create({ unknownThing: 1 }), { description: 'd', local: true }) }] } }] }));
});

test('untyped content: attribute names must be XML names, values are escaped; wildcard element names are checked', (t) => {
  const schema: SchemaMeta = {
    simple: {},
    complex: {
      T: { name: 'T', attrs: [], content: 'elements', model: { k: 'seq', min: 1, max: 1, items: [{ k: 'el', name: 'x', prop: 'x', type: { any: true }, min: 1, max: 1 }, { k: 'any', prop: 'rest', min: 0, max: -1 }] } },
    },
  };
  const encode = (value: unknown) => encodeElement(schema, 't', { c: 'T' }, value);
  t.is(encode({ x: { attributes: { 'a:b': '"<&>' }, xml: '<y/>' } }), '<t><x a:b="&quot;&lt;&amp;&gt;"><y/></x></t>');
  for (const name of ['x"><evil', 'a b', '', '1a']) {
    t.throws(() => encode({ x: { attributes: { [name]: 'v' }, xml: '' } }), { instanceOf: XmlEncodeError, message: /an attribute of untyped content needs a valid XML name/ }, name);
    t.throws(() => encode({ x: 'ok', rest: [{ name, xml: '' }] }), { instanceOf: XmlEncodeError, message: /a wildcard element needs a valid XML name/ }, name);
  }
  t.throws(() => encode({ x: { attributes: { a: 'x\uD800' }, xml: '' } }), { instanceOf: XmlEncodeError, message: /unpaired surrogate/ });
  t.throws(() => encode({ x: Object.create({ xml: '<evil/>' }) }), { instanceOf: XmlEncodeError, message: /expected a string or \{ xml \}/ });
  t.throws(() => encode({ x: 'ok', rest: [Object.assign(Object.create({ name: 'evil' }), { xml: '' })] }), { instanceOf: XmlEncodeError, message: /a wildcard element needs a valid XML name/ });
});

test('a value quoted in an error is cut after 60 characters, with its length', (t) => {
  const long = 'x'.repeat(100_000);
  const error = t.throws(() => decodeType('ResultType', 'result', `<result><status>${long}</status></result>`), { instanceOf: XmlDecodeError });
  t.is(error.reason, `"${'x'.repeat(60)}…" (100000 characters) is not one of the values allowed by result_status: ok, error`);
  t.true(error.message.length < 300);
});
