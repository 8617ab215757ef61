/**
 * One package of several protocol versions, on a small API of two versions
 * (test/fixtures/versions/: 1.6.0.0 and 1.6.1.0): what the merged model records, what the types,
 * the JSDoc, the README and each version's tables say, and how the client chooses a version per
 * packet against a stub that speaks one, the other or both.
 */
import test from 'ava';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, type GenerateResult } from '../generator/generate.js';
import { readRuntimeSources, readTemplates } from '../generator/load/load-inputs.js';
import { loadSchemaSets } from '../generator/load/load-schemas.js';
import { setRevision } from '../generator/load/set-revision.js';
import { writePackage } from '../generator/write.js';
import type { RefinementSet } from '../generator/refine/refinement-file.js';
import { RefinementError } from '../generator/refine/refinement-error.js';
import { runCli, tempDir } from './helpers/cli.js';
import { runPackageCli, stubEnv } from './helpers/package-cli.js';
import { ROOT } from './helpers/project.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'versions');
const VERSIONS = ['1.6.0.0', '1.6.1.0'] as const;
const entries = (version: string, dir = FIXTURES) => ['request.xsd', 'response.xsd'].map((f) => path.join(dir, version, f));

function generateSmall(versions: readonly string[] = VERSIONS, dir = FIXTURES, refine?: RefinementSet): GenerateResult {
  const sets = versions.map((protocolVersion) => {
    const loaded = loadSchemaSets(entries(protocolVersion, dir));
    return { protocolVersion, revision: setRevision(loaded), sets: loaded };
  });
  return generate({ sets: sets.flatMap((s) => s.sets), versions: sets, runtime: readRuntimeSources(), templates: readTemplates(), packageName: 'small', packageVersion: '1.0.0', ...(refine ? { refine } : {}) });
}

const small = generateSmall();

/** The declaration of `name` in types.ts, its JSDoc included. */
function declaration(types: string, name: string): string {
  const start = types.indexOf(`export interface ${name} `);
  return types.slice(types.lastIndexOf('/**', start), types.indexOf('\n}\n', start) + 2);
}

test('every operator and operation records the versions whose schemas declare it', (t) => {
  const operators = small.ir.operators.map((o) => `${o.name}: ${o.versions!.join(' ')} [${o.operations.map((op) => `${op.name} ${op.versions!.join(' ')}`).join(', ')}]`);
  t.deepEqual(operators, ['thing: 1.6.0.0 1.6.1.0 [get 1.6.0.0 1.6.1.0, legacy 1.6.0.0]', 'old: 1.6.0.0 [get 1.6.0.0]', 'fresh: 1.6.1.0 [get 1.6.1.0]']);
  t.deepEqual(small.ir.versions!.map((v) => v.protocolVersion), [...VERSIONS]);
  const thingGet = small.ir.complexTypes.find((c) => c.xsdName === 'ThingGet')!;
  t.deepEqual(thingGet.versions, [...VERSIONS], 'a type both sets declare is one node');
  t.is(small.ir.complexTypes.filter((c) => c.tsName === 'ThingGet').length, 1);
  t.deepEqual(thingGet.attrs.map((a) => `${a.name} ${a.versions!.join(' ')}`), ['mode 1.6.0.0']);
  const kind = small.ir.simpleTypes.find((s) => s.xsdName === 'Kind')!;
  t.deepEqual(kind.variants!.map((v) => `${v.versions.join(' ')}: ${v.meta.enum!.join(' ')}`), ['1.6.0.0: a b', '1.6.1.0: a b c']);
});

