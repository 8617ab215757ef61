/**
 * XSD regular expressions (XML Schema Part 2, appendix F) → the syntax tree the runtime matches
 * in linear time ({@link PatternMeta}; docs/patterns.md).
 *
 * Exactly XSD's grammar: branches (`|`), pieces with `? * + {n} {n,} {n,m}`, groups `( )`,
 * character classes with ranges, negation and subtraction (`[a-z-[aeiou]]`), `.`, the escapes
 * `\n \r \t`, `\` before a metacharacter, `\s \S \i \I \c \C \d \D \w \W`, `\p{…}` / `\P{…}` with
 * categories and blocks. A pattern is anchored at both ends; `^` and `$` are ordinary characters.
 * What XSD does not have (lookaround, back-references, lazy or possessive quantifiers, `(?:`,
 * word boundaries, `\uXXXX`) is refused with the position of the offending character (1-based,
 * counted in characters) and how to write it in XSD.
 *
 * For `[\-]?[0-9]+`: `{ seq: [{ rep: { set: { ranges: [45, 45] } }, min: 0, max: 1 },
 * { rep: { set: { ranges: [48, 57] } }, min: 1, max: -1 }] }`.
 */
import type { CharSet, PatternMeta, RegexNode } from '../../runtime/codec/meta.js';
import { ANY_BUT_NEWLINE, CATEGORY_NAMES, multiCharEscape, propertyEscape } from './xsd-pattern-sets.js';

/** The most automaton states a pattern may need (counted repetitions are written out, one copy per count). */
export const MAX_PATTERN_STATES = 10_000;
/** The deepest nesting of groups and subtracted classes. */
const MAX_NESTING = 100;
/** What `\` may precede to stand for the character itself. */
const SINGLE_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09 };
const META_ESCAPES = '\\|.?*+(){}-[]^';

/** A pattern XSD does not allow; the message names the position, `fix` how to write it in XSD. */
export class PatternError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
  }
}

/** The syntax tree of an XSD pattern; throws {@link PatternError}. */
export function parseXsdPattern(source: string): PatternMeta {
  return { source, re: new Parser(source).parse() };
}

/** The automaton states `node` needs (at least one per written-out copy), as the runtime builds them. */
export function statesOf(node: RegexNode): number {
  if ('set' in node) return 1;
  if ('text' in node) return Array.from(node.text).length;
  if ('seq' in node) return node.seq.reduce((n, item) => n + statesOf(item), 0);
  if ('alt' in node) return node.alt.reduce((n, item) => n + statesOf(item), node.alt.length - 1);
  const each = Math.max(1, statesOf(node.rep));
  return node.max < 0 ? each * (node.min + 1) + 1 : each * node.max + (node.max - node.min);
}

class Parser {
  readonly #chars: string[];
  #pos = 0;
  #depth = 0;

  constructor(source: string) {
    this.#chars = Array.from(source);
  }

  parse(): RegexNode {
    const re = this.#regExp();
    if (this.#pos < this.#chars.length) this.#fail(`")" at character ${this.#pos + 1} closes no group`, 'escape it as \\)');
    return re;
  }

  #peek(ahead = 0): string | undefined {
    return this.#chars[this.#pos + ahead];
  }

