/**
 * The codec's side of issue 24, on small hand-written schema tables: every kind of structural
 * drift kept under unknownElements 'keep' (unknown, extra, misplaced, attribute) and refused by
 * 'error' with today's messages; values outside their facets kept where the TypeScript type holds
 * them, and written back only while unchanged; an xs:all record written in the order it was read;
 * nil with content or attributes refused, nil simple content read as null; RawXml checked on
 * encode, and xmlElement.
 */
import test from 'ava';
import { decodeDocument } from '../runtime/codec/decode.js';
import { setUnknownContent, unknownContentOf, type DecodeOptions, type SchemaDriftEvent } from '../runtime/codec/decode-options.js';
import { encodeElement } from '../runtime/codec/encode.js';
import { XmlDecodeError, XmlEncodeError, ValueError } from '../runtime/codec/errors.js';
import type { SchemaMeta, SimpleTypeMeta } from '../runtime/codec/meta.js';
import { xmlElement } from '../runtime/codec/raw-xml.js';

const str: SimpleTypeMeta = { name: 'xs:string', family: 'string', ws: 'preserve' };
const el = (name: string, type: string, min = 1, max = 1, extra: object = {}) => ({ k: 'el' as const, name, prop: name, type: { s: type }, min, max, ...extra });

const schema: SchemaMeta = {
  simple: {
    'xs:string': str,
    'xs:int': { name: 'xs:int', family: 'int', ws: 'collapse', minInclusive: '-2147483648', maxInclusive: '2147483647' },
    Status: { name: 'Status', family: 'string', ws: 'preserve', enum: ['working', 'finished'], open: true },
    Mode: { name: 'Mode', family: 'string', ws: 'preserve', enum: ['a', 'b'] },
    Short: { name: 'Short', family: 'string', ws: 'preserve', maxLength: 3 },
    Small: { name: 'Small', family: 'int', ws: 'collapse', minInclusive: '0', maxInclusive: '10' },
    Level: { name: 'Level', family: 'int', ws: 'collapse', enum: ['1', '2'] },
  },
  complex: {
    Task: {
      name: 'Task',
      attrs: [{ name: 'kind', prop: 'kind', type: 'Mode', required: false }],
      content: 'elements',
      model: { k: 'seq', min: 1, max: 1, items: [el('id', 'xs:int'), el('status', 'Status'), el('note', 'Short', 0), el('size', 'Small', 0), el('level', 'Level', 0), el('tag', 'xs:string', 0, 2), el('password', 'Short', 0)] },
    },
    Info: { name: 'Info', attrs: [], content: 'elements', model: { k: 'all', min: 1, max: 1, items: [el('login', 'xs:string'), el('email', 'xs:string', 0), el('phone', 'xs:string', 0)] } },
    Pairs: { name: 'Pairs', attrs: [], content: 'elements', model: { k: 'seq', min: 0, max: 2, prop: 'items', items: [el('k', 'xs:string'), el('v', 'xs:string')] } },
    Marker: { name: 'Marker', attrs: [{ name: 'at', prop: 'at', type: 'xs:int', required: true }], content: 'empty' },
    Price: { name: 'Price', attrs: [{ name: 'currency', prop: 'currency', type: 'xs:string', required: false }], content: 'simple', text: { type: 'xs:int', prop: 'value' } },
    Holder: {
      name: 'Holder',
      attrs: [],
      content: 'elements',
      model: { k: 'seq', min: 1, max: 1, items: [{ k: 'el', name: 'task', prop: 'task', type: { c: 'Task' }, min: 0, max: 1, nillable: true }, { k: 'el', name: 'price', prop: 'price', type: { c: 'Price' }, min: 0, max: 1, nillable: true }, { k: 'el', name: 'marker', prop: 'marker', type: { c: 'Marker' }, min: 0, max: 1, nillable: true }, { k: 'el', name: 'raw', prop: 'raw', type: { any: true }, min: 0, max: 1 }] },
    },
  },
};

const keep = (events: SchemaDriftEvent[] = [], extra: DecodeOptions = {}): DecodeOptions => ({ unknownElements: 'keep', onUnknown: (e) => events.push(e), ...extra });
const task = (xml: string, options?: DecodeOptions) => decodeDocument(schema, 'task', { c: 'Task' }, xml, options) as Record<string, unknown>;
const encodeTask = (value: unknown) => encodeElement(schema, 'task', { c: 'Task' }, value);
const clean = '<task><id>1</id><status>working</status><tag>a</tag></task>';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

