/**
 * Reads a file only when it is a regular file no larger than a limit, and says why not otherwise.
 *
 * A path a schema names (an include) or a path in an output folder (a committed symbolic link) can
 * lead anywhere: to `/dev/zero`, which never ends; to a FIFO, which blocks the reader until
 * someone writes; to a folder, a socket, or a file too large to hold. So: the type is checked with
 * (l)stat before the file is opened; it is opened non-blocking (opening a FIFO for reading would
 * otherwise wait for a writer) and checked again with fstat on the open descriptor (the path may
 * have been replaced in between); and no more than the limit plus one byte is ever read (a file
 * may grow, and files in /proc report size 0).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { formatBytes } from './limits.js';

/** Why a file was not read. */
export type FileProblem = 'missing' | 'directory' | 'device' | 'fifo' | 'socket' | 'symlink' | 'too-large' | 'permission' | 'error';

export type FileRead =
  | { ok: true; text: string }
  | { ok: false; problem: FileProblem; /** the file's size, for too-large when known */ size?: number; /** the system's error code, for `error` */ code?: string };

export interface ReadFileOptions {
  /** the most bytes read; a larger file is `too-large` */
  maxBytes: number;
  /** refuse a symbolic link as the last part of the path (`symlink`) instead of following it */
  noFollow?: boolean;
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CHUNK = 64 * 1024;

export function readRegularFile(file: string, options: ReadFileOptions): FileRead {
  let stats: Stats;
  try {
    stats = options.noFollow ? lstatSync(file) : statSync(file);
  } catch (error) {
    return failure(error);
  }
  const kind = kindProblem(stats);
  if (kind) return { ok: false, problem: kind };
  if (stats.size > options.maxBytes) return { ok: false, problem: 'too-large', size: stats.size };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | O_NONBLOCK | (options.noFollow ? O_NOFOLLOW : 0));
  } catch (error) {
    return failure(error);
  }
  try {
    const opened = fstatSync(fd);
    const openedKind = kindProblem(opened);
    if (openedKind) return { ok: false, problem: openedKind };
    if (opened.size > options.maxBytes) return { ok: false, problem: 'too-large', size: opened.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, options.maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > options.maxBytes) return { ok: false, problem: 'too-large' };
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    return failure(error);
  } finally {
    closeSync(fd);
  }
}

function kindProblem(stats: Stats): FileProblem | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  return 'device';
}

function failure(error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { ok: false, problem: 'missing' };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, problem: 'permission' };
    case 'EISDIR':
      return { ok: false, problem: 'directory' };
    case 'ELOOP':
      return { ok: false, problem: 'symlink' };
    case 'ENXIO':
      return { ok: false, problem: 'socket' };
    default:
      return { ok: false, problem: 'error', code };
  }
}

/** What a problem means, as said of the file: "is a folder", "cannot be read: permission denied". */
export function describeProblem(read: Extract<FileRead, { ok: false }>, maxBytes: number): string {
  switch (read.problem) {
    case 'missing': return 'does not exist';
    case 'directory': return 'is a folder, not a file';
    case 'device': return 'is a device, not a regular file';
    case 'fifo': return 'is a named pipe (FIFO), not a regular file';
    case 'socket': return 'is a socket, not a regular file';
    case 'symlink': return 'is a symbolic link (or a loop of them)';
    case 'too-large': return `is larger than ${formatBytes(maxBytes)}${read.size !== undefined ? ` (${read.size.toLocaleString('en-US')} bytes)` : ''}, the most plesk-codegen reads`;
    case 'permission': return 'cannot be read: permission denied';
    case 'error': return `cannot be read (${read.code})`;
  }
}
