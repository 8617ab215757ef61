/**
 * Response-side enumerations are open, request-side ones closed: a string enumeration reachable
 * from the response packet is printed `'a' | 'b' | UnknownValue` and marked `open` in the metadata
 * (the decoder keeps a value it does not list under unknownElements 'keep'); one only requests use
 * stays `'a' | 'b'`. On small schemas given → want, on the whole 2014 API against an independent
 * walk of its metadata, and at the call site: no string literal is an UnknownValue, and a switch
 * whose default says `status satisfies UnknownValue` compiles only when every known value has its case.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Particle, SchemaMeta } from '../runtime/codec/meta.js';
import { tempDir } from './helpers/cli.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';

const envelope = (inner: string, system: boolean) => `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:include schemaLocation="common.xsd"/>
  <xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded">
    <xs:element name="thing"><xs:complexType><xs:sequence>${inner}</xs:sequence></xs:complexType></xs:element>
    ${system ? '<xs:element name="system"><xs:complexType><xs:sequence><xs:element name="status" type="xs:string"/></xs:sequence></xs:complexType></xs:element>' : ''}
  </xs:choice></xs:complexType></xs:element>
</xs:schema>`;

const enumType = (name: string, values: string[], base = 'xs:string') => `<xs:simpleType name="${name}"><xs:restriction base="${base}">${values.map((v) => `<xs:enumeration value="${v}"/>`).join('')}</xs:restriction></xs:simpleType>`;

test('an enumeration reachable from the response packet is open; one only the request uses is closed', (t) => {
  const dir = tempDir('open-enums');
  writeFileSync(path.join(dir, 'common.xsd'), `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  ${enumType('Mode', ['fast', 'safe'])}
  ${enumType('State', ['working', 'done'])}
  ${enumType('Shared', ['on', 'off'])}
  ${enumType('Level', ['1', '2'], 'xs:int')}
  <xs:complexType name="Owner"><xs:attribute name="kind" type="Shared"/></xs:complexType>
</xs:schema>`);
  writeFileSync(path.join(dir, 'request.xsd'), envelope('<xs:element name="mode" type="Mode"/><xs:element name="shared" type="Shared"/>', false));
  writeFileSync(path.join(dir, 'response.xsd'), envelope('<xs:element name="state" type="State"/><xs:element name="owner" type="Owner"/><xs:element name="level" type="Level"/>', true));
  const { files } = generateFrom([path.join(dir, 'request.xsd'), path.join(dir, 'response.xsd')]);
  const types = files.get('src/types.ts')!;
  t.regex(types, /^export type Mode = 'fast' \| 'safe';$/m);
  t.regex(types, /^export type State = 'working' \| 'done' \| UnknownValue;$/m);
  t.regex(types, /^export type Shared = 'on' \| 'off' \| UnknownValue;$/m, 'in a response attribute too');
  t.regex(types, /^export type Level = 1 \| 2;$/m, 'numbers stay closed: their type lists them');
  t.regex(types, /^import type \{ OneOf, UnknownValue \} from '\.\/runtime\/codec\/meta\.js';$/m);
  t.regex(types, /An answer may carry a value this list does not have \(a newer server's\): it arrives as an `UnknownValue`\.\n \*\n \* @xsd simpleType State/);
  const metadata = files.get('src/metadata.ts')!;
  t.regex(metadata, /'State': \{ name: 'State', family: 'string', ws: 'preserve', enum: \['working', 'done'\], open: true \}/);
  t.regex(metadata, /'Mode': \{ name: 'Mode', family: 'string', ws: 'preserve', enum: \['fast', 'safe'\] \}/);
  t.regex(files.get('src/index.ts')!, /UnknownValue/);
});

/** Every simple type name reachable from a complex type, through elements and attributes. */
function reachable(schema: SchemaMeta, root: string): Set<string> {
  const simple = new Set<string>();
  const seen = new Set<string>([root]);
  const work = [root];
  const particle = (p: Particle | undefined) => {
    if (!p || p.k === 'any') return;
    if (p.k !== 'el') return p.items.forEach(particle);
    if ('s' in p.type) simple.add(p.type.s);
    else if ('c' in p.type && !seen.has(p.type.c)) {
      seen.add(p.type.c);
      work.push(p.type.c);
    }
  };
  for (let name = work.pop(); name !== undefined; name = work.pop()) {
    const type = schema.complex[name]!;
    for (const attr of type.attrs) simple.add(attr.type);
    if (type.text) simple.add(type.text.type);
    particle(type.model);
  }
  return simple;
}

test("the whole 2014 API: exactly the string enumerations its answers can carry are open", async (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const { schema } = (await import(pathToFileURL(path.join(sharedPackageDir(files), 'src', 'metadata.ts')).href)) as { schema: SchemaMeta };
  const response = reachable(schema, 'ResponsePacket');
  const request = reachable(schema, 'RequestPacket');
  const stringEnums = Object.entries(schema.simple).filter(([, m]) => m.enum && m.family === 'string' && !m.union && !m.list).map(([name]) => name);
  const open = Object.entries(schema.simple).filter(([, m]) => m.open).map(([name]) => name);
  t.deepEqual(open, stringEnums.filter((name) => response.has(name)));
  const closed = stringEnums.filter((name) => request.has(name) && !response.has(name));
  t.true(open.length > 20 && closed.length > 5, `${open.length} open, ${closed.length} request-only`);
  const types = files.get('src/types.ts')!;
  for (const name of open) t.regex(types, new RegExp(`^export type ${name} = [^;]* \\| UnknownValue;$`, 'm'), name);
  for (const name of closed) t.notRegex(types, new RegExp(`^export type ${name} = [^;]*UnknownValue`, 'm'), name);
});

test('at the call site: no literal is an UnknownValue, and a switch is checked for every known value', (t) => {
  const out = path.join(ROOT, '.tmp', `open-enums-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  t.teardown(() => rmSync(out, { recursive: true, force: true }));
  writeFileSync(path.join(out, 'use.ts'), `import type { BackupTaskStatus, UnknownValue } from '../../generated/src/index.js';
export function every(status: BackupTaskStatus): number {
  switch (status) {
    case 'working': return 1;
    case 'stopped': return 2;
    case 'failed': return 3;
    case 'finished': return 4;
    default: status satisfies UnknownValue; return 0;
  }
}
export function missing(status: BackupTaskStatus): number {
  switch (status) {
    case 'working': return 1;
    // @ts-expect-error 'stopped', 'failed' and 'finished' have no case
    default: status satisfies UnknownValue; return 0;
  }
}
// @ts-expect-error a value the schemas do not list cannot be written
export const written: BackupTaskStatus = 'queued';
export const known: BackupTaskStatus = 'finished';
export const text = (status: BackupTaskStatus): string => status;
`);
  writeFileSync(path.join(out, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] }, files: ['use.ts'] }));
  let output = '';
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(out, 'tsconfig.json')], { stdio: 'pipe', cwd: ROOT });
  } catch (error) {
    output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
  }
  t.is(output, '');
});
