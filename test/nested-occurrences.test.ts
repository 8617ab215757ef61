/**
 * Repeating groups inside repeating groups, with libxml2 (xmllint) as the judge: XML Schema
 * accepts a document when SOME grouping of its elements into the groups' iterations satisfies
 * every minOccurs and maxOccurs, so three <b> in `<xs:choice maxOccurs="2"><xs:sequence
 * maxOccurs="2"><b/>` are two iterations of the choice (2 + 1), and five are too many (2 × 2).
 * For each document, the decoder must accept exactly what libxml2 accepts, through the schema
 * decoder (the tables alone) and with the package's emitted code (where the direct reader reads
 * what its first grouping allows and leaves the rest to the schema decoder) alike; what it
 * accepts, the encoder must write back to a document that decodes to the same value.
 */
import test from 'ava';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { validateXML } from 'xmllint-wasm';
import { writePackage } from '../generator/write.js';
import { tempDir } from './helpers/cli.js';
import { generateFrom } from './helpers/project.js';

const INT = 'type="xs:int"';
/** [type name, its content model]: each type has a root element named like it, in lower case */
const TYPES: Array<[string, string]> = [
  // the reviewer's case: a bounded sequence in a bounded choice (the sequence of one element is folded into <b> 1..2)
  ['ChoiceOfSeq', `<xs:choice maxOccurs="2"><xs:sequence maxOccurs="2"><xs:element name="b" ${INT}/></xs:sequence></xs:choice>`],
  // a sequence in a sequence, bounds on both levels, the inner one with a minOccurs
  ['SeqOfSeq', `<xs:sequence maxOccurs="2"><xs:sequence minOccurs="2" maxOccurs="3"><xs:element name="b" ${INT}/></xs:sequence></xs:sequence>`],
  // a sequence of two elements in a sequence: real nested records
  ['SeqOfPairs', `<xs:sequence maxOccurs="2"><xs:sequence maxOccurs="2"><xs:element name="b" ${INT}/><xs:element name="c" ${INT} minOccurs="0"/></xs:sequence></xs:sequence>`],
  // a choice in a choice, the inner one exactly twice
  ['ChoiceOfChoice', `<xs:choice maxOccurs="2"><xs:choice minOccurs="2" maxOccurs="2"><xs:element name="b" ${INT}/><xs:element name="c" ${INT}/></xs:choice></xs:choice>`],
  // unbounded outside, bounded inside
  ['Unbounded', `<xs:sequence maxOccurs="unbounded"><xs:element name="b" ${INT} minOccurs="2" maxOccurs="3"/></xs:sequence>`],
  // the outer level's minOccurs
  ['OuterMin', `<xs:sequence minOccurs="2" maxOccurs="3"><xs:element name="b" ${INT} maxOccurs="2"/></xs:sequence>`],
  // an exact inner count: only multiples of 3
  ['Exact', `<xs:sequence maxOccurs="2"><xs:element name="b" ${INT} minOccurs="3" maxOccurs="3"/></xs:sequence>`],
  // a leading element in each outer iteration
  ['Headed', `<xs:sequence maxOccurs="2"><xs:element name="a" ${INT}/><xs:sequence maxOccurs="2"><xs:element name="b" ${INT}/><xs:element name="c" ${INT} minOccurs="0"/></xs:sequence></xs:sequence>`],
];

/**
 * Bounds in the tens: more groupings than the decoder follows at once (MAX_WAYS). Not judged by
 * libxml2: its 2.13.8 (xmllint-wasm 5.3.0) accepts 3 to 146 <b> only, where XML Schema accepts k
 * iterations of 3 to 20 each for k from 1 to 20: 3 to 400.
 */
const WIDE = `<xs:complexType name="Wide"><xs:choice maxOccurs="20"><xs:sequence minOccurs="3" maxOccurs="20"><xs:element name="b" ${INT}/></xs:sequence></xs:choice></xs:complexType>\n  <xs:element name="wide" type="Wide"/>`;

const SCHEMA = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
${TYPES.map(([name, model]) => `  <xs:complexType name="${name}">${model}</xs:complexType>\n  <xs:element name="${name.toLowerCase()}" type="${name}"/>`).join('\n')}
  ${WIDE}
