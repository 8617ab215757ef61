/**
 * Reading an answer that may not be a Plesk packet: the name of its root element, and the start of
 * its text for an error message. Every scan here is linear in what it reads, whatever the answer
 * holds (a run of `<?a?>`, `<` without `>`, `<!--` without `-->`): each search starts where the
 * previous one ended, and a search that finds nothing ends the scan. An error message takes its
 * text from the first {@link SNIPPET_SOURCE_CHARS} characters of an answer only.
 */
import { referenceAt } from './secret-masking.js';

/** How much of an answer an error message is made from. */
export const SNIPPET_SOURCE_CHARS = 16_384;
/** How long the quoted text of an answer is, at most. */
export const SNIPPET_CHARS = 200;

function isXmlSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

const NAME = /[A-Za-z_][\w.:-]*/y;

/**
 * The name of the root element, skipping a BOM, white space, the XML declaration, processing
 * instructions, comments and a document type declaration; undefined when the text starts with
 * anything else.
 */
export function rootElementName(text: string): string | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && isXmlSpace(text.charCodeAt(i))) i++;
    let end: number;
    if (text.startsWith('<?', i)) end = indexAfter(text, '?>', i + 2);
    else if (text.startsWith('<!--', i)) end = indexAfter(text, '-->', i + 4);
    else if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!doctype', i)) end = indexAfter(text, '>', i + 9);
    else break;
    if (end < 0) return undefined;
    i = end;
  }
  if (text.charCodeAt(i) !== 60) return undefined;
  NAME.lastIndex = i + 1;
  return NAME.exec(text)?.[0];
}

/** The index just after the next `what` from `from`, or -1. */
function indexAfter(text: string, what: string, from: number): number {
  const at = text.indexOf(what, from);
  return at < 0 ? -1 : at + what.length;
}

/** The text without its tags (each replaced by a space); a `<` that no `>` follows is text. */
export function stripTags(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<', from);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    // no `>` after this `<`: there is none after any later `<` either
    if (close < 0) break;
    out += `${text.slice(from, open)} `;
    from = close + 1;
  }
  return out + text.slice(from);
}

/** Character references (named, decimal, hexadecimal) replaced by their characters; anything else as it is. */
export function decodeReferences(text: string): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    const ref = referenceAt(text, i);
    if (!ref) continue;
    out += text.slice(from, i) + ref.chars;
    from = ref.end;
    i = ref.end - 1;
  }
  return out + text.slice(from);
}

/**
 * The start of an answer as an error message shows it: masked first (`mask` is given the limit of
 * how much to read, see maskSecrets), then tags removed, references decoded, white space folded,
 * masked again (decoding may have spelled a secret anew) and cut to {@link SNIPPET_CHARS}.
 */
export function answerSnippet(text: string, mask: (text: string, limit?: number) => string): string {
  const head = mask(text, SNIPPET_SOURCE_CHARS);
  const flat = mask(decodeReferences(stripTags(head)).replace(/[\t\n\r ]+/g, ' ').trim());
  if (flat === '') return '(empty body)';
  return flat.length > SNIPPET_CHARS || head.length < text.length ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
}
