/**
 * The decoder's tokenizer alone, as a well-formedness check: what the XML conformance suite and
 * the tokenizer tests run (the package does not ship it: the decoder is its only user).
 */
import { XmlDecodeError } from '../../runtime/codec/errors.js';
import { DOCTYPE_REFUSED, Tokenizer } from '../../runtime/codec/tokenizer.js';

/** Throws an {@link XmlDecodeError} when `xml` is not a well-formed XML 1.0 document without a DTD. */
export function checkWellFormed(xml: string): void {
  const open: string[] = [];
  const tokenizer: Tokenizer = new Tokenizer({
    openTag(source, start, end) {
      const name = source.slice(start, end);
      open.push(name);
      return name;
    },
    closeTag: () => void open.pop(),
    text: () => {},
    notWellFormed(reason) {
      throw new XmlDecodeError(open.join('/'), reason === DOCTYPE_REFUSED ? reason : `not well-formed XML: ${reason}`, tokenizer.line, Math.max(1, tokenizer.column));
    },
  });
  tokenizer.whole(xml);
}
