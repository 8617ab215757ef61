/**
 * The schema tables a generated package exports (`schema` of metadata.ts) are frozen all the way
 * down: every caller in the process shares them, so a change by one (a value pushed into an
 * enumeration) would change what every other validates. Mutating them throws (ES modules are
 * strict code), the types say they are read-only, and validation stays what the schema says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { decodeType, schema, XmlDecodeError } from '../generated/src/index.js';
import { frozenSchema, type SchemaMeta } from '../runtime/codec/meta.js';
import { ROOT } from './helpers/project.js';

/** Every object and array reachable from a value, with its path. */
function everyObject(value: unknown, path = 'schema', out: Array<[string, object]> = []): Array<[string, object]> {
  if (value === null || typeof value !== 'object') return out;
  out.push([path, value]);
  for (const key of Object.keys(value)) everyObject((value as Record<string, unknown>)[key], `${path}.${key}`, out);
  return out;
}

const task = (status: string) => `<task><server/><id>1</id><status>${status}</status><started>2024-01-01 00:00:00</started><prefix/><filename/><protocol>local</protocol></task>`;

test('every object and array of the exported tables is frozen', (t) => {
  const all = everyObject(schema);
  t.true(all.length > 100, `${all.length} objects`);
  t.deepEqual(all.filter(([, o]) => !Object.isFrozen(o)).map(([p]) => p), []);
});

test('mutating the tables throws a TypeError, and validation is unchanged', (t) => {
  const status = schema.simple.BackupTaskStatus!;
  t.deepEqual(status.enum, ['working', 'stopped', 'failed', 'finished']);
  // @ts-expect-error the types say so too: the enumeration is read-only
  t.throws(() => status.enum!.push('hacked'), { instanceOf: TypeError, message: /object is not extensible/ });
  t.throws(() => {
    (status.enum as string[])[0] = 'hacked';
  }, { instanceOf: TypeError, message: /read.only/ });
  t.throws(() => {
    (status as { name: string }).name = 'hacked';
  }, { instanceOf: TypeError, message: /read.only/ });
  t.throws(() => {
    (schema.simple as Record<string, unknown>).Hacked = { name: 'Hacked', family: 'string', ws: 'preserve' };
  }, { instanceOf: TypeError, message: /object is not extensible/ });
  t.throws(() => {
    delete (schema.complex as Record<string, unknown>).BackupGetBackupStatusOutputResultTask;
  }, { instanceOf: TypeError, message: /Cannot delete property/ });
  const model = schema.complex.BackupGetBackupStatusOutputResultTask!.model!;
  t.throws(() => (model as unknown as { items: unknown[] }).items.pop(), { instanceOf: TypeError });
  t.deepEqual(status.enum, ['working', 'stopped', 'failed', 'finished'], 'nothing changed');
  t.like(decodeType('BackupGetBackupStatusOutputResultTask', 'task', task('working')), { id: 1, status: 'working', server: true });
  const error = t.throws(() => decodeType('BackupGetBackupStatusOutputResultTask', 'task', task('hacked')), { instanceOf: XmlDecodeError });
  t.is(error.reason, '"hacked" is not one of the values allowed by BackupTaskStatus: working, stopped, failed, finished');
});

test('frozenSchema freezes every level of tables given to it and returns them; metadata.ts exports them through it, as a const', (t) => {
  const tables: SchemaMeta = {
    simple: { E: { name: 'E', family: 'string', ws: 'preserve', enum: ['a'], union: [{ name: 'M', family: 'int', ws: 'collapse', patterns: [[{ source: '1', re: { text: '1' } }]] }] } },
    complex: { C: { name: 'C', attrs: [{ name: 'a', prop: 'a', type: 'E', required: false }], content: 'elements', model: { k: 'seq', min: 1, max: 1, items: [{ k: 'el', name: 'x', prop: 'x', type: { s: 'E' }, min: 1, max: 1 }] } } },
  };
  t.is(frozenSchema(tables), tables);
  t.deepEqual(everyObject(tables).filter(([, o]) => !Object.isFrozen(o)).map(([p]) => p), []);
  const metadata = readFileSync(path.join(ROOT, 'generated', 'src', 'metadata.ts'), 'utf8');
  t.regex(metadata, /^import \{ frozenSchema, type Frozen, type SchemaMeta \} from '\.\/runtime\/codec\/meta\.js';$/m);
  t.regex(metadata, /^export const schema: Frozen<SchemaMeta> = frozenSchema\(\{$/m);
  t.true(metadata.endsWith('\n  });\n'), 'the tables end the call');
});
