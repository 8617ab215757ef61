/**
 * Elements and attributes named like the members of Object.prototype (`constructor`, `toString`,
 * `valueOf`, `hasOwnProperty`, `__proto__`, `__defineGetter__` …), single and repeated: the
 * generator gives them plain properties (never `__proto__`), the codecs read and write own
 * properties only (runtime/codec/own-properties.ts), so that such names round-trip, decoded
 * records are plain objects with all their properties their own, a polluted or frozen
 * Object.prototype changes nothing, and a document that breaks the schema still fails with an
 * XmlDecodeError. The client's result shaping and the stub look keys up the same way.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { writePackage } from '../generator/write.js';
import { decodeDocument } from '../runtime/codec/decode.js';
import { unknownContentOf } from '../runtime/codec/decode-options.js';
import { encodeDocument } from '../runtime/codec/encode.js';
import { XmlDecodeError } from '../runtime/codec/errors.js';
import type { Particle, SchemaMeta } from '../runtime/codec/meta.js';
import { operationKeys, operationsIn } from '../runtime/client/packet-operations.js';
import { shapeResult } from '../runtime/client/result-shape.js';
import { PleskClient } from '../generated/src/index.js';
import { createPleskStub } from '../generated/src/testing.js';
import { generateFrom, ROOT } from './helpers/project.js';

/** Every member of Object.prototype (fixed here, not read from the engine). */
const NAMES = ['constructor', '__defineGetter__', '__defineSetter__', 'hasOwnProperty', '__lookupGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', '__proto__', 'toLocaleString'];
/** Their properties in a generated package (camelCase drops the underscores). */
const PROPS = ['constructor', 'defineGetter', 'defineSetter', 'hasOwnProperty', 'lookupGetter', 'lookupSetter', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', 'proto', 'toLocaleString'];

const each = (make: (name: string) => string) => NAMES.map(make).join('\n      ');
const XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="doc" type="Doc"/>
  <xs:complexType name="Doc">
    <xs:sequence>
      <xs:element name="single" type="Single"/>
      <xs:element name="repeated" type="Repeated"/>
      <xs:element name="attributes" type="Attributes" minOccurs="0" maxOccurs="unbounded"/>
      <xs:sequence minOccurs="0" maxOccurs="unbounded">
      ${each((n) => `<xs:element name="${n}" type="xs:string" minOccurs="0"/>`)}
      </xs:sequence>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="Single">
    <xs:sequence>
      ${each((n) => `<xs:element name="${n}" type="xs:string" minOccurs="0"/>`)}
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="Repeated">
    <xs:sequence>
      ${each((n) => `<xs:element name="${n}" type="xs:int" minOccurs="0" maxOccurs="unbounded"/>`)}
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="Attributes">
    ${NAMES.map((n) => `<xs:attribute name="${n}" type="xs:string"/>`).join('\n    ')}
  </xs:complexType>
</xs:schema>
`;

interface Package {
  schema: SchemaMeta;
  decodeType(type: string, element: string, xml: string, options?: object): Record<string, unknown>;
  encodeType(type: string, element: string, value: unknown): string;
  XmlDecodeError: typeof XmlDecodeError;
}

let pkg: Package;

test.before(async () => {
  const entry = path.join(ROOT, '.tmp', 'prototype-names.xsd');
  const { files } = generateFrom([entry], path.dirname(entry), (p) => (p === entry ? XSD : undefined));
  const out = path.join(ROOT, '.tmp', 'prototype-names');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writePackage(out, files);
  pkg = (await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href)) as Package;
});

/** A value of Doc with every name: single, repeated, as attributes and in the repeating group's records. */
function docValue(): Record<string, unknown> {
  const single = Object.fromEntries(PROPS.map((p, i) => [p, `s${i}`]));
  const repeated = Object.fromEntries(PROPS.map((p, i) => [p, [i, i + 100]]));
  const attributes = [Object.fromEntries(PROPS.map((p, i) => [p, `a${i}`])), { toString: 'only', proto: 'p' }];
  // (one iteration of the group holds them all; the next starts where the order restarts)
  const items = [Object.fromEntries(PROPS.map((p, i) => [p, `g${i}`])), { toString: 'again' }];
  return { single, repeated, attributes, items };
}

/** Every record of a value: plain objects (Object.prototype their prototype), each property its own. */
function records(value: unknown, out: object[] = []): object[] {
  if (Array.isArray(value)) for (const item of value) records(item, out);
  else if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const key of Object.keys(value)) records((value as Record<string, unknown>)[key], out);
  }
  return out;
}

test('the generator gives such names plain properties, never __proto__: attributes claim first, elements follow', (t) => {
  const props = (type: string) => {
    const meta = pkg.schema.complex[type]!;
    const model = (p: Particle | undefined): string[] => (p === undefined ? [] : p.k === 'el' || p.k === 'any' || p.prop !== undefined ? [p.prop!] : p.items.flatMap(model));
    return [...meta.attrs.map((a) => a.prop), ...model(meta.model)];
  };
  t.deepEqual(props('Single'), PROPS);
  t.deepEqual(props('Repeated'), PROPS);
  t.deepEqual(props('Attributes'), PROPS);
  t.deepEqual(props('Doc'), ['single', 'repeated', 'attributes', 'items']);
  t.deepEqual((pkg.schema.complex.Doc!.model as { items: readonly Particle[] }).items[3], { k: 'seq', min: 0, max: -1, prop: 'items', items: NAMES.map((name, i) => ({ k: 'el', name, prop: PROPS[i]!, type: { s: 'xs:string' }, min: 0, max: 1 })) });
});

test('single, repeated, attributes and group records round-trip through the generated package as plain objects with their own properties', (t) => {
  const value = docValue();
  const xml = pkg.encodeType('Doc', 'doc', value);
  for (const name of NAMES) {
    t.true(xml.includes(`<single>`) && xml.includes(`<${name}>s${NAMES.indexOf(name)}</${name}>`), name);
    t.true(xml.includes(`<${name}>${NAMES.indexOf(name)}</${name}><${name}>${NAMES.indexOf(name) + 100}</${name}>`), `${name} repeated`);
    t.true(xml.includes(` ${name}="a${NAMES.indexOf(name)}"`), `${name} as an attribute`);
  }
  const decoded = pkg.decodeType('Doc', 'doc', xml);
  t.deepEqual(decoded, value);
  t.is(pkg.encodeType('Doc', 'doc', decoded), xml, 'written back the same');
  for (const record of records(decoded)) {
    t.is(Object.getPrototypeOf(record), Array.isArray(record) ? Array.prototype : Object.prototype);
    if (!Array.isArray(record)) for (const key of Object.keys(record)) t.true(Object.hasOwn(record, key));
  }
  const single = decoded.single as { constructor: unknown; toString: unknown };
  t.is(single.constructor, 's0');
  t.is(single.toString, 's8');
  t.deepEqual((decoded.repeated as Record<string, unknown>).valueOf, [9, 109]);
  t.deepEqual((decoded.repeated as Record<string, unknown>).hasOwnProperty, [3, 103]);
  t.is(JSON.stringify(decoded), JSON.stringify(value));
  // an element a record does not hold is not there, whatever Object.prototype has
  const sparse = pkg.decodeType('Doc', 'doc', '<doc><single><valueOf>v</valueOf></single><repeated/></doc>');
  t.deepEqual(sparse, { single: { valueOf: 'v' }, repeated: {} });
  t.false(Object.hasOwn(sparse.single as object, 'constructor'));
});

test('a document that breaks the schema with such names still fails with an XmlDecodeError naming the path', (t) => {
  const cases: Array<[string, string, string]> = [
    ['<doc><single><constructor>a</constructor><constructor>b</constructor></single><repeated/></doc>', 'doc/single/constructor', 'unexpected element <constructor>; expected one of __defineGetter__, __defineSetter__, hasOwnProperty, __lookupGetter__, __lookupSetter__, isPrototypeOf, propertyIsEnumerable, toString, valueOf, __proto__, toLocaleString or the end of <single>'],
    ['<doc><single/><repeated><toString>x</toString></repeated></doc>', 'doc/repeated/toString', '"x" is not an integer'],
    ['<doc><single/><repeated/><attributes hasOwnProperty="1" __proto__="2" __proto__="3"/></doc>', 'doc', 'not well-formed XML: duplicate attribute: __proto__.'],
    ['<doc><single/><repeated/><attributes valueOf="1" prototype="2"/></doc>', 'doc/attributes', `unknown attribute prototype; allowed: ${NAMES.join(', ')}`],
    ['<doc><single><__proto__>a</__proto__><__proto__>b</__proto__></single><repeated/></doc>', 'doc/single/__proto__', 'unexpected element <__proto__>; expected toLocaleString or the end of <single>'],
  ];
  for (const [xml, where, reason] of cases) {
    const error = t.throws(() => pkg.decodeType('Doc', 'doc', xml), { instanceOf: pkg.XmlDecodeError }, xml);
    t.is(error.reason, reason, xml);
    t.is(error.path, where, xml);
  }
});

/** Hand-written tables whose properties are the names themselves (`__proto__` included), as no generated package has them. */
function rawSchema(): SchemaMeta {
  const el = (name: string, max: number, prop = name): Particle => ({ k: 'el', name, prop, type: { s: 'xs:string' }, min: 0, max });
  const record = (name: string, model: Particle) => ({ name, attrs: [], content: 'elements' as const, model });
  return {
    simple: { 'xs:string': { name: 'xs:string', family: 'string', ws: 'preserve' } },
    complex: {
      T: record('T', { k: 'seq', min: 1, max: 1, items: [{ k: 'el', name: 'a', prop: 'a', type: { c: 'A' }, min: 0, max: 1 }, { k: 'el', name: 's', prop: 's', type: { c: 'S' }, min: 0, max: 1 }, { k: 'el', name: 'r', prop: 'r', type: { c: 'R' }, min: 0, max: 1 }, { k: 'el', name: 'g', prop: 'g', type: { c: 'G' }, min: 0, max: 1 }] }),
      A: { name: 'A', attrs: NAMES.map((name) => ({ name, prop: name, type: 'xs:string', required: false })), content: 'empty' },
      S: record('S', { k: 'seq', min: 1, max: 1, items: NAMES.map((n) => el(n, 1)) }),
      R: record('R', { k: 'seq', min: 1, max: 1, items: NAMES.map((n) => el(n, -1)) }),
      // repeating groups whose records go to the properties __proto__ and constructor
      G: record('G', { k: 'seq', min: 1, max: 1, items: [{ k: 'seq', min: 0, max: -1, prop: '__proto__', items: [el('x', 1, 'toString')] }, { k: 'seq', min: 0, max: -1, prop: 'constructor', items: [el('y', -1, '__proto__')] }] }),
    },
  };
}

const decodeRaw = (xml: string) => decodeDocument(rawSchema(), 't', { c: 'T' }, xml) as Record<string, Record<string, unknown>>;
/** An own property's value (`value.__proto__` would read the prototype). */
const ownValue = (record: object, key: string) => Object.getOwnPropertyDescriptor(record, key)?.value as unknown;

test('runtime: tables whose properties are __proto__, constructor, toString … decode into own properties and encode back', (t) => {
  const attrs = NAMES.map((n, i) => ` ${n}="a${i}"`).join('');
  const singles = NAMES.map((n, i) => `<${n}>e${i}</${n}>`).join('');
  const repeated = NAMES.map((n, i) => `<${n}>r${i}</${n}><${n}>q${i}</${n}>`).join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<t><a${attrs}/><s>${singles}</s><r>${repeated}</r><g><x>1</x><x>2</x><y>3</y><y>4</y></g></t>`;
  const value = decodeRaw(xml);
  for (const record of [value, value.a!, value.s!, value.r!, value.g!]) {
    t.is(Object.getPrototypeOf(record), Object.prototype, 'every record keeps its prototype');
  }
  t.deepEqual(Object.keys(value.a!), NAMES);
  t.deepEqual(Object.keys(value.s!), NAMES);
  t.deepEqual(Object.keys(value.r!), NAMES);
  for (const [i, name] of NAMES.entries()) {
    t.is(ownValue(value.a!, name), `a${i}`, name);
    t.is(ownValue(value.s!, name), `e${i}`, name);
    t.deepEqual(ownValue(value.r!, name), [`r${i}`, `q${i}`], name);
  }
  t.deepEqual(ownValue(value.g!, '__proto__'), [{ toString: '1' }, { toString: '2' }]);
  const constructors = ownValue(value.g!, 'constructor') as Array<Record<string, unknown>>;
  t.is(constructors.length, 1);
  t.deepEqual(ownValue(constructors[0]!, '__proto__'), ['3', '4']);
  t.is(encodeDocument(rawSchema(), 't', { c: 'T' }, value), xml);
});

