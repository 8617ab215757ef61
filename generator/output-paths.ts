/**
 * The output folder as a boundary: what a path inside it is, without following symbolic links.
 *
 * A generated folder is committed, and a pull request can plant a symbolic link in it (`src ->
 * /home/you`), a manifest line through the link, or a link named like a staging folder. So every
 * path the writer or `--check` touches is taken apart from the output folder down: each folder on
 * the way must be a real folder (never a link), and the path must stay inside (no `..`, not
 * absolute). The output folder itself may be a link: it is the folder the user named.
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import { compareCodePoints } from './passes/names.js';
import { readRegularFile, type FileRead } from './regular-file.js';

/** The staging folders of runs: `.plesk-codegen-tmp-<pid>`. */
export const STAGING_PREFIX = '.plesk-codegen-tmp-';

/** What is at a path inside the output folder. */
export type Place =
  | { kind: 'missing' | 'file' | 'dir' | 'symlink' | 'other' }
  /** a folder on the way is not a real folder: `via` (relative to the output folder) is a link or a file */
  | { kind: 'through'; via: string; link: boolean };

/** `rel` (`/` separators, relative to `out`) as it is on disk, following no link below `out`. */
export function placeOf(out: string, rel: string): Place {
  const segments = rel.split('/');
  for (let i = 1; i <= segments.length; i++) {
    const sub = segments.slice(0, i).join('/');
    let stats: Stats;
    try {
      stats = lstatSync(path.join(out, sub));
    } catch {
      return { kind: 'missing' };
    }
    if (i === segments.length) return { kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'symlink' : 'other' };
    if (!stats.isDirectory()) return { kind: 'through', via: sub, link: stats.isSymbolicLink() };
  }
  return { kind: 'missing' };
}

/**
 * `abs` relative to `out` with `/` separators, when it is strictly inside `out` (lexically: no
 * `..`, not `out` itself); undefined otherwise.
 */
export function insideRel(out: string, abs: string): string | undefined {
  const rel = path.relative(out, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * Reads a file inside the output folder when it is a regular file reached through real folders
 * only, of at most `maxBytes` (larger: `too-large`; comparing with a text of `maxBytes` bytes
 * needs no more).
 */
export function readInside(out: string, rel: string, maxBytes: number): FileRead {
  const place = placeOf(out, rel);
  if (place.kind === 'through') return { ok: false, problem: 'symlink' };
  if (place.kind === 'missing') return { ok: false, problem: 'missing' };
  return readRegularFile(path.join(out, rel), { maxBytes, noFollow: true });
}

/** The text of a file inside the output folder, or undefined (see {@link readInside}). */
export function textInside(out: string, rel: string, maxBytes: number): string | undefined {
  const read = readInside(out, rel, maxBytes);
  return read.ok ? read.text : undefined;
}

/**
 * The staging folders in `out` left by runs that died mid-way (their process is gone; a live
 * run's is left alone): real folders only, by name.
 */
export function leftoverStaging(out: string): string[] {
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return [];
  }
  return names.filter((name) => {
    const pid = name.startsWith(STAGING_PREFIX) && /^\d+$/.test(name.slice(STAGING_PREFIX.length)) ? Number(name.slice(STAGING_PREFIX.length)) : NaN;
    return Number.isSafeInteger(pid) && pid !== process.pid && !isRunning(pid) && placeOf(out, name).kind === 'dir';
  }).sort(compareCodePoints);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
