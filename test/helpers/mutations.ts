/**
 * Mutations of XML documents, as fast-check arbitraries, and how each is applied. Shared by the
 * xmllint-judged mutation fuzz (test/hostile-mutations.test.ts: `mutationArb`, unchanged since it
 * was written there, so its seeded samples stay the same) and the differential fuzz of the decoder
 * (test/helpers/decoder-differential.ts: `differentialMutationArb`, which adds the kinds below).
 *
 * Every mutation is plain data (JSON), and `apply` is deterministic: a failure shows the list, and
 * `mutations.reduce(apply, original)` rebuilds the document.
 *
 * Kinds: characters replaced (markup, control and non-ASCII characters among them) or the bits of
 * a UTF-16 code unit flipped, markup inserted (tags, references, comments, CDATA, quotes,
 * attributes, xsi:nil), spans deleted or duplicated, the document cut short, lone surrogates
 * inserted; and for the differential fuzz also: a bit flipped in the UTF-8 bytes of one character
 * (decoded back leniently: an invalid sequence becomes U+FFFD, as a lenient reader would give it),
 * single markup characters inserted, two sibling elements swapped, and characters outside the BMP
 * inserted (a surrogate pair, which a later cut or an insertion inside it turns into lone halves).
 */
import fc from 'fast-check';

export const INSERTS = [
  '<', '>', '&', '"', "'", '=', '/', ';', ' ', '\n', '\t', '<x>', '</x>', '<x/>', '<status>ok</status>', '<id>1</id>', '</result>',
  '<!--c-->', '<!--', '-->', '<?pi x?>', '<![CDATA[c]]>', ']]>', '&amp;', '&lt;', '&#0;', '&#x41;', '&#65;', '&bogus;', '&#xD800;',
  ' a="1"', ' version="1.6.9.0"', ' xsi:nil="true"', ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="maybe"',
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"', ' xmlns="urn:x"', '\u00e9', '\u20ac', '\ufffe', '\u0001', '-1', '99999999999999999999',
];
export const CHARS = ['<', '>', '&', '"', "'", '/', '=', ' ', '\n', '\u0000', '\u0001', '\u000b', '\u00e9', '\ufffe', 'a', 'Z', '0', '9', '-', ':'];
/** Single characters that mean something in markup. */
export const MARKUP = ['<', '>', '&', ';', '"', "'", '=', '/', '!', '?', '[', ']', '-', ':', '#', '\r', '\t', ' ', 'x'];
/** Characters outside the Basic Multilingual Plane (two UTF-16 code units each). */
export const ASTRAL = ['\u{10000}', '\u{1F600}', '\u{1D11E}', '\u{10FFFF}'];

export type Mutation =
  | { k: 'replace'; at: number; c: string }
  | { k: 'flip'; at: number; bit: number }
  | { k: 'insert'; at: number; s: string }
  | { k: 'delete'; at: number; n: number }
  | { k: 'duplicate'; at: number; n: number }
  | { k: 'cut'; at: number }
  | { k: 'surrogate'; at: number; c: string }
  | { k: 'byteflip'; at: number; byte: number; bit: number }
  | { k: 'markup'; at: number; c: string }
  | { k: 'swap'; group: number; a: number; b: number }
  | { k: 'astral'; at: number; c: string };

type Weighted = { arbitrary: fc.Arbitrary<Mutation>; weight: number };

const BASE: Weighted[] = [
  { arbitrary: fc.record({ k: fc.constant('replace' as const), at: fc.nat(), c: fc.constantFrom(...CHARS) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 6 }) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...INSERTS) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 20 }) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('duplicate' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 60 }) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('cut' as const), at: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('surrogate' as const), at: fc.nat(), c: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF') }), weight: 1 },
];

const EXTRA: Weighted[] = [
  { arbitrary: fc.record({ k: fc.constant('byteflip' as const), at: fc.nat(), byte: fc.nat(3), bit: fc.integer({ min: 0, max: 7 }) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('markup' as const), at: fc.nat(), c: fc.constantFrom(...MARKUP) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('swap' as const), group: fc.nat(), a: fc.nat(), b: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('astral' as const), at: fc.nat(), c: fc.constantFrom(...ASTRAL) }), weight: 1 },
];

/** The mutations of test/hostile-mutations.test.ts (xmllint judges them). */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(...BASE);