  #fail(message: string, fix: string): never {
    throw new PatternError(message, fix);
  }

  #regExp(): RegexNode {
    const start = this.#pos;
    const branches = [this.#branch()];
    while (this.#peek() === '|') {
      this.#pos++;
      branches.push(this.#branch());
    }
    const node = branches.length === 1 ? branches[0]! : { alt: branches };
    this.#checkSize(node, `the part from character ${start + 1}`);
    return node;
  }

  #branch(): RegexNode {
    const pieces: RegexNode[] = [];
    const start = this.#pos;
    for (let c = this.#peek(); c !== undefined && c !== '|' && c !== ')'; c = this.#peek()) {
      const piece = this.#piece();
      const last = pieces[pieces.length - 1];
      if (last && 'text' in last && 'text' in piece) pieces[pieces.length - 1] = { text: last.text + piece.text };
      else pieces.push(piece);
    }
    const node = pieces.length === 1 ? pieces[0]! : { seq: pieces };
    this.#checkSize(node, `the part from character ${start + 1}`);
    return node;
  }

  #piece(): RegexNode {
    const atom = this.#atom();
    const at = this.#pos;
    const quantity = this.#quantifier();
    if (!quantity) return atom;
    const next = this.#peek();
    if (next === '?') this.#fail(`"?" at character ${this.#pos + 1} makes the quantifier before it lazy, which XSD patterns do not have`, 'remove the "?": a pattern must match the whole value, so lazy and greedy quantifiers match the same values');
    if (next === '+') this.#fail(`"+" at character ${this.#pos + 1} makes the quantifier before it possessive, which XSD patterns do not have`, 'remove the "+"');
    if (next === '*' || next === '{') this.#fail(`"${next}" at character ${this.#pos + 1} repeats a quantifier, which XSD does not allow`, 'group what is repeated: (a{2}){3} rather than a{2}{3}');
    const node: RegexNode = { rep: atom, ...quantity };
    this.#checkSize(node, `the quantifier at character ${at + 1}`);
    return node;
  }

  #quantifier(): { min: number; max: number } | undefined {
    const c = this.#peek();
    if (c === '?' || c === '*' || c === '+') {
      this.#pos++;
      return { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : -1 };
    }
    if (c !== '{') return undefined;
    const at = this.#pos + 1;
    this.#pos++;
    const min = this.#number();
    let max = min;
    if (min !== undefined && this.#peek() === ',') {
      this.#pos++;
      max = this.#peek() === '}' ? -1 : this.#number();
    }
    if (min === undefined || max === undefined || this.#peek() !== '}') {
      this.#fail(`"{" at character ${at} does not start a quantifier {n}, {n,} or {n,m}`, 'escape a literal brace as \\{');
    }
    this.#pos++;
    if (max >= 0 && min > max) this.#fail(`the quantifier at character ${at} has a minimum ${min} above its maximum ${max}`, 'write the smaller count first');
    return { min, max };
  }

  #number(): number | undefined {
    let digits = '';
    while (/[0-9]/.test(this.#peek() ?? '')) digits += this.#chars[this.#pos++];
    // a count past MAX_PATTERN_STATES is refused by the size check; longer digit strings stay finite
    return digits === '' ? undefined : digits.length > 9 ? 1e9 : Number(digits);
  }

  #atom(): RegexNode {
    const at = this.#pos + 1;
    const c = this.#peek()!;
    switch (c) {
      case '(': return this.#group();
      case '[': return { set: this.#charClass() };
      case '.':
        this.#pos++;
        return { set: ANY_BUT_NEWLINE };
      case '\\': {
        const escaped = this.#escape();
        return typeof escaped === 'number' ? { text: String.fromCodePoint(escaped) } : { set: normalized(escaped) };
      }
      case ']': return this.#fail(`"]" at character ${at} closes no character class`, 'escape it as \\]');
      case '}': return this.#fail(`"}" at character ${at} closes no quantifier`, 'escape it as \\}');
      case '{': return this.#fail(`"{" at character ${at} has nothing before it to repeat`, 'escape a literal brace as \\{');
      case '?': case '*': case '+':
        return this.#fail(`"${c}" at character ${at} has nothing before it to repeat`, `escape it as \\${c}`);
      default:
        this.#pos++;
        return { text: c };
    }
  }

  #group(): RegexNode {
    const at = this.#pos + 1;
    if (this.#peek(1) === '?') {
      const [c2, c3] = [this.#peek(2), this.#peek(3)];
      const token = `(?${c2 ?? ''}${c2 === '<' && (c3 === '=' || c3 === '!') ? c3 : ''}`;
      this.#fail(`"${token}" at character ${at} ${groupSyntax(c2, c3)}, which XSD patterns do not have`, groupFix(c2, c3));
    }
    this.#enter(at);
    this.#pos++;
    const inner = this.#regExp();
    if (this.#peek() !== ')') this.#fail(`the group opened at character ${at} is not closed`, 'add the missing ")", or escape the "(" as \\(');
    this.#pos++;
    this.#depth--;
    return inner;
  }

  #enter(at: number): void {
    if (++this.#depth > MAX_NESTING) this.#fail(`groups and classes are nested more than ${MAX_NESTING} deep at character ${at}`, 'write the pattern with less nesting');
  }

  /** `[…]`: a positive or negative group, its ranges and escapes, and an optional subtracted class. */
  #charClass(): CharSet {
    const at = this.#pos + 1;
    this.#enter(at);
    this.#pos++;
    const not = this.#peek() === '^';
    if (not) this.#pos++;
    const ranges: number[] = [];
    const cats: string[] = [];
    const sets: CharSet[] = [];
    let minus: CharSet | undefined;
    for (let first = true; ; first = false) {
      const c = this.#peek();
      const here = this.#pos + 1;
      if (c === undefined) this.#fail(`the character class opened at character ${at} is not closed`, 'add the missing "]", or escape the "[" as \\[');
      if (c === ']') {
        if (first) this.#fail(`the character class at character ${at} is empty`, 'put at least one character between the brackets, or escape them as \\[\\]');
        break;
      }
      if (c === '-' && !first && this.#peek(1) === '[') {
        this.#pos++;
        minus = this.#charClass();
        if (this.#peek() !== ']') this.#fail(`the subtracted class ending at character ${this.#pos} must end the character class opened at character ${at}`, 'put the subtraction last: [a-z-[aeiou]]');
        break;
      }
      if (c === '-' && !first && this.#peek(1) !== ']') this.#fail(`"-" at character ${here} must be escaped as \\- (or written first or last in the class)`, 'escape it as \\-');
      if (c === '[') this.#fail(`"[" at character ${here} must be escaped as \\[ inside a character class`, 'escape it as \\[');
      const item = c === '\\' ? this.#escape() : this.#chars[this.#pos++]!.codePointAt(0)!;
      if (typeof item !== 'number') {
        if (item.not) sets.push(item);
        else {
          ranges.push(...(item.ranges ?? []));
          cats.push(...(item.cats ?? []));
        }
        continue;
      }
      let last = item;
      if (this.#peek() === '-' && this.#peek(1) !== ']' && this.#peek(1) !== '[') {
        this.#pos++;
        const end = this.#peek();
        if (end === undefined) continue;
        if (end === '-' || end === '[') this.#fail(`"${end}" at character ${this.#pos + 1} must be escaped as \\${end} to end a range`, `escape it as \\${end}`);
        const to = end === '\\' ? this.#escape() : this.#chars[this.#pos++]!.codePointAt(0)!;
        if (typeof to !== 'number') this.#fail(`the range at character ${here} ends with a multi-character escape`, 'end a range with a single character');
        if (to < item) this.#fail(`the range at character ${here} runs backwards (${show(item)} is after ${show(to)})`, 'write the lower end first');
        last = to;
      }
      ranges.push(item, last);
    }
    this.#pos++;
    this.#depth--;
    return normalized({ ranges, cats, sets, not, ...(minus ? { minus } : {}) });
  }

  /** After `\`: a character (a code point) or a set. */
  #escape(): number | CharSet {
    const at = this.#pos + 1;
    const c = this.#peek(1);
    if (c === undefined) this.#fail(`the pattern ends with a lone "\\" at character ${at}`, 'escape a backslash as \\\\');
    this.#pos += 2;
    if (c in SINGLE_ESCAPES) return SINGLE_ESCAPES[c]!;
    if (META_ESCAPES.includes(c)) return c.codePointAt(0)!;
    const multi = multiCharEscape(c);
    if (multi) return multi;
    if (c === 'p' || c === 'P') {
      const close = this.#chars.indexOf('}', this.#pos);
      if (this.#peek() !== '{' || close < 0) this.#fail(`"\\${c}" at character ${at} must be followed by {Category} or {IsBlock}`, 'write \\p{L}, \\p{Nd}, \\p{IsBasicLatin} …');
      const name = this.#chars.slice(this.#pos + 1, close).join('');
      this.#pos = close + 1;
      const set = propertyEscape(name, c === 'P');
      if (set) return set;
      if (name.startsWith('Is')) this.#fail(`"\\${c}{${name}}" at character ${at} names no Unicode block`, 'use a block name of Unicode\'s Blocks.txt without spaces, such as IsBasicLatin or IsLatin-1Supplement');
      this.#fail(`"\\${c}{${name}}" at character ${at} names no Unicode category`, `use one of ${CATEGORY_NAMES}`);
    }
    const [problem, fix] = unknownEscape(c);
    this.#fail(`"\\${c}" at character ${at} ${problem}`, fix);
  }

  #checkSize(node: RegexNode, what: string): void {
    const states = statesOf(node);
    if (states > MAX_PATTERN_STATES) {
      this.#fail(`${what} needs ${states} automaton states, more than the ${MAX_PATTERN_STATES} a pattern may have (each count of {n,m} is a copy)`, 'lower the counts, or bound the length with xs:maxLength instead');
    }
  }
}

function groupSyntax(c2: string | undefined, c3: string | undefined): string {
  if (c2 === '=') return 'is a lookahead';
  if (c2 === '!') return 'is a negative lookahead';
  if (c2 === '<' && c3 === '=') return 'is a lookbehind';
  if (c2 === '<' && c3 === '!') return 'is a negative lookbehind';
  if (c2 === ':') return 'is a non-capturing group';
  if (c2 === '<' || c2 === 'P') return 'is a named group';
  return 'is a group extension';
}

function groupFix(c2: string | undefined, c3: string | undefined): string {
  if (c2 === ':' || (c2 === '<' && c3 !== '=' && c3 !== '!') || c2 === 'P') return 'write a plain group (…): XSD groups capture nothing';
  return 'express the condition with character classes, alternatives (|) and quantifiers; a pattern always matches the whole value';
}

/** Why `\c` is refused, and how to write it in XSD. */
function unknownEscape(c: string): [string, string] {
  const escapes = 'XSD escapes are \\n \\r \\t, \\s \\S \\d \\D \\w \\W \\i \\I \\c \\C, \\p{…} \\P{…} and \\ before one of \\|.?*+(){}-[]^';
  if (/[1-9]/.test(c) || c === 'k') return ['is a back-reference, which XSD patterns do not have', 'write the repeated part out: a pattern cannot refer back to what it matched'];
  if (c === 'b' || c === 'B') return ['is a word boundary, which XSD patterns do not have', 'say with character classes what may stand on either side'];
  if (c === 'A' || c === 'z' || c === 'Z' || c === 'G') return ['is an anchor, which XSD patterns do not have', 'remove it: a pattern always matches the whole value'];
  if (c === 'u' || c === 'x') return ['is not an XSD escape', 'write the character itself, or a character reference such as &#x41; in the schema'];
  if (/[A-Za-z0-9]/.test(c)) return ['is not an XSD escape', escapes];
  return [`is not an XSD escape (${c} is an ordinary character in XSD patterns)`, `write ${c} without the backslash`];
}

/** Ranges sorted and merged, categories once each, empty parts left out. */
function normalized(set: CharSet): CharSet {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < (set.ranges ?? []).length; i += 2) pairs.push([set.ranges![i]!, set.ranges![i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const ranges: number[] = [];
  for (const [from, to] of pairs) {
    if (ranges.length > 0 && from <= ranges[ranges.length - 1]! + 1) ranges[ranges.length - 1] = Math.max(ranges[ranges.length - 1]!, to);
    else ranges.push(from, to);
  }
  const cats = [...new Set(set.cats ?? [])];
  return {
    ...(ranges.length > 0 ? { ranges } : {}),
    ...(cats.length > 0 ? { cats } : {}),
    ...(set.sets && set.sets.length > 0 ? { sets: set.sets } : {}),
    ...(set.not ? { not: true } : {}),
    ...(set.minus ? { minus: set.minus } : {}),
  };
}

function show(codePoint: number): string {
  return codePoint > 0x20 && codePoint < 0x7f ? String.fromCodePoint(codePoint) : `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
