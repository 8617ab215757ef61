/**
 * One rule for what a content model requires, applied alike by the encoder and the decoder, with
 * libxml2 (xmllint) as the judge: an xs:all that may be left out requires its required members as
 * soon as any member is there; one that is required (in a required sequence) requires them always;
 * one inside an optional sequence or a choice, only when that is there; each iteration of a
 * repeating group is a record of its own.
 */
import test from 'ava';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { writePackage } from '../generator/write.js';
import { tempDir } from './helpers/cli.js';
import { generateFrom } from './helpers/project.js';

const SCHEMA = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="OptionalAll"><xs:all minOccurs="0"><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int" minOccurs="0"/></xs:all></xs:complexType>
  <xs:complexType name="RequiredAll"><xs:all><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int" minOccurs="0"/></xs:all></xs:complexType>
  <xs:complexType name="AllInOptional"><xs:sequence><xs:element name="x" type="xs:int"/><xs:sequence minOccurs="0"><xs:element name="y" type="xs:int"/></xs:sequence></xs:sequence></xs:complexType>
  <xs:element name="optional" type="OptionalAll"/>
  <xs:element name="required" type="RequiredAll"/>
  <xs:element name="nested" type="AllInOptional"/>
</xs:schema>
`;

/** [root, its type, the document]: each must be judged alike by libxml2, the decoder and (for its value) the encoder. */
const CASES: Array<[string, string, string]> = [
  ['optional', 'OptionalAll', '<optional/>'],
  ['optional', 'OptionalAll', '<optional><b>1</b></optional>'],
  ['optional', 'OptionalAll', '<optional><a>1</a></optional>'],
  ['optional', 'OptionalAll', '<optional><b>1</b><a>2</a></optional>'],
  ['required', 'RequiredAll', '<required/>'],
  ['required', 'RequiredAll', '<required><b>1</b></required>'],
  ['required', 'RequiredAll', '<required><b>1</b><a>2</a></required>'],
  ['nested', 'AllInOptional', '<nested><x>1</x></nested>'],
  ['nested', 'AllInOptional', '<nested><x>1</x><y>2</y></nested>'],
];

test('an xs:all that may be left out requires its required members once any is there: libxml2, the decoder and the encoder agree', async (t) => {
  const dir = tempDir('content-model');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'all.xsd'), SCHEMA);
  const { files } = generateFrom([path.join(dir, 'all.xsd')]);
  writePackage(path.join(dir, 'package'), files);
  const pkg = await import(pathToFileURL(path.join(dir, 'package', 'src', 'index.ts')).href);
  for (const [root, type, xml] of CASES) {
    const { valid } = await validateXML({ xml: [{ fileName: 'doc.xml', contents: xml }], schema: [{ fileName: 'all.xsd', contents: SCHEMA }] });
    let decoded: unknown;
    let decodeError: string | undefined;
    try {
      decoded = pkg.decodeType(type, root, xml);
    } catch (error) {
      decodeError = (error as Error).message;
    }
    t.is(decodeError === undefined, valid, `${xml}: libxml2 says ${valid ? 'valid' : 'invalid'}, the decoder ${decodeError ?? 'accepts it'}`);
    if (valid) t.deepEqual(pkg.decodeType(type, root, pkg.encodeType(type, root, decoded)), decoded, `${xml}: the encoder writes the value back`);
  }
  // the encoder, given the value libxml2 refuses: { b } of an optional all
  t.throws(() => pkg.encodeType('OptionalAll', 'optional', { b: 1 }), { message: /the required element <a> \(property a\) is missing/ });
  t.throws(() => pkg.decodeType('OptionalAll', 'optional', '<optional><b>1</b></optional>'), { message: /the element <a> is required/ });
});
