/**
 * The direct reader (runtime/codec/direct-reader.ts), rule by rule: on a schema with every kind of
 * content it reads (simple, simple content with attributes, empty with attributes, flags, xs:all,
 * a repeating group, bounded occurrences, defaults, nillable, anyType, a wildcard), each document
 * below must be read directly or left to the schema decoder as the case says, and either way give
 * exactly what the same decoder gives through the tables alone (a copy of the package's tables,
 * which has no emitted code, so no direct reader): the same value (with its read order and kept
 * drift) or the same error (path, line, column, message). Each rule the reader checks has a case
 * that fails without it.
 */
import test from 'ava';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { writePackage } from '../generator/write.js';
import { tempDir } from './helpers/cli.js';
import { generateFrom } from './helpers/project.js';

const SCHEMA = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="Status"><xs:restriction base="xs:string"><xs:enumeration value="ok"/><xs:enumeration value="error"/></xs:restriction></xs:simpleType>
  <xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:int"><xs:attribute name="unit" type="xs:string" use="required"/></xs:extension></xs:simpleContent></xs:complexType>
  <xs:complexType name="Marker"><xs:attribute name="level" type="xs:int"/></xs:complexType>
  <xs:complexType name="Flag"/>
  <xs:complexType name="Pair"><xs:all><xs:element name="left" type="xs:int"/><xs:element name="right" type="xs:int" minOccurs="0"/></xs:all></xs:complexType>
  <xs:complexType name="Extra"><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
  <xs:complexType name="Doc">
    <xs:sequence>
      <xs:element name="status" type="Status"/>
      <xs:choice><xs:element name="server" type="Flag"/><xs:element name="owner-id" type="xs:int"/></xs:choice>
      <xs:element name="name" type="xs:string" default="none" minOccurs="0"/>
      <xs:element name="tag" type="xs:token" minOccurs="2" maxOccurs="3"/>
      <xs:sequence minOccurs="0" maxOccurs="unbounded"><xs:element name="key" type="xs:string"/><xs:element name="value" type="xs:int" minOccurs="0" maxOccurs="2"/></xs:sequence>
      <xs:element name="amount" type="Amount" minOccurs="0"/>
      <xs:element name="marker" type="Marker" minOccurs="0"/>
      <xs:element name="pair" type="Pair" minOccurs="0"/>
      <xs:element name="note" type="xs:anyType" minOccurs="0"/>
      <xs:element name="maybe" type="xs:int" nillable="true" minOccurs="0"/>
      <xs:element name="extra" type="Extra" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="version" type="xs:string" use="required"/>
  </xs:complexType>
  <xs:complexType name="Twice"><xs:sequence><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int" minOccurs="0"/><xs:element name="a" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType>
  <xs:complexType name="Plain">
    <xs:sequence>
      <xs:element name="status" type="Status"/>
      <xs:choice><xs:element name="server" type="Flag"/><xs:element name="owner-id" type="xs:int"/></xs:choice>
      <xs:element name="name" type="xs:string" default="none" minOccurs="0"/>
      <xs:element name="word" type="xs:token" minOccurs="0"/>
      <xs:element name="item" type="xs:int" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="amount" type="Amount" minOccurs="0"/>
      <xs:element name="note" type="xs:anyType" minOccurs="0"/>
      <xs:element name="blob" type="xs:anyType" nillable="true" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>
  <xs:element name="doc" type="Doc"/>
  <xs:element name="plain" type="Plain"/>
  <xs:element name="twice" type="Twice"/>
</xs:schema>
`;

const BODY = '<status>ok</status><server/><name>n</name><tag>a</tag><tag>b</tag><key>k1</key><value>1</value><key>k2</key><amount unit="kg">5</amount><marker level="2"/><pair><right>2</right><left>1</left></pair><note>text</note><maybe>3</maybe><extra><x a="1">t</x><y/></extra>';
const VALID = `<doc version="1">${BODY}</doc>`;
/** The valid document with `from` replaced by `to` (which must be there). */
const edit = (from: string, to: string, xml = VALID): string => {
  if (!xml.includes(from)) throw new Error(`the case's text ${from} is not in ${xml}`);
  return xml.replace(from, to);
};

/** A document of a plain sequence (no repeating group, bound, xs:all or wildcard): simple elements, a token, a repeated element. */
const PLAIN = '<plain><status>ok</status><owner-id>7</owner-id><name>n</name><word>a b</word><item>1</item><item>2</item><amount unit="kg">5</amount><note>x<b/></note></plain>';

