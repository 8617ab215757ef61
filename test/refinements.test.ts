/**
 * Refinements: types for untyped elements from a refinement file and from plesk-codegen's set for
 * Plesk's schemas (given → want), the recorded answers decoding with the refined types, and the
 * errors of a refinement that matches nothing or refines to an unknown type.
 */
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { checkRefinements, type RefinementSet } from '../generator/refine/refinement-file.js';
import { RefinementError } from '../generator/refine/refinement-error.js';
import { ConfigError } from '../generator/config/config-error.js';
import { PLESK_REFINEMENT_ENTRIES } from '../generator/refine/plesk-refinements.js';
import { runCli, tempDir } from './helpers/cli.js';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8');
const backupManagerOf = (xml: string) => xml.slice(xml.indexOf('<backup-manager>'), xml.indexOf('</backup-manager>') + '</backup-manager>'.length);

const NOTE_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="id_type"><xs:restriction base="xs:positiveInteger"/></xs:simpleType>
  <xs:complexType name="NoteType">
    <xs:sequence>
      <xs:element name="id"/>
      <xs:element name="pinned" minOccurs="0"/>
      <xs:element name="owner" minOccurs="0"/>
      <xs:element name="title" type="xs:string"/>
      <xs:element name="meta" minOccurs="0"><xs:complexType><xs:sequence><xs:element name="size"/></xs:sequence></xs:complexType></xs:element>
    </xs:sequence>
  </xs:complexType>
