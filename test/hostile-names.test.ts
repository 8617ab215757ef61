/**
 * Names a schema may well use that collide with what the package declares itself: an operator
 * named like a member of the client core (`supported-protocols`, `request`, `close`), a type
 * named like an operator's class (`ThingOperations`), a type named like every name the package
 * root exports (the runtime's and the generated files'), names that differ only by case or by
 * `-` / `_`, JavaScript's reserved words, `__proto__` and `constructor`, and documentation with
 * `*\/`, `${`, backticks and U+2028. The package compiles under --strict, and a consumer file
 * imports every schema type from the package root under the name docs/types.md's naming rules
 * give it (a name the runtime or a generated file has gets `Type`; two names that spell alike get
 * a number; a class of operations whose name a type has gets `Operator`), in the same tsc run.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GENERATED_NAMES, RUNTIME_EXPORTS } from '../generator/model/package-surface.js';
import { writePackage } from '../generator/write.js';
import { tempDir } from './helpers/cli.js';
import { generateFrom, ROOT } from './helpers/project.js';

const schema = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
const DOC = '<xs:annotation><xs:documentation>ends */ here, ${`backticks`} and a\u2028line separator</xs:documentation></xs:annotation>';

/** Every name the package root has besides its schema types. */
const ROOT_NAMES = [...RUNTIME_EXPORTS.filter((g) => g.entry === 'index').flatMap((g) => [...g.values, ...g.types]), ...Object.values(GENERATED_NAMES).flat()];
/** The ones a schema type can be named (PascalCase: a type's name starts with a capital). */
const CAPITALISED = ROOT_NAMES.filter((n) => /^[A-Z]/.test(n) && !/^[A-Z_]+$/.test(n));

const WORDS = ['class', 'default', 'delete', 'new', 'function', 'constructor', '__proto__'];

/** One operation type for each operator: a request with two elements, an answer with a result. */
function operator(name: string, operations: string[]): { input: string; output: string } {
  const ops = (side: 'in' | 'out') => operations.map((op) => `<xs:element name="${op}">${DOC}${side === 'in'
    ? '<xs:complexType><xs:sequence><xs:element name="id" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType>'
    : '<xs:complexType><xs:sequence><xs:element name="result" maxOccurs="unbounded"><xs:complexType><xs:sequence><xs:element name="status" type="xs:string"/><xs:element name="id" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>'}</xs:element>`).join('');
  return {
    input: `<xs:element name="${name}">${DOC}<xs:complexType><xs:choice maxOccurs="unbounded">${ops('in')}</xs:choice></xs:complexType></xs:element>`,
    output: `<xs:element name="${name}"><xs:complexType><xs:choice maxOccurs="unbounded">${ops('out')}</xs:choice></xs:complexType></xs:element>`,
  };
}

const OPERATORS: Array<[string, string[]]> = [
  ['supported-protocols', ['get', 'constructor']],
  ['request', ['get', 'call']],
  ['close', ['get']],
  ['thing', ['get', 'set', '__proto__']],
  ['protocol-version', ['get']],
];

/** The schema types: one per root name, per reserved word, and pairs that spell alike. */
const TYPES = [
  ...CAPITALISED.map((name) => `<xs:complexType name="${name}">${DOC}<xs:sequence><xs:element name="${name}" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>`),
  '<xs:complexType name="ThingOperations"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>',
  ...WORDS.map((word) => `<xs:complexType name="${word}"><xs:sequence>${WORDS.map((w) => `<xs:element name="${w}" type="xs:string" minOccurs="0"/>`).join('')}</xs:sequence><xs:attribute name="${word}" type="xs:string"/></xs:complexType>`),
  '<xs:simpleType name="a-b"><xs:restriction base="xs:string"/></xs:simpleType>',
  '<xs:simpleType name="a_b"><xs:restriction base="xs:string"/></xs:simpleType>',
  '<xs:simpleType name="Case"><xs:restriction base="xs:string"/></xs:simpleType>',
  '<xs:simpleType name="case"><xs:restriction base="xs:string"/></xs:simpleType>',
];

/** The exported name docs/types.md's rules give each schema type above, in the same order (`Function` is a global: `FunctionType`). */
const EXPECTED = [
  ...CAPITALISED.map((name) => `${name}Type`),
  'ThingOperations',
  'Class', 'Default', 'Delete', 'New', 'FunctionType', 'Constructor', 'Proto',
  'AB', 'AB2', 'Case', 'Case2',
];

