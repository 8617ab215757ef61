/**
 * Line and column of a position in a document read in pieces, counted as saxes counts them (so
 * that errors read as before): the 1-based line, and the column as the count of characters read
 * on that line, where a surrogate pair counts as one and CR LF, CR and LF each end a line.
 *
 * Positions are counted only when asked for, from the last position asked for when they come in
 * order (a cache), and a piece's lines are counted once, when it is let go ({@link TextPositions.drop}).
 */
import { CR, LF } from './xml-chars.js';

export class TextPositions {
  /** the line and column at the buffer's start (what earlier pieces held) */
  #baseLine = 1;
  #baseColumn = 0;
  /** the cache: the line and column at #cachedAt of the buffer */
  #cachedAt = 0;
  line = 1;
  column = 0;

  /** Starts a new document. */
  reset(): void {
    this.#baseLine = 1;
    this.#baseColumn = 0;
    this.#cachedAt = 0;
    this.line = 1;
    this.column = 0;
  }

  /** Sets `line` and `column` to those of offset `pos` of `buf`. */
  locate(buf: string, pos: number): void {
    const to = Math.min(pos, buf.length);
    let i = this.#cachedAt;
    let line = this.line;
    let column = this.column;
    if (to < i) {
      i = 0;
      line = this.#baseLine;
      column = this.#baseColumn;
    }
    for (; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c === LF) {
        line++;
        column = 0;
      } else if (c === CR) {
        line++;
        column = 0;
        // CR LF is one line end (a position is never between them)
        if (buf.charCodeAt(i + 1) === LF) i++;
      } else if (c < 0xdc00 || c > 0xdfff || i === 0 || buf.charCodeAt(i - 1) < 0xd800 || buf.charCodeAt(i - 1) > 0xdbff) column++;
    }
    this.#cachedAt = i;
    this.line = line;
    this.column = column;
  }

  /** The buffer's first `stop` characters are let go: positions count from there on. */
  drop(buf: string, stop: number): void {
    this.locate(buf, stop);
    this.#baseLine = this.line;
    this.#baseColumn = this.column;
    this.#cachedAt = 0;
  }
}
