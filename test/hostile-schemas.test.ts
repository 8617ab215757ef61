/**
 * Schemas are untrusted input: no text of a schema becomes code. A small Plesk-like schema set
 * (request and response packets, so that client.ts and testing.ts are generated too) carries code
 * after `*\/` and after line breaks of every kind in the documentation of every kind of
 * declaration (simple type, enumeration, complex type, element, attribute, operator, operation,
 * choice), in the path of an included file (a folder named `a*`) and in the entry file's own name.
 * The package is generated, written, compiled with tsc --strict and imported: nothing runs, and
 * the text is still there in the docs. Names that are not XML names are schema errors.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SchemaError } from '../generator/errors.js';
import { writePackage } from '../generator/write.js';
import { tempDir } from './helpers/cli.js';
import { generateFrom, ROOT } from './helpers/project.js';

declare global {
  // set by the payload if it ever runs
  var __pwned: string[] | undefined;
}

/** Code after each way out of a comment: `*\/` ends a doc comment, a line break a `//` comment. */
const ESCAPES = ['*/', '\n', '\r', '\u2028', '\u2029'];
const payload = (where: string) => ESCAPES.map((escape, i) => `${escape} ;(globalThis.__pwned ??= []).push(${JSON.stringify(`${where} ${i}`)}); /* \`\${x}\` `).join(' ');

const schema = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
const doc = (where: string) => `<xs:annotation><xs:documentation>${escapeXml(payload(where))}</xs:documentation></xs:annotation>`;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** The types of both packets, in a folder named `a*` (its path holds `*\/`). */
const TYPES = schema(`
  <xs:simpleType name="Color">${doc('simpleType')}
    <xs:restriction base="xs:string">
      <xs:enumeration value="red">${doc('enumeration')}</xs:enumeration>
      <xs:enumeration value="*/ x /*"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:complexType name="ThingInput">${doc('complexType')}
    <xs:choice maxOccurs="unbounded">${doc('operations choice')}
      <xs:element name="get">${doc('operation')}
        <xs:complexType>
          <xs:sequence>
            <xs:element name="id" type="xs:int" minOccurs="0">${doc('element')}</xs:element>
            <xs:choice minOccurs="0">${doc('choice')}
              <xs:element name="color" type="Color"/>
              <xs:element name="name" type="xs:string"/>
            </xs:choice>
          </xs:sequence>
          <xs:attribute name="mode" type="xs:string">${doc('attribute')}</xs:attribute>
        </xs:complexType>
      </xs:element>
    </xs:choice>
  </xs:complexType>
  <xs:complexType name="ThingOutput">
    <xs:choice maxOccurs="unbounded">
      <xs:element name="get">${doc('response operation')}
        <xs:complexType>
          <xs:sequence>
            <xs:element name="result" maxOccurs="unbounded">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="status" type="xs:string"/>
                  <xs:element name="color" type="Color" minOccurs="0" maxOccurs="unbounded"/>
                </xs:sequence>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:choice>
  </xs:complexType>
  <xs:complexType name="SystemError"><xs:sequence><xs:element name="status" type="xs:string"/></xs:sequence></xs:complexType>`);

const packet = (direction: 'request' | 'response') => schema(`
  <xs:include schemaLocation="a*/types.xsd"/>
  <xs:element name="packet">${doc(`${direction} packet`)}
    <xs:complexType>
      <xs:choice maxOccurs="unbounded">
        <xs:element name="thing" type="${direction === 'request' ? 'ThingInput' : 'ThingOutput'}">${doc(`${direction} operator`)}</xs:element>
        ${direction === 'response' ? '<xs:element name="system" type="SystemError"/>' : ''}
      </xs:choice>
    </xs:complexType>
  </xs:element>`);

/** An entry file name that ends a `//` line and starts code, if written raw. */
const ENTRY = 'request\u2028;(globalThis.__pwned ??= []).push("file name");.xsd';
/** An entry file name that would add an install script to package.json, if written into JSON raw. */
const RESPONSE = 'response","scripts":{"install":"node -e 1"},"x":".xsd';

