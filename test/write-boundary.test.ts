/**
 * The output folder is a boundary: a committed symbolic link, a tampered manifest or a leftover
 * staging folder never makes a run write, rename or remove anything outside it; what is left
 * alone is reported; a staging folder left by a killed run is removed by every run and reported by
 * --check.
 */
import test from 'ava';
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkOutput, inspectOutput } from '../generator/check-output.js';
import { OutputError } from '../generator/errors.js';
import { MANIFEST } from '../generator/manifest.js';
import { writePackage } from '../generator/write.js';
import { snapshot, tempDir } from './helpers/cli.js';

const v1 = new Map([
  ['README.md', 'readme 1\n'],
  ['src/index.ts', 'index 1\n'],
  ['src/old/gone.ts', 'gone\n'],
]);
const v2 = new Map([
  ['README.md', 'readme 2\n'],
  ['src/index.ts', 'index 2\n'],
]);

/** A fresh folder holding `outside/precious.txt` and `sibling.txt`; the output folder is `out` in it. */
function root(t: { teardown: (f: () => void) => void }, name: string): { root: string; out: string; outside: string } {
  const dir = tempDir(name);
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'outside'));
  writeFileSync(path.join(dir, 'outside', 'precious.txt'), 'keep\n');
  writeFileSync(path.join(dir, 'sibling.txt'), 'keep too\n');
  return { root: dir, out: path.join(dir, 'out'), outside: path.join(dir, 'outside') };
}

test('symbolic links inside the output folder and manifest lines through them or out of it: nothing outside is removed, and each line is reported', (t) => {
  const { root: dir, out, outside } = root(t, 'boundary-manifest');
  writePackage(out, v1);
  symlinkSync('../outside', path.join(out, 'link'));
  symlinkSync('..', path.join(out, 'up')); // the output folder's parent
  appendFileSync(path.join(out, MANIFEST), ['link/precious.txt', 'up/sibling.txt', '../sibling.txt', path.join(outside, 'precious.txt'), 'link\\precious.txt', 'src/\0x', 'src/./index.ts', `${MANIFEST}`, ''].join('\n'));
  const before = snapshot(dir);

  const report = writePackage(out, v2, { display: (p) => path.relative(dir, p) });
  t.deepEqual(report.warnings, [
    'out/.plesk-codegen-manifest: line 7: "../sibling.txt" leads out of the output folder (..); the line was ignored (plesk-codegen never writes such a line: check who changed the manifest)',
    `out/.plesk-codegen-manifest: line 8: ${JSON.stringify(path.join(outside, 'precious.txt'))} is an absolute path; the line was ignored (plesk-codegen never writes such a line: check who changed the manifest)`,
    'out/.plesk-codegen-manifest: line 9: "link\\\\precious.txt" holds a backslash (plesk-codegen writes paths with /); the line was ignored (plesk-codegen never writes such a line: check who changed the manifest)',
    'out/.plesk-codegen-manifest: line 10: "src/\\u0000x" holds a NUL character; the line was ignored (plesk-codegen never writes such a line: check who changed the manifest)',
    'out/.plesk-codegen-manifest: line 11: "src/./index.ts" has an empty or "." segment; the line was ignored (plesk-codegen never writes such a line: check who changed the manifest)',
    'out/.plesk-codegen-manifest: line 12: ".plesk-codegen-manifest" names plesk-codegen\'s own bookkeeping (the manifest or a staging folder); the line was ignored (plesk-codegen never writes such a line: check who changed the manifest)',
    'out/.plesk-codegen-manifest lists "link/precious.txt", but "link" is a symbolic link, not a folder: it was left alone (plesk-codegen follows no link out of the output folder)',
    'out/.plesk-codegen-manifest lists "up/sibling.txt", but "up" is a symbolic link, not a folder: it was left alone (plesk-codegen follows no link out of the output folder)',
  ]);
  t.deepEqual(report.removed, ['src/old/gone.ts']);
  const after = snapshot(dir);
  for (const file of ['outside/precious.txt', 'sibling.txt']) t.is(after[file], before[file], file);
  t.is(readFileSync(path.join(outside, 'precious.txt'), 'utf8'), 'keep\n');
  t.true(lstatSync(path.join(out, 'link')).isSymbolicLink() && lstatSync(path.join(out, 'up')).isSymbolicLink(), "the user's links stay");
  t.deepEqual(checkOutput(out, v2), [], 'the rewritten manifest lists the generated files only');
});

test('--check reports the same lines and calls the folder stale, reading nothing through the links', (t) => {
  const { out } = root(t, 'boundary-check');
  writePackage(out, v1);
  symlinkSync('../outside', path.join(out, 'link'));
  appendFileSync(path.join(out, MANIFEST), 'link/precious.txt\n');
  const { stale, warnings } = inspectOutput(out, v1, (p) => path.relative(out, p));
  t.deepEqual(stale, [{ path: MANIFEST, reason: 'differs' }]);
  t.deepEqual(warnings, ['.plesk-codegen-manifest lists "link/precious.txt", but "link" is a symbolic link, not a folder: it was left alone (plesk-codegen follows no link out of the output folder)']);
});

