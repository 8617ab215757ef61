/**
 * Piece buffering for the one kind of token that may span many pieces of a document: a comment,
 * CDATA section or processing instruction that holds a `<` (the tokenizer reads each piece up to
 * its last `<`, so any other token is complete by then).
 *
 * Such a token is carried over, whole, to the next piece. Its terminator (`-->`, `]]>`, `?>`) is
 * searched from where the last search stopped, so a long token is not scanned twice; while the
 * pieces that follow do not hold the terminator they wait here, unjoined (a rope would be
 * flattened at every search), and only the last characters received are looked at.
 */
export class CarriedToken {
  /** where to go on searching the carried token's terminator (-1: no token is carried) */
  resumeAt = -1;
  /** its terminator, while the pieces that follow do not hold it */
  awaiting: string | undefined = undefined;
  #pieces: string[] = [];
  /** the last characters received while awaiting (where the terminator may begin) */
  #tail = '';

  /** Starts a new document (or lets go of the last one's pieces). */
  reset(): void {
    this.resumeAt = -1;
    this.awaiting = undefined;
    this.#pieces = [];
    this.#tail = '';
  }

  /**
   * The end of a terminator-delimited token in `buf`, searched from `from` (or further, from the
   * carried hint); -1 when it is not there yet: then the terminator is awaited.
   */
  search(buf: string, terminator: string, from: number): number {
    const at = buf.indexOf(terminator, Math.max(from, this.resumeAt));
    this.resumeAt = at < 0 ? Math.max(from, buf.length - terminator.length + 1) : -1;
    if (at < 0) {
      this.awaiting = terminator;
      this.#tail = buf.slice(this.resumeAt);
    }
    return at;
  }

  /** While awaiting: keeps `piece` when the terminator is not in it (nor across what came before it); false when it came. */
  hold(piece: string): boolean {
    const awaiting = this.awaiting!;
    const probe = this.#tail + piece;
    if (probe.indexOf(awaiting) >= 0) return false;
    this.#pieces.push(piece);
    this.#tail = probe.slice(-(awaiting.length - 1));
    return true;
  }

  /** `buf` and the pieces kept while awaiting, as one string (the search goes on where the terminator may begin). */
  gather(buf: string): string {
    const all = buf + this.#pieces.join('');
    this.resumeAt = Math.max(0, all.length - this.#tail.length);
    this.awaiting = undefined;
    this.#pieces = [];
    this.#tail = '';
    return all;
  }

  /** The buffer's first `stop` characters are let go. */
  drop(stop: number): void {
    if (this.resumeAt >= 0) this.resumeAt -= stop;
  }
}