</xs:schema>
`;

const repeat = (element: string, n: number): string => Array.from({ length: n }, (_, i) => `<${element}>${i + 1}</${element}>`).join('');
const counts = (n: number) => Array.from({ length: n + 1 }, (_, i) => i);

/** [type, the children of its root element] */
const DOCUMENTS: Array<[string, string]> = [
  ...counts(6).map((n): [string, string] => ['ChoiceOfSeq', repeat('b', n)]),
  ...counts(8).map((n): [string, string] => ['SeqOfSeq', repeat('b', n)]),
  ...['<b>1</b><b>2</b><b>3</b>', '<b>1</b><c>2</c><b>3</b><b>4</b><c>5</c>', '<b>1</b><c>2</c><b>3</b><c>4</c><b>5</b><c>6</c><b>7</b><c>8</c>', repeat('b', 5), '<b>1</b><c>2</c><c>3</c>'].map((x): [string, string] => ['SeqOfPairs', x]),
  ...['<b>1</b>', '<b>1</b><c>2</c>', '<b>1</b><c>2</c><c>3</c>', '<c>1</c><b>2</b><b>3</b><c>4</c>', '<b>1</b><c>2</c><b>3</b><c>4</c><b>5</b>'].map((x): [string, string] => ['ChoiceOfChoice', x]),
  ...counts(9).map((n): [string, string] => ['Unbounded', repeat('b', n)]),
  ...counts(7).map((n): [string, string] => ['OuterMin', repeat('b', n)]),
  ...counts(7).map((n): [string, string] => ['Exact', repeat('b', n)]),
  ...['<a>1</a><b>2</b><b>3</b>', '<a>1</a><b>2</b><b>3</b><b>4</b>', '<a>1</a><b>2</b><c>3</c><b>4</b><a>5</a><b>6</b>', '<a>1</a><a>2</a><b>3</b>'].map((x): [string, string] => ['Headed', x]),
];

/** libxml2's verdict on each document (one run of xmllint over them all: it prints a verdict per file). */
async function libxml2Verdicts(): Promise<boolean[]> {
  const xml = DOCUMENTS.map(([type, children], i) => ({ fileName: `doc${i}.xml`, contents: `<${type.toLowerCase()}>${children}</${type.toLowerCase()}>` }));
  const { rawOutput } = await validateXML({ xml, schema: [{ fileName: 'nested.xsd', contents: SCHEMA }] });
  const lines = rawOutput.split('\n');
  return xml.map(({ fileName }) => {
    const verdicts = lines.filter((line) => line === `${fileName} validates` || line === `${fileName} fails to validate`);
    if (verdicts.length !== 1) throw new Error(`xmllint gave ${verdicts.length} verdicts on ${fileName}:\n${rawOutput}`);
    return verdicts[0]!.endsWith(' validates');
  });
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

const attempt = (f: () => unknown): Outcome => {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
};

test('nested repeating groups: the decoder accepts what libxml2 accepts, through the tables and with emitted code, and the encoder writes it back', async (t) => {
  const dir = tempDir('nested-occurrences');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'nested.xsd'), SCHEMA);
  writePackage(path.join(dir, 'package'), generateFrom([path.join(dir, 'nested.xsd')]).files);
  const src = path.join(dir, 'package', 'src');
  const pkg = await import(pathToFileURL(path.join(src, 'index.ts')).href);
  const decode = await import(pathToFileURL(path.join(src, 'runtime', 'codec', 'decode.ts')).href);
  const tables = structuredClone(pkg.schema);
  const verdictsOf = new Map<string, Set<boolean>>(TYPES.map(([name]) => [name, new Set()]));
  const direct = new Set<string>();
  const verdicts = await libxml2Verdicts();
  for (const [i, [type, children]] of DOCUMENTS.entries()) {
    const root = type.toLowerCase();
    const xml = `<${root}>${children}</${root}>`;
    const valid = verdicts[i]!;
    const before = decode.directReads.read;
    const emitted = attempt(() => decode.decodeDocument(pkg.schema, root, { c: type }, xml));
    if (decode.directReads.read > before) direct.add(xml);
    const alone = attempt(() => decode.decodeDocument(tables, root, { c: type }, xml));
    t.is(alone.ok, valid, `${xml}: libxml2 says ${valid ? 'valid' : 'invalid'}, the decoder ${alone.ok ? 'accepts it' : alone.error}`);
    t.true(isDeepStrictEqual(emitted, alone), `${xml}: with emitted code ${JSON.stringify(emitted)}, the tables alone ${JSON.stringify(alone)}`);
    verdictsOf.get(type)!.add(valid);
    if (!alone.ok) continue;
    const written = pkg.encodeType(type, root, alone.value);
    t.deepEqual(pkg.decodeType(type, root, written), alone.value, `${xml}: the encoder writes ${written}`);
  }
  // every type has documents of both verdicts
  for (const [type, seen] of verdictsOf) t.is(seen.size, 2, `${type}: libxml2 judged its documents ${[...seen].join(', ')} only`);
  // two <b> fit the first grouping (one iteration): read directly; three need another: left to the schema decoder
  t.true(direct.has(`<choiceofseq>${repeat('b', 2)}</choiceofseq>`));
  t.false(direct.has(`<choiceofseq>${repeat('b', 3)}</choiceofseq>`));
});

test('three <b> in a bounded choice of bounded sequences are two iterations of the choice; the values, the refusals where they show, and the limit of groupings followed', async (t) => {
  const dir = tempDir('nested-occurrences');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'nested.xsd'), SCHEMA);
  writePackage(path.join(dir, 'package'), generateFrom([path.join(dir, 'nested.xsd')]).files);
  const pkg = await import(pathToFileURL(path.join(dir, 'package', 'src', 'index.ts')).href);
  t.deepEqual(pkg.decodeType('ChoiceOfSeq', 'choiceofseq', `<choiceofseq>${repeat('b', 3)}</choiceofseq>`), { items: [{ b: [1, 2] }, { b: [3] }] });
  t.deepEqual(pkg.decodeType('Unbounded', 'unbounded', `<unbounded>${repeat('b', 4)}</unbounded>`), { items: [{ b: [1, 2] }, { b: [3, 4] }] });
  // the encoder writes a value of two iterations, and it decodes back
  const value = { items: [{ b: [1, 2] }, { b: [3] }] };
  const xml = pkg.encodeType('ChoiceOfSeq', 'choiceofseq', value);
  t.true(xml.endsWith(`<choiceofseq>${repeat('b', 3)}</choiceofseq>`), xml);
  t.deepEqual(pkg.decodeType('ChoiceOfSeq', 'choiceofseq', xml), value);
  // too many: at the fifth <b>, which would need a third iteration of the choice
  const error = t.throws(() => pkg.decodeType('ChoiceOfSeq', 'choiceofseq', `<choiceofseq>${repeat('b', 5)}</choiceofseq>`)) as unknown as { path: string; reason: string; line: number; column: number };
  t.like(error, { path: 'choiceofseq', reason: 'at most 2 iterations of the choice group allowed, found 3', line: 1, column: 48 });
  // too few: each iteration of Exact holds exactly three; four leave the second with one
  const few = t.throws(() => pkg.decodeType('Exact', 'exact', `<exact>${repeat('b', 4)}</exact>`)) as unknown as { path: string; reason: string; line: number; column: number };
  t.like(few, { path: 'exact', reason: 'at least 3 <b> required, found 1', line: 1, column: 47 });
  // a value grouped otherwise writes the same document, which decodes to the first grouping
  const other = pkg.encodeType('ChoiceOfSeq', 'choiceofseq', { items: [{ b: [1] }, { b: [2, 3] }] });
  t.is(other, xml);
  // bounds in the tens: every count from 3 to 400 is accepted, though the ways to group them pass 256 from 55 on
  const wideCounts = [0, 1, 2, 3, 4, 20, 21, 54, 55, 56, 146, 147, 157, 251, 399, 400, 401, 402];
  const accepted = wideCounts.filter((n) => attempt(() => pkg.decodeType('Wide', 'wide', `<wide>${repeat('b', n)}</wide>`)).ok);
  t.deepEqual(accepted, wideCounts.filter((n) => n >= 3 && n <= 400));
  // past the groupings followed at once, a refusal says that some were dropped (401 <b>: one more than 20 × 20)
  const wide = t.throws(() => pkg.decodeType('Wide', 'wide', `<wide>${repeat('b', 401)}</wide>`)) as unknown as { path: string; reason: string; line: number; column: number };
  t.like(wide, { path: 'wide', reason: 'at most 20 iterations of the choice group allowed, found 21 (the decoder follows at most 256 ways of grouping the elements into iterations at once, and dropped some)', line: 1, column: 3901 });
  // unknownElements 'keep': the fifth is kept as an extra element, the four are read as two iterations
  const events: Array<{ kind: string; name: string }> = [];
  const kept = pkg.decodeType('ChoiceOfSeq', 'choiceofseq', `<choiceofseq>${repeat('b', 5)}</choiceofseq>`, { unknownElements: 'keep', onUnknown: (e: { kind: string; name: string }) => events.push({ kind: e.kind, name: e.name }) });
  t.like(kept, { items: [{ b: [1, 2] }, { b: [3, 4] }] });
  t.deepEqual(events, [{ kind: 'extra', name: 'b' }]);
  // and an element the content model does not allow where it stands, once one was read: extra too, as in Headed, read without search
  for (const [type, children, expected] of [
    ['SeqOfPairs', '<b>1</b><c>2</c><c>3</c>', { items: [{ items: [{ b: 1, c: 2 }] }] }],
    ['Headed', '<a>1</a><b>2</b><c>3</c><c>4</c>', { items: [{ a: 1, items: [{ b: 2, c: 3 }] }] }],
  ] as const) {
    events.length = 0;
    const root = type.toLowerCase();
    const again = pkg.decodeType(type, root, `<${root}>${children}</${root}>`, { unknownElements: 'keep', onUnknown: (e: { kind: string; name: string }) => events.push({ kind: e.kind, name: e.name }) });
    t.like(again, expected);
    t.deepEqual(events, [{ kind: 'extra', name: 'c' }], type);
  }
});
