/** The generated package compiles with tsc --strict (its own `npm run build`), and its built entry imports and works. */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers/project.js';

const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

test('tsc --strict builds generated/ to dist/, and the built entry decodes a response', async (t) => {
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'generated', 'tsconfig.json'), '--strict'], { stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: Buffer; message: string };
    return t.fail(`tsc failed on generated/:\n${e.stdout?.toString() ?? e.message}`);
  }
  const dist = path.join(ROOT, 'generated', 'dist');
  t.true(readFileSync(path.join(dist, 'index.d.ts'), 'utf8').includes("export * from './codecs.js'"));
  const built = await import(pathToFileURL(path.join(dist, 'index.js')).href);
  const xml = readFileSync(path.join(ROOT, 'test', 'fixtures', 'get-tasks-info.server.response.xml'), 'utf8');
  const packet = built.decodeResponsePacket(xml);
  t.is(packet.operators[0].backupManager.operations[0].getTasksInfo.result[0].task[0].filename, 'my_1512011119.tar');
  t.throws(() => built.decodeResponsePacket('<packet><nope/></packet>'), { instanceOf: built.XmlDecodeError });
});
