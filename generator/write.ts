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
 * only generated files), whether or not it has anything to write, and rewrites whatever differs;
 * `--check` reports both.
 *
 * The output folder is a boundary (see output-paths.ts): no write, rename or remove goes through a
 * symbolic link below it. A generated file whose folder is a link is refused before anything is
 * written, like a user's file; a manifest line through a link (or naming a link) is left alone and
 * reported in `warnings`; and every change is checked, just before it is made, to stay inside the
 * folder through real folders only. Files are read without following a link and only as far as
 * the text they are compared with. The output folder itself may be a link, since the user named it.
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from './errors.js';
import { loadManifest, MANIFEST, manifestText, manifestWarnings, unfollowed } from './manifest.js';
import { insideRel, leftoverStaging, placeOf, STAGING_PREFIX, textInside } from './output-paths.js';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** what was left alone and why: manifest lines plesk-codegen would not follow (the CLI prints each as `warning:`) */
  warnings: string[];
}

/** The file-system calls that change something; tests substitute failing ones. */
export interface WriteOps {
  mkdir(dir: string): void;
  /** creates a new file (never through an existing file or link); `executable` for a command (bin/) */
  writeFile(file: string, text: string, executable?: boolean): void;
  rename(from: string, to: string): void;
  rmdir(dir: string): void;
}

export const nodeOps: WriteOps = {
  mkdir: (dir) => mkdirSync(dir),
  writeFile: (file, text, executable) => writeFileSync(file, text, { flag: 'wx', mode: executable ? 0o755 : 0o666 }),
  rename: (from, to) => renameSync(from, to),
  rmdir: (dir) => rmdirSync(dir),
};

export interface WriteOptions {
  ops?: WriteOps;
  /** how a path is shown in errors (default: relative to the working directory) */
  display?: (absPath: string) => string;
}

