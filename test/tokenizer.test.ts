/**
 * The decoder's own tokenizer (runtime/codec/tokenizer.ts), given → want: what it refuses and
 * why, what it normalizes, where it reports, and that a document read in pieces, cut anywhere,
 * gives the same tokens and the same errors as read whole. (The W3C suite is in
 * xml-conformance.test.ts, the comparison with saxes in decoder-differential.test.ts.)
 */
import test from 'ava';
import { SaxesParser } from 'saxes';
import { XmlDecodeError } from '../runtime/codec/errors.js';
import { Tokenizer, type TokenHandler } from '../runtime/codec/tokenizer.js';
import { checkWellFormed } from './helpers/well-formed.js';
import { countWork } from './helpers/work-counter.js';

/** The tokens of a document as text, read whole or in the pieces given. */
function tokens(pieces: string[]): string[] {
  const out: string[] = [];
  const open: string[] = [];
  const tokenizer: Tokenizer = new Tokenizer({
    openTag(source, start, end) {
      const name = source.slice(start, end);
      open.push(name);
      const attrs = Array.from({ length: tokenizer.attrCount }, (_, i) => ` ${tokenizer.attrNames[i]}=${JSON.stringify(tokenizer.attrValues[i])}`).join('');
      out.push(`<${name}${attrs}> @${tokenizer.line}:${tokenizer.column}`);
      return name;
    },
    closeTag(name) {
      open.pop();
      out.push(`</${name}> @${tokenizer.line}:${tokenizer.column}`);
    },
    text: (source, start, end) => void out.push(`${JSON.stringify(source.slice(start, end))} @${tokenizer.line}:${tokenizer.column}`),
    notWellFormed(reason): never {
      throw new XmlDecodeError(open.join('/'), reason, tokenizer.line, Math.max(1, tokenizer.column));
    },
  } satisfies TokenHandler);
  if (pieces.length === 1) tokenizer.whole(pieces[0]!);
  else {
    for (const piece of pieces) tokenizer.write(piece);
    tokenizer.end();
  }
  return out;
}