test('every kind of structural drift is kept at its place, reported with its kind, and written back; the known values are the clean ones', (t) => {
  const drifted = '<task kind="a" new="1"><status>finished</status><id>1</id><status>working</status><tag>a</tag><tag>b</tag><tag>c</tag><fresh x="y">t<i/></fresh><id>2</id></task>';
  const events: SchemaDriftEvent[] = [];
  const value = task(drifted, keep(events));
  t.deepEqual(value, { kind: 'a', id: 1, status: 'working', tag: ['a', 'b'] });
  t.deepEqual(events.map((e) => [e.kind, e.path, e.name]), [
    ['attribute', 'task/@new', 'new'],
    ['misplaced', 'task/status', 'status'],
    ['extra', 'task/tag', 'tag'],
    ['unknown', 'task/fresh', 'fresh'],
    ['extra', 'task/id', 'id'],
  ]);
  t.deepEqual(unknownContentOf(value), {
    elements: [
      { name: 'status', at: 0, kind: 'misplaced', xml: 'finished' },
      { name: 'tag', at: 4, kind: 'extra', xml: 'c' },
      { name: 'fresh', at: 4, kind: 'unknown', attributes: { x: 'y' }, xml: 't<i></i>' },
      { name: 'id', at: 4, kind: 'extra', xml: '2' },
    ],
    attributes: { new: '1' },
  });
  t.is(encodeTask(value), drifted.replace('<i/>', '<i></i>'));
});

test("'error' refuses each kind with today's message", (t) => {
  const cases: Array<[string, string, string]> = [
    ['<task><status>finished</status><id>1</id><status>working</status></task>', 'task/status', 'unexpected element <status>; expected id'],
    ['<task><id>1</id><status>working</status><tag>a</tag><tag>b</tag><tag>c</tag></task>', 'task', 'at most 2 <tag> allowed, found 3'],
    ['<task><id>1</id><id>2</id><status>working</status></task>', 'task/id', 'unexpected element <id>; expected status'],
    ['<task><id>1</id><fresh/><status>working</status></task>', 'task/fresh', 'unexpected element <fresh>; expected status'],
    ['<task new="1"><id>1</id><status>working</status></task>', 'task', 'unknown attribute new; allowed: kind'],
    ['<task><id>1</id><status>queued</status></task>', 'task/status', '"queued" is not one of the values allowed by Status: working, finished'],
  ];
  for (const [xml, path, reason] of cases) {
    const error = t.throws(() => task(xml), { instanceOf: XmlDecodeError }, xml);
    t.deepEqual([error.path, error.reason], [path, reason], xml);
  }
  const twice = t.throws(() => decodeDocument(schema, 'info', { c: 'Info' }, '<info><login>a</login><login>b</login></info>'), { instanceOf: XmlDecodeError });
  t.deepEqual([twice.path, twice.reason], ['info/login', '<login> may occur only once here']);
});

test('an xs:all member twice, a group iteration too many and a child of an empty record are kept too; an element moved out of its place that the type requires fails, saying so', (t) => {
  const events: SchemaDriftEvent[] = [];
  const info = decodeDocument(schema, 'info', { c: 'Info' }, '<info><login>a</login><login>b</login></info>', keep(events)) as object;
  t.deepEqual(info, { login: 'a' });
  t.deepEqual(events.map((e) => e.kind), ['extra']);
  t.is(encodeElement(schema, 'info', { c: 'Info' }, info), '<info><login>a</login><login>b</login></info>');
  const pairs = '<p><k>1</k><v>a</v><k>2</k><v>b</v><k>3</k><v>c</v></p>';
  const third = t.throws(() => decodeDocument(schema, 'p', { c: 'Pairs' }, pairs), { instanceOf: XmlDecodeError });
  t.is(third.reason, 'at most 2 iterations of the sequence group allowed, found 3');
  const kept: SchemaDriftEvent[] = [];
  const twoPairs = decodeDocument(schema, 'p', { c: 'Pairs' }, pairs, keep(kept)) as object;
  t.deepEqual(twoPairs, { items: [{ k: '1', v: 'a' }, { k: '2', v: 'b' }] });
  t.deepEqual(kept.map((e) => `${e.kind} ${e.path}`), ['extra p/k', 'extra p/v'], 'a third iteration of a group that allows two');
  t.is(encodeElement(schema, 'p', { c: 'Pairs' }, twoPairs), pairs);
  const marker = decodeDocument(schema, 'marker', { c: 'Marker' }, '<marker at="1"><since>2</since></marker>', keep()) as object;
  t.deepEqual(marker, { at: 1 });
  t.is(encodeElement(schema, 'marker', { c: 'Marker' }, marker), '<marker at="1"><since>2</since></marker>');
  const moved = t.throws(() => task('<task><status>working</status><id>1</id></task>', keep()), { instanceOf: XmlDecodeError });
  t.is(moved.reason, "<task> ends too early; expected status; <status> came earlier, out of its place: unknownElements 'keep' kept it as it stands, and the TypeScript type needs it here");
  const inText = t.throws(() => task('<task><id>1<b/></id><status>working</status></task>', keep()), { instanceOf: XmlDecodeError });
  t.is(inText.reason, 'element <b> found where only text is allowed');
});

