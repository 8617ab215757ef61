/**
 * Patterns matched in linear time: hostile patterns (nested and overlapping quantifiers, the shapes
 * that make a backtracking matcher take exponential time) against hostile values of 1,000, 10,000
 * and 100,000 characters. The work is counted (`patternSteps`: characters examined, automaton
 * states visited, character-set tests), never timed: it must stay within c·n, where c is fixed by
 * the pattern (1 + its character sets + 3 × its automaton states, docs/patterns.md) and n is the
 * value's length.
 *
 * A deliberately backtracking matcher of the same syntax trees is kept as a control: it agrees
 * with the automaton on short values, and the same assertion fails on it.
 * Last, a package generated from a schema with `(a+)+b` decodes and encodes 10,000-character values.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { writePackage } from '../generator/write.js';
import { parseXsdPattern } from '../generator/model/xsd-pattern.js';
import type { RegexNode } from '../runtime/codec/meta.js';
import { charTest } from '../runtime/codec/pattern-automaton.js';
import { PatternMatcher, patternSteps } from '../runtime/codec/pattern-match.js';
import { regExpOf } from './helpers/pattern-regexp.js';
import { generateFrom, ROOT } from './helpers/project.js';

const SIZES = [1_000, 10_000, 100_000];

/** A value of about `n` characters: `head` repeated, then `tail`. */
const repeated = (head: string, tail: string) => (n: number) => head.repeat(Math.max(0, Math.ceil((n - tail.length) / head.length))) + tail;

/** A fixed pseudo-random string of a and b (a linear congruential generator): no DFA cache can hold it. */
const abNoise = (n: number) => {
  let x = 0x2545f491;
  let s = '';
  for (let i = 0; i < n; i++) s += (x = (Math.imul(x, 1103515245) + 12345) >>> 0) & 0x10000 ? 'a' : 'b';
  return s;
};

const HOSTILE: Array<{ pattern: string; value: (n: number) => string; backtracks: boolean }> = [
  { pattern: '(a+)+b', value: repeated('a', ''), backtracks: true },
  { pattern: '(a+)+b', value: repeated('a', 'b'), backtracks: false },
  { pattern: '(a|a)*b', value: repeated('a', ''), backtracks: true },
  { pattern: '(a*)*b', value: repeated('a', 'c'), backtracks: true },
  { pattern: '(a|aa)+c', value: repeated('a', 'b'), backtracks: true },
  { pattern: '([a-z]+)*[0-9]', value: repeated('abc', '!'), backtracks: true },
  { pattern: '(\\p{L}+\\s?)+!', value: repeated('word ', '?'), backtracks: true },
  { pattern: '(.*a){12}', value: repeated('a', 'b'), backtracks: true },
  {
    pattern: '[\\-\\+\\p{L}\\p{N}\\._]*@([\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.)*[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.?',
    value: (n) => `${'a'.repeat(n / 2)}@${'a-'.repeat(n / 4)}!`,
    backtracks: false,
  },
  // more DFA states (2^13) than the cache keeps: the cache starts again, the bound still holds
  { pattern: '(a|b)*a(a|b){12}', value: abNoise, backtracks: false },
];

/** The linear bound of a pattern: work per character. */
function perCharacter(matcher: PatternMatcher): number {
  const { states, sets } = matcher.size;
  return 1 + sets + 3 * states;
}

for (const { pattern, value, backtracks } of HOSTILE) {
  test(`${pattern} on ${JSON.stringify(value(24))}… takes at most c·n steps at 1k, 10k and 100k characters`, (t) => {
    const { re } = parseXsdPattern(pattern);
    const matcher = new PatternMatcher(re);
    const c = perCharacter(matcher);
    for (const n of SIZES) {
      const text = value(n);
      const before = patternSteps();
      const matched = matcher.matches(text);
      const steps = patternSteps() - before;
      t.true(steps <= c * text.length, `${pattern} on ${text.length} characters: ${steps} steps, more than ${c}·n = ${c * text.length}`);
      // JavaScript's own engine as the judge, where it does not backtrack for ages itself
      if (n === SIZES[0] && !backtracks) t.is(matched, regExpOf(re).test(text));
    }
  });
}

test('once the automaton has met a value, each further character is one step (the lazily built DFA)', (t) => {
  const matcher = new PatternMatcher(parseXsdPattern('(a+)+b').re);
  matcher.matches('aaab');
  const before = patternSteps();
  t.true(matcher.matches('a'.repeat(100_000) + 'b'));
  t.is(patternSteps() - before, 100_001);
});

// ---- the control: a backtracking matcher of the same trees, greedy, depth-first, as JavaScript's RegExp works

class OverBudget extends Error {}

