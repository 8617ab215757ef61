/**
 * Decoding a document: XML → typed value, by the schema decoder (schema-decoder.ts) over its own
 * conformant XML tokenizer (tokenizer.ts).
 *
 * A document comes whole ({@link decodeDocument}: a string, or UTF-8 bytes) or in pieces as it
 * arrives ({@link startDecoding}: strings or bytes, a multi-byte character split anywhere). A
 * decoder (with its tokenizer and its frames) is reused from one whole document to the next.
 */
import { rootLeaf } from './decode-plan.js';
import type { DecodeOptions } from './decode-options.js';
import { DECLINED, DirectReader } from './direct-reader.js';
import { XmlDecodeError } from './errors.js';
import type { SchemaMeta, TypeRef } from './meta.js';
import { recordCodeOf } from './record-code.js';
import { Decoder } from './schema-decoder.js';

/**
 * The decoder between two documents, kept for the next one (with its tokenizer). One that failed
 * is dropped: it is mid-document.
 */
let idle: Decoder | undefined;

function checkOptions(options: DecodeOptions | undefined): void {
  if (options?.unknownElements !== undefined && options.unknownElements !== 'keep' && options.unknownElements !== 'error') {
    throw new TypeError(`decode: option unknownElements must be 'keep' or 'error', not ${String(options.unknownElements)}`);
  }
  if (options?.redact !== undefined && typeof options.redact !== 'function') throw new TypeError(`decode: option redact must be a function, not ${typeof options.redact}`);
}

/** A decoder for a new document (its options checked): the idle one (`reuse`), or one of its own. */
function startDecoder(schema: SchemaMeta, rootName: string, rootType: TypeRef, options: DecodeOptions | undefined, reuse: boolean): Decoder {
  const decoder = (reuse ? idle : undefined) ?? new Decoder(schema);
  if (reuse) idle = undefined;
  decoder.start(schema, rootName, rootType, options);
  return decoder;
}

/** The value of a document read to its end; the decoder lets go of it. */
function valueOf(decoder: Decoder, rootName: string): unknown {
  const result = decoder.result;
  decoder.release();
  // (the tokenizer itself refuses a document without a root element, with its position)
  if (result === undefined) throw new XmlDecodeError('', `the document has no root element <${rootName}>`);
  return result;
}

function checkInput(input: unknown, what: string): asserts input is string | Uint8Array {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new TypeError(`decode: expected ${what} as a string or UTF-8 bytes (a Uint8Array or Buffer), got ${input === null ? 'null' : typeof input}`);
  }
}

const direct = new DirectReader();
// (a byte order mark is kept, as utf8-pieces.ts keeps it: the reader skips one, and a second is text outside the root)
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** How many whole documents the direct reader read, and how many it left to the schema decoder (for tests and the bench). */
export const directReads: { read: number; declined: number } = { read: 0, declined: 0 };

/**
 * A whole document read by the direct reader (direct-reader.ts), for a schema with emitted code;
 * {@link DECLINED} when it leaves the document to the schema decoder (anything unusual, wrong
 * or not UTF-8), which then reads it from the start and decides.
 */
function readDirectly(schema: SchemaMeta, rootName: string, rootType: TypeRef, xml: string | Uint8Array): unknown {
  try {
    const value = direct.read(schema, rootName, rootLeaf(schema, rootType), typeof xml === 'string' ? xml : utf8.decode(xml));
    directReads.read++;
    return value;
  } catch {
    directReads.declined++;
    return DECLINED;
  } finally {
    direct.release();
  }
}

/** Decodes a document (a string, or its UTF-8 bytes) whose root element must be `rootName` of type `rootType`. */
export function decodeDocument(schema: SchemaMeta, rootName: string, rootType: TypeRef, xml: string | Uint8Array, options?: DecodeOptions): unknown {
  checkInput(xml, 'the document');
  checkOptions(options);
  if (recordCodeOf(schema) !== undefined) {
    const value = readDirectly(schema, rootName, rootType, xml);
    if (value !== DECLINED) return value;
  }
  const decoder = startDecoder(schema, rootName, rootType, options, true);
  try {
    if (typeof xml === 'string') decoder.tokenizer.whole(xml);
    else {
      decoder.write(xml);
      decoder.end();
    }
  } catch (error) {
    // (the error's stack, until it is read, holds the decoder among its frames: it must not hold the document too)
    decoder.release();
    throw error;
  }
  const value = valueOf(decoder, rootName);
  idle = decoder;
  return value;
}

/** A document being decoded as it arrives. */
export interface DocumentDecoder<T = unknown> {
  /** The next piece: a string, or UTF-8 bytes (all pieces of one kind). Throws as soon as the document is wrong. */
  write(piece: string | Uint8Array): void;
  /** The end of the document: its value; throws when it is not complete. */
  end(): T;
}

/** Starts decoding a document given in pieces (as a response arrives). */
export function startDecoding(schema: SchemaMeta, rootName: string, rootType: TypeRef, options?: DecodeOptions): DocumentDecoder {
  checkOptions(options);
  // a decoder of its own: pieces of two documents may arrive interleaved
  const decoder = startDecoder(schema, rootName, rootType, options, false);
  let state: 'open' | 'ended' | 'failed' = 'open';
  const guard = <T>(step: () => T): T => {
    if (state !== 'open') throw new Error(state === 'ended' ? 'decode: the document has ended: start a new one' : 'decode: the document failed: start a new one');
    try {
      return step();
    } catch (error) {
      state = 'failed';
      decoder.release();
      throw error;
    }
  };
  return {
    write: (piece) => {
      guard(() => {
        checkInput(piece, 'a piece of the document');
        decoder.write(piece);
      });
    },
    end: () =>
      guard(() => {
        decoder.end();
        const value = valueOf(decoder, rootName);
        state = 'ended';
        return value;
      }),
  };
}
