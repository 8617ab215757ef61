/**
 * User errors name the file, the line, the element path and the fix: given → want. Among them the
 * schemas that would otherwise recurse without end or past the stack (a group that contains
 * itself, elements nested 10,000 deep, a chain of 20,000 includes or 5,000 derivations) and the
 * XML reader's entity limits: each a SchemaError at its line, none an internal error.
 */
import test from 'ava';
import path from 'node:path';
import { SchemaError } from '../generator/errors.js';
import { generateFrom } from './helpers/project.js';

const BASE = '/virtual';
const schema = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;

function generateVirtual(files: Record<string, string> | ((rel: string) => string | undefined)) {
  return generateFrom([path.join(BASE, 'main.xsd')], BASE, (abs) => (typeof files === 'function' ? files(path.relative(BASE, abs)) : files[path.relative(BASE, abs)]));
}

const USES_G = '<xs:complexType name="T"><xs:group ref="g"/></xs:complexType>';
const GROUP_FIX = 'a group may not contain itself, directly or through other groups (XML Schema forbids it): put the recursive part in a complex type, whose elements may refer to it';
const NESTING = (name: string) => `main.xsd:102:1: <${name}> is nested 101 elements deep; plesk-codegen reads schemas whose elements nest at most 100 deep (Plesk's nest 22)\n  fix: flatten the schema: declare the inner types as named global types (or groups) and refer to them`;
/** A complex type whose element nests `levels` elements deep (xs:schema is level 1, the type 2), one per line. */
const nested = (levels: number) => schema(`  <xs:complexType name="T">\n${'<xs:sequence>\n'.repeat(levels - 3)}<xs:element name="a" type="xs:string"/>\n${'</xs:sequence>\n'.repeat(levels - 3)}</xs:complexType>`);
/** `count` groups, each holding the next. */
const groupChain = (count: number) => Array.from({ length: count }, (_, i) => `  <xs:group name="g${i}"><xs:sequence><xs:element name="e${i}" type="xs:int"/>${i + 1 < count ? `<xs:group ref="g${i + 1}" minOccurs="0"/>` : ''}</xs:sequence></xs:group>`).join('\n');
/** `count` groups, each holding the next twice. */
const groupDoubling = (count: number) => Array.from({ length: count }, (_, i) => `  <xs:group name="d${i}"><xs:sequence>${i + 1 < count ? `<xs:group ref="d${i + 1}"/><xs:group ref="d${i + 1}"/>` : '<xs:element name="z" type="xs:int"/>'}</xs:sequence></xs:group>`).join('\n');
/** `count` simple types, each restricting the one before. */
const restrictions = (count: number) => Array.from({ length: count }, (_, i) => `  <xs:simpleType name="s${i}"><xs:restriction base="${i === 0 ? 'xs:string' : `s${i - 1}`}"/></xs:simpleType>`);
const DERIVATION = (at: string) => `${at}: this type is derived in more than 100 steps (each a restriction or extension of a base type, a list of an item type or a union of member types); plesk-codegen follows at most 100 (Plesk's types: 2)\n  fix: shorten the chain: derive from a type nearer its start, restating the facets`;
const withDoctype = (declarations: string, body: string) => `<?xml version="1.0"?>\n<!DOCTYPE xs:schema [\n${declarations}\n]>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
const NO_ENTITIES = 'remove the DOCTYPE and its entity declarations and write the text where it is used (XML Schemas need no entities)';

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
  ['a group that contains itself', {
    files: { 'main.xsd': schema(`  <xs:group name="g">\n    <xs:sequence><xs:element name="a" type="xs:string"/><xs:group ref="g" minOccurs="0"/></xs:sequence>\n  </xs:group>\n  ${USES_G}`) },
    code: 'circular-group',
    message: `main.xsd:4:57 (xs:schema/xs:group[@name=g]/xs:sequence/xs:group): the group "g" contains itself (g → g)\n  fix: ${GROUP_FIX}`,
  }],
  ['a group that contains itself through another', {
    files: { 'main.xsd': schema(`  <xs:group name="g"><xs:choice><xs:group ref="h"/></xs:choice></xs:group>\n  <xs:group name="h"><xs:sequence><xs:element name="a" type="xs:string"/><xs:group ref="g"/></xs:sequence></xs:group>\n  ${USES_G}`) },
    code: 'circular-group',
    message: `main.xsd:4:74 (xs:schema/xs:group[@name=h]/xs:sequence/xs:group): the group "g" contains itself (g → h → g)\n  fix: ${GROUP_FIX}`,
  }],
  ['elements nested 101 deep', { files: { 'main.xsd': nested(101) }, code: 'limit-exceeded', message: NESTING('xs:element') }],
  ['elements nested 10,001 deep', { files: { 'main.xsd': nested(10_001) }, code: 'limit-exceeded', message: NESTING('xs:sequence') }],
  ['a content model nested more than 100 groups deep through xs:group', {
    files: { 'main.xsd': schema(`${groupChain(51)}\n  <xs:complexType name="T"><xs:group ref="g0"/></xs:complexType>`) },
    code: 'limit-exceeded',
    message: "main.xsd:52:75 (xs:schema/xs:group[@name=g49]/xs:sequence/xs:group): the content model nests more than 100 groups deep here (xs:sequence, xs:choice, xs:all and the groups xs:group refers to); Plesk's nest at most 4\n  fix: flatten the content model, or make inner parts named complex types",
  }],
  ['groups that double at each of 30 levels (2^30 particles written out)', {
    files: { 'main.xsd': schema(`${groupDoubling(30)}\n  <xs:complexType name="T"><xs:group ref="d0"/></xs:complexType>`) },
    code: 'limit-exceeded',
    message: "main.xsd:28:58 (xs:schema/xs:group[@name=d25]/xs:sequence/xs:group): the content models hold more than 100,000 particles once every xs:group reference and every extension's copy of its base's content is written out (groups used several times inside groups used several times multiply)\n  fix: make the repeated parts complex types, which are built once, instead of groups",
  }],
  ['a chain of 5,000 derivations, base first', {
    files: { 'main.xsd': schema(restrictions(5_000).join('\n')) },
    code: 'limit-exceeded',
    message: DERIVATION('main.xsd:103:30 (xs:schema/xs:simpleType[@name=s100]/xs:restriction)'),
  }],
  ['a chain of 5,000 derivations, last first (built one inside the other)', {
    files: { 'main.xsd': schema(restrictions(5_000).reverse().join('\n')) },
    code: 'limit-exceeded',
    message: DERIVATION('main.xsd:103:3 (xs:schema/xs:simpleType[@name=s4899])'),
  }],
  ['an entity longer than the XML reader takes', {
    files: { 'main.xsd': withDoctype(`  <!ENTITY short "x">\n  <!ENTITY long "${'x'.repeat(10_001)}">`, '  <xs:element name="e" type="xs:string"/>') },
    code: 'limit-exceeded',
    message: `main.xsd:4:3: the entity "long" is 10,001 characters long; plesk-codegen's XML reader takes entities of at most 10,000\n  fix: ${NO_ENTITIES}`,
  }],
  ['entities expanding past the XML reader\'s limit', {
    files: { 'main.xsd': withDoctype(`  <!ENTITY a "${'x'.repeat(10_000)}">`, `  <xs:annotation><xs:documentation>${'&a;'.repeat(11)}</xs:documentation></xs:annotation>`) },
    code: 'limit-exceeded',
    message: `main.xsd:2:1: the entity references expand to more than 100,000 characters in all, the most plesk-codegen's XML reader takes (entities that expand into each other are how an "entity expansion" attack looks)\n  fix: ${NO_ENTITIES}`,
  }],
  ['more entities than the XML reader takes', {
    files: { 'main.xsd': withDoctype(Array.from({ length: 1001 }, (_, i) => `  <!ENTITY e${i} "x">`).join('\n'), '  <xs:element name="e" type="xs:string"/>') },
    code: 'limit-exceeded',
    message: `main.xsd:1003:3: the DOCTYPE declares more than 1,000 entities, the most plesk-codegen's XML reader takes\n  fix: ${NO_ENTITIES}`,
  }],
  ['an external entity', {
    files: { 'main.xsd': withDoctype('  <!ENTITY x SYSTEM "/etc/passwd">', '  <xs:annotation><xs:documentation>&x;</xs:documentation></xs:annotation>') },
    code: 'unsupported-construct',
    message: `main.xsd:3:3: external entities (SYSTEM or PUBLIC) are not read: a schema cannot pull in other files that way\n  fix: ${NO_ENTITIES}`,
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

test('a chain of 20,000 includes stops at file 101 with the include, its line and the chain', (t) => {
  let read = 0;
  const error = t.throws(() => generateVirtual((rel) => {
    const match = /^(?:main|f(\d+))\.xsd$/.exec(rel);
    if (!match) return undefined;
    read++;
    const i = match[1] === undefined ? 0 : Number(match[1]);
    return schema(i < 19_999 ? `  <xs:include schemaLocation="f${i + 1}.xsd"/>` : '  <xs:element name="e" type="xs:string"/>');
  }), { instanceOf: SchemaError });
  t.is(error?.code, 'limit-exceeded');
  t.is(error?.message, 'f99.xsd:3:3 (xs:schema/xs:include): "f100.xsd" would be file 101 of one chain of includes (main.xsd → f1.xsd → … → f98.xsd → f99.xsd → "f100.xsd"); plesk-codegen follows includes at most 100 files deep\n  fix: include the schemas from fewer levels (Plesk\'s chains are 5 files long); a chain this long is usually generated, or a loop through ever new file names');
  t.is(read, 100, 'the 101st file is not read');
});

test('a chain of exactly 100 includes, elements nested exactly 100 deep and a content model 100 groups deep are read', (t) => {
  const { ir } = generateVirtual((rel) => {
    const match = /^(?:main|f(\d+))\.xsd$/.exec(rel);
    const i = match?.[1] === undefined ? 0 : Number(match[1]);
    if (!match || i > 99) return undefined;
    if (i < 99) return schema(`  <xs:include schemaLocation="f${i + 1}.xsd"/>`);
    return schema(`${groupChain(50)}\n  <xs:complexType name="G"><xs:group ref="g0"/></xs:complexType>\n  <xs:element name="e" type="T"/>`).replace('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n', `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${nested(100).split('\n').slice(2, -2).join('\n')}\n`);
  });
  t.is(ir.files.length, 100);
  t.deepEqual(ir.complexTypes.map((c) => c.xsdName), ['T', 'G']);
});
