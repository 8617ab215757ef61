/**
 * The stub's handlers are typed from the schema: a handler of the wrong shape is a compile error.
 * A file of handlers is compiled with tsc --strict twice: as written, each wrong handler marked
 * `@ts-expect-error`, it compiles clean (every marked line is an error, no other line is); with
 * the marks removed, tsc reports an error on each of those lines and nowhere else.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/project.js';

const SOURCE = `import { createPleskStub, stubFile, type PleskStubHandlers } from '../../generated/src/testing.js';

const stub = await createPleskStub({
  handlers: {
    backupManager: {
      getTasksInfo: (input) => ({ status: 'ok', task: [{ id: 1, status: input.taskId ? 'working' : 'finished', started: '', prefix: '', filename: '', protocol: 'local', server: true }] }),
      backupServer: async (input) => ({ status: 'ok', taskId: input.description }),
      downloadFile: (input) => stubFile('bytes', input.filename),
      getSupportedProtocols: (input: true) => ({ status: 'ok', protocol: ['ftp'] }),
    },
  },
});
stub.fail({ kind: 'slow', delayMs: 10 }, { operation: 'backupManager.getTasksInfo' });
const calls: string[] = stub.calls.map((c) => c.key);

const wrong: PleskStubHandlers[] = [
  // @ts-expect-error a status the schema does not have
  { backupManager: { getTasksInfo: () => ({ status: 'done' }) } },
  // @ts-expect-error an errcode is a number
  { backupManager: { stopBackup: () => ({ status: 'error', errcode: 'none' }) } },
  // @ts-expect-error the request has no such property
  { backupManager: { removeFile: (input) => ({ status: 'ok', errtext: input.nope }) } },
  // @ts-expect-error a file operation answers stubFile(…), not a Buffer
  { backupManager: { downloadFile: () => Buffer.from('bytes') } },
  // @ts-expect-error a result, not a list of them (backup-server has one result)
  { backupManager: { backupServer: () => [{ status: 'ok' }] } },
  // @ts-expect-error no such operation
  { backupManager: { getTask: () => ({ status: 'ok' }) } },
  // @ts-expect-error no such operator
  { backup: {} },
];
// @ts-expect-error a slow fault needs its delay
stub.fail({ kind: 'slow' });
// @ts-expect-error no such operation to match
stub.fail({ kind: 'hang' }, { operation: 'backupManager.nope' });
export { calls, wrong };
`;

function tsc(file: string): Promise<string> {
  const args = [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--types', 'node', '--skipLibCheck', file];
  return new Promise((resolve) => execFile(process.execPath, args, { cwd: ROOT, encoding: 'utf8' }, (_error, stdout) => resolve(stdout)));
}

test('a handler of the wrong shape, an unknown operation or operator, and a malformed fault are compile errors', async (t) => {
  const dir = path.join(ROOT, '.tmp', 'stub-types');
  mkdirSync(dir, { recursive: true });
  const marked = path.join(dir, 'marked.ts');
  const unmarked = path.join(dir, 'unmarked.ts');
  writeFileSync(marked, SOURCE);
  const lines = SOURCE.split('\n');
  const expected = lines.flatMap((line, i) => (line.includes('@ts-expect-error') ? [i + 1] : []));
  writeFileSync(unmarked, lines.map((line) => (line.includes('@ts-expect-error') ? '' : line)).join('\n'));
  const [clean, errors] = await Promise.all([tsc(marked), tsc(unmarked)]);
  t.is(clean, '', 'every @ts-expect-error is used, and the right handlers compile');
  const errorLines = [...new Set([...errors.matchAll(/unmarked\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1]) - 1))];
  t.deepEqual(errorLines, expected, `errors exactly on the lines below the marks:\n${errors}`);
});