test('doc text with */ and every kind of line break, an include path holding */ and an entry file name with a line break: the package compiles, importing it runs nothing, the text is in its docs', async (t) => {
  const dir = tempDir('hostile-schemas');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'schemas', 'a*'), { recursive: true });
  writeFileSync(path.join(dir, 'schemas', 'a*', 'types.xsd'), TYPES);
  writeFileSync(path.join(dir, 'schemas', ENTRY), packet('request'));
  writeFileSync(path.join(dir, 'schemas', RESPONSE), packet('response'));
  const { files } = generateFrom([path.join(dir, 'schemas', ENTRY), path.join(dir, 'schemas', RESPONSE)]);
  t.truthy(files.get('src/client.ts'), 'a client is generated');
  t.truthy(files.get('src/testing.ts'), 'a stub is generated');
  const out = path.join(dir, 'package');
  writePackage(out, files);

  // the docs say what the schema says, with */ written *\/
  const types = files.get('src/types.ts')!;
  for (const where of ['simpleType', 'complexType', 'element', 'attribute']) t.true(types.includes(`*\\/ ;(globalThis.__pwned ??= []).push("${where} 0");`), where);
  t.true(files.get('src/client.ts')!.includes('*\\/ ;(globalThis.__pwned ??= []).push("operation 0");'), 'operation');
  t.true(types.includes('a*\\/types.xsd'), 'the include path');
  // package.json and tsconfig.json hold the file names as JSON strings, never as keys
  for (const json of ['package.json', 'tsconfig.json']) {
    const text = files.get(json)!;
    const value = JSON.parse(text.replace(/^\/\/.*\n/gm, '')) as Record<string, unknown>;
    t.false('scripts' in value, `${json} gained no scripts`);
    t.false('x' in value, `${json} gained no key`);
  }
  t.true(files.get('package.json')!.includes('response\\",\\"scripts'), 'the name is in package.json, escaped');

  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(out, 'tsconfig.json'), '--noEmit'], { stdio: 'pipe' });
  globalThis.__pwned = undefined;
  for (const entry of ['index.ts', 'testing.ts', 'metadata.ts']) await import(pathToFileURL(path.join(out, 'src', entry)).href);
  t.is(globalThis.__pwned, undefined, 'nothing of the schema ran');
});

const NAME_CASES: Array<[string, string, string]> = [
  ['an element', '<xs:element name="a*/;code;/*" type="xs:string"/>', 'xs:element name "a*/;code;/*"'],
  ['an element with a space', '<xs:element name="two words" type="xs:string"/>', 'xs:element name "two words"'],
  ['a complex type', '<xs:complexType name="T*/x"><xs:sequence/></xs:complexType>', 'xs:complexType name "T*/x"'],
  ['a simple type', '<xs:simpleType name="1st"><xs:restriction base="xs:string"/></xs:simpleType>', 'xs:simpleType name "1st"'],
  ['a local attribute', '<xs:complexType name="T"><xs:attribute name="a:b" type="xs:string"/></xs:complexType>', 'xs:attribute name "a:b"'],
  ['a local element', '<xs:complexType name="T"><xs:sequence><xs:element name="" type="xs:string"/></xs:sequence></xs:complexType>', 'xs:element name ""'],
];

for (const [what, body, quoted] of NAME_CASES) {
  test(`a name that is not an XML name is a schema error naming the file, line and name: ${what}`, (t) => {
    const dir = tempDir('hostile-names');
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'main.xsd'), schema(`  ${body}`));
    const error = t.throws(() => generateFrom([path.join(dir, 'main.xsd')]), { instanceOf: SchemaError });
    t.is(error.code, 'invalid-name');
    t.is(error.line, 3);
    t.is(error.problem, `the ${quoted} is not an XML name (an NCName: a letter or _ first, then letters, digits, '.', '-', '_'; no colon, no space)`);
    t.is(error.fix, 'rename the declaration (and every reference to it) to an XML name');
  });
}
