/**
 * What the client keeps of an XML answer's bytes while it decodes them as they arrive: not the
 * answer (the decoder has read it), only what an error message may quote of it. That is its
 * start (the root element's name, the first {@link SNIPPET_SOURCE_CHARS} characters of a
 * not-a-packet message) and its last bytes (a decode error is found where the decoder stands,
 * and its excerpt is the text around that place), with the line and column where those last
 * bytes start. So an answer refused for its size, or for its content, costs the limit of what
 * arrives, never a copy of it.
 *
 * With nothing to decode (an answer read whole: get_protos, an HTTP error page) or with a debug
 * listener (which is shown the whole answer), every byte is kept.
 */
import { SNIPPET_SOURCE_CHARS } from './answer-text.js';

/** Bytes of the start of an answer kept: enough for the snippet's characters in any UTF-8. */
export const HEAD_BYTES: number = SNIPPET_SOURCE_CHARS * 4;
/** Bytes of the end of an answer kept, at least (an excerpt is 80 characters either side of its place). */
export const TAIL_BYTES: number = 16 * 1024;

/** The end of an answer that was not kept whole, and where it starts. */
export interface AnswerTail {
  /** the last bytes received, as text (a character cut at its start dropped) */
  text: string;
  /** the 1-based line of its first character, and the characters before it on that line */
  line: number;
  column: number;
}

/** An answer's bytes as they arrive: all of them, or its start and its end. */
export class AnswerBytes {
  /** every byte received so far (counted against the limit) */
  size = 0;
  readonly #whole: boolean;
  readonly #head: Buffer[] = [];
  #headSize = 0;
  readonly #tail: Buffer[] = [];
  #tailSize = 0;
  /** bytes dropped between the head and the tail: their line feeds, and the characters after the last */
  #dropped = 0;
  #droppedLines = 0;
  #droppedColumn = 0;
  #text: string | undefined;

  constructor(whole: boolean) {
    this.#whole = whole;
  }

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.#whole || this.#headSize < HEAD_BYTES) {
      this.#head.push(chunk);
      this.#headSize += chunk.length;
      return;
    }
    this.#tail.push(chunk);
    this.#tailSize += chunk.length;
    while (this.#tailSize - this.#tail[0]!.length >= TAIL_BYTES) this.#drop(this.#tail.shift()!);
  }

  /** Lets go of every byte (an answer refused for its size is not read further). */
  clear(): void {
    this.#head.length = 0;
    this.#tail.length = 0;
    this.#headSize = 0;
    this.#tailSize = 0;
  }

  /** Whether bytes were dropped between the start and the end. */
  get cut(): boolean {
    return this.#dropped > 0;
  }

  /** The answer as text: whole, or its start when bytes were dropped (see {@link tail}). */
  get text(): string {
    if (this.#text === undefined) {
      const chunks = this.cut ? this.#head : [...this.#head, ...this.#tail];
      this.#text = Buffer.concat(chunks).toString('utf8');
      if (!this.cut) this.clear();
    }
    return this.#text;
  }

  /** The end of the answer, when bytes were dropped before it. */
  get tail(): AnswerTail | undefined {
    if (!this.cut) return undefined;
    const bytes = Buffer.concat(this.#tail);
    // a character the window cut in two: its continuation bytes are dropped
    let start = 0;
    while (start < bytes.length && start < 3 && (bytes[start]! & 0xc0) === 0x80) start++;
    return { text: bytes.subarray(start).toString('utf8'), line: this.#headLines() + this.#droppedLines + 1, column: this.#columnAtTail() };
  }

  #drop(chunk: Buffer): void {
    this.#tailSize -= chunk.length;
    this.#dropped += chunk.length;
    let lastLf = chunk.lastIndexOf(10);
    if (lastLf >= 0) {
      for (let i = chunk.indexOf(10); i >= 0 && i <= lastLf; i = chunk.indexOf(10, i + 1)) this.#droppedLines++;
      this.#droppedColumn = 0;
    } else lastLf = -1;
    this.#droppedColumn += characters(chunk, lastLf + 1);
  }

  #headLines(): number {
    let lines = 0;
    for (const chunk of this.#head) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    return lines;
  }

  /** The characters before the tail on its first line. */
  #columnAtTail(): number {
    if (this.#droppedLines > 0) return this.#droppedColumn;
    // no line feed in the dropped bytes: the line started in the head
    let column = 0;
    for (const chunk of this.#head) {
      const lf = chunk.lastIndexOf(10);
      column = lf >= 0 ? characters(chunk, lf + 1) : column + characters(chunk, 0);
    }
    return column + this.#droppedColumn;
  }
}

/** The characters of UTF-8 bytes from `from` (bytes that start one: not 10xxxxxx). */
function characters(bytes: Buffer, from: number): number {
  let n = 0;
  for (let i = from; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) n++;
  return n;
}
