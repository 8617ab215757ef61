/**
 * Errors of the encoders and decoders. Each names the path of the element it is about
 * (`packet/backup-manager/get-tasks-info/task-id`) and the rule that was broken. Both are branded
 * (error-brand.ts): `instanceof` holds for the same class of another generated package's runtime.
 */
import { BrandedError, brandClass } from './error-brand.js';
import { detached } from './own-strings.js';

/** A value could not be written as schema-valid XML. Nothing was sent. */
export class XmlEncodeError extends BrandedError {
  static {
    brandClass(this, 'XmlEncodeError');
  }
  override readonly name = 'XmlEncodeError';
  constructor(
    /** where in the packet: element names joined by `/`, a property as `@name` or `.prop` */
    readonly path: string,
    /** what is wrong, without the path */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** A document is not well-formed, or does not follow the schema. */
export class XmlDecodeError extends BrandedError {
  static {
    brandClass(this, 'XmlDecodeError');
  }
  override readonly name = 'XmlDecodeError';
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(detached(`${path || '(document)'}${line !== undefined ? ` (line ${line}, column ${column})` : ''}: ${reason}`));
    // (strings of their own: names and values read from the document are slices of it, and a kept error would keep the whole answer)
    this.path = detached(path);
    this.reason = detached(reason);
  }
  /** set on errors from a client call: the answer around the error position, the credentials masked */
  declare readonly excerpt?: string;
}

/** How a piece of a document is shown in a message: as it is, or masked (the client's credentials). */
export type ShowText = (text: string) => string;

const asItIs: ShowText = (text) => text;

/**
 * A broken facet or lexical rule, before the encoder or decoder adds the path. A message that
 * quotes the value is made by a function of how to show it, so that the decoder can show the
 * value masked before it is cut short ({@link ValueError.messageWith}).
 */
export class ValueError extends Error {
  readonly #render: (show: ShowText) => string;
  constructor(message: string | ((show: ShowText) => string)) {
    const render = typeof message === 'string' ? () => message : message;
    super(render(asItIs));
    this.#render = render;
  }

  /** The message with the value it quotes shown through `show` first (before it is cut short). */
  messageWith(show: ShowText): string {
    return this.#render(show);
  }
}
