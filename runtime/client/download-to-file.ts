/**
 * A download written to a path atomically (the call option `toFile`): the body goes into a
 * temporary file beside the path (created new, owner-only: 0600), which is flushed to disk and
 * then renamed to the path; the path therefore holds either the whole file or what it held
 * before. On any error (the body breaking off, an abort, a full disk) the temporary file is
 * removed and the call rejects with that error.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DownloadedFile } from './client-types.js';
import { PleskTransportError } from './plesk-errors.js';
import type { SavedFile } from './transfer-types.js';

export async function saveToFile(file: DownloadedFile, target: string): Promise<SavedFile> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  let length = 0;
  try {
    // wx: a new file, never one that is there; flush: on disk before it is closed (and renamed)
    const out = createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true });
    await pipeline(file.stream, async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        length += chunk.length;
        yield chunk;
      }
    }, out);
    await rename(temporary, target);
  } catch (error) {
    file.stream.destroy();
    await rm(temporary, { force: true });
    if (error instanceof PleskTransportError || !(error instanceof Error) || !('code' in error)) throw error;
    // a file system error: said of the path the caller gave, not of the temporary file
    throw new Error(`download-file: cannot write ${target}: ${(error as NodeJS.ErrnoException).code} (${error.message.replace(temporary, `a temporary file beside it`)})`, { cause: error });
  }
  return { path: target, length, filename: file.filename, contentType: file.contentType };
}
