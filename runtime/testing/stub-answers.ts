/**
 * What a stub handler can give back besides its result: an operation error (thrown), or a file
 * (returned, by operations answered with a file such as download-file).
 */

/** Thrown by a handler: the operation answers `<result>` with status error, `code` and `text`. */
export class StubOperationError extends Error {
  override readonly name = 'StubOperationError';
  constructor(
    readonly code: number,
    readonly text: string,
  ) {
    super(`error ${code}: ${text}`);
  }
}

/** `throw stubOperationError(1013, 'client does not exist')` in a handler. */
export function stubOperationError(code: number, text: string): StubOperationError {
  return new StubOperationError(code, text);
}

/** A file answer, sent as application/octet-stream with Content-Disposition: attachment. */
export class StubFile {
  readonly content: Buffer;
  constructor(
    content: Buffer | Uint8Array | string,
    readonly filename: string,
    readonly contentType = 'application/octet-stream',
  ) {
    this.content = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  }
}

/** `return stubFile(bytes, 'backup.tar')` from the handler of a file operation. */
export function stubFile(content: Buffer | Uint8Array | string, filename: string, contentType?: string): StubFile {
  return new StubFile(content, filename, contentType);
}