test('the types are the union of the versions\', and the JSDoc says where each part exists and how versions differ', (t) => {
  const types = small.files.get('src/types.ts')!;
  t.is(declaration(types, 'ThingGet'), readFileSync(path.join(FIXTURES, 'ThingGet.expected.ts'), 'utf8'));
  t.regex(types, /\/\*\*\n \* Values not in every version: `c` \(1\.6\.1\.0\)\.\n \*\n \* @xsd simpleType Kind \(things\.xsd:3, 1\.6\.0\.0\)\n \*\/\nexport type Kind = 'a' \| 'b' \| 'c';/);
  const client = small.files.get('src/client.ts')!;
  t.true(client.includes('/**\n * The operations of <old>\n *\n * Protocol versions: 1.6.0.0 (absent from 1.6.1.0).\n */\nexport class OldOperations {'));
  t.true(client.includes('   * Protocol versions: 1.6.0.0 (absent from 1.6.1.0).\n   *\n   * @throws PleskOperationError when a result is an error (it carries every result)\n   * @throws PleskSystemError, PleskTransportError, XmlEncodeError, XmlDecodeError, PleskVersionError (no version both the package and the server have can carry the packet; nothing is sent)\n   */\n  legacy(input: T.ThingGet'));
  const get = client.slice(client.indexOf('export class ThingOperations'), client.indexOf('/**', client.indexOf('  get(input')));
  t.false(get.includes('Protocol versions'), 'a method of every version says nothing of versions');
});

test('the README has a matrix of operators by version; package.json and protocol-version.ts name the versions and each set\'s revision', (t) => {
  const readme = small.files.get('README.md')!;
  t.true(readme.includes('| operator | 1.6.0.0 | 1.6.1.0 |\n|---|---|---|\n| `thing` | ✓ | ✓ |\n| `old` | ✓ | — |\n| `fresh` | — | ✓ |\n'));
  t.is(JSON.parse(small.files.get('package.json')!).description, 'Typed, order-preserving codecs for Plesk\'s XML API, generated by plesk-codegen from request.xsd (1.6.0.0), response.xsd (1.6.0.0), request.xsd (1.6.1.0), response.xsd (1.6.1.0) (XML API protocols 1.6.0.0, 1.6.1.0)');
  const versions = small.files.get('src/protocol-version.ts')!;
  t.regex(versions, /^export const PROTOCOL_VERSIONS: readonly ProtocolVersion\[\] = \['1\.6\.0\.0', '1\.6\.1\.0'\];$/m);
  t.regex(versions, /^export const PROTOCOL_REVISIONS: ReadonlyArray<\{ readonly version: ProtocolVersion; readonly revision: string \}> = \[\{ version: '1\.6\.0\.0', revision: 'sha256:[0-9a-f]{16}' \}, \{ version: '1\.6\.1\.0', revision: 'sha256:[0-9a-f]{16}' \}\];$/m);
  t.regex(versions, /^export const PROTOCOL_VERSION: ProtocolVersion = '1\.6\.1\.0';$/m);
  t.deepEqual(small.notices, [], 'every packet names its version: no notice');
});

test('refinements apply to each version\'s set; an entry of the user\'s file fails only when no version has what it names', (t) => {
  const refine = (entries: RefinementSet['entries']): RefinementSet => ({ origin: 'refine.json', shipped: false, entries });
  // hint: untyped in 1.6.0.0 (refined there), typed in 1.6.1.0 (the entry does not apply there, and does not fail)
  const refined = generateSmall(VERSIONS, FIXTURES, refine([{ in: 'ThingGet', element: 'hint', as: 'xs:string' }]));
  t.deepEqual(refined.refinements, { plesk: false, sets: [{ origin: 'refine.json', shipped: false, used: 1, skipped: 0 }], elements: 1 });
  t.regex(declaration(refined.files.get('src/types.ts')!, 'ThingGet'), /By protocol version: 1\.6\.0\.0: optional, type xs:string; 1\.6\.1\.0: optional, type xs:int\.\n[^]*hint\?: string \| number;/);
  const error = t.throws(() => generateSmall(VERSIONS, FIXTURES, refine([{ in: 'Nowhere', element: 'x', as: 'flag' }])), { instanceOf: RefinementError });
  t.is(error.message, 'refine.json: refinements[0] (Nowhere / x as flag): matches nothing: these schemas declare no complex type "Nowhere" (in none of the protocol versions 1.6.0.0, 1.6.1.0)\n  fix: correct "in": the XSD name of the declaring complex type, or for an anonymous one the path of its @xsd line (e.g. "DNSInputType/get_rec"); or remove the entry');
});