test('runtime: a frozen Object.prototype member and a polluted Object.prototype change nothing', (t) => {
  const xml = '<t><a toString="a" constructor="c"/><s><valueOf>v</valueOf></s><r><toString>1</toString><toString>2</toString></r></t>';
  const frozen = ['constructor', 'toString', 'valueOf'];
  for (const name of frozen) Object.defineProperty(Object.prototype, name, { writable: false });
  try {
    const value = decodeRaw(xml);
    t.is(ownValue(value.a!, 'toString'), 'a', 'set although Object.prototype.toString is read-only');
    t.is(ownValue(value.a!, 'constructor'), 'c');
    t.is(ownValue(value.s!, 'valueOf'), 'v');
    t.deepEqual(ownValue(value.r!, 'toString'), ['1', '2']);
  } finally {
    for (const name of frozen) Object.defineProperty(Object.prototype, name, { writable: true });
  }
  // properties added to Object.prototype: never taken for the document's, their arrays never pushed to
  const proto = Object.prototype as unknown as Record<string, unknown>;
  proto.repeatedThing = ['polluted'];
  proto.defineGetter = 'polluted';
  proto.items = ['polluted'];
  try {
    const doc = pkg.decodeType('Doc', 'doc', '<doc><single><__defineGetter__>g</__defineGetter__></single><repeated><__proto__>1</__proto__></repeated><toString>x</toString><toString>y</toString></doc>');
    t.deepEqual(doc, { single: { defineGetter: 'g' }, repeated: { proto: [1] }, items: [{ toString: 'x' }, { toString: 'y' }] });
    t.deepEqual(proto.items, ['polluted']);
    t.is(pkg.encodeType('Doc', 'doc', doc), '<?xml version="1.0" encoding="UTF-8"?>\n<doc><single><__defineGetter__>g</__defineGetter__></single><repeated><__proto__>1</__proto__></repeated><toString>x</toString><toString>y</toString></doc>');
  } finally {
    delete proto.repeatedThing;
    delete proto.defineGetter;
    delete proto.items;
  }
});