export function writePackage(outDir: string, files: Map<string, string>, options: WriteOptions = {}): WriteReport {
  const display = options.display ?? ((p: string) => path.relative(process.cwd(), p) || '.');
  const out = path.resolve(outDir);
  const ops = insideOnly(options.ops ?? nodeOps, out);
  const manifest = loadManifest(out);
  const shownManifest = display(path.join(out, MANIFEST));
  const previous = new Set(manifest.files);
  const report: WriteReport = { written: [], unchanged: [], removed: [], warnings: manifestWarnings(manifest, shownManifest) };
  const contents = new Map<string, string>();
  for (const [rel, text] of files) {
    // identical content counts as unchanged even when the manifest does not list it (a lost
    // manifest): the file is what the generator writes, and the new manifest lists it
    if (textInside(out, rel, Buffer.byteLength(text)) === text) report.unchanged.push(rel);
    else contents.set(rel, text);
  }
  const conflicts = [...contents.keys()].flatMap((rel) => conflictAt(out, rel, previous, display) ?? []);
  if (conflicts.length === 1) throw conflicts[0]!;
  if (conflicts.length > 1) {
    throw new OutputError(display(out), `${conflicts.length} files or folders that plesk-codegen did not write are where it needs to write:\n${conflicts.map((c) => `  ${c.message.split('\n')[0]}`).join('\n')}`, conflictFix('them'));
  }
  for (const rel of previous) {
    if (files.has(rel)) continue;
    const place = placeOf(out, rel);
    if (place.kind === 'file') report.removed.push(rel);
    else report.warnings.push(...unfollowed(place, rel, shownManifest));
  }
  const manifestNew = manifestText(files.keys());
  if (textInside(out, MANIFEST, Buffer.byteLength(manifestNew)) !== manifestNew) contents.set(MANIFEST, manifestNew);
  // on every run, even one with nothing to write: a staging folder of a run killed mid-way holds
  // only copies of generated files
  for (const name of leftoverStaging(out)) rmSync(path.join(out, name), { recursive: true, force: true });
  if (contents.size === 0 && report.removed.length === 0) return report;

  const journal: Array<() => void> = [];
  const createdOut: Array<() => void> = [];
  const staging = path.join(out, `${STAGING_PREFIX}${process.pid}`);
  const raw = options.ops ?? nodeOps;
  let failedAt = out;
  try {
    for (const dir of missingDirs(out)) {
      // the output folder and the folders above it: the path the user gave
      raw.mkdir(dir);
      createdOut.push(() => raw.rmdir(dir));
    }
    failedAt = staging;
    rmSync(staging, { recursive: true, force: true });
    ops.mkdir(staging);
    for (const rel of contents.keys()) {
      failedAt = path.join(out, rel);
      const staged = path.join(staging, 'new', rel);
      ensureDir(path.dirname(staged), ops);
      ops.writeFile(staged, contents.get(rel)!, isCommand(rel));
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
      if (placeOf(out, rel).kind === 'file') putAside(rel);
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
      if (placeOf(out, MANIFEST).kind === 'file') putAside(MANIFEST);
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
  for (const rel of report.removed) removeEmptyParents(out, path.posix.dirname(rel));
  return report;
}

const conflictFix = (them: 'it' | 'them') => `move ${them} out of the output folder (or choose another --out), then run again; delete ${them} if an older plesk-codegen run wrote ${them}. Nothing was changed`;

/** A generated file may replace a file of the previous run, never the user's file or folder, nor anything reached through a link. */
function conflictAt(out: string, rel: string, previous: Set<string>, display: (p: string) => string): OutputError | undefined {
  const place = placeOf(out, rel);
  if (place.kind === 'through') {
    const at = display(path.join(out, place.via));
    if (!place.link) return new OutputError(at, `is a file, but the generator needs a folder there (for ${rel})`, conflictFix('it'));
    return new OutputError(at, `is a symbolic link, but the generator needs a real folder there (for ${rel}): it writes nothing through a link, which could lead out of the output folder`, conflictFix('it'));
  }
  if (place.kind === 'missing' || (place.kind === 'file' && previous.has(rel))) return undefined;
  const target = display(path.join(out, rel));
  if (place.kind === 'symlink' || place.kind === 'other') {
    return new OutputError(target, `is ${place.kind === 'symlink' ? 'a symbolic link' : 'a special file'}, where the generator needs to write ${rel}: it replaces only regular files it wrote`, conflictFix('it'));
  }
  return new OutputError(target, `is ${place.kind === 'dir' ? 'a folder' : 'a file'} that plesk-codegen did not write (not in ${MANIFEST}), where it needs to write ${rel}`, conflictFix('it'));
}

/**
 * The write operations, each first checking that its paths lie inside `out` through real folders
 * only (the last check before a change, after conflictAt's before the first one).
 */
function insideOnly(ops: WriteOps, out: string): WriteOps {
  const check = (p: string) => {
    const rel = insideRel(out, p);
    if (rel === undefined) throw new Error(`${p} is outside the output folder`);
    const place = placeOf(out, rel);
    if (place.kind === 'through') throw new Error(`${place.via} is ${place.link ? 'a symbolic link' : 'a file'}, not a folder`);
  };
  return {
    mkdir: (dir) => (check(dir), ops.mkdir(dir)),
    writeFile: (file, text, executable) => (check(file), ops.writeFile(file, text, executable)),
    rename: (from, to) => (check(from), check(to), ops.rename(from, to)),
    rmdir: (dir) => (check(dir), ops.rmdir(dir)),
  };
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The folders from the outermost missing one down to `dir`. */
function missingDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !exists(d); d = path.dirname(d)) {
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

/** After removing a file the generator no longer makes, removes the real folders it leaves empty (never `out`). */
function removeEmptyParents(out: string, relDir: string): void {
  for (let rel = relDir; rel !== '.' && rel !== ''; rel = path.posix.dirname(rel)) {
    if (placeOf(out, rel).kind !== 'dir') return;
    const dir = path.join(out, rel);
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/** A file of the package's bin/ folder: a command, written executable (npm would make it so when it links it). */
function isCommand(rel: string): boolean {
  return rel.startsWith('bin/');
}
