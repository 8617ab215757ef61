/**
 * Writes a generated package into an output folder, all or nothing.
 *
 * Rules:
 * - Only files whose content changed are rewritten; an unchanged file keeps its bytes and mtime.
 * - The manifest (`.plesk-codegen-manifest`, see manifest.ts) lists the files the generator wrote.
 *   A later run removes those it no longer generates and never touches any other file: a file the
 *   user placed in the folder survives, and so do `node_modules/` and `dist/` of the generated
 *   package. A user's file where a generated file must go is an {@link OutputError}, before
 *   anything is written.
 * - A failed run leaves the folder byte-identical (see below).
 *
 * How: the changed files are first written in full into a staging folder inside the output
 * folder (`.plesk-codegen-tmp-<pid>/new/`); a failure there (disk full, permissions) removes the
 * staging folder and nothing else was touched. Then each file is renamed into place, the file it
 * replaces renamed aside into the staging folder (`old/`), the manifest last; every step is
 * journalled, and a failure undoes the journal in reverse, renaming the previous files back. Only
 * then is the staging folder removed.
 *
 * Why not build a whole new folder beside the output and swap the two with two renames: that
 * renames the folder itself, which breaks when `--out` is the working directory (the user's shell
 * is left in a deleted folder) or a mount point (EBUSY), needs write access to its parent, drops
 * the folder's own permissions, leaves editors and watchers holding the deleted folder, and has
 * to carry the user's files (node_modules/ with its thousands of files) into the new tree. Staging
 * inside the folder needs none of that: every rename stays on one file system, within the folder,
 * and touches only the generator's own files. What it gives up is atomicity against a crash
 * (power loss, SIGKILL) halfway through the renames: the folder may then mix old and new
 * generated files, and a leftover staging folder. The next run removes such leftovers (they hold
 * only generated files) and rewrites whatever differs; `--check` reports it.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from './errors.js';
import { MANIFEST, manifestText, readManifest } from './manifest.js';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** The file-system calls that change something; tests substitute failing ones. */
export interface WriteOps {
  mkdir(dir: string): void;
  writeFile(file: string, text: string): void;
  rename(from: string, to: string): void;
  rmdir(dir: string): void;
}

export const nodeOps: WriteOps = {
  mkdir: (dir) => mkdirSync(dir),
  writeFile: (file, text) => writeFileSync(file, text),
  rename: (from, to) => renameSync(from, to),
  rmdir: (dir) => rmdirSync(dir),
};

export interface WriteOptions {
  ops?: WriteOps;
  /** how a path is shown in errors (default: relative to the working directory) */
  display?: (absPath: string) => string;
}

const STAGING_PREFIX = '.plesk-codegen-tmp-';

