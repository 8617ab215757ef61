/**
 * The hook for chunked decoding ("through the client, chunks as they arrive"): when the generated
 * package's runtime/codec/decode.ts exports `startDecoding(schema, rootName, rootType, options?)
 * → { write(chunk), end() }`, the memory bench feeds it the largest answer as 64 KiB Uint8Array
 * chunks cut from a Buffer, never holding the answer as a string. Until then it is "not available".
 */
import * as decodeModule from '../../generated/src/runtime/codec/decode.js';
import { schema } from '../../generated/src/index.js';

export const CHUNK_BYTES = 64 * 1024;

interface ChunkedDecoding {
  write(chunk: string | Uint8Array): void;
  end(): unknown;
}
type StartDecoding = (schema: unknown, rootName: string, rootType: { c: string }, options?: unknown) => ChunkedDecoding;

/** The runtime's startDecoding, or undefined when it has none. */
export function startDecodingOf(): StartDecoding | undefined {
  const start = (decodeModule as Record<string, unknown>).startDecoding;
  return typeof start === 'function' ? (start as StartDecoding) : undefined;
}

/** Decodes a response packet from its UTF-8 bytes, fed as plain Uint8Array views of CHUNK_BYTES (a multi-byte character may be cut). */
export function decodeInChunks(bytes: Uint8Array): unknown {
  const start = startDecodingOf();
  if (!start) throw new Error('chunked decoding is not available: runtime/codec/decode.ts exports no startDecoding');
  const decoding = start(schema, 'packet', { c: 'ResponsePacket' });
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    decoding.write(new Uint8Array(bytes.buffer, bytes.byteOffset + at, Math.min(CHUNK_BYTES, bytes.length - at)));
  }
  return decoding.end();
}
