/**
 * Decoding "through the client, chunks as they arrive": the largest answer's UTF-8 bytes fed to
 * the generated startDecodingResponsePacket as 64 KiB Uint8Array views cut from a Buffer (a
 * multi-byte character may be cut), never holding the answer as a string.
 */
import { startDecodingResponsePacket } from '../../generated/src/index.js';

export const CHUNK_BYTES = 64 * 1024;

/** Decodes a response packet from its UTF-8 bytes, fed in pieces of CHUNK_BYTES. */
export function decodeInChunks(bytes: Uint8Array): unknown {
  const decoding = startDecodingResponsePacket();
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    decoding.write(new Uint8Array(bytes.buffer, bytes.byteOffset + at, Math.min(CHUNK_BYTES, bytes.length - at)));
  }
  return decoding.end();
}