test('a package of several versions reserves the names its own files declare: a schema type of such a name gets another', (t) => {
  const dir = tempDir('versions-names');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(FIXTURES, dir, { recursive: true });
  for (const version of VERSIONS) {
    const file = path.join(dir, version, 'things.xsd');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</xs:schema>', ['ProtocolVersion', 'PacketDecodeOptions', 'PleskVersionError'].map((n) => `  <xs:complexType name="${n}"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType>\n`).join('') + '</xs:schema>'));
  }
  const { ir, files } = generateSmall(VERSIONS, dir);
  t.deepEqual(['ProtocolVersion', 'PacketDecodeOptions', 'PleskVersionError'].map((n) => ir.complexTypes.find((c) => c.xsdName === n)!.tsName), ['ProtocolVersionType', 'PacketDecodeOptionsType', 'PleskVersionErrorType']);
  t.regex(files.get('src/index.ts')!, /export \{ PROTOCOL_VERSION, PROTOCOL_VERSIONS, PROTOCOL_REVISIONS, type ProtocolVersion \} from '\.\/protocol-version\.js';/);
  t.regex(files.get('src/index.ts')!, /export \{ PleskVersionError \} from '\.\/runtime\/client\/plesk-version-error\.js';/);
});

test('one version\'s set as `versions` is the package of that set: byte for byte', (t) => {
  const one = generateSmall(['1.6.1.0']);
  const plain = generate({ sets: loadSchemaSets(entries('1.6.1.0')), runtime: readRuntimeSources(), templates: readTemplates(), packageName: 'small', packageVersion: '1.0.0', protocolVersion: '1.6.1.0' });
  t.deepEqual([...one.files], [...plain.files]);
  t.false(one.files.has('src/runtime/client/version-router.ts'), 'a package of one set carries none of the versions\' runtime');
  t.true(small.files.has('src/runtime/client/version-router.ts'));
});

test('--check notices a set whose files changed, even where the generated code would not', async (t) => {
  const dir = tempDir('versions-check');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(FIXTURES, path.join(dir, 'schemas'), { recursive: true });
  const args = VERSIONS.flatMap((v) => ['--set', `${v}=${entries(v, path.join(dir, 'schemas')).join(',')}`]);
  const written = await runCli([...args, '--out', path.join(dir, 'out'), '--quiet'], dir);
  t.is(written.code, 0, written.stderr);
  const file = path.join(dir, 'schemas', '1.6.1.0', 'things.xsd');
  writeFileSync(file, readFileSync(file, 'utf8').replace('<xs:schema', '<!-- a new revision of the same protocol number -->\n<xs:schema'));
  const checked = await runCli([...args, '--out', path.join(dir, 'out'), '--check', '--quiet'], dir);
  t.is(checked.code, 1);
  t.is(checked.stderr, 'out is stale: 2 files differ from what the schemas generate:\n  dist/protocol-version.js (differs)\n  src/protocol-version.ts (differs)\nrun the same command without --check to update out\n');
});

/** The small package, written and imported, with its stub. */
async function smallPackage(t: { teardown(fn: () => void): void }) {
  const dir = tempDir('versions-small');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writePackage(dir, small.files);
  const pkg = await import(pathToFileURL(path.join(dir, 'src', 'index.ts')).href);
  const testing = await import(pathToFileURL(path.join(dir, 'src', 'testing.ts')).href);
  return { pkg, testing, dir };
}

