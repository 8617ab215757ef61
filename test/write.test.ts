/**
 * writePackage: only changed files are rewritten, the user's files are never touched, and a
 * failure at any step leaves the output folder byte-identical.
 */
import test from 'ava';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../generator/errors.js';
import { MANIFEST } from '../generator/manifest.js';
import { checkOutput, nodeOps, writePackage, type WriteOps } from '../generator/write.js';
import { snapshot, tempDir } from './helpers/cli.js';

const v1 = new Map([
  ['README.md', 'readme 1\n'],
  ['package.json', '{"v":1}\n'],
  ['src/index.ts', 'index 1\n'],
  ['src/old/gone.ts', 'gone\n'],
  ['src/runtime/a.ts', 'a\n'],
]);
const v2 = new Map([
  ['README.md', 'readme 2\n'],
  ['package.json', '{"v":1}\n'],
  ['src/index.ts', 'index 2\n'],
  ['src/new/made.ts', 'made\n'],
  ['src/runtime/a.ts', 'a\n'],
]);

function fresh(t: { teardown: (f: () => void) => void }, name: string): string {
  const dir = tempDir(name);
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const put = (file: string, text: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

test('first write creates the folder, the files and a manifest of them', (t) => {
  const out = path.join(fresh(t, 'write-first'), 'nested', 'out');
  const report = writePackage(out, v1);
  t.deepEqual(report.written, [...v1.keys()]);
  for (const [rel, text] of v1) t.is(readFileSync(path.join(out, rel), 'utf8'), text);
  t.is(readFileSync(path.join(out, MANIFEST), 'utf8'), `${[...v1.keys()].join('\n')}\n`);
  t.deepEqual(checkOutput(out, v1), []);
  t.false(Object.keys(snapshot(out)).some((p) => p.startsWith('.plesk-codegen-tmp-')), 'no staging folder is left');
});

test('a rewrite changes only what differs, removes what is no longer generated, and keeps the user\'s files', (t) => {
  const out = fresh(t, 'write-second');
  writePackage(out, v1);
  put(path.join(out, 'notes.txt'), 'mine\n');
  put(path.join(out, 'src', 'old', 'keep.ts'), 'mine too\n');
  put(path.join(out, 'node_modules', 'saxes', 'package.json'), '{}\n');
  put(path.join(out, 'dist', 'index.js'), 'built\n');
  const unchangedMtime = statSync(path.join(out, 'src', 'runtime', 'a.ts')).mtimeMs;
  const before = snapshot(out);

  const report = writePackage(out, v2);
  t.deepEqual(report, { written: ['README.md', 'src/index.ts', 'src/new/made.ts'], unchanged: ['package.json', 'src/runtime/a.ts'], removed: ['src/old/gone.ts'] });
  const after = snapshot(out);
  for (const user of ['notes.txt', 'src/old/keep.ts', 'node_modules/saxes/package.json', 'dist/index.js']) t.is(after[user], before[user], user);
  t.false(existsSync(path.join(out, 'src', 'old', 'gone.ts')));
  t.is(statSync(path.join(out, 'src', 'runtime', 'a.ts')).mtimeMs, unchangedMtime, 'an unchanged file is not rewritten');
  t.deepEqual(checkOutput(out, v2), []);

  rmSync(path.join(out, 'src', 'old', 'keep.ts'));
  writePackage(out, v1);
  writePackage(out, v2);
  t.false(existsSync(path.join(out, 'src', 'old')), 'a folder emptied of generated files is removed');
});

test('a file the user placed where a generated file goes is refused, and nothing is written', (t) => {
  const out = fresh(t, 'write-conflict');
  put(path.join(out, 'package.json'), '{"name":"my-app"}\n');
  put(path.join(out, 'src'), 'a file where a folder must go\n');
  const before = snapshot(out);
  const error = t.throws(() => writePackage(out, v1, { display: (p) => path.relative(out, p) || '.' }), { instanceOf: OutputError });
  t.regex(error!.message, /package\.json: is a file that plesk-codegen did not write/);
  t.regex(error!.message, /src: is a file, but the generator needs a folder there/);
  t.regex(error!.message, /fix: move them out of the output folder/);
  t.deepEqual(snapshot(out), before);
});

test('a file whose content is already what the generator writes is adopted, even without a manifest', (t) => {
  const out = fresh(t, 'write-adopt');
  writePackage(out, v1);
  rmSync(path.join(out, MANIFEST));
  const report = writePackage(out, v1);
  t.deepEqual(report.written, []);
  t.deepEqual(checkOutput(out, v1), []);
});

test('a manifest entry that points outside the folder is ignored', (t) => {
  const root = fresh(t, 'write-escape');
  const out = path.join(root, 'out');
  put(path.join(root, 'precious.txt'), 'keep\n');
  writePackage(out, v1);
  writeFileSync(path.join(out, MANIFEST), `${readFileSync(path.join(out, MANIFEST), 'utf8')}../precious.txt\n${path.join(root, 'precious.txt')}\n`);
  writePackage(out, v2);
  t.is(readFileSync(path.join(root, 'precious.txt'), 'utf8'), 'keep\n');
});

test('the staging folder of a run that died is removed by the next run; a live run\'s is not', (t) => {
  const out = fresh(t, 'write-leftover');
  writePackage(out, v1);
  const dead = path.join(out, '.plesk-codegen-tmp-999999999', 'new', 'README.md');
  const live = path.join(out, `.plesk-codegen-tmp-${process.ppid}`, 'new', 'README.md');
  put(dead, 'x');
  put(live, 'x');
  writePackage(out, v2);
  t.false(existsSync(path.dirname(path.dirname(dead))));
  t.true(existsSync(live));
});

/** Ops that throw at the n-th change (mkdir, write or rename), counting from 1. */
function failingAt(n: number): WriteOps & { calls: number } {
  const ops = { calls: 0 } as WriteOps & { calls: number };
  const step = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => {
    if (++ops.calls === n) throw Object.assign(new Error('injected'), { code: 'EIO' });
    f(...a);
  };
  ops.mkdir = step(nodeOps.mkdir);
  ops.writeFile = step(nodeOps.writeFile);
  ops.rename = step(nodeOps.rename);
  ops.rmdir = nodeOps.rmdir;
  return ops;
}

for (const [name, previous] of [['over a previous output', v1], ['into a folder that does not exist yet', undefined]] as const) {
  test(`a failure at any step of a write ${name} leaves the folder byte-identical`, (t) => {
    const root = fresh(t, 'write-fail');
    let steps = 0;
    for (let n = 1; ; n++) {
      const out = path.join(root, String(n), 'out');
      mkdirSync(path.dirname(out), { recursive: true });
      if (previous) {
        writePackage(out, previous);
        put(path.join(out, 'node_modules', 'x', 'index.js'), 'user\n');
      }
      const before = previous ? snapshot(out) : undefined;
      const ops = failingAt(n);
      try {
        writePackage(out, v2, { ops });
      } catch (error) {
        t.true(error instanceof OutputError, String(error));
        t.regex((error as Error).message, /could not be written \(EIO\); the output folder was left as it was/);
        if (before) t.deepEqual(snapshot(out), before, `failure at step ${n}`);
        else t.false(existsSync(out), `failure at step ${n} leaves no folder`);
        steps++;
        continue;
      }
      t.is(ops.calls, n - 1, 'the run that did not fail made one step fewer than the last injected failure');
      t.deepEqual(checkOutput(out, v2), []);
      break;
    }
    t.true(steps > 8, `injected ${steps} failures`);
  });
}