test('values outside their facets: kept as read where the TypeScript type holds them, reported, written back while unchanged', (t) => {
  const events: SchemaDriftEvent[] = [];
  const xml = '<task kind="a"><id>1</id><status>queued</status><note>longer</note><size>11</size><tag>a</tag><password>s3cret-value</password></task>';
  const value = task(xml, keep(events, { redact: (s) => s.replace('queued', 'q***') }));
  t.like(value, { status: 'queued', note: 'longer', size: 11, password: 's3cret-value' });
  t.deepEqual(events.map((e) => [e.kind, e.path, e.value, e.reason]), [
    ['value', 'task/status', 'q***', '"q***" is not one of the values allowed by Status: working, finished'],
    ['value', 'task/note', 'longer', '"longer" is longer than the maximum length 3 of Short'],
    ['value', 'task/size', '11', '11 is greater than the maximum 10 of Small'],
    ['value', 'task/password', '***', '"***" is longer than the maximum length 3 of Short'],
  ]);
  t.is(encodeTask(value), xml);
  // changed, or built by hand: the encoder's rules hold again
  const changed = t.throws(() => encodeTask({ ...value, status: 'queued' }), { instanceOf: XmlEncodeError });
  t.is(changed.message, 'task/status: "queued" is not one of the values allowed by Status: working, finished');
  value['note'] = 'longest';
  t.throws(() => encodeTask(value), { instanceOf: XmlEncodeError, message: 'task/note: "longest" is longer than the maximum length 3 of Short' });
});

test('what the TypeScript type cannot hold still fails under keep, naming the value', (t) => {
  const cases: Array<[string, string]> = [
    ['<task><id>three</id><status>working</status></task>', '"three" is not an integer'],
    ['<task kind="c"><id>1</id><status>working</status></task>', '"c" is not one of the values allowed by Mode: a, b'],
    ['<task><id>1</id><status>working</status><level>3</level></task>', '"3" is not one of the values allowed by Level: 1, 2'],
    ['<task><id>99999999999999999999</id><status>working</status></task>', '99999999999999999999 is greater than the maximum 2147483647 of xs:int'],
  ];
  for (const [xml, reason] of cases) {
    const error = t.throws(() => task(xml, keep()), { instanceOf: XmlDecodeError }, xml);
    t.is(error.reason, `${reason} (unknownElements: 'keep' keeps a value outside its facets only where its TypeScript type holds it; regenerate from the server's schemas)`);
  }
});

test('an xs:all record re-encodes in the order it was read; one built by hand, or the members it gained, in schema order', (t) => {
  const read = decodeDocument(schema, 'info', { c: 'Info' }, '<info><phone>1</phone><login>a</login></info>') as Record<string, unknown>;
  t.is(encodeElement(schema, 'info', { c: 'Info' }, read), '<info><phone>1</phone><login>a</login></info>');
  t.is(encodeElement(schema, 'info', { c: 'Info' }, { phone: '1', login: 'a' }), '<info><login>a</login><phone>1</phone></info>');
  read['email'] = 'e';
  t.is(encodeElement(schema, 'info', { c: 'Info' }, read), '<info><phone>1</phone><login>a</login><email>e</email></info>');
  delete read['phone'];
  t.is(encodeElement(schema, 'info', { c: 'Info' }, read), '<info><login>a</login><email>e</email></info>');
  t.deepEqual(Object.keys(read), ['login', 'email'], 'the order read is not an enumerable property');
});

