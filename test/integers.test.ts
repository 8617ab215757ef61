/**
 * One TypeScript type per integer field. Unbounded integer types (xs:integer, xs:long,
 * xs:positiveInteger …, and Plesk's `int` and `id_type`, which derive from them) are `number` by
 * default: arithmetic compiles (test/fixtures/call-site/calls.ts adds 1 to a customer's id), and a
 * value beyond 2^53 − 1 fails to decode rather than become another number (samples.test.ts).
 * With the package option `integers: "bigint"` every such field is a `bigint`, end to end: its
 * type, what the decoder gives, what the encoder writes. Encoders take both in either mode.
 */
import test from 'ava';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { encodeResponsePacket } from '../generated/src/index.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { DEFAULT_ENTRIES, generateFrom, ROOT } from './helpers/project.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8');
const BIG = '123456789012345678901234567890';

test('by default every unbounded integer type is number; with integers: "bigint", bigint', (t) => {
  const plain = generateFrom(DEFAULT_ENTRIES).files.get('src/types.ts')!;
  const big = generateFrom(DEFAULT_ENTRIES, undefined, undefined, { integers: 'bigint' }).files.get('src/types.ts')!;
  for (const alias of ['IdType', 'Int', 'Long', 'UnsignedLong', 'Size']) {
    t.regex(plain, new RegExp(`^export type ${alias} = number;$`, 'm'), alias);
    t.regex(big, new RegExp(`^export type ${alias} = bigint;$`, 'm'), alias);
  }
  t.false(/number \| bigint/.test(plain), 'no field is number | bigint');
  // a bounded integer type (xs:int) stays a number either way
  t.regex(big, /^ {2}splitSize\?: Int;$/m);
});

test('with integers: "bigint" the decoder gives bigints, small and beyond 2^53, and the encoder writes them back', async (t) => {
  const { files } = generateFrom(DEFAULT_ENTRIES, undefined, undefined, { integers: 'bigint' });
  const pkg = await import(pathToFileURL(path.join(sharedPackageDir(files), 'src', 'index.ts')).href);
  const xml = fixture('get-tasks-info.customer.response.xml').replace('<id>42</id>', `<id>${BIG}</id>`);
  const decoded = pkg.decodeResponsePacket(xml);
  const task = decoded.operators[0].backupManager.operations[0].getTasksInfo.result[0].task[0];
  t.is(task.id, BigInt(BIG));
  const small = pkg.decodeResponsePacket(fixture('get-tasks-info.customer.response.xml')).operators[0].backupManager.operations[0].getTasksInfo.result[0].task[0];
  t.is(small.id, 42n);
  t.true(pkg.encodeResponsePacket(decoded).includes(`<id>${BIG}</id>`));
  // and the encoder takes a number too
  task.id = 7;
  t.true(pkg.encodeResponsePacket(decoded).includes('<id>7</id>'));
});

test('the default package encodes a bigint as well as a number, and refuses an inexact number', (t) => {
  const result = (id: unknown) => ({ operators: [{ backupManager: { operations: [{ getTasksInfo: { result: [{ status: 'ok', task: [{ server: true, id, status: 'working', started: '2020-01-01 00:00:00', prefix: '', filename: '', protocol: 'local' }] }] } }] } }] });
  t.true(encodeResponsePacket(result(BigInt(BIG)) as never).includes(`<id>${BIG}</id>`));
  t.true(encodeResponsePacket(result(42) as never).includes('<id>42</id>'));
  t.throws(() => encodeResponsePacket(result(2 ** 60) as never), { message: /expected an integer \(a safe-integer number or a bigint\), got number 1152921504606847000/ });
});