type Case = [label: string, xml: string, read: 'direct' | 'declined', options?: { unknownElements: 'keep' }];

const CASES: Case[] = [
  ['every kind of content', VALID, 'direct'],
  ['white space between elements and in end tags, single quotes', edit('<tag>a</tag>', "\n  <tag>a</tag >\t", edit('version="1"', "version = '1' ")), 'direct'],
  ['a byte order mark and an XML declaration', `\ufeff<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${VALID}\n`, 'direct'],
  ["XML's five references", edit('<name>n</name>', '<name>&amp;&lt;&gt;&quot;&apos;]]</name>'), 'direct'],
  ['a surrogate pair and characters above them', edit('<name>n</name>', '<name>\u{1F600}\ue000\ufffd</name>'), 'direct'],
  ['every printable ASCII character but < and &, DEL, and characters up to U+D7FF', edit('<name>n</name>', `<name>${String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 0x21 + i).filter((c) => c !== 0x3c && c !== 0x26))} x\u0080\u07ff\ud7ff</name>`), 'direct'],
  ['an empty element with a default', edit('<name>n</name>', '<name/>'), 'direct'],
  ['anyType with markup and attributes', edit('<note>text</note>', '<note a="&lt;1">x<b c="2"/>y<d>&amp;</d></note>'), 'direct'],
  ['an empty doc', `<doc version="1"><status>ok</status><owner-id>1</owner-id><tag>a</tag><tag>b</tag></doc>`, 'direct'],
  // what the schema decoder reads: the same value
  ['a character reference', edit('<name>n</name>', '<name>&#65;</name>'), 'declined'],
  ['a carriage return', edit('<name>n</name>', '<name>a\r\nb</name>'), 'declined'],
  ['a comment', edit('<tag>a</tag>', '<!-- c --><tag>a</tag>'), 'declined'],
  ['CDATA', edit('<name>n</name>', '<name><![CDATA[<x>]]></name>'), 'declined'],
  ['a processing instruction after the root', `${VALID}<?pi x?>`, 'declined'],
  ['a tab in an attribute value', edit('unit="kg"', 'unit="k\tg"'), 'declined'],
  ['xsi:nil as the encoder writes it', edit('<maybe>3</maybe>', '<maybe xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'), 'direct'],
  ['xsi:nil="1", declared first, with an end tag', edit('<maybe>3</maybe>', '<maybe xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="1"></maybe>'), 'direct'],
  ['xsi:nil="false"', edit('<maybe>3</maybe>', '<maybe xsi:nil="false" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">3</maybe>'), 'declined'],
  ['xsi:nil="false" on an empty element', edit('<maybe>3</maybe>', '<maybe xsi:nil="false" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'), 'declined'],
  ['xsi declared on the root', edit('<maybe>3</maybe>', '<maybe xsi:nil="true"/>', VALID.replace('<doc ', '<doc xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ')), 'declined'],
  ['xsi:nil on an element that is not nillable', edit('<name>n</name>', '<name xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'), 'declined'],
  ['xsi:nil with content', edit('<maybe>3</maybe>', '<maybe xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">3</maybe>'), 'declined'],
  ['xsi:nil bound to another namespace', edit('<maybe>3</maybe>', '<maybe xsi:nil="true" xmlns:xsi="urn:x"/>'), 'declined'],
  ['xsi:nil with another attribute', edit('<maybe>3</maybe>', '<maybe xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" a="1"/>'), 'declined'],
  ['xsi:nil on an element of any type', edit('<note>x<b/></note>', '<note>x<b/></note><blob xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>', PLAIN), 'declined'],
  ['an unknown element kept', edit('<name>n</name>', '<name>n</name><new>1</new>'), 'declined', { unknownElements: 'keep' }],
  ['a value outside its enumeration kept', edit('<status>ok</status>', '<status>later</status>'), 'declined', { unknownElements: 'keep' }],
  ['an unknown attribute kept', edit('level="2"', 'level="2" new="1"'), 'declined', { unknownElements: 'keep' }],
  // what the schema decoder refuses: the same error
  ['"]]>" in text', edit('<name>n</name>', '<name>a]]>b</name>'), 'declined'],
  ['an undefined entity', edit('<name>n</name>', '<name>&bogus;</name>'), 'declined'],
  ['a lone surrogate', edit('<name>n</name>', '<name>a\ud800b</name>'), 'declined'],
  ['U+FFFE', edit('<name>n</name>', '<name>a\ufffeb</name>'), 'declined'],
  ['a control character', edit('<name>n</name>', '<name>a\u0001b</name>'), 'declined'],
  ['a missing required element', edit('<status>ok</status>', ''), 'declined'],
  ['an element ends too early', edit('<tag>a</tag><tag>b</tag>', '<tag>a</tag>'), 'declined'],
  ['too many occurrences', edit('<tag>a</tag><tag>b</tag>', '<tag>a</tag><tag>b</tag><tag>c</tag><tag>d</tag>'), 'declined'],
  ['an element twice where once is allowed', edit('<status>ok</status>', '<status>ok</status><status>ok</status>'), 'declined'],
  ['elements out of order', edit('<status>ok</status><server/>', '<server/><status>ok</status>'), 'declined'],
  ['an unknown element', edit('<name>n</name>', '<name>n</name><new>1</new>'), 'declined'],
  ['a required member of an xs:all missing', edit('<left>1</left>', ''), 'declined'],
  ['an empty element that needs content', edit('<pair><right>2</right><left>1</left></pair>', '<pair/>'), 'declined'],
  ['a value outside its enumeration', edit('<status>ok</status>', '<status>later</status>'), 'declined'],
  ['an empty integer', edit('<value>1</value>', '<value></value>'), 'declined'],
  ['a missing required attribute', edit(' unit="kg"', ''), 'declined'],
  ['an unknown attribute', edit('level="2"', 'level="2" new="1"'), 'declined'],
  ['an attribute twice', edit('level="2"', 'level="2" level="3"'), 'declined'],
  ['attributes without white space between them', edit('<x a="1">', '<x a="1"b="2">'), 'declined'],
  ['"<" in an attribute value', edit('unit="kg"', 'unit="k<g"'), 'declined'],
  ['an attribute on a simple element', edit('<name>n</name>', '<name a="1">n</name>'), 'declined'],
  ['text where elements belong', edit('<status>ok</status>', 'x<status>ok</status>'), 'declined'],
  ['an element in a flag', edit('<server/>', '<server><x/></server>'), 'declined'],
  ['an end tag that does not match', edit('<name>n</name>', '<name>n</nam>'), 'declined'],
  ['a longer name than expected', edit('<name>n</name>', '<names>n</names>'), 'declined'],
  ['text after the root', `${VALID}x`, 'declined'],
  ['a second root', `${VALID}${VALID}`, 'declined'],
  ['a cut document', VALID.slice(0, -3), 'declined'],
  ['two byte order marks', `\ufeff\ufeff${VALID}`, 'declined'],
  ['twenty attributes in anyType content', edit('<x a="1">', `<x ${Array.from({ length: 20 }, (_, i) => `a${i}="${i}"`).join(' ')}>`), 'direct'],
  ['twenty attributes, the last a repeat', edit('<x a="1">', `<x ${Array.from({ length: 19 }, (_, i) => `a${i}="${i}"`).join(' ')} a3="x">`), 'declined'],
  ['a malformed XML declaration', `<?xml version="1.0" standalone="yes" encoding="UTF-8"?>${VALID}`, 'declined'],
  ['an element ends before what it requires', '<doc version="1"><status>ok</status></doc>', 'declined'],
  ['an empty root that requires elements', '<doc version="1"/>', 'declined'],
  ['an iteration of a group with too many of an element', edit('<value>1</value>', '<value>1</value><value>2</value><value>3</value>'), 'declined'],
  ['one name at two places of a sequence (two properties)', '<twice><a>1</a><a>2</a></twice>', 'direct'],
  ['an end tag without its ">"', edit('<name>n</name>', '<name>n</namex'), 'declined'],
  ['an end tag with an attribute', edit('<name>n</name>', '<name>n</name x="1">'), 'declined'],
  ['a surrogate pair in an attribute value', edit('unit="kg"', 'unit="\u{1F600}"'), 'direct'],
  ['a lone surrogate in an attribute value', edit('unit="kg"', 'unit="k\ud800g"'), 'declined'],
  ['a plain sequence', PLAIN, 'direct'],
  ['an empty element with a default, in a sequence', edit('<name>n</name>', '<name/>', PLAIN), 'direct'],
  ['a token white space changes', edit('<word>a b</word>', '<word> a  b\t</word>', PLAIN), 'direct'],
  ['a token with a line feed', edit('<word>a b</word>', '<word>\na</word>', PLAIN), 'direct'],
  ['the tags of a simple element spaced', edit('<name>n</name>', '<name >n</name >', PLAIN), 'direct'],
  ['an attribute on an empty simple element', edit('<name>n</name>', '<name a="1"/>', PLAIN), 'declined'],
  ['a sequence ends too early', '<plain><status>ok</status></plain>', 'declined'],
  ['an empty sequence that needs content', '<plain/>', 'declined'],
  ['elements out of order in a sequence', edit('<name>n</name><word>a b</word>', '<word>a b</word><name>n</name>', PLAIN), 'declined'],
  ['a value its converter refuses', edit('<item>2</item>', '<item>two</item>', PLAIN), 'declined'],
  ['a wrong end tag', edit('<item>2</item>', '<item>2</items>', PLAIN), 'declined'],
  ['another root element', VALID.replace('<doc', '<dog').replace('</doc>', '</dog>'), 'declined'],
];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Outcome = { ok: true; value: unknown } | { ok: false; error: { path: string; reason: string; line?: number; column?: number } };

