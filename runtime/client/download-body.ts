/**
 * The body of a file answer (download-file), handed to the caller as a stream that keeps the
 * exchange's rules while it is read: it fails with a PleskTransportError when nothing arrives for
 * `idleMs`, when the call's signal aborts, when the connection breaks, or when fewer or more bytes
 * arrive than Content-Length announced. A body never read holds its connection: read it or
 * destroy it. The caller's `onProgress` sees each chunk as it passes, and the total at the end
 * (progress.ts); a listener that throws fails the body with its error.
 */
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { onAbort } from './abort-signals.js';
import { PleskTransportError } from './plesk-errors.js';
import { progressCounter } from './progress.js';
import type { ProgressListener } from './transfer-types.js';

export interface BodyRules {
  idleMs: number;
  length: number | undefined;
  signal: AbortSignal | undefined;
  where: string;
  /** sees each chunk as it passes (the client's debug events) */
  observe?: (chunk: Buffer) => void;
  /** the caller's progress listener */
  onProgress?: ProgressListener | undefined;
}

export function guardBody(res: IncomingMessage, rules: BodyRules): Readable {
  let received = 0;
  const progress = progressCounter(rules.onProgress, rules.length);
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      timer.refresh();
      rules.observe?.(chunk);
      try {
        progress.add(chunk.length);
      } catch (error) {
        return done(error as Error);
      }
      done(null, chunk);
    },
    flush(done) {
      if (rules.length !== undefined && received !== rules.length) {
        return done(new PleskTransportError('connection', `the file from ${rules.where} ended after ${received} of the ${rules.length} bytes announced`));
      }
      try {
        progress.end();
      } catch (error) {
        return done(error as Error);
      }
      done();
    },
  });
  const fail = (error: PleskTransportError) => {
    if (!body.destroyed) body.destroy(error);
  };
  const timer = setTimeout(() => fail(new PleskTransportError('timeout', `the file from ${rules.where} stopped arriving: nothing for ${rules.idleMs} ms`)), rules.idleMs);
  const abort = () => fail(new PleskTransportError('aborted', `the download from ${rules.where} was aborted`, { cause: rules.signal?.reason }));
  const stopListening = onAbort(rules.signal, abort);
  res.on('error', (error) => fail(new PleskTransportError('connection', `the file from ${rules.where} broke off: ${error.message}`, { cause: error })));
  res.on('close', () => {
    if (!res.complete) fail(new PleskTransportError('connection', `the connection to ${rules.where} closed before the whole file arrived (${received} bytes)`));
  });
  body.on('close', () => {
    clearTimeout(timer);
    stopListening();
    if (!res.complete) res.destroy();
  });
  if (rules.signal?.aborted) abort();
  res.pipe(body);
  return body;
}