const handlers = { thing: { get: () => ({ status: 'ok', name: 'got' }), legacy: () => ({ status: 'ok', name: 'legacy' }) }, old: { get: () => ({ status: 'ok' }) }, fresh: { get: () => ({ status: 'ok' }) } };

test('each packet goes in the newest version both sides have that declares all of it and accepts it; the server is asked once', async (t) => {
  const { pkg, testing } = await smallPackage(t);
  const stub = await testing.createPleskStub({ protocolVersions: ['1.6.1.0', '1.5.0.0', '1.6.0.0'], handlers });
  const client = new pkg.PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password });
  t.teardown(() => {
    client.close();
    void stub.close();
  });
  const cases: Array<[string, () => Promise<unknown>, string]> = [
    ['in both: the newest', () => client.thing.get({ id: 1 }), '1.6.1.0'],
    ['an element only the newer has', () => client.thing.get({ extra: 'x' }), '1.6.1.0'],
    ['an attribute only the older has', () => client.thing.get({ id: 1, mode: 'm' }), '1.6.0.0'],
    ['a value only the newer has', () => client.thing.get({ id: 1, kind: 'c' }), '1.6.1.0'],
    ['an operation only the older has', () => client.thing.legacy({ id: 1 }), '1.6.0.0'],
    ['an operator only the older has', () => client.old.get({ id: 1 }), '1.6.0.0'],
    ['an operator only the newer has', () => client.fresh.get({}), '1.6.1.0'],
    ['declared by both, accepted by the older only (a number where the newer wants a string)', () => client.thing.get({ id: 1, size: 5 }), '1.6.0.0'],
    ['a learned type serves the older too', () => client.thing.get({ id: 1, hint: 7, mode: 'm' }), '1.6.0.0'],
  ];
  let asked = 0;
  for (const [what, call, version] of cases) {
    stub.reset();
    await call();
    asked += stub.requests.filter((r: { xml: string }) => r.xml.includes('<get_protos/>')).length;
    t.deepEqual(stub.calls.map((c: { version?: string }) => c.version), [version], what);
    t.regex(stub.requests.at(-1).xml, new RegExp(`^<\\?xml version="1\\.0" encoding="UTF-8"\\?>\\n<packet version="${version.replaceAll('.', '\\.')}">`), what);
  }
  t.is(asked, 1, 'the server was asked its versions once');
  t.is(await client.thing.get({ id: 1 }), 'got', 'the answer is read in the version sent');
});

test('a call no shared version can carry fails before anything is sent, naming the element, the versions that have it and the server\'s', async (t) => {
  const { pkg, testing } = await smallPackage(t);
  const stub = await testing.createPleskStub({ protocolVersions: ['1.6.1.0'], handlers });
  const client = new pkg.PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password });
  t.teardown(() => {
    client.close();
    void stub.close();
  });
  const refusals: Array<[() => Promise<unknown>, string]> = [
    [() => client.old.get({ id: 1 }), 'old/get cannot be sent: <old> (packet/old): it is in protocol 1.6.0.0 of this package (1.6.0.0, 1.6.1.0); the server speaks 1.6.1.0; nothing was sent. Fix: call a server that speaks 1.6.0.0, or leave <old> out'],
    [() => client.thing.legacy({ id: 1 }), 'thing/legacy cannot be sent: <legacy> (packet/thing/legacy): it is in protocol 1.6.0.0 of this package (1.6.0.0, 1.6.1.0); the server speaks 1.6.1.0; nothing was sent. Fix: call a server that speaks 1.6.0.0, or leave <legacy> out'],
    [() => client.thing.get({ id: 1, mode: 'm' }), 'thing/get cannot be sent: attribute mode (packet/thing/get/@mode): it is in protocol 1.6.0.0 of this package (1.6.0.0, 1.6.1.0); the server speaks 1.6.1.0; nothing was sent. Fix: call a server that speaks 1.6.0.0, or leave attribute mode out'],
  ];
  for (const [call, message] of refusals) {
    const error = await t.throwsAsync(call, { instanceOf: pkg.PleskVersionError });
    t.is(error!.message, message);
  }
  const error = await t.throwsAsync(() => client.thing.legacy({ id: 1 }), { instanceOf: pkg.PleskVersionError });
  t.deepEqual([error!.element, error!.path, error!.versions, error!.hostVersions, error!.packageVersions], ['<legacy>', 'packet/thing/legacy', ['1.6.0.0'], ['1.6.1.0'], ['1.6.0.0', '1.6.1.0']]);
  t.deepEqual(stub.requests.map((r: { xml: string }) => r.xml), ['<?xml version="1.0" encoding="UTF-8"?>\n<packet><server><get_protos/></server></packet>'], 'only get_protos went out, once');
  t.deepEqual(stub.calls, []);
});