const refused: Array<[string, string, RegExp]> = [
  ['a control character', '<a>\u0001</a>', /a character XML does not allow \(U\+0001\)/],
  ['U+FFFE', '<a>\uFFFE</a>', /U\+FFFE/],
  ['a lone high surrogate', '<a>\uD800x</a>', /unpaired surrogate \(U\+D800\)/],
  ['a lone low surrogate in a name', '<a\uDC00/>', /unpaired surrogate \(U\+DC00\)/],
  ['a DOCTYPE', '<!DOCTYPE a><a/>', /DOCTYPE/],
  ['an undefined entity', '<a>&nbsp;</a>', /undefined entity "&nbsp;"/],
  ['a reference without ;', '<a>&amp</a>', /malformed reference/],
  ['a character reference to a character XML forbids', '<a>&#0;</a>', /names a character XML does not allow/],
  ['a character reference beyond Unicode', '<a>&#x110000;</a>', /names a character XML does not allow/],
  ['&#X (capital x)', '<a>&#X41;</a>', /malformed character reference/],
  ['< in an attribute value', '<a b="<"/>', /"<" is not allowed in an attribute value/],
  ['an unquoted attribute value', '<a b=c/>', /must be quoted/],
  ['an attribute without value', '<a b/>', /has no value/],
  ['a repeated attribute', '<a b="1" b="2"/>', /duplicate attribute: b/],
  ['a repeated attribute among many', `<a ${Array.from({ length: 40 }, (_, i) => `a${i}="${i}"`).join(' ')} a33="again"/>`, /duplicate attribute: a33/],
  ['attributes not separated', '<a b="1"c="2"/>', /separated by white space/],
  [']]> in text', '<a>x]]>y</a>', /"\]\]>" is not allowed in text/],
  ['-- in a comment', '<a><!-- x -- y --></a>', /"--" is not allowed inside a comment/],
  ['a comment ending in --->', '<a><!-- x ---></a>', /"--" is not allowed inside a comment/],
  ['CDATA outside the root', '<![CDATA[x]]><a/>', /outside of root node/],
  ['text after the root', '<a/>x', /text data outside of root node/],
  ['a second root', '<a/><b/>', /only one root/],
  ['a mismatched end tag', '<a><b></a></b>', /unexpected close tag: <\/a> where <\/b> was expected/],
  ['an end tag with nothing open', '</a>', /unmatched closing tag: a/],
  ['an unclosed element', '<a><b>', /unclosed tag: b/],
  ['no root at all', '  ', /must contain a root element/],
  ['an XML declaration not at the start', ' <?xml version="1.0"?><a/>', /must be at the start/],
  ['a PI named XML', '<a><?XML x?></a>', /must be at the start/],
  ['an XML declaration without version', '<?xml encoding="UTF-8"?><a/>', /malformed XML declaration/],
  ['standalone before encoding', '<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>', /malformed XML declaration/],
  ['a PI target followed by ? that does not end it', '<a><?x?y?></a>', /processing instruction's target/],
  ['a name starting with a digit', '<1a/>', /cannot start with "1"/],
  ['<! that is no comment or CDATA', '<a><!x></a>', /must begin a comment/],
  ['an unterminated CDATA section', '<a><![CDATA[x</a>', /CDATA section does not end/],
];

for (const [name, xml, want] of refused) {
  test(`refused: ${name}`, (t) => {
    const error = t.throws(() => checkWellFormed(xml), { instanceOf: XmlDecodeError });
    t.regex(error.reason, want);
    t.true(error.line! >= 1 && error.column! >= 1);
    // the same refusal, read in pieces of one character
    const pieces = t.throws(() => tokens([...xml].length > 1 ? [...xml] : [xml, '']), { instanceOf: XmlDecodeError });
    t.regex(pieces.reason, want);
  });
}

/** The same events and positions from saxes, the reference (a devDependency). */
function saxesTokens(xml: string): string[] {
  const out: string[] = [];
  const parser = new SaxesParser({ xmlns: false, position: true });
  const at = () => `@${parser.line}:${parser.column}`;
  let depth = 0;
  parser.on('opentag', (tag) => void (depth++, out.push(`<${tag.name}${Object.entries(tag.attributes).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')}> ${at()}`)));
  parser.on('closetag', (tag) => void (depth--, out.push(`</${tag.name}> ${at()}`)));
  // (the tokenizer reports no text outside the root element: only white space can be there)
  parser.on('text', (text) => void (depth === 0 ? undefined : out.push(`${JSON.stringify(text)} ${at()}`)));
  parser.on('cdata', (text) => void out.push(`${JSON.stringify(text)} ${at()}`));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return out;
}

test('accepted: what XML allows, normalized as XML says, at the positions saxes gives', (t) => {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<a b="x\ty&#9;z\r\nw" c=\'&lt;&quot;\'>l1\r\nl2\rl3<![CDATA[<c>\r\n]]>&#x1F600;&amp;<!-- c --><?pi body?></a>';
  t.deepEqual(tokens([xml]), [
    '<a b="x y\\tz w" c="<\\""> @3:18',
    '"l1\\nl2\\nl3" @5:3',
    '"<c>\\n" @6:3',
    '"😀&" @6:18',
    '</a> @6:42',
  ]);
  t.deepEqual(tokens([xml]), saxesTokens(xml));
  // a byte order mark, names beyond ASCII, an astral name character
  const names = '\uFEFF<été ü𐀀="1"/>';
  t.deepEqual(tokens([names]), ['<été ü𐀀="1"> @1:14', '</été> @1:14']);
  t.deepEqual(tokens([names]), saxesTokens(names));
});

test('many attributes, all different, are accepted (beyond 16 they are checked with a set)', (t) => {
  const attrs = Array.from({ length: 40 }, (_, i) => `a${i}="${i}"`);
  t.deepEqual(tokens([`<a ${attrs.join(' ')}/>`]).length, 2);
});

test('positions are counted as saxes counts them: lines after LF, CR LF or CR; a surrogate pair is one column', (t) => {
  const error = t.throws(() => checkWellFormed('<a>\r\n😀😀<b>\r<c>&bad;</c></b></a>'), { instanceOf: XmlDecodeError });
  t.deepEqual([error.line, error.column, error.path], [3, 8, 'a/b/c']);
});

test('read in pieces cut at every position, a document gives the tokens and positions it gives whole', (t) => {
  for (const xml of [
    '<?xml version="1.0"?>\n<p a="1&amp;2">x&lt;y<!-- a < b --><![CDATA[ <z> ]]><q/>\r\n<?pi x < y?>😀</p>\n',
    // a byte order mark, then the declaration: cut anywhere, even between the mark and "<?xml"
    '\uFEFF<?xml version="1.0" encoding="UTF-8"?><p/>',
  ]) {
    const whole = tokens([xml]);
    for (let cut = 1; cut < xml.length; cut++) t.deepEqual(tokens([xml.slice(0, cut), xml.slice(cut)]), whole, `${JSON.stringify(xml.slice(0, 12))}… cut at ${cut}`);
    t.deepEqual(tokens([...xml]), whole, 'one character at a time');
  }
  const broken = '<p>\n<q>x</p>';
  const error = t.throws(() => tokens([broken]), { instanceOf: XmlDecodeError });
  for (let cut = 1; cut < broken.length; cut++) {
    const again = t.throws(() => tokens([broken.slice(0, cut), broken.slice(cut)]), { instanceOf: XmlDecodeError });
    t.deepEqual([again.reason, again.line, again.column], [error.reason, error.line, error.column], `cut at ${cut}`);
  }
});

test('a long comment or CDATA section holding < over many pieces is read once, not again at each piece', (t) => {
  const body = 'x<y '.repeat(250_000);
  const xml = `<a><![CDATA[${body}]]><!--${body}--></a>`;
  const pieces: string[] = [];
  for (let at = 0; at < xml.length; at += 1000) pieces.push(xml.slice(at, at + 1000));
  // 2,000 pieces of a 2 MB document: scanning it again at each piece would read 2 GB
  let read: string[] = [];
  const work = countWork(() => (read = tokens(pieces)));
  t.true(work < 4 * xml.length, `${work} characters examined for a document of ${xml.length}`);
  t.is(read.length, 3);
  t.is(read[0], '<a> @1:3');
  t.is(read[1], `${JSON.stringify(body)} @1:${12 + body.length + 3}`);
  t.is(read[2], `</a> @1:${xml.length}`);
});
