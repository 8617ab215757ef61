/**
 * Text assembled from pieces of one source text (copied verbatim) and written text, remembering
 * where each copied piece came from, so that a source map can point every name of the output
 * back to the same name in the source (see sourceMapOf).
 */

interface Copied {
  /** offset in the output */
  out: number;
  /** offset in the source */
  from: number;
  length: number;
}

export class OutputText {
  private readonly parts: string[] = [];
  private readonly copies: Copied[] = [];
  private length = 0;

  constructor(readonly source: string) {}

  /** Copies source[start, end). */
  copy(start: number, end: number): this {
    if (end <= start) return this;
    this.copies.push({ out: this.length, from: start, length: end - start });
    return this.write(this.source.slice(start, end));
  }

  write(text: string): this {
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  text(): string {
    return this.parts.join('');
  }

  /**
   * A source map (version 3) from this text to its source: one mapping at the start of every
   * copied piece, of every line inside one, and of every name inside one (the places a language
   * service looks up: go to definition lands on the same name in the source).
   * `file` and `source` are as the map should name them (relative to the map's folder); `final`:
   * the source's text as written, when it differs from the text this was copied from, and where
   * each position of the latter is in it.
   */
  sourceMapOf(file: string, source: string, final: { text: string; position: (pos: number) => number } = { text: this.source, position: (pos) => pos }): string {
    const srcLines = lineStarts(final.text);
    const lines: string[] = [];
    let line: string[] = [];
    let outLine = 0;
    let lastCol = 0;
    let previousSrcLine = 0;
    let previousSrcCol = 0;
    const add = (toLine: number, col: number, srcLine: number, srcCol: number) => {
      while (outLine < toLine) {
        lines.push(line.join(','));
        line = [];
        outLine++;
        lastCol = 0;
      }
      line.push(vlq(col - lastCol) + 'A' + vlq(srcLine - previousSrcLine) + vlq(srcCol - previousSrcCol));
      lastCol = col;
      previousSrcLine = srcLine;
      previousSrcCol = srcCol;
    };
    // the output's line and column, followed piece by piece through the written text
    let pieceOutLine = 0;
    let pieceOutLineStart = 0;
    let scanned = 0;
    const output = this.text();
    const token = /\n|[A-Za-z_$][\w$]*/g;
    for (const piece of this.copies) {
      for (let i = output.indexOf('\n', scanned); i !== -1 && i < piece.out; i = output.indexOf('\n', i + 1)) {
        pieceOutLine++;
        pieceOutLineStart = i + 1;
      }
      scanned = piece.out;
      const from = final.position(piece.from);
      let srcLine = lineOf(srcLines, from);
      let outLineHere = pieceOutLine;
      // columns on the piece's first line are relative to the line starts before it
      let outLineStart = pieceOutLineStart;
      let srcLineStart = srcLines[srcLine]!;
      add(outLineHere, piece.out - outLineStart, srcLine, from - srcLineStart);
      const text = this.source.slice(piece.from, piece.from + piece.length);
      token.lastIndex = 0;
      for (let m = token.exec(text); m; m = token.exec(text)) {
        if (m[0] === '\n') {
          outLineHere++;
          srcLine++;
          outLineStart = piece.out + m.index + 1;
          srcLineStart = from + m.index + 1;
          if (m.index + 1 < text.length && text[m.index + 1] !== '\n') add(outLineHere, 0, srcLine, 0);
        } else if (m.index > 0) {
          add(outLineHere, piece.out + m.index - outLineStart, srcLine, from + m.index - srcLineStart);
        }
      }
    }
    lines.push(line.join(','));
    return JSON.stringify({ version: 3, file, sourceRoot: '', sources: [source], names: [], mappings: lines.join(';') });
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line holding `pos` (a binary search over the line starts). */
function lineOf(starts: number[], pos: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= pos) low = mid;
    else high = mid - 1;
  }
  return low;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}
