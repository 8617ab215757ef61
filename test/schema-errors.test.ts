/** User errors name the file, the line, the element path and the fix: given → want. */
import test from 'ava';
import path from 'node:path';
import { SchemaError } from '../generator/errors.js';
import { generateFrom } from './helpers/project.js';

const BASE = '/virtual';
const schema = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;

function generateVirtual(files: Record<string, string>) {
  return generateFrom([path.join(BASE, 'main.xsd')], BASE, (abs) => files[path.relative(BASE, abs)]);
}

const cases: Array<[string, { files: Record<string, string>; code: SchemaError['code']; message: string }]> = [
  ['a missing include', {
    files: { 'main.xsd': schema('  <xs:include schemaLocation="common.xsd"/>') },
    code: 'include-missing',
    message: 'main.xsd:3:3 (xs:schema/xs:include): the schema "common.xsd" it includes does not exist (looked for /virtual/common.xsd)\n  fix: correct schemaLocation (it is resolved relative to the including file) or add the missing file',
  }],
  ['an unknown type', {
    files: { 'main.xsd': schema('  <xs:element name="packet" type="PacketType"/>') },
    code: 'unknown-type',
    message: 'main.xsd:3:3 (xs:schema/xs:element[@name=packet]): the simple type "PacketType" is not declared in this schema set\n  fix: declare it, or include the schema that declares it',
  }],
  ['an unsupported construct', {
    files: { 'main.xsd': schema('  <xs:complexType name="T">\n    <xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence>\n    <xs:anyAttribute/>\n  </xs:complexType>') },
    code: 'unsupported-construct',
    message: 'main.xsd:5:5 (xs:schema/xs:complexType[@name=T]/xs:anyAttribute): xs:anyAttribute is not supported\n  fix: declare the attributes the element may carry',
  }],
  ['a pattern with syntax XSD does not have', {
    files: { 'main.xsd': schema('  <xs:simpleType name="S"><xs:restriction base="xs:string"><xs:pattern value="[a-z]+(?=[0-9])"/></xs:restriction></xs:simpleType>') },
    code: 'invalid-pattern',
    message: 'main.xsd:3:60 (xs:schema/xs:simpleType[@name=S]/xs:restriction/xs:pattern): the pattern "[a-z]+(?=[0-9])" cannot be used: "(?=" at character 7 is a lookahead, which XSD patterns do not have\n  fix: express the condition with character classes, alternatives (|) and quantifiers; a pattern always matches the whole value',
  }],
  ['a pattern too large to match in bounded work', {
    files: { 'main.xsd': schema('  <xs:simpleType name="S">\n    <xs:restriction base="xs:string"><xs:pattern value=".{0,65535}"/></xs:restriction>\n  </xs:simpleType>') },
    code: 'invalid-pattern',
    message: 'main.xsd:4:38 (xs:schema/xs:simpleType[@name=S]/xs:restriction/xs:pattern): the pattern ".{0,65535}" cannot be used: the quantifier at character 2 needs 131070 automaton states, more than the 10000 a pattern may have (each count of {n,m} is a copy)\n  fix: lower the counts, or bound the length with xs:maxLength instead',
  }],
  ['XML that is not well-formed', {
    files: { 'main.xsd': schema('  <xs:element name="a">') },
    code: 'xml-syntax',
    message: "main.xsd:4:1: the schema is not well-formed XML: Expected closing tag 'xs:element' (opened in line 3, col 3) instead of closing tag 'xs:schema'.\n  fix: correct the XML syntax of this file",
  }],
  ['a root that is not xs:schema', {
    files: { 'main.xsd': '<schema/>' },
    code: 'not-a-schema',
    message: 'main.xsd:1:1 (schema): the root element is <schema> in namespace "", not <xs:schema>\n  fix: make the root element <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">',
  }],
];

for (const [name, { files, code, message }] of cases) {
  test(`reports ${name}`, (t) => {
    const error = t.throws(() => generateVirtual(files), { instanceOf: SchemaError });
    t.is(error?.code, code);
    t.is(error?.message, message);
  });
}

test('include cycles are followed once (XSD allows them)', (t) => {
  const { ir } = generateVirtual({
    'main.xsd': schema('  <xs:include schemaLocation="b.xsd"/>\n  <xs:element name="a" type="B"/>'),
    'b.xsd': schema('  <xs:include schemaLocation="main.xsd"/>\n  <xs:complexType name="B"><xs:sequence><xs:element name="string" type="string"/></xs:sequence></xs:complexType>\n  <xs:simpleType name="string"><xs:restriction base="xs:string"><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>'),
  });
  t.deepEqual(ir.files, ['main.xsd', 'b.xsd']);
  t.deepEqual(ir.simpleTypes.map((s) => s.tsName), ['StringType']);
});
