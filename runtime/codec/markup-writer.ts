/**
 * Where the encoder writes: one string built by appending (V8 keeps it as a rope, a tree of
 * the appended pieces, until it is read), copied into a flat chunk every {@link CHUNK}
 * characters, the chunks concatenated at the end.
 *
 * A rope of a whole large document would be millions of small live objects that every garbage
 * collection walks and copies, then one long copy with cache misses; chunks keep the cost per
 * element the same at any size.
 *
 * A start tag can be held back until the first child is written (the element may turn out
 * empty, and then is written `<name/>`).
 */

/** Characters after which the rope being built is copied into one flat chunk. */
const CHUNK = 1 << 16;

export class MarkupWriter {
  /** flat chunks of the document, then the rope being built */
  private readonly chunks: string[] = [];
  private out = '';
  /** start tags held back: none of their elements' content is written yet */
  private readonly pending: string[] = [];
  /** the first character of each chunk, added up: reading one is what flattens a chunk */
  private firstChars = 0;

  /** Appends markup, after the start tags still held back. */
  write(markup: string): void {
    const pending = this.pending;
    if (pending.length !== 0) {
      for (let i = 0; i < pending.length; i++) this.out += pending[i];
      pending.length = 0;
    }
    this.out += markup;
    if (this.out.length >= CHUNK) this.flush();
  }

  /** Holds a start tag back until something is written inside it; returns the mark for {@link closeLater}. */
  openLater(start: string): number {
    return this.pending.push(start);
  }

  /** Ends the element opened by {@link openLater}: `empty` if nothing was written inside it, else `close`. */
  closeLater(mark: number, empty: string, close: string): void {
    if (this.pending.length === mark) {
      this.pending.pop();
      this.write(empty);
    } else this.write(close);
  }

  /**
   * The whole document; the writer is left empty. The flat chunks are concatenated, not joined: the
   * document is a rope of a few dozen chunks, copied once into one string when it is first read
   * (as written to a socket), where joining would copy every character once more here.
   */
  take(): string {
    const chunks = this.chunks;
    let xml = '';
    for (let i = 0; i < chunks.length; i++) xml += chunks[i];
    xml += this.out;
    this.clear();
    return xml;
  }

  clear(): void {
    this.chunks.length = 0;
    this.out = '';
    this.pending.length = 0;
  }

  private flush(): void {
    const rope = this.out;
    this.firstChars += rope.charCodeAt(0);
    this.chunks.push(rope);
    this.out = '';
  }
}
