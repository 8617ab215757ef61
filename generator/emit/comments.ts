/**
 * The one writer of comment text in generated files. Schema text (documentation, names, file
 * paths) is untrusted: a `*\/` in it would end a doc comment and a line break would end a `//`
 * comment, and what follows would be code that runs when the package is imported. Every doc
 * comment goes through {@link jsDoc} and every `//` line through {@link lineComment}; a structure
 * test checks that the emitters use nothing else.
 */

/**
 * Every line terminator of ECMAScript (LF, CR, CR LF, U+2028, U+2029) and the characters an
 * editor may show as one (NEL, VT, FF).
 */
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029\u0085\u000b\u000c]/g;

/** Control characters other than tab and the line breaks: shown as `\u{…}`, never written raw. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

function visible(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * A doc comment's text from its paragraphs (empty ones left out), safe inside `/** … *\/`: line
 * breaks of any kind become `\n`, `*\/` becomes `*\\/` (shown as written, never the end of the
 * comment), control characters are spelled out.
 */
export function jsDoc(...paragraphs: Array<string | undefined | false>): string {
  return paragraphs
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .map((p) => visible(p.replace(LINE_BREAKS, '\n')).replaceAll('*/', '*\\/'))
    .join('\n\n');
}

/** Text for one line of a comment of any language (`//`, `#`, `<!-- -->`): line breaks of any kind become spaces, control characters are spelled out, `-->` is broken. */
export function oneLine(text: string): string {
  return visible(text.replace(LINE_BREAKS, ' ')).replaceAll('-->', '--\\>');
}

/** One `//` comment line holding `text` (see {@link oneLine}). */
export function lineComment(text: string): string {
  return `// ${oneLine(text)}`;
}

/** A doc comment written by hand into printed text (a member inside a type literal), indented to sit at `indent`. */
export function docBlock(text: string, indent: string): string {
  const lines = jsDoc(text).split('\n').map((l) => l.trimEnd());
  if (lines.length === 1) return `/** ${lines[0]} */`;
  return `/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */`;
}