/** Every kind, for the differential fuzz of the decoder. */
export const differentialMutationArb: fc.Arbitrary<Mutation> = fc.oneof(...BASE, ...EXTRA);

const utf8 = new TextEncoder();
/** lenient: an invalid sequence becomes U+FFFD */
const lenient = new TextDecoder('utf-8');

export function apply(doc: string, m: Mutation): string {
  if (m.k === 'swap') return swapSiblings(doc, m.group, m.a, m.b);
  const at = m.at % (doc.length + 1);
  switch (m.k) {
    case 'replace': return doc.slice(0, at) + m.c + doc.slice(at + 1);
    case 'flip': {
      if (at >= doc.length) return doc;
      const code = doc.charCodeAt(at) ^ (1 << m.bit);
      return doc.slice(0, at) + String.fromCharCode(code) + doc.slice(at + 1);
    }
    case 'insert': return doc.slice(0, at) + m.s + doc.slice(at);
    case 'delete': return doc.slice(0, at) + doc.slice(at + m.n);
    case 'duplicate': return doc.slice(0, at + m.n) + doc.slice(at, at + m.n) + doc.slice(at + m.n);
    case 'cut': return doc.slice(0, at);
    case 'surrogate': return doc.slice(0, at) + m.c + doc.slice(at);
    case 'byteflip': {
      if (at >= doc.length) return doc;
      // the whole character at `at` (both halves of a pair), as UTF-8; a lone surrogate stays as it is
      const cp = doc.codePointAt(at)!;
      if (cp >= 0xd800 && cp <= 0xdfff) return doc;
      const char = String.fromCodePoint(cp);
      const bytes = utf8.encode(char);
      bytes[m.byte % bytes.length] ^= 1 << m.bit;
      return doc.slice(0, at) + lenient.decode(bytes) + doc.slice(at + char.length);
    }
    case 'markup': return doc.slice(0, at) + m.c + doc.slice(at);
    case 'astral': return doc.slice(0, at) + m.c + doc.slice(at);
  }
}

interface Span {
  start: number;
  end: number;
}

/**
 * Swaps two sibling elements (with their content; the text between them stays): `group` picks a
 * parent among those with two or more child elements, `a` and `b` the two children. The spans are
 * found by a plain scan of the tags (comments, PIs and CDATA skipped; a mismatched end tag ends
 * nothing), so a mutated document still has spans where its tags still match. Unchanged when no
 * element has two children.
 */
export function swapSiblings(doc: string, group: number, a: number, b: number): string {
  const groups: Span[][] = [];
  const stack: Array<{ name: string; start: number; children: Span[] }> = [{ name: '', start: 0, children: [] }];
  const tag = /<!--[^]*?-->|<\?[^]*?\?>|<!\[CDATA\[[^]*?\]\]>|<(\/?)([^\s/>!?<]+)[^<>]*?(\/?)>/g;
  for (let m = tag.exec(doc); m !== null; m = tag.exec(doc)) {
    if (m[2] === undefined) continue;
    const end = m.index + m[0].length;
    const top = stack[stack.length - 1]!;
    if (m[1] === '/') {
      if (stack.length > 1 && top.name === m[2]) {
        stack.pop();
        if (top.children.length >= 2) groups.push(top.children);
        stack[stack.length - 1]!.children.push({ start: top.start, end });
      }
    } else if (m[3] === '/') top.children.push({ start: m.index, end });
    else stack.push({ name: m[2], start: m.index, children: [] });
  }
  if (groups.length === 0) return doc;
  const children = groups[group % groups.length]!;
  let i = a % children.length;
  let j = b % children.length;
  if (i === j) j = (i + 1) % children.length;
  if (i > j) [i, j] = [j, i];
  const x = children[i]!;
  const y = children[j]!;
  return doc.slice(0, x.start) + doc.slice(y.start, y.end) + doc.slice(x.end, y.start) + doc.slice(x.start, x.end) + doc.slice(y.end);
}

/** Whether a string holds a lone surrogate (which no XML document can). */
export const hasLoneSurrogate = (s: string): boolean => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** A document (a string or its bytes) cut at the given points (ascending), in pieces as they would arrive. */
export function chunksOf<T extends string | Uint8Array>(input: T, at: number[]): T[] {
  const out: T[] = [];
  let from = 0;
  for (const to of [...at, input.length]) {
    out.push(input.slice(from, to) as T);
    from = to;
  }
  return out;
}