test('a packet that needs a part of each version: refused, naming both parts', async (t) => {
  const { pkg, testing } = await smallPackage(t);
  const stub = await testing.createPleskStub({ protocolVersions: ['1.6.0.0', '1.6.1.0'], handlers });
  const client = new pkg.PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password });
  t.teardown(() => {
    client.close();
    void stub.close();
  });
  const error = await t.throwsAsync(() => client.thing.get({ mode: 'm', extra: 'x' }), { instanceOf: pkg.PleskVersionError });
  t.is(error!.message, 'thing/get cannot be sent: attribute mode (packet/thing/get/@mode): it is in protocol 1.6.0.0 of this package (1.6.0.0, 1.6.1.0); and <extra>, which the packet needs too, is only in 1.6.1.0; the server speaks 1.6.0.0, 1.6.1.0; nothing was sent. Fix: leave out attribute mode or <extra>: no version of the package has both (in a packet of several operations, send them in separate calls)');
  const whole = await t.throwsAsync(() => client.request({ operators: [{ old: { operations: [{ get: { id: 1 } }] } }, { fresh: { operations: [{ get: {} }] } }] }), { instanceOf: pkg.PleskVersionError });
  t.is(whole!.message, 'request() cannot be sent: <old> (packet/old): it is in protocol 1.6.0.0 of this package (1.6.0.0, 1.6.1.0); and <fresh>, which the packet needs too, is only in 1.6.1.0; the server speaks 1.6.0.0, 1.6.1.0; nothing was sent. Fix: leave out <old> or <fresh>: no version of the package has both (in a packet of several operations, send them in separate calls)');
  t.deepEqual(stub.calls, []);
});

test('the options: protocolVersions pins the server\'s versions (never asked), protocolVersion every packet; both checked', async (t) => {
  const { pkg, testing } = await smallPackage(t);
  const stub = await testing.createPleskStub({ protocolVersions: ['1.6.0.0', '1.6.1.0'], handlers });
  const options = { host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password };
  t.teardown(() => void stub.close());
  const known = new pkg.PleskClient({ ...options, protocolVersions: ['1.6.0.0'] });
  await known.thing.get({ id: 1 });
  t.deepEqual(stub.calls.map((c: { version?: string }) => c.version), ['1.6.0.0']);
  t.false(stub.requests.some((r: { xml: string }) => r.xml.includes('get_protos')));
  known.close();
  const pinned = new pkg.PleskClient({ ...options, protocolVersion: '1.6.0.0' });
  t.is(pinned.protocolVersion, '1.6.0.0');
  const error = await t.throwsAsync(() => pinned.fresh.get({}), { instanceOf: pkg.PleskVersionError });
  t.is(error!.message, 'fresh/get cannot be sent: <fresh> (packet/fresh): it is in protocol 1.6.1.0 of this package (1.6.0.0, 1.6.1.0); the client is pinned to 1.6.0.0 (option protocolVersion); nothing was sent. Fix: pin a version that has it (1.6.1.0), or leave <fresh> out');
  pinned.close();
  t.throws(() => new pkg.PleskClient({ ...options, protocolVersion: '1.6.9.0' }), { instanceOf: TypeError, message: 'PleskClient: option protocolVersion "1.6.9.0" is not a version of this package; give one of 1.6.0.0, 1.6.1.0, or leave it out to choose per packet' });
  t.throws(() => new pkg.PleskClient({ ...options, protocolVersion: null }), { instanceOf: TypeError, message: 'PleskClient: option protocolVersion cannot be null in a package of several protocol versions (1.6.0.0, 1.6.1.0): each packet names the version it is sent in' });
  t.throws(() => new pkg.PleskClient({ ...options, protocolVersions: '1.6.0.0' }), { instanceOf: TypeError, message: 'PleskClient: option protocolVersions must be an array of protocol versions, such as [\'1.6.6.0\', \'1.6.9.1\']' });
});