test('nil: simple content reads as null as the encoder writes it; content or attributes on a nil element fail in both modes', (t) => {
  const holder = (xml: string, options?: DecodeOptions) => decodeDocument(schema, 'h', { c: 'Holder' }, xml, options);
  for (const value of [{ price: null }, { price: { value: 5 } }, { price: { currency: 'EUR', value: 5 } }, { task: null }, { marker: null }]) {
    t.deepEqual(holder(encodeElement(schema, 'h', { c: 'Holder' }, value)), value);
  }
  t.deepEqual(holder(`<h><marker xsi:nil="true" ${XSI}/></h>`), { marker: null }, 'a nil element needs none of its required attributes');
  for (const options of [undefined, keep()]) {
    const children = t.throws(() => holder(`<h><task xsi:nil="true" ${XSI}><id>1</id></task></h>`, options), { instanceOf: XmlDecodeError });
    t.deepEqual([children.path, children.reason], ['h/task/id', 'an element with xsi:nil="true" must be empty']);
    const text = t.throws(() => holder(`<h><price xsi:nil="true" ${XSI}>5</price></h>`, options), { instanceOf: XmlDecodeError });
    t.is(text.reason, 'an element with xsi:nil="true" must be empty');
    const attribute = t.throws(() => holder(`<h><price currency="EUR" xsi:nil="true" ${XSI}/></h>`, options), { instanceOf: XmlDecodeError });
    t.is(attribute.reason, 'an element with xsi:nil="true" cannot carry the attribute currency: its value is null');
  }
});

test('RawXml is checked on encode: one well-formed element of the expected name; xmlElement builds one', (t) => {
  const holder = (raw: unknown) => encodeElement(schema, 'h', { c: 'Holder' }, { raw });
  t.is(holder({ attributes: { a: '1' }, xml: '<b>x</b>' }), '<h><raw a="1"><b>x</b></raw></h>');
  for (const xml of ['</raw><system><status>error</status></system><raw>', '<b>', 'a</b>', '<?xml version="1.0"?>', '&nbsp;', '<!DOCTYPE x>']) {
    const error = t.throws(() => holder({ xml }), { instanceOf: XmlEncodeError }, xml);
    t.true(error.message.startsWith('h/raw: the xml of untyped content must be the well-formed content of <raw>, and '), error.message);
  }
  t.throws(() => holder({ name: 'other', xml: '' }), { instanceOf: XmlEncodeError, message: "h/raw: untyped content for <raw> is the element the string \"other\": an XmlAny value is the content of <raw> itself (xmlElement('raw', …))" });

  const built = xmlElement('raw', { id: '7' }, ['a & b ', xmlElement('b', { c: '"q"' }, ['<x>']), xmlElement('empty')]);
  t.deepEqual(built, { name: 'raw', attributes: { id: '7' }, xml: 'a &amp; b <b c="&quot;q&quot;">&lt;x&gt;</b><empty></empty>' });
  t.is(holder(built), '<h><raw id="7">a &amp; b <b c="&quot;q&quot;">&lt;x&gt;</b><empty></empty></raw></h>');
  t.deepEqual(decodeDocument(schema, 'h', { c: 'Holder' }, holder(built)), { raw: { attributes: { id: '7' }, xml: built.xml } });
  t.throws(() => xmlElement('1bad'), { instanceOf: ValueError, message: 'xmlElement: the element name must be an XML name, got "1bad"' });
  t.throws(() => xmlElement('a', { 'b c': '1' }), { instanceOf: ValueError, message: 'an attribute of <a> needs a valid XML name, got "b c"' });
  t.throws(() => xmlElement('a', {}, [{ name: 'b', xml: '</b><c>' }]), { instanceOf: ValueError, message: /^xmlElement: <a> would not be well-formed XML: / });

  // kept content a caller changed is checked as well
  const value = task('<task><id>1</id><status>working</status><x>1</x></task>', keep());
  unknownContentOf(value)!.elements[0]!.xml = '</task><injected/>';
  t.throws(() => encodeTask(value), { instanceOf: XmlEncodeError, message: /^task\/x: the xml of untyped content must be the well-formed content of <x>/ });
  setUnknownContent(value, { elements: [{ name: 'x', at: 0, xml: 'fine' }] });
  t.is(encodeTask(value), '<task><x>fine</x><id>1</id><status>working</status></task>');
});