test('names that collide with the package\'s own: the package compiles under --strict and every schema type is exported from the root under the predicted name', (t) => {
  const dir = tempDir('hostile-names');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const ops = OPERATORS.map(([name, list]) => operator(name, list));
  writeFileSync(path.join(dir, 'types.xsd'), schema(TYPES.join('\n')));
  writeFileSync(path.join(dir, 'request.xsd'), schema(`<xs:include schemaLocation="types.xsd"/><xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded">${ops.map((o) => o.input).join('')}</xs:choice></xs:complexType></xs:element>`));
  writeFileSync(path.join(dir, 'response.xsd'), schema(`<xs:include schemaLocation="types.xsd"/><xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded">${ops.map((o) => o.output).join('')}<xs:element name="system" type="xs:string"/></xs:choice></xs:complexType></xs:element>`));
  const { files, ir } = generateFrom([path.join(dir, 'request.xsd'), path.join(dir, 'response.xsd')]);

  // the client: operators clear of the core's members, classes clear of the types
  const client = files.get('src/client.ts')!;
  for (const line of ['readonly supportedProtocolsOperator: SupportedProtocolsOperations;', 'readonly requestOperator: RequestOperations;', 'readonly closeOperator: CloseOperations;', 'readonly thing: ThingOperatorOperations;', 'readonly protocolVersionOperator: ProtocolVersionOperations;']) {
    t.true(client.includes(`  ${line}`), line);
  }
  t.regex(client, /^ {2}constructorOperation\(input/m, 'an operation named constructor is a method of another name');
  t.regex(client, /^ {2}proto\(input/m);

  // every schema type under its predicted name, declared once
  const typeNames = ir.complexTypes.filter((c) => c.xsdName !== undefined).map((c) => c.tsName);
  const simpleNames = ir.simpleTypes.filter((s) => s.xsdName !== undefined).map((s) => s.tsName);
  t.deepEqual([...typeNames, ...simpleNames].filter((n) => n !== 'RequestPacket' && n !== 'ResponsePacket'), EXPECTED);
  const rootFiles = ['types', 'codecs', 'client', 'metadata', 'protocol-version', 'operations'].map((f) => files.get(`src/${f}.ts`)!);
  const exported = rootFiles.join('\n').match(/^export (?:type|interface|class|function|const) (\w+)/gm)!.map((l) => l.split(' ').at(-1));
  t.deepEqual(exported.filter((n, i) => exported.indexOf(n) !== i), [], 'no name the package root exports is declared twice');

  // one tsc run: the package's sources under its own strict tsconfig, and a consumer importing every type from the root
  const out = path.join(dir, 'package');
  writePackage(out, files);
  mkdirSync(path.join(out, 'consumer'));
  writeFileSync(path.join(out, 'consumer', 'uses.ts'), [
    `import type { ${EXPECTED.join(', ')} } from '../src/index.js';`,
    `import { PleskClient, ${ROOT_NAMES.filter((n) => n !== 'PleskClientCore' && n !== 'Invoker' && n !== 'OPERATIONS' && n !== 'CODEC' && n !== 'waitForTask' && !/^[A-Z]/.test(n)).join(', ')} } from '../src/index.js';`,
    `export type All = [${EXPECTED.join(', ')}];`,
    'export const client: typeof PleskClient = PleskClient;',
    // typed: the package's tsconfig asks isolatedDeclarations of every export (its compiler's subset)
    `export const values: unknown[] = [${ROOT_NAMES.filter((n) => n !== 'PleskClientCore' && n !== 'Invoker' && n !== 'OPERATIONS' && n !== 'CODEC' && n !== 'waitForTask' && !/^[A-Z]/.test(n)).join(', ')}];`,
  ].join('\n'));
  writeFileSync(path.join(out, 'tsconfig.check.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, rootDir: '.' }, include: ['src', 'consumer'] }));
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(out, 'tsconfig.check.json')], { stdio: 'pipe' });
  } catch (error) {
    t.fail((error as { stdout?: Buffer }).stdout?.toString() ?? String(error));
  }
});

test('the package imports and runs: a schema type named like a runtime export does not shadow it', async (t) => {
  const dir = tempDir('hostile-names-run');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'main.xsd'), schema('<xs:element name="XmlDecodeError" type="XmlDecodeError"/><xs:complexType name="XmlDecodeError"><xs:sequence><xs:element name="constructor" type="xs:string" maxOccurs="unbounded"/></xs:sequence></xs:complexType>'));
  const { files } = generateFrom([path.join(dir, 'main.xsd')]);
  const out = path.join(dir, 'package');
  writePackage(out, files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  const value = pkg.decodeType('XmlDecodeErrorType', 'XmlDecodeError', '<XmlDecodeError><constructor>a</constructor><constructor>b</constructor></XmlDecodeError>');
  t.deepEqual(value, { constructor: ['a', 'b'] });
  t.is(typeof pkg.XmlDecodeError, 'function', 'the runtime class is still the export of that name');
  t.throws(() => pkg.decodeType('XmlDecodeErrorType', 'XmlDecodeError', '<XmlDecodeError><x/></XmlDecodeError>'), { instanceOf: pkg.XmlDecodeError });
});