test('each version\'s tables are that version\'s declarations; the codecs take the version', async (t) => {
  const { pkg } = await smallPackage(t);
  const [older, newer] = VERSIONS.map((v) => pkg.schemaOf(v).complex.ThingGet);
  t.deepEqual(older.attrs.map((a: { name: string }) => a.name), ['mode']);
  t.deepEqual(newer.attrs, []);
  const items = (meta: { model: { items: Array<{ name: string; min: number; type: object }> } }) => meta.model.items.map((i) => `${i.name} ${i.min} ${JSON.stringify(i.type)}`);
  t.deepEqual(items(older), ['id 1 {"s":"xs:int"}', 'kind 0 {"s":"Kind"}', 'size 0 {"s":"xs:int"}', 'hint 0 {"s":"xs:int"}']);
  t.deepEqual(items(newer), ['id 0 {"s":"xs:int"}', 'kind 0 {"s":"Kind"}', 'size 0 {"s":"xs:string"}', 'hint 0 {"s":"xs:int"}', 'extra 0 {"s":"xs:string"}']);
  t.is(pkg.schema, pkg.schemaOf('1.6.1.0'));
  t.true(Object.isFrozen(pkg.schemaOf('1.6.0.0').simple.Kind.enum));
  t.throws(() => pkg.schemaOf('1.6.9.0'), { instanceOf: TypeError, message: 'schemaOf: this package has no schemas of protocol version 1.6.9.0; it has 1.6.0.0, 1.6.1.0' });
  const packet = { operators: [{ thing: { operations: [{ get: { id: 1, kind: 'c' } }] } }] };
  t.is(pkg.encodeRequestPacket(packet), '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.1.0"><thing><get><id>1</id><kind>c</kind></get></thing></packet>', 'a packet that names no version is written naming the one it is written in');
  t.throws(() => pkg.encodeRequestPacket(packet, '1.6.0.0'), { message: /packet\/thing\/get\/kind: "c" is not one of the values allowed by Kind: a, b/ });
  t.throws(() => pkg.decodeRequestPacket('<packet><thing><get><extra>x</extra></get></thing></packet>', { protocolVersion: '1.6.0.0' }), { message: /extra/ });
  t.deepEqual(pkg.decodeRequestPacket('<packet><thing><get><extra>x</extra></get></thing></packet>'), { operators: [{ thing: { operations: [{ get: { extra: 'x' } }] } }] });
  t.deepEqual(pkg.decodeRequestPacket('<packet><old><get><id>1</id></get></old></packet>'), { operators: [{ old: { operations: [{ get: { id: 1 } }] } }] }, 'naming no version: read in the newest that reads it');
  t.throws(() => pkg.decodeRequestPacket('<packet><old><get><extra>x</extra></get></old></packet>'), { message: /^packet\/old \(line 1, column 13\): unexpected element <old>/ }, 'read by none: the newest\'s error');
  // without a version: the one the value or document names, else the newest that declares it
  const old = { operators: [{ old: { operations: [{ get: { id: 1, mode: 'm' } }] } }] };
  t.is(pkg.encodeRequestPacket(old), '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.0.0"><old><get mode="m"><id>1</id></get></old></packet>', 'only 1.6.0.0 declares <old>');
  t.throws(() => pkg.encodeRequestPacket(old, '1.6.1.0'), { message: /old/ });
  t.deepEqual(pkg.decodeRequestPacket('<packet version="1.6.0.0"><old><get><id>1</id></get></old></packet>'), { version: '1.6.0.0', operators: [{ old: { operations: [{ get: { id: 1 } }] } }] }, 'read in the version it names');
  t.throws(() => pkg.decodeRequestPacket(Buffer.from('<packet version="1.6.0.0"><thing><get><extra>x</extra></get></thing></packet>')), { message: /extra/ }, 'bytes too');
  t.is(pkg.encodeType('ThingGet', 'get', { id: 1, mode: 'm' }), '<?xml version="1.0" encoding="UTF-8"?>\n<get mode="m"><id>1</id></get>', 'mode is 1.6.0.0\'s');
});