/** Matches by backtracking, counting each node entered; throws OverBudget past `budget`. */
function backtrack(re: RegexNode, text: string, budget: number): { matched: boolean; steps: number } {
  const chars = Array.from(text, (c) => c.codePointAt(0)!);
  let steps = 0;
  const tests = new Map<object, (cp: number) => boolean>();
  const match = (node: RegexNode, i: number, next: (i: number) => boolean): boolean => {
    if (++steps > budget) throw new OverBudget();
    if ('set' in node) {
      let test = tests.get(node.set);
      if (!test) tests.set(node.set, (test = charTest(node.set)));
      return i < chars.length && test(chars[i]!) && next(i + 1);
    }
    if ('text' in node) {
      const want = Array.from(node.text, (c) => c.codePointAt(0)!);
      return want.every((c, k) => chars[i + k] === c) && next(i + want.length);
    }
    if ('seq' in node) {
      const from = (k: number, at: number): boolean => (k === node.seq.length ? next(at) : match(node.seq[k]!, at, (after) => from(k + 1, after)));
      return from(0, i);
    }
    if ('alt' in node) return node.alt.some((branch) => match(branch, i, next));
    const { rep, min, max } = node;
    const again = (count: number, at: number): boolean =>
      ((max < 0 || count < max) && match(rep, at, (after) => (after > at || count < min) && again(count + 1, after))) || (count >= min && next(at));
    return again(0, i);
  };
  const matched = match(re, 0, (end) => end === chars.length);
  return { matched, steps };
}

test('the control agrees with the automaton on short values', (t) => {
  for (const { pattern, value } of HOSTILE) {
    const { re } = parseXsdPattern(pattern);
    const matcher = new PatternMatcher(re);
    for (const n of [0, 1, 5, 12]) {
      const text = value(n);
      t.is(backtrack(re, text, Infinity).matched, matcher.matches(text), `${pattern} on ${JSON.stringify(text)}`);
    }
  }
});

test('the same assertion fails on the backtracking control: it needs more than c·n steps for the patterns that backtrack', (t) => {
  for (const { pattern, value, backtracks } of HOSTILE.filter((h) => h.backtracks)) {
    const { re } = parseXsdPattern(pattern);
    const c = perCharacter(new PatternMatcher(re));
    const text = value(SIZES[0]!);
    let steps: number;
    try {
      steps = backtrack(re, text, c * text.length).steps;
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      steps = Infinity;
    }
    t.true(backtracks && steps > c * text.length, `${pattern}: the backtracking control took ${steps} steps, within ${c}·n`);
  }
});

// ---- through a generated package

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="CodeType"><xs:restriction base="xs:string"><xs:pattern value="(a+)+b"/></xs:restriction></xs:simpleType>
  <xs:complexType name="NoteType">
    <xs:sequence><xs:element name="code" type="CodeType"/></xs:sequence>
    <xs:attribute name="ref" type="CodeType"/>
  </xs:complexType>
</xs:schema>
`;

interface Codecs {
  decodeType(type: string, element: string, xml: string): { code: string; ref?: string };
  encodeType(type: string, element: string, value: unknown): string;
  XmlDecodeError: new (...args: never[]) => Error;
  XmlEncodeError: new (...args: never[]) => Error;
}

test('a generated package decodes and encodes 10,000-character values of the pattern (a+)+b in linear work', async (t) => {
  const dir = path.join(ROOT, '.tmp', 'hostile-patterns');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { files } = generateFrom([path.join(dir, 'note.xsd')], dir, (file) => (file === path.join(dir, 'note.xsd') ? SCHEMA : undefined));
  const out = path.join(dir, 'package');
  writePackage(out, files);
  const pkg = (await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href)) as Codecs;
  // the package's own copy of the runtime: its counter is the one its decoder and encoder move
  const runtime = (await import(pathToFileURL(path.join(out, 'src', 'runtime', 'codec', 'pattern-match.ts')).href)) as { patternSteps: () => number; PatternMatcher: typeof PatternMatcher };
  const packageSteps = runtime.patternSteps;
  const c = perCharacter(new runtime.PatternMatcher(parseXsdPattern('(a+)+b').re));

  const good = `${'a'.repeat(9_999)}b`;
  const bad = 'a'.repeat(10_000);
  let before = packageSteps();
  const decoded = pkg.decodeType('NoteType', 'note', `<note ref="${good}"><code>${good}</code></note>`);
  t.true(decoded.ref === good && decoded.code === good);
  t.true(packageSteps() - before <= 2 * c * 10_000, 'two values, within c·n each');

  before = packageSteps();
  const error = t.throws(() => pkg.decodeType('NoteType', 'note', `<note><code>${bad}</code></note>`), { instanceOf: pkg.XmlDecodeError });
  t.regex(error!.message, /"a{60}…" \(10000 characters\) does not match the pattern \(a\+\)\+b of CodeType/);
  t.true(packageSteps() - before <= c * 10_000);

  t.true(pkg.encodeType('NoteType', 'note', { code: good }) === `<?xml version="1.0" encoding="UTF-8"?>\n<note><code>${good}</code></note>`);
  t.throws(() => pkg.encodeType('NoteType', 'note', { code: bad }), { instanceOf: pkg.XmlEncodeError, message: /does not match the pattern \(a\+\)\+b of CodeType/ });
});