test('the direct reader reads what it should, leaves the rest to the schema decoder, and gives what the tables give', async (t) => {
  const dir = tempDir('direct-reader');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'doc.xsd'), SCHEMA);
  writePackage(path.join(dir, 'package'), generateFrom([path.join(dir, 'doc.xsd')]).files);
  const src = path.join(dir, 'package', 'src');
  const load = async (file: string) => import(pathToFileURL(path.join(src, file)).href);
  const pkg = await load('index.ts');
  const decode = await load('runtime/codec/decode.ts');
  const options = await load('runtime/codec/decode-options.ts');
  const tables = structuredClone(pkg.schema);
  const visible = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visible);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = Object.create(null);
    out['(prototype)'] = Object.getPrototypeOf(value) === Object.prototype;
    for (const [k, v] of Object.entries(value)) out[k] = visible(v);
    out['(read order)'] = Object.getOwnPropertyDescriptor(value, options.READ_ORDER)?.value;
    out['(unknown content)'] = options.unknownContentOf(value);
    return out;
  };
  const attempt = (f: () => unknown): Outcome => {
    try {
      return { ok: true, value: visible(f()) };
    } catch (error) {
      const e = error as { path: string; reason: string; line?: number; column?: number };
      return { ok: false, error: { path: e.path, reason: e.reason, line: e.line, column: e.column } };
    }
  };
  const seen = { read: 0, declined: 0, ok: 0 };
  for (const [label, xml, expected, opts] of CASES) {
    for (const input of [xml, new TextEncoder().encode(xml)]) {
      const before = decode.directReads.read;
      const [root, type] = xml.startsWith('<twice') ? ['twice', 'Twice'] : xml.startsWith('<plain') ? ['plain', 'Plain'] : ['doc', 'Doc'];
      const direct = attempt(() => decode.decodeDocument(pkg.schema, root, { c: type }, input, opts));
      const read = decode.directReads.read > before ? 'direct' : 'declined';
      const reference = attempt(() => decode.decodeDocument(tables, root, { c: type }, input, opts));
      const what = `${label} (${typeof input === 'string' ? 'a string' : 'UTF-8 bytes'}): ${JSON.stringify(xml)}`;
      // (a lone surrogate has no UTF-8 form: TextEncoder writes U+FFFD, a character like any other)
      if (typeof input === 'string' || !LONE_SURROGATE.test(xml)) t.is(read, expected, what);
      t.true(isDeepStrictEqual(direct, reference), `${what}\n  with emitted code: ${JSON.stringify(direct)}\n  tables alone:      ${JSON.stringify(reference)}`);
      seen[read === 'direct' ? 'read' : 'declined']++;
      if (direct.ok) seen.ok++;
    }
  }
  // the valid document's value, as its types say
  const value = pkg.decodeType('Doc', 'doc', VALID);
  t.like(value, { version: '1', status: 'ok', server: true, name: 'n', tag: ['a', 'b'], amount: { unit: 'kg', value: 5 }, marker: { level: 2 }, pair: { left: 1, right: 2 }, note: 'text', maybe: 3 });
  t.log(`${CASES.length} documents, each as a string and as bytes: ${seen.read} read directly, ${seen.declined} left to the schema decoder (${seen.ok} accepted)`);
});