test("unknownElements 'keep': unknown attributes and elements named like Object.prototype members are kept and written back", (t) => {
  const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<doc __proto__="p" constructor="c"><single toString="t"><valueOf>v</valueOf><extra __proto__="h" valueOf="w"><toString a="b">x</toString></extra></single><repeated/></doc>';
  const doc = pkg.decodeType('Doc', 'doc', xml, { unknownElements: 'keep', onUnknown: () => {} });
  const kept = unknownContentOf(doc)!;
  t.deepEqual(Object.keys(kept.attributes!), ['__proto__', 'constructor']);
  t.is(ownValue(kept.attributes!, '__proto__'), 'p');
  t.is(Object.getPrototypeOf(kept.attributes), Object.prototype);
  const inner = unknownContentOf(doc.single)!;
  t.deepEqual(Object.keys(inner.attributes!), ['toString']);
  t.deepEqual(inner.elements.map((e) => [e.name, e.at, Object.keys(e.attributes!), e.xml]), [['extra', 1, ['__proto__', 'valueOf'], '<toString a="b">x</toString>']]);
  t.is(ownValue(inner.elements[0]!.attributes!, '__proto__'), 'h');
  t.is(pkg.encodeType('Doc', 'doc', doc), xml);
});

test('the client: result datasets and operators named like Object.prototype members are own properties; a polluted Object.prototype is not read', (t) => {
  const items = JSON.parse('[{"__proto__": {"n": 1}}, {"constructor": {"n": 2}}, {"toString": {"n": 3}}]') as Array<Record<string, unknown>>;
  const shaped = shapeResult({ status: 'ok', items }, { ok: true, datasets: 'items' }, 'server/get');
  t.deepEqual(Object.keys(shaped), ['__proto__', 'constructor', 'toString']);
  t.is(Object.getPrototypeOf(shaped), Object.prototype);
  t.deepEqual(ownValue(shaped, '__proto__'), { n: 1 });
  t.deepEqual(ownValue(shaped, 'constructor'), { n: 2 });
  const proto = Object.prototype as unknown as Record<string, unknown>;
  proto.operations = [{ polluted: true }];
  proto.operators = [{ polluted: {} }];
  try {
    t.deepEqual(operationsIn({ get: {} }), [{ get: {} }], 'an operator holding its operation directly');
    t.deepEqual(operationKeys({ version: '1' }), []);
    t.deepEqual(operationKeys({ operators: [{ server: { operations: [{ get: {} }] } }] }), ['server.get']);
  } finally {
    delete proto.operations;
    delete proto.operators;
  }
});

test('the client and the stub over HTTPS: a polluted Object.prototype (system, result) neither fails a call nor answers one', async (t) => {
  const stub = await createPleskStub({ handlers: { backupManager: { getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }) } } });
  const client = new PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password, timeoutMs: 10_000 });
  const proto = Object.prototype as unknown as Record<string, unknown>;
  try {
    proto.system = { status: 'error', errcode: 1001, errtext: 'polluted' };
    proto.result = { status: 'error', errcode: 1, errtext: 'polluted' };
    proto.getTasksInfo = () => ({ status: 'ok' });
    t.deepEqual(await client.backupManager.getSupportedProtocols(), ['ftp']);
    const missing = await t.throwsAsync(client.backupManager.getTasksInfo({}));
    t.regex(missing!.message, /no stub handler for backup-manager\/get-tasks-info/, 'an inherited handler is no handler');
  } finally {
    delete proto.system;
    delete proto.result;
    delete proto.getTasksInfo;
    client.close();
    await stub.close();
  }
});
