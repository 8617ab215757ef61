/**
 * A document being decoded: its pieces (strings, or UTF-8 bytes), its open elements and its
 * errors, which name the path of open elements, the 1-based line and column, and show what they
 * quote of the document through DecodeOptions.redact (the client masks its credentials there).
 * The schema decoder (schema-decoder.ts) builds on it: it reads the tokens.
 */
import type { Frame } from './decode-frame.js';
import { declaredNames, rootLeaf, type Leaf } from './decode-plan.js';
import type { DecodeOptions, SchemaDriftEvent } from './decode-options.js';
import { XmlDecodeError } from './errors.js';
import { DOCTYPE_REFUSED } from './markup-readers.js';
import type { SchemaMeta, TypeRef } from './meta.js';
import { Tokenizer } from './tokenizer.js';
import { NotUtf8, Utf8Pieces } from './utf8-pieces.js';
import { LT } from './xml-chars.js';

const NO_BYTES = new Uint8Array(0);
import type { TokenHandler } from './xml-scanner.js';

export abstract class DocumentReader implements TokenHandler {
  /** frames[0 .. open - 1] are the open elements, outermost first */
  readonly frames: Frame[] = [];
  open = 0;
  readonly tokenizer: Tokenizer = new Tokenizer(this);
  result: unknown = undefined;
  /** prefixes bound to the XML Schema instance namespace by the open elements */
  readonly xsiPrefixes: string[] = [];
  rootName = '';
  rootLeaf: Leaf | undefined = undefined;
  /** unknownElements: 'keep' */
  keep = false;
  onUnknown: ((event: SchemaDriftEvent) => void) | undefined = undefined;
  /** masks the pieces of the document an error quotes (DecodeOptions.redact) */
  redact: ((text: string) => string) | undefined = undefined;
  /** reading bytes: their UTF-8 decoder */
  utf8: Utf8Pieces | undefined = undefined;
  /** what the pieces of the document are, once one came */
  pieces: 'strings' | 'bytes' | undefined = undefined;
  /** pieces of bytes without `<`, held back until a `<` or the end comes (see {@link write}) */
  readonly held: Uint8Array[] = [];

  constructor(public schema: SchemaMeta) {}

  start(schema: SchemaMeta, rootName: string, rootType: TypeRef, options: DecodeOptions | undefined): void {
    this.keep = options?.unknownElements === 'keep';
    this.onUnknown = options?.onUnknown;
    this.redact = options?.redact;
    this.schema = schema;
    this.rootName = rootName;
    this.rootLeaf = rootLeaf(schema, rootType);
    this.result = undefined;
    this.open = 0;
    this.xsiPrefixes.length = 0;
    this.utf8 = undefined;
    this.pieces = undefined;
    this.held.length = 0;
    this.tokenizer.reset(this);
  }

  /** Lets go of the last document's values (the frames are kept, empty). */
  release(): void {
    this.result = undefined;
    this.onUnknown = undefined;
    this.redact = undefined;
    this.utf8 = undefined;
    this.held.length = 0;
    this.tokenizer.release();
    for (const frame of this.frames) frame.clear();
  }

  /** A piece of the document: text, or UTF-8 bytes (a character may be split between two pieces). */
  write(piece: string | Uint8Array): void {
    if (piece.length === 0) return;
    const bytes = typeof piece !== 'string';
    if (this.pieces === undefined) this.pieces = bytes ? 'bytes' : 'strings';
    else if ((this.pieces === 'bytes') !== bytes) {
      throw new TypeError(`decode: the pieces of one document must be all strings or all bytes; this one is ${bytes ? 'bytes' : 'a string'} after ${this.pieces}`);
    }
    if (!bytes) {
      this.tokenizer.write(piece);
      return;
    }
    this.utf8 ??= new Utf8Pieces();
    // bytes without `<` only lengthen the token they are in (the tokenizer reads nothing of them
    // before the next `<`): they are held as they came and decoded when a `<` or the end comes,
    // so that an answer refused in the middle of a long text (the client's size limit) has cost
    // its bytes, not its bytes and their text
    if (piece.indexOf(LT) < 0) {
      this.held.push(piece);
      return;
    }
    this.flushHeld();
    this.tokenizer.write(this.utf8Text(piece));
  }

  /** Decodes the pieces held back into the tokenizer, letting go of each. */
  flushHeld(): void {
    const held = this.held;
    if (held.length === 0) return;
    for (let i = 0; i < held.length; i++) {
      const piece = held[i]!;
      held[i] = NO_BYTES;
      this.tokenizer.write(this.utf8Text(piece));
    }
    held.length = 0;
  }

  /** The end of a document given in pieces: its value. */
  end(): unknown {
    if (this.utf8 !== undefined) {
      this.flushHeld();
      this.tokenizer.write(this.utf8Text(undefined));
    }
    this.tokenizer.end();
    return this.result;
  }

  /**
   * The text of the next bytes (undefined: the end). Bytes that are not UTF-8 fail where they
   * are: the text before them is read first (an earlier error comes first), then the error is
   * placed on the character after it.
   */
  utf8Text(bytes: Uint8Array | undefined): string {
    try {
      return bytes === undefined ? this.utf8!.end() : this.utf8!.text(bytes);
    } catch (error) {
      if (!(error instanceof NotUtf8)) throw error;
      if (error.readable !== '') this.tokenizer.write(error.readable);
      return this.tokenizer.failAtEnd(error.reason);
    }
  }

  path(): string {
    let path = '';
    for (let i = 0; i < this.open; i++) path += i === 0 ? this.frames[i]!.name : `/${this.frames[i]!.name}`;
    return path;
  }

  /**
   * The 1-based column of the tokenizer's position: the last character it read; right after a
   * newline, or before anything was read, the first column.
   */
  column(): number {
    return Math.max(1, this.tokenizer.column);
  }

  /**
   * A piece of the document as an error shows it: through DecodeOptions.redact, before it is cut
   * short; a name the schema declares (not a secret: it is in every package) as it is.
   */
  quote(text: string, name: boolean): string {
    const redact = this.redact;
    if (redact === undefined || (name && (text === this.rootName || declaredNames(this.schema).has(text)))) return text;
    return redact(text);
  }

  /** {@link path} for an error: names that came from the document (unknown or wildcard elements) quoted. */
  errorPath(): string {
    if (this.redact === undefined) return this.path();
    let path = '';
    for (let i = 0; i < this.open; i++) path += (i === 0 ? '' : '/') + this.quote(this.frames[i]!.name, true);
    return path;
  }

  /** Fails with `reason` at the current position; `child`: the name (from the document) of the element it is about. */
  fail(reason: string, child?: string): never {
    const path = this.errorPath();
    const shown = child === undefined ? undefined : this.quote(child, true);
    throw new XmlDecodeError(shown === undefined ? path : path ? `${path}/${shown}` : shown, reason, this.tokenizer.line, this.column());
  }

  notWellFormed(reason: string): never {
    throw new XmlDecodeError(this.errorPath(), reason === DOCTYPE_REFUSED ? reason : `not well-formed XML: ${reason}`, this.tokenizer.line, this.column());
  }

  abstract openTag(source: string, start: number, end: number): string;
  abstract closeTag(name: string): void;
  abstract text(source: string, start: number, end: number): void;
}