</xs:schema>
`;

function noteSchema(): string {
  const dir = tempDir('refine');
  writeFileSync(path.join(dir, 'note.xsd'), NOTE_XSD);
  return path.join(dir, 'note.xsd');
}

const userSet = (entries: unknown[]): RefinementSet => ({ origin: 'refine.json', shipped: false, entries: checkRefinements({ refinements: entries }, 'refine.json') });

test('a refinement types an untyped element: a built-in, a flag, a named type, an anonymous type by its path', (t) => {
  const xsd = noteSchema();
  const refine = userSet([
    { in: 'NoteType', element: 'id', as: 'xs:int' },
    { in: 'NoteType', element: 'pinned', as: 'flag' },
    { in: 'NoteType', element: 'owner', as: 'id_type' },
    { in: 'NoteType/meta', element: 'size', as: 'xs:unsignedInt' },
  ]);
  const { files, refinements } = generateFrom([xsd], undefined, undefined, { refine });
  const types = files.get('src/types.ts')!;
  t.regex(types, /^ {2}id: number;$/m);
  t.regex(types, /^ {2}pinned\?: Flag;$/m, 'a schema without NoneType gets a Flag type');
  t.regex(types, /^export type Flag = true;$/m);
  t.regex(types, /^ {2}owner\?: IdType;$/m);
  t.regex(types, /^ {2}size: number;$/m);
  t.false(types.includes('XmlAny;'));
  t.deepEqual(refinements, { plesk: false, sets: [{ origin: 'refine.json', shipped: false, used: 4, skipped: 0 }], elements: 4 });
  // without the file the same schema keeps XmlAny, and the shipped set for Plesk does not apply
  const plain = generateFrom([xsd]);
  t.regex(plain.files.get('src/types.ts')!, /^ {2}id: XmlAny;$/m);
  t.deepEqual(plain.refinements.sets, []);
});

test('an entry that matches nothing or refines to an unknown type fails, naming the entry and the fix', (t) => {
  const xsd = noteSchema();
  const cases: Array<[unknown, RegExp, RegExp]> = [
    [{ in: 'NotType', element: 'id', as: 'xs:int' }, /refinements\[0\] \(NotType \/ id as xs:int\): matches nothing: these schemas declare no complex type "NotType"/, /fix: correct "in"/],
    [{ in: 'NoteType', element: 'idd', as: 'xs:int' }, /matches nothing: "NoteType" has no element <idd>/, /fix: correct "element"; its untyped elements are id, pinned, owner/],
    [{ in: 'NoteType', element: 'title', as: 'xs:int' }, /<title> of "NoteType" is already typed by the schema/, /fix: remove the entry/],
    [{ in: 'NoteType', element: 'id', as: 'xs:integr' }, /refines to an unknown type: "xs:integr" is not an XSD built-in simple type/, /fix: give "as" one of: "flag"/],
    [{ in: 'NoteType', element: 'id', as: 'IdTyp' }, /refines to an unknown type: these schemas declare no type "IdTyp"/, /fix: give "as"/],
  ];
  for (const [entry, problem, fix] of cases) {
    const error = t.throws(() => generateFrom([xsd], undefined, undefined, { refine: userSet([entry]) }), { instanceOf: RefinementError });
    t.regex(error!.message, /^refine\.json: refinements\[0\]/);
    t.regex(error!.message, problem);
    t.regex(error!.message, fix);
  }
});

test('a refinement file that breaks its schema is a ConfigError naming the key', (t) => {
  t.throws(() => checkRefinements({ refinements: [{ in: 'A', element: 'b' }] }, 'refine.json'), { instanceOf: ConfigError, message: /^refine\.json: refinements\[0\]\.as: is missing\n {2}fix: give "flag", an XSD built-in/ });
  t.throws(() => checkRefinements({ refinement: [] }, 'refine.json'), { instanceOf: ConfigError, message: /refinement: is not a known key/ });
  t.throws(() => checkRefinements({ refinements: [{ in: 'A', element: 'b', as: 'flag', type: 'x' }] }, 'refine.json'), { message: /refinements\[0\]\.type: is not a known key/ });
});

test("the shipped set is valid under the file's own rules and cites Plesk's documentation for every entry", (t) => {
  t.deepEqual(checkRefinements({ refinements: PLESK_REFINEMENT_ENTRIES }, 'shipped'), PLESK_REFINEMENT_ENTRIES);
  for (const entry of PLESK_REFINEMENT_ENTRIES) t.regex(entry.source ?? '', /^https:\/\/docs\.plesk\.com\//, `${entry.in}/${entry.element}`);
});

test("the shipped set applies to Plesk's schemas by default; entries a version lacks are skipped and counted", (t) => {
  for (const [corpus, skipped] of [['plesk-xsd', 0], ['plesk-xsd-2020', 1]] as const) {
    const dir = sharedDir(corpus);
    const { refinements } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
    t.true(refinements.plesk, corpus);
    const [set] = refinements.sets;
    t.true(set!.shipped);
    t.is(set!.used + set!.skipped, PLESK_REFINEMENT_ENTRIES.length);
    if (skipped) t.true(set!.skipped > 0, `${corpus}: some entries are not in this version`);
    else t.true(set!.used > 0);
  }
  const off = generateFrom([path.join(sharedDir('plesk-xsd'), 'backup.xsd')], undefined, undefined, { pleskRefinements: false });
  t.deepEqual(off.refinements.sets, []);
});

test('every recorded answer decodes with the default refinements and gives the refined types', async (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const out = sharedPackageDir(files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  const taskOf = (name: string) => pkg.decodeResponsePacket(fixture(name)).operators[0].backupManager.operations[0].getTasksInfo.result[0].task[0];
  t.like(taskOf('get-tasks-info.server.response.xml'), { server: true, id: 3, status: 'finished' });
  const customer = taskOf('get-tasks-info.customer.response.xml');
  t.is(typeof customer.customerId, 'number');
  t.is(typeof customer.id, 'number');
  t.truthy(pkg.decodeResponsePacket(fixture('system-error.response.xml')).system);
  t.truthy(pkg.decodeRequestPacket(fixture('get-tasks-info.request.xml')).operators);
  // flags are written as empty elements and read back as true
  const xml = pkg.encodeRequestPacket({ operators: [{ backupManager: { operations: [{ getTasksInfo: { server: true } }, { backupServer: { local: true, description: 'd', onlyMail: true } }] } }] });
  t.regex(xml, /<get-tasks-info><server\/><\/get-tasks-info><backup-server><local\/><description>d<\/description><only-mail\/><\/backup-server>/);
  t.deepEqual(pkg.decodeRequestPacket(xml).operators[0].backupManager.operations[1].backupServer.onlyMail, true);
  t.throws(() => pkg.encodeRequestPacket({ operators: [{ backupManager: { operations: [{ getTasksInfo: { server: '' } }] } }] }));
});

test('the command: --refine applies the file and says how many it used; a bad entry exits 1 with the entry and the fix', async (t) => {
  const xsd = noteSchema();
  const dir = path.dirname(xsd);
  writeFileSync(path.join(dir, 'refine.json'), JSON.stringify({ refinements: [{ in: 'NoteType', element: 'id', as: 'xs:int' }] }));
  const ok = await runCli(['--xsd', 'note.xsd', '--out', 'notes', '--refine', 'refine.json'], dir);
  t.is(ok.code, 0, ok.stderr);
  t.regex(ok.stderr, /^notes: refined 1 element with 1 refinement \(1 of refine\.json\)$/m);
  t.regex(readFileSync(path.join(dir, 'notes', 'src', 'types.ts'), 'utf8'), /^ {2}id: number;$/m);

  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ refinements: [{ in: 'NoteType', element: 'ids', as: 'xs:int' }] }));
  const bad = await runCli(['--xsd', 'note.xsd', '--out', 'notes', '--refine', 'bad.json'], dir);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /^error: bad\.json: refinements\[0\] \(NoteType \/ ids as xs:int\): matches nothing: "NoteType" has no element <ids>\n {2}fix: correct "element"/m);
  t.regex(bad.stderr, /nothing was written/);

  // in a config file: "refine" relative to the config file
  writeFileSync(path.join(dir, 'plesk-codegen.config.json'), JSON.stringify({ packages: [{ xsd: 'note.xsd', out: 'from-config', refine: 'refine.json', pleskRefinements: false }] }));
  const fromConfig = await runCli([], dir);
  t.is(fromConfig.code, 0, fromConfig.stderr);
  t.regex(fromConfig.stderr, /from-config: refined 1 element/);
  const missing = await runCli(['--xsd', 'note.xsd', '--out', 'notes', '--refine', 'nope.json'], dir);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /--refine: nope\.json: no such file/);
});