test('a generated file whose folder is a symbolic link is refused before anything is written, and nothing is written through the link', (t) => {
  const { root: dir, out } = root(t, 'boundary-folder-link');
  mkdirSync(out);
  symlinkSync('../outside', path.join(out, 'src'));
  const before = snapshot(dir);
  const error = t.throws(() => writePackage(out, new Map([['README.md', 'r\n'], ['src/index.ts', 'i\n']]), { display: (p) => path.relative(dir, p) }), { instanceOf: OutputError });
  t.is(error?.message, 'out/src: is a symbolic link, but the generator needs a real folder there (for src/index.ts): it writes nothing through a link, which could lead out of the output folder\n  fix: move it out of the output folder (or choose another --out), then run again; delete it if an older plesk-codegen run wrote it. Nothing was changed');
  t.deepEqual(snapshot(dir), before);
});

test('a generated file replaced by a symbolic link (to a file outside, or to /dev/zero) is refused, and its target is neither read nor touched', (t) => {
  t.timeout(20_000); // reading through the link to /dev/zero would never end
  const { root: dir, out, outside } = root(t, 'boundary-file-link');
  writePackage(out, v1);
  for (const [file, target] of [['README.md', path.join(outside, 'precious.txt')], ['src/index.ts', '/dev/zero']] as const) {
    rmSync(path.join(out, file));
    symlinkSync(target, path.join(out, file));
  }
  const before = snapshot(path.join(dir, 'outside'));
  const error = t.throws(() => writePackage(out, new Map([...v1, ['README.md', 'readme 2\n']]), { display: (p) => path.relative(dir, p) }), { instanceOf: OutputError });
  t.is(error?.message, 'out: 2 files or folders that plesk-codegen did not write are where it needs to write:\n  out/README.md: is a symbolic link, where the generator needs to write README.md: it replaces only regular files it wrote\n  out/src/index.ts: is a symbolic link, where the generator needs to write src/index.ts: it replaces only regular files it wrote\n  fix: move them out of the output folder (or choose another --out), then run again; delete them if an older plesk-codegen run wrote them. Nothing was changed');
  t.deepEqual(snapshot(path.join(dir, 'outside')), before);
  t.deepEqual(checkOutput(out, v1).map((s) => `${s.path} ${s.reason}`), ['README.md differs', 'src/index.ts differs']);
});

test('a manifest that is a symbolic link (to /dev/zero) is not read: the run says so and replaces it with a real manifest', (t) => {
  t.timeout(20_000); // reading /dev/zero would never end
  const { root: dir, out } = root(t, 'boundary-manifest-link');
  writePackage(out, v1);
  rmSync(path.join(out, MANIFEST));
  symlinkSync('/dev/zero', path.join(out, MANIFEST));
  const report = writePackage(out, v1, { display: (p) => path.relative(dir, p) });
  t.deepEqual(report.warnings, ['out/.plesk-codegen-manifest is a symbolic link (or a loop of them): it was not read, so plesk-codegen takes no file in the folder for its own']);
  t.deepEqual([report.written, report.unchanged], [[], [...v1.keys()]], 'the files are what it writes, so they are its own again');
  t.true(lstatSync(path.join(out, MANIFEST)).isFile());
  t.deepEqual(checkOutput(out, v1), []);
});

test('a staging folder left by a killed run is removed by the next run even when it has nothing to write, and --check reports it until then', (t) => {
  const { root: dir, out } = root(t, 'boundary-staging');
  writePackage(out, v1);
  const leftover = path.join(out, '.plesk-codegen-tmp-999999999');
  mkdirSync(path.join(leftover, 'new', 'src'), { recursive: true });
  writeFileSync(path.join(leftover, 'new', 'src', 'index.ts'), 'index 2\n');
  symlinkSync('../outside', path.join(out, '.plesk-codegen-tmp-999999998')); // a link named like one: not plesk-codegen's
  t.deepEqual(checkOutput(out, v1), [{ path: '.plesk-codegen-tmp-999999999', reason: 'left by an interrupted run' }]);

  const report = writePackage(out, v1);
  t.deepEqual([report.written, report.removed, report.warnings], [[], [], []], 'nothing to write');
  t.false(existsSync(leftover));
  t.true(lstatSync(path.join(out, '.plesk-codegen-tmp-999999998')).isSymbolicLink(), 'the link is left alone');
  t.is(readFileSync(path.join(dir, 'outside', 'precious.txt'), 'utf8'), 'keep\n');
  t.deepEqual(checkOutput(out, v1), []);
});