test('the package\'s command line: an operation only the older version has reads its flags from that version and goes in it', async (t) => {
  const { testing, dir } = await smallPackage(t);
  const { main } = await import(pathToFileURL(path.join(dir, 'src', 'cli.ts')).href);
  const stub = await testing.createPleskStub({ protocolVersions: ['1.6.0.0', '1.6.1.0'], handlers });
  t.teardown(() => void stub.close());
  const env = stubEnv(stub, dir);
  const legacy = await runPackageCli(['thing', 'legacy', '--id', '1', '--@mode', 'm', '-o', 'json'], { env, main });
  t.is(legacy.code, 0, legacy.stderr);
  const fresh = await runPackageCli(['fresh', 'get', '-o', 'json'], { env, main });
  t.is(fresh.code, 0, fresh.stderr);
  t.deepEqual(stub.calls.map((c: { key: string; version?: string }) => `${c.key} ${c.version}`), ['thing.legacy 1.6.0.0', 'fresh.get 1.6.1.0']);
  const dry = await runPackageCli(['old', 'get', '--id', '2', '--dry-run'], { env, main });
  t.is(dry.code, 0, dry.stderr);
  t.is(dry.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.0.0"><old><get><id>2</id></get></old></packet>\n');
});

test('the stub reads and answers each packet in the version it names: 1005 for one it does not speak, 1014 for what that version does not declare', async (t) => {
  const { testing } = await smallPackage(t);
  const stub = await testing.createPleskStub({ protocolVersions: ['1.6.0.0'], handlers });
  t.teardown(() => void stub.close());
  const post = async (xml: string) => {
    const https = await import('node:https');
    return new Promise<string>((resolve, reject) => {
      const req = https.request({ host: stub.host, port: stub.port, path: '/enterprise/control/agent.php', method: 'POST', ca: stub.ca, headers: { HTTP_AUTH_LOGIN: stub.login, HTTP_AUTH_PASSWD: stub.password, 'Content-Type': 'text/xml' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve(body));
      });
      req.on('error', reject).end(xml);
    });
  };
  t.is(await post('<packet version="1.6.1.0"><fresh><get/></fresh></packet>'), '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.0.0"><system><status>error</status><errcode>1005</errcode><errtext>Unsupported protocol version 1.6.1.0.</errtext></system></packet>');
  t.regex(await post('<packet version="1.6.0.0"><thing><get><extra>x</extra></get></thing></packet>'), /<errcode>1014<\/errcode><errtext>Parser error: Request is invalid\. packet\/thing\/get\/extra/);
  t.is(await post('<packet version="1.6.0.0"><old><get><id>1</id></get></old></packet>'), '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.0.0"><old><get><result><status>ok</status></result></get></old></packet>');
  t.is(await post('<packet><server><get_protos/></server></packet>'), '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.0.0"><server><get_protos><result><status>ok</status><protos><proto>1.6.0.0</proto></protos></result></get_protos></server></packet>');
});
