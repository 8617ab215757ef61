/**
 * UTF-8 bytes given in pieces → text, strictly: a character may be split between two pieces
 * anywhere, and bytes that are not UTF-8 fail with {@link NotUtf8}, which carries the text of the
 * bytes before them (so that the decoder reads those first: an earlier error in them comes first).
 * The byte order mark is left in the text, for the tokenizer to skip (as in a string).
 */

/** Bytes that are not UTF-8, or a document that ends inside a character. */
export class NotUtf8 extends Error {
  constructor(
    /** why, for the decoder's message */
    readonly reason: string,
    /** the text of the bytes before the first that cannot be UTF-8, not given out before ('' for none) */
    readonly readable: string,
  ) {
    super(reason);
  }
}

const NO_BYTES = new Uint8Array(0);

/** A strict UTF-8 decoder that leaves the byte order mark to the tokenizer. */
function utf8Decoder(): TextDecoder {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
}

export class Utf8Pieces {
  readonly #decoder = utf8Decoder();
  /** the bytes of a character the last piece ended inside */
  #held: Uint8Array = NO_BYTES;

  /** The text of the next piece of bytes (a character cut at its end waits for the next piece). */
  text(bytes: Uint8Array): string {
    let text: string;
    try {
      text = this.#decoder.decode(bytes, { stream: true });
    } catch {
      // the bytes before the first that cannot be UTF-8 (counting the start of a character the
      // last piece ended in) are read first, and the error is placed on the character after them
      const held = this.#held;
      const all = held.length === 0 ? bytes : concatBytes(held, bytes);
      const good = utf8Prefix(all);
      throw new NotUtf8('bytes that are not UTF-8 (the document must be UTF-8)', good > held.length ? utf8Decoder().decode(all.subarray(0, good)) : '');
    }
    this.#held = incompleteTail(this.#held, bytes);
    return text;
  }

  /** The end of the bytes: the text of what was held back (nothing, unless the bytes end inside a character: then it fails). */
  end(): string {
    try {
      return this.#decoder.decode();
    } catch {
      throw new NotUtf8('the document ends inside a UTF-8 character', '');
    }
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The length of the UTF-8 sequence a byte starts (0: it cannot start one). */
function sequenceLength(b: number): number {
  return b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
}

/**
 * The bytes of an unfinished character at the end of `held` + `bytes` (which decoded as UTF-8 so
 * far). A character is at most 4 bytes: with 4 new bytes or more, `held` is finished.
 */
function incompleteTail(held: Uint8Array, bytes: Uint8Array): Uint8Array {
  const all = held.length === 0 || bytes.length >= 4 ? bytes : concatBytes(held, bytes);
  for (let j = all.length - 1; j >= 0 && j >= all.length - 4; j--) {
    const b = all[j]!;
    if ((b & 0xc0) === 0x80) continue;
    return j + sequenceLength(b) > all.length ? all.slice(j) : NO_BYTES;
  }
  return NO_BYTES;
}

/** How many of `bytes` are UTF-8 before the first byte that cannot be (a character cut at the end counts as UTF-8: more may come). */
function utf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = sequenceLength(b);
    if (n === 0) return i;
    for (let k = 1; k < n; k++) {
      if (i + k >= bytes.length) return i;
      const c = bytes[i + k]!;
      // the second byte's range excludes overlong forms, surrogates and code points over U+10FFFF
      const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += n;
  }
  return i;
}
