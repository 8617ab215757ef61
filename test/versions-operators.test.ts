/**
 * A package for chosen operators (the option `operators`, issue 23) of several protocol versions
 * (issue 25), on the small API of two versions (test/fixtures/versions/: 1.6.0.0 has the
 * operators thing and old, 1.6.1.0 thing and fresh): a version's own `operators`, the package's
 * `operators` applied to every version that declares them, and the mistakes, each named with its
 * file and the fix.
 */
import test from 'ava';
import path from 'node:path';
import { generate, type GenerateResult } from '../generator/generate.js';
import { SchemaError } from '../generator/errors.js';
import { readRuntimeSources, readTemplates } from '../generator/load/load-inputs.js';
import { loadSchemaSets } from '../generator/load/load-schemas.js';
import { setRevision } from '../generator/load/set-revision.js';
import { ROOT } from './helpers/project.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'versions');
const entries = (version: string) => ['request.xsd', 'response.xsd'].map((f) => path.join(FIXTURES, version, f));

function generateSmall(own: { '1.6.0.0'?: string[]; '1.6.1.0'?: string[] }, operators?: string[]): GenerateResult {
  const versions = (['1.6.0.0', '1.6.1.0'] as const).map((protocolVersion) => {
    const sets = loadSchemaSets(entries(protocolVersion));
    return { protocolVersion, revision: setRevision(sets), sets, ...(own[protocolVersion] ? { operators: own[protocolVersion] } : {}) };
  });
  return generate({ sets: versions.flatMap((v) => v.sets), versions, runtime: readRuntimeSources(), templates: readTemplates(), packageName: 'small', packageVersion: '1.0.0', ...(operators ? { operators } : {}) });
}

const operatorsOf = (result: GenerateResult) => result.ir.operators.map((o) => `${o.name}: ${o.versions!.join(' ')}`);

test('each version\'s own operators: the package has those, each in the versions that chose it', (t) => {
  const result = generateSmall({ '1.6.0.0': ['thing', 'old'], '1.6.1.0': ['fresh'] });
  t.deepEqual(operatorsOf(result), ['thing: 1.6.0.0', 'old: 1.6.0.0', 'fresh: 1.6.1.0']);
  t.regex(result.files.get('README.md')!, /\| `thing` \| ✓ \| — \|\n\| `old` \| ✓ \| — \|\n\| `fresh` \| — \| ✓ \|/);
});

test('the package\'s operators apply to every version, each keeping those it declares', (t) => {
  const result = generateSmall({}, ['thing', 'old']);
  t.deepEqual(operatorsOf(result), ['thing: 1.6.0.0 1.6.1.0', 'old: 1.6.0.0']);
  t.false(result.files.get('src/client.ts')!.includes('FreshOperations'));
  // a version's own list wins over the package's
  t.deepEqual(operatorsOf(generateSmall({ '1.6.1.0': ['fresh'] }, ['old'])), ['old: 1.6.0.0', 'fresh: 1.6.1.0']);
});

test('an operator no version declares, a version declaring none of the package\'s, and a version\'s own unknown operator: schema errors naming the file and the fix', (t) => {
  const request = (version: string) => path.join(FIXTURES, version, 'request.xsd');
  const none = t.throws(() => generateSmall({}, ['thing', 'frsh']), { instanceOf: SchemaError })!;
  t.is(none.file, request('1.6.0.0'));
  t.is(none.problem, 'none of the protocol versions 1.6.0.0, 1.6.1.0 declares an operator <frsh>');
  t.is(none.fix, 'did you mean fresh? choose among the operators its versions declare: fresh, old, thing');
  const empty = t.throws(() => generateSmall({}, ['old']), { instanceOf: SchemaError })!;
  t.is(empty.file, request('1.6.1.0'));
  t.is(empty.problem, 'the packet of protocol 1.6.1.0 declares none of the operators old');
  t.is(empty.fix, 'leave protocol 1.6.1.0 out of versions, or give its entry operators of its own (it declares fresh, thing)');
  const own = t.throws(() => generateSmall({ '1.6.0.0': ['fresh'] }), { instanceOf: SchemaError })!;
  t.is(own.file, request('1.6.0.0'));
  t.is(own.problem, 'the packet declares no operator <fresh>');
  t.is(own.fix, 'choose among the operators these schemas declare: old, thing');
});
