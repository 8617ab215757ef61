/**
 * An operation answered with a file (download-file): `-O PATH` writes it there (`-O DIR/`, or an
 * existing folder: under the name the server gives, its last path segment only), into
 * `PATH.part` first and renamed when the last byte arrived, so that a broken download never
 * leaves a file that looks whole; `-O -`, or no -O when stdout is not a terminal, writes it to
 * stdout. A progress bar goes to stderr when stderr is a terminal. Where it goes is decided before
 * anything is sent (a file to a terminal is a usage error).
 *
 * The body is streamed here from the client's DownloadedFile (the client's own progress events
 * and `toFile`, when it has them, would do the same).
 */
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliClient } from './cli-client.js';
import { CliError, EXIT, type CliIo } from './cli-types.js';
import { bytes } from './columns.js';
import type { Command } from './command.js';
import { formatDuration } from './durations.js';

export type Destination = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'folder'; path: string };

/** Where the file goes, decided before anything is sent. */
export async function destinationOf(given: string | boolean | undefined, io: CliIo): Promise<Destination> {
  if (given === undefined || given === '-') {
    if (given === undefined && io.stdoutIsTTY) throw new CliError('the answer is a file, and stdout is a terminal: give -O PATH (or -O FOLDER/), or redirect stdout');
    if (!io.stdoutBytes) throw new CliError('the answer is a file, and this output takes no bytes: give -O PATH');
    return { kind: 'stdout' };
  }
  const target = path.resolve(io.cwd, String(given));
  const isFolder = String(given).endsWith('/') || String(given).endsWith(path.sep) || (await stat(target).catch(() => undefined))?.isDirectory() === true;
  if (isFolder) {
    const info = await stat(target).catch(() => undefined);
    if (!info?.isDirectory()) throw new CliError(`-O ${String(given)}: there is no folder ${target}`);
    return { kind: 'folder', path: target };
  }
  const parent = await stat(path.dirname(target)).catch(() => undefined);
  if (!parent?.isDirectory()) throw new CliError(`-O ${String(given)}: there is no folder ${path.dirname(target)} to write it into`);
  return { kind: 'file', path: target };
}

/** A name the server gave, as a file name of its own: its last segment, no control characters, not `.` or `..`. */
export function safeFileName(name: string | undefined): string {
  const last = (name ?? '').split(/[/\\]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return last === '' || last === '.' || last === '..' ? 'download.bin' : last;
}

export async function downloadTo(cmd: Command, client: CliClient, value: unknown, destination: Destination): Promise<number> {
  const started = Date.now();
  const file = await client.file(cmd.row, value, cmd.timeoutMs !== undefined ? { timeoutMs: cmd.timeoutMs } : {});
  const bar = cmd.io.stderrIsTTY ? progress(cmd.io, file.length) : undefined;
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      bar?.(received);
      done(null, chunk);
    },
  });
  if (destination.kind === 'stdout') {
    const write = cmd.io.stdoutBytes!;
    await pipeline(file.stream, counter, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) await write(chunk);
    });
    bar?.(received, true);
    cmd.io.stderr(`${cmd.row.operation}: ${bytes(received)} written to stdout in ${formatDuration(Date.now() - started)}\n`);
    return EXIT.ok;
  }
  const target = destination.kind === 'folder' ? path.join(destination.path, safeFileName(file.filename)) : destination.path;
  const part = `${target}.part`;
  try {
    await pipeline(file.stream, counter, createWriteStream(part, { flags: 'wx' }));
    await rename(part, target);
  } catch (error) {
    await rm(part, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${part} exists (another download into the same place?): remove it and run again`, EXIT.transport);
    throw error;
  }
  bar?.(received, true);
  cmd.io.stderr(`${cmd.row.operation}: saved ${target} (${bytes(received)}${file.length !== undefined && file.length !== received ? ` of ${bytes(file.length)} announced` : ''}) in ${formatDuration(Date.now() - started)}\n`);
  return EXIT.ok;
}

/** A progress bar on stderr, redrawn when its text changes. */
function progress(io: CliIo, length: number | undefined): (received: number, end?: boolean) => void {
  let shown = '';
  return (received, end = false) => {
    const width = 30;
    const text = length !== undefined && length > 0
      ? `[${'#'.repeat(Math.min(width, Math.floor((received / length) * width))).padEnd(width, '.')}] ${String(Math.min(100, Math.floor((received / length) * 100))).padStart(3)}%  ${bytes(received)} of ${bytes(length)}`
      : `${bytes(Math.floor(received / 262_144) * 262_144)} received`;
    if (text !== shown) {
      io.stderr(`\r${text}`);
      shown = text;
    }
    if (end) io.stderr('\n');
  };
}