export function writePackage(outDir: string, files: Map<string, string>, options: WriteOptions = {}): WriteReport {
  const ops = options.ops ?? nodeOps;
  const display = options.display ?? ((p: string) => path.relative(process.cwd(), p) || '.');
  const out = path.resolve(outDir);
  const previous = new Set(readManifest(out));
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  const contents = new Map<string, string>();
  for (const [rel, text] of files) {
    // identical content counts as unchanged even when the manifest does not list it (a lost
    // manifest): the file is what the generator writes, and the new manifest lists it
    if (readText(path.join(out, rel)) === text) report.unchanged.push(rel);
    else contents.set(rel, text);
  }
  const conflicts = [...contents.keys()].flatMap((rel) => conflictAt(out, rel, previous, display) ?? []);
  if (conflicts.length === 1) throw conflicts[0]!;
  if (conflicts.length > 1) {
    throw new OutputError(display(out), `${conflicts.length} files or folders that plesk-codegen did not write are where it needs to write:\n${conflicts.map((c) => `  ${c.message.split('\n')[0]}`).join('\n')}`, conflictFix('them'));
  }
  for (const rel of previous) if (!files.has(rel) && kindOf(path.join(out, rel)) === 'file') report.removed.push(rel);
  const manifest = manifestText(files.keys());
  if (readText(path.join(out, MANIFEST)) !== manifest) contents.set(MANIFEST, manifest);
  if (contents.size === 0 && report.removed.length === 0) return report;

  removeLeftoverStaging(out);
  const journal: Array<() => void> = [];
  const createdOut: Array<() => void> = [];
  const staging = path.join(out, `${STAGING_PREFIX}${process.pid}`);
  let failedAt = out;
  try {
    for (const dir of missingDirs(out)) {
      ops.mkdir(dir);
      createdOut.push(() => ops.rmdir(dir));
    }
    failedAt = staging;
    rmSync(staging, { recursive: true, force: true });
    ops.mkdir(staging);
    for (const rel of contents.keys()) {
      failedAt = path.join(out, rel);
      const staged = path.join(staging, 'new', rel);
      ensureDir(path.dirname(staged), ops);
      ops.writeFile(staged, contents.get(rel)!);
    }
    const putAside = (rel: string) => {
      const target = path.join(out, rel);
      const aside = path.join(staging, 'old', rel);
      ensureDir(path.dirname(aside), ops);
      ops.rename(target, aside);
      journal.push(() => ops.rename(aside, target));
    };
    const ordered = [...contents.keys()].filter((rel) => rel !== MANIFEST);
    for (const rel of ordered) {
      const target = path.join(out, rel);
      failedAt = target;
      for (const dir of missingDirs(path.dirname(target))) {
        ops.mkdir(dir);
        journal.push(() => ops.rmdir(dir));
      }
      if (kindOf(target) === 'file') putAside(rel);
      const staged = path.join(staging, 'new', rel);
      ops.rename(staged, target);
      journal.push(() => ops.rename(target, staged));
      report.written.push(rel);
    }
    for (const rel of report.removed) {
      failedAt = path.join(out, rel);
      putAside(rel);
    }
    if (contents.has(MANIFEST)) {
      failedAt = path.join(out, MANIFEST);
      if (kindOf(failedAt) === 'file') putAside(MANIFEST);
      ops.rename(path.join(staging, 'new', MANIFEST), failedAt);
    }
  } catch (error) {
    const undone = undo(journal);
    rmSync(staging, { recursive: true, force: true });
    undo(createdOut);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    if (!undone) {
      throw new OutputError(display(failedAt), `could not be written (${reason}), and restoring the previous files failed too`, `restore the output folder from version control, or run the generator again`);
    }
    throw new OutputError(display(failedAt), `could not be written (${reason}); the output folder was left as it was`, 'check the permissions of the output folder and the free disk space, then run again');
  }
  rmSync(staging, { recursive: true, force: true });
  for (const rel of report.removed) removeEmptyParents(out, path.dirname(path.join(out, rel)));
  return report;
}

const conflictFix = (them: 'it' | 'them') => `move ${them} out of the output folder (or choose another --out), then run again; delete ${them} if an older plesk-codegen run wrote ${them}. Nothing was changed`;

/** A generated file may replace a file of the previous run, never the user's file or folder. */
function conflictAt(out: string, rel: string, previous: Set<string>, display: (p: string) => string): OutputError | undefined {
  const segments = rel.split('/');
  for (let i = 1; i < segments.length; i++) {
    const dir = path.join(out, ...segments.slice(0, i));
    const kind = kindOf(dir);
    if (kind !== 'missing' && kind !== 'dir') return new OutputError(display(dir), `is a file, but the generator needs a folder there (for ${rel})`, conflictFix('it'));
  }
  const target = path.join(out, rel);
  const kind = kindOf(target);
  if (kind === 'missing' || (kind === 'file' && previous.has(rel))) return undefined;
  const what = kind === 'dir' ? 'a folder' : kind === 'file' ? 'a file' : 'a link or special file';
  return new OutputError(display(target), `is ${what} that plesk-codegen did not write (not in ${MANIFEST}), where it needs to write ${rel}`, conflictFix('it'));
}

type Kind = 'missing' | 'file' | 'dir' | 'other';

function kindOf(p: string): Kind {
  try {
    const stat = lstatSync(p);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The folders from the outermost missing one down to `dir`. */
function missingDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; kindOf(d) === 'missing'; d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  return missing;
}

function ensureDir(dir: string, ops: WriteOps): void {
  for (const d of missingDirs(dir)) ops.mkdir(d);
}

/** Runs the undo steps in reverse; false when one of them failed (the rest still run). */
function undo(journal: Array<() => void>): boolean {
  let ok = true;
  for (const step of journal.reverse()) {
    try {
      step();
    } catch {
      ok = false;
    }
  }
  return ok;
}

/** Staging folders of runs that died mid-way (their process is gone): they hold only generated files. */
function removeLeftoverStaging(out: string): void {
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(STAGING_PREFIX) ? Number(name.slice(STAGING_PREFIX.length)) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) rmSync(path.join(out, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** After removing a file the generator no longer makes, removes the folders it leaves empty (never `out`). */
function removeEmptyParents(out: string, dir: string): void {
  for (let d = dir; d !== out && d.startsWith(out + path.sep); d = path.dirname(d)) {
    try {
      if (readdirSync(d).length > 0) return;
      rmdirSync(d);
    } catch {
      return;
    }
  }
}
