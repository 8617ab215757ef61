/**
 * Type names: a name two schema files both declare is qualified by each file's subject and side,
 * anonymous types follow their owner's name, and adding an unrelated schema file renames nothing.
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { qualifiedName } from '../generator/passes/name-types.js';
import { tempDir } from './helpers/cli.js';
import { generateFrom, sharedDir } from './helpers/project.js';

const schema = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
const exported = (types: string) => [...types.matchAll(/^export (?:type|interface) (\w+)/gm)].map((m) => m[1]!);

test('qualifiedName: the subject and the side of the file, a trailing Type dropped, the subject not repeated', (t) => {
  t.is(qualifiedName('GetType', 'plesk-xsd/server_input.xsd'), 'ServerGetRequest');
  t.is(qualifiedName('GetType', 'server_output.xsd'), 'ServerGetResponse');
  t.is(qualifiedName('ServerOperatorType', 'server_output.xsd'), 'ServerOperatorResponse');
  t.is(qualifiedName('initialSetupType', 'plesk_server.xsd'), 'PleskServerInitialSetup');
  t.is(qualifiedName('Type', 'a_input.xsd'), 'ATypeRequest');
});

test('a name two files declare is qualified in both; its anonymous types follow; a taken anonymous name gets Element', (t) => {
  const dir = tempDir('names');
  writeFileSync(path.join(dir, 'server_input.xsd'), schema('<xs:complexType name="GetType"><xs:sequence><xs:element name="key"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>'));
  writeFileSync(path.join(dir, 'server_output.xsd'), schema('<xs:complexType name="GetType"><xs:sequence><xs:element name="status" type="xs:string"/></xs:sequence></xs:complexType>'));
  writeFileSync(path.join(dir, 'dir.xsd'), schema('<xs:complexType name="Dir"><xs:sequence><xs:element name="location"><xs:complexType><xs:sequence><xs:element name="path" type="xs:string"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>\n<xs:complexType name="DirLocation"><xs:sequence><xs:element name="url" type="xs:string"/></xs:sequence></xs:complexType>'));
  const { files } = generateFrom(['server_input.xsd', 'server_output.xsd', 'dir.xsd'].map((f) => path.join(dir, f)));
  const names = exported(files.get('src/types.ts')!).sort();
  t.deepEqual(names, ['Dir', 'DirLocation', 'DirLocationElement', 'ServerGetRequest', 'ServerGetRequestKey', 'ServerGetResponse']);
});

test("adding an unrelated schema file to Plesk's whole API renames no existing type", (t) => {
  const dir = sharedDir('plesk-xsd');
  const entries = [path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')];
  const before = exported(generateFrom(entries, path.dirname(dir)).files.get('src/types.ts')!);
  const extra = path.join(tempDir('unrelated'), 'unrelated.xsd');
  writeFileSync(extra, schema('<xs:complexType name="UnrelatedThing"><xs:sequence><xs:element name="get"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>'));
  const after = exported(generateFrom([...entries, extra], path.dirname(dir)).files.get('src/types.ts')!);
  t.deepEqual(after.filter((n) => !before.includes(n)).sort(), ['UnrelatedThing', 'UnrelatedThingGet']);
  t.deepEqual(before.filter((n) => !after.includes(n)), [], 'no name disappeared');
  t.deepEqual(before.filter((n) => /[A-Za-z]\d+$/.test(n)).sort(), ['Base64', 'DatabaseServerResultType2', 'Member1', 'WebStat2'], 'the only names ending in a digit are the XSD names themselves');
});

test('each choice beside other content gets an alias named after its owner and its members; a whole-choice type is its own name', (t) => {
  const dir = tempDir('choice-names');
  writeFileSync(path.join(dir, 'c.xsd'), schema([
    '<xs:complexType name="Backup"><xs:sequence><xs:element name="description" type="xs:string"/>',
    '  <xs:choice><xs:element name="local"/><xs:element name="remote" type="xs:string"/></xs:choice>',
    '  <xs:choice minOccurs="0"><xs:sequence><xs:element name="host" type="xs:string"/><xs:element name="port" type="xs:int"/></xs:sequence><xs:element name="socket" type="xs:string"/></xs:choice>',
    '  <xs:choice><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/><xs:element name="c" type="xs:int"/><xs:element name="d" type="xs:int"/></xs:choice>',
    '</xs:sequence></xs:complexType>',
    '<xs:complexType name="Filter"><xs:choice><xs:element name="id" type="xs:int" maxOccurs="unbounded"/><xs:element name="name" type="xs:string" minOccurs="0" maxOccurs="unbounded"/></xs:choice></xs:complexType>',
    '<xs:complexType name="Ops"><xs:choice maxOccurs="unbounded"><xs:element name="get" type="xs:int"/><xs:element name="set" type="xs:int"/></xs:choice></xs:complexType>',
    '<xs:complexType name="BackupLocalOrRemote"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>',
  ].join('\n')));
  const documented = generateFrom([path.join(dir, 'c.xsd')]).files.get('src/types.ts')!;
  // the declarations without their doc comments
  const types = documented.replace(/ *\/\*\*[\s\S]*?\*\/\n/g, '');
  t.deepEqual(exported(types), ['Backup', 'BackupLocalOrRemoteChoice', 'BackupHostOrSocket', 'BackupAOrBOrOthers', 'Filter', 'Ops', 'OpsItem', 'BackupLocalOrRemote']);
  t.regex(types, /export type Backup = \{\n {2}description: string;\n\} & BackupLocalOrRemoteChoice & BackupHostOrSocket & BackupAOrBOrOthers;/);
  t.regex(types, /export type BackupHostOrSocket = OneOfShapes<\[\n {2}\{\n {4}host: string;\n {4}port: number;\n {2}\},\n {2}\{\n {4}socket: string;\n {2}\},\n {2}\{\},\n\]> & \{\};/, 'an optional choice of groups: OneOfShapes with an empty shape last');
  t.regex(types, /export type Filter = AtMostOneOf<\{\n {2}id: number\[\];\n {2}name: string\[\];\n\}> & \{\};/, 'a branch that may be empty makes the choice AtMostOneOf');
  t.regex(types, /export interface Ops \{\n {2}items: OpsItem\[\];|export interface Ops \{\n {2}items: Array<OpsItem>;/);
  t.regex(documented, /At most one of \{ host, port \} \| \{ socket \}: an xs:choice of Backup\./);
});
