/**
 * The tarball `npm pack` makes of this checkout, made once per run for the tests that install it
 * as a user does (install.test.ts, backup-workflow-project.test.ts): packing runs the checkout's
 * `prepare` (the generator's build, some 20 s of CPU), and two tests that packed it each paid that
 * twice. Kept in .tmp/cache/, keyed by what npm packs and what builds it (package.json, the build's
 * tsconfig, and every folder and file `files` names but the built dist/): a changed source makes a
 * new key. Test files run in processes of their own, maybe at once: the first takes a lock (a
 * folder: made or not, atomically) and packs into a folder of its own, renamed into place when
 * complete; the others wait for it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashFolder } from './generation-cache.js';
import { npm } from './npm.js';
import { ROOT } from './project.js';

const CACHE = path.join(ROOT, '.tmp', 'cache');
/** a lock older than this was left by a run that was killed */
const STALE_LOCK_MS = 10 * 60_000;

export interface PackedCheckout {
  /** the tarball's path */
  tarball: string;
  /** the paths npm packed, sorted */
  files: string[];
}

/** What the tarball is made of: its key. */
function key(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const hash = createHash('sha256').update(readFileSync(path.join(ROOT, 'package.json'))).update(readFileSync(path.join(ROOT, 'tsconfig.build.json')));
  for (const entry of pkg.files.filter((f) => !f.startsWith('dist/')).sort()) {
    const abs = path.join(ROOT, entry);
    hash.update(`${entry}\0`).update(statSync(abs).isDirectory() ? hashFolder(abs) : readFileSync(abs)).update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** The checkout's tarball, packed by this process or by another of this run. */
export async function packedCheckout(): Promise<PackedCheckout> {
  mkdirSync(CACHE, { recursive: true });
  const done = path.join(CACHE, `pack-${key()}`);
  const lock = `${done}.lock`;
  for (;;) {
    if (existsSync(path.join(done, 'files.json'))) return JSON.parse(readFileSync(path.join(done, 'files.json'), 'utf8')) as PackedCheckout;
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      const work = `${done}.${process.pid}`;
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work);
      const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', work], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
      const result: PackedCheckout = { tarball: path.join(done, packed!.filename), files: packed!.files.map((f) => f.path).sort() };
      writeFileSync(path.join(work, 'files.json'), `${JSON.stringify(result)}\n`);
      renameSync(work, done);
      return result;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
