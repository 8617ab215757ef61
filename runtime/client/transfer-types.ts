/**
 * The shapes of file transfers: the progress a download or an upload reports, a download's call
 * options (`onProgress`, `toFile`) and what a download written to a file resolves with, an
 * upload's source, options and answer. Every optional member also takes `undefined`, so that they
 * compile under `exactOptionalPropertyTypes` when a caller passes an option along.
 */
import type { Readable } from 'node:stream';
import type { CallOptions } from './client-types.js';

/** How far a transfer is: `bytes` of the file so far, of `total` (undefined while the size is unknown). */
export interface TransferProgress {
  bytes: number;
  total: number | undefined;
}

/**
 * Called as the bytes of a file go by. The events are monotonic (`bytes` never goes back) and
 * the last of a transfer that completes has `bytes === total` (a download without Content-Length
 * gets its total at the end).
 */
export type ProgressListener = (progress: TransferProgress) => void;

/** The call options of an operation answered with a file (download-file). */
export interface DownloadOptions extends CallOptions {
  /** the progress of the body, as it is read */
  onProgress?: ProgressListener | undefined;
  /**
   * write the file to this path instead of handing back a stream: into a temporary file beside it
   * (owner-only permissions, 0600: backups hold passwords and mail), renamed to the path once the
   * last byte is on disk; on an error or an abort the temporary file is removed and nothing is
   * left. The call then resolves with a {@link SavedFile}.
   */
  toFile?: string | undefined;
}

/** A download written to a file (`toFile`). */
export interface SavedFile {
  /** the path the file was written to, as given in `toFile` */
  path: string;
  /** its length in bytes */
  length: number;
  /** the name the server gave it (Content-Disposition), if any */
  filename: string | undefined;
  contentType: string;
}

/** What `uploadFile` sends: the path of a file, its bytes, or a stream of them. */
export type UploadSource = string | Uint8Array | Readable;

export interface UploadOptions extends CallOptions {
  /** the file name the server is told (default: the path's base name; `backup.tar` for bytes or a stream) */
  filename?: string | undefined;
  /** a stream's length in bytes, when known: sent as Content-Length (without it the body is chunked) */
  length?: number | undefined;
  /** the progress of the file's bytes, as they are sent */
  onProgress?: ProgressListener | undefined;
}

/** The answer to an upload: `<upload><result>`'s `name` and `file`. */
export interface UploadedFile {
  /** the file name as the server received it */
  name: string;
  /** the server-side temporary path, for `backupManager.importFile({ …, tmpFilename: file })` */
  file: string;
}
