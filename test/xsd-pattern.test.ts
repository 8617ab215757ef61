/**
 * XSD regular expressions: parsed by the generator (generator/model/xsd-pattern.ts), matched by the
 * runtime's automaton (runtime/codec/pattern-match.ts): given → what matches and what does not,
 * what is refused and the exact message, and the automaton against JavaScript's own RegExp on
 * random patterns and values.
 */
import test from 'ava';
import fc from 'fast-check';
import { parseXsdPattern, PatternError } from '../generator/model/xsd-pattern.js';
import { PatternMatcher, patternSteps } from '../runtime/codec/pattern-match.js';
import { regExpOf } from './helpers/pattern-regexp.js';

const cases: Array<[string, { given: string; matches: string[]; rejects: string[] }]> = [
  ["Plesk's task id", { given: '[\\-]?[0-9]+', matches: ['7', '-15'], rejects: ['', 'x7', '7 '] }],
  ['implicit anchoring', { given: 'one', matches: ['one'], rejects: ['ones', 'a one'] }],
  ['^ and $ are ordinary characters', { given: '^a$', matches: ['^a$'], rejects: ['a'] }],
  ['. excludes newline and carriage return', { given: 'a.b', matches: ['a b', 'a€b', 'a😀b'], rejects: ['a\nb', 'a\rb', 'ab'] }],
  ['\\d is any Unicode digit', { given: '\\d+', matches: ['12', '١٢'], rejects: ['a', ''] }],
  ['Unicode categories', { given: '[\\-\\+\\p{L}\\p{N}\\._]*@([\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.)*[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.?', matches: ['a.b@example.com', 'ü@bü.de'], rejects: ['a b@example.com', '@'] }],
  ['\\i and \\c name characters', { given: '\\i\\c*', matches: ['a-b.c', '_x', ':a'], rejects: ['1a', '-a'] }],
  ["Plesk's domain login", { given: '[0-9a-zA-Z]{1}[\\-a-zA-Z0-9_.]{0,16}', matches: ['a', 'a-b_c.d'], rejects: ['-a', 'a'.repeat(18)] }],
  ["Plesk's IP address", { given: '([01]?\\p{Nd}{1,2}|2([0-4]\\p{Nd}|5[0-5]))(\\.([01]?\\p{Nd}{1,2}|2([0-4]\\p{Nd}|5[0-5]))){3}', matches: ['10.0.0.1', '255.255.255.255'], rejects: ['256.0.0.1', '1.2.3'] }],
  ['class subtraction', { given: '[a-z-[aeiou]]+', matches: ['xyz', 'bcd'], rejects: ['bad', 'B'] }],
  ['negation then subtraction', { given: '[^a-z-[0-9]]', matches: ['A', '-'], rejects: ['a', '5'] }],
  ['Unicode blocks', { given: '\\p{IsBasicLatin}+\\P{IsBasicLatin}', matches: ['abcé', '~~Ω'], rejects: ['abc', 'éé'] }],
  ['an XSD 1.0 block name', { given: '\\p{IsGreek}+', matches: ['αβγ'], rejects: ['abc'] }],
  ['complemented escapes inside a class', { given: '[\\S\\d]+', matches: ['ab1'], rejects: ['a b'] }],
  ['\\w is everything but punctuation, separators and others', { given: '\\w+', matches: ['aZ9ü'], rejects: ['a-b', 'a b'] }],
  ['\\s is space, tab, newline and carriage return', { given: 'a\\sb', matches: ['a b', 'a\tb', 'a\nb'], rejects: ['a\u00a0b'] }],
  ['escaped metacharacters', { given: '\\|\\.\\?\\*\\+\\(\\)\\{\\}\\-\\[\\]\\^\\\\', matches: ['|.?*+(){}-[]^\\'], rejects: ['x'] }],
  ['dash first and last in a class', { given: '[-a][b-]', matches: ['-b', 'a-'], rejects: ['bb'] }],
  ['counted repetition', { given: 'a{2,3}b{2}c{1,}', matches: ['aabbc', 'aaabbccc'], rejects: ['abbc', 'aaaabbc', 'aabbbc', 'aabb'] }],
  ['an empty branch', { given: 'a|', matches: ['a', ''], rejects: ['b'] }],
  ['the empty pattern', { given: '', matches: [''], rejects: [' '] }],
  ['characters beyond the BMP', { given: '😀{2}[𝒜-𝒵]', matches: ['😀😀𝒞'], rejects: ['😀𝒞', '😀😀a'] }],
];

for (const [name, { given, matches, rejects }] of cases) {
  test(name, (t) => {
    const matcher = new PatternMatcher(parseXsdPattern(given).re);
    for (const s of matches) t.true(matcher.matches(s), `${given} should match ${JSON.stringify(s)}`);
    for (const s of rejects) t.false(matcher.matches(s), `${given} should reject ${JSON.stringify(s)}`);
  });
}

test('the syntax tree of a pattern', (t) => {
  t.deepEqual(parseXsdPattern('[\\-]?[0-9]+'), {
    source: '[\\-]?[0-9]+',
    re: { seq: [{ rep: { set: { ranges: [45, 45] } }, min: 0, max: 1 }, { rep: { set: { ranges: [48, 57] } }, min: 1, max: -1 }] },
  });
  t.deepEqual(parseXsdPattern('ab(c|d\\.)').re, { seq: [{ text: 'ab' }, { alt: [{ text: 'c' }, { text: 'd.' }] }] });
});

const refused: Array<[string, string, string, string]> = [
  ['a lookahead', 'a(?=b)', '"(?=" at character 2 is a lookahead, which XSD patterns do not have', 'express the condition with character classes, alternatives (|) and quantifiers; a pattern always matches the whole value'],
  ['a negative lookahead', '(?!x)y', '"(?!" at character 1 is a negative lookahead, which XSD patterns do not have', 'express the condition with character classes, alternatives (|) and quantifiers; a pattern always matches the whole value'],
  ['a lookbehind', 'a(?<=b)', '"(?<=" at character 2 is a lookbehind, which XSD patterns do not have', 'express the condition with character classes, alternatives (|) and quantifiers; a pattern always matches the whole value'],
  ['a negative lookbehind', '(?<!b)a', '"(?<!" at character 1 is a negative lookbehind, which XSD patterns do not have', 'express the condition with character classes, alternatives (|) and quantifiers; a pattern always matches the whole value'],
  ['a non-capturing group', '(?:ab)+', '"(?:" at character 1 is a non-capturing group, which XSD patterns do not have', 'write a plain group (…): XSD groups capture nothing'],
  ['a named group', '(?<year>[0-9]{4})', '"(?<" at character 1 is a named group, which XSD patterns do not have', 'write a plain group (…): XSD groups capture nothing'],
  ['a back-reference', '(a)\\1', '"\\1" at character 4 is a back-reference, which XSD patterns do not have', 'write the repeated part out: a pattern cannot refer back to what it matched'],
  ['a lazy quantifier', 'a+?b', '"?" at character 3 makes the quantifier before it lazy, which XSD patterns do not have', 'remove the "?": a pattern must match the whole value, so lazy and greedy quantifiers match the same values'],
  ['a lazy counted quantifier', 'a{1,2}?', '"?" at character 7 makes the quantifier before it lazy, which XSD patterns do not have', 'remove the "?": a pattern must match the whole value, so lazy and greedy quantifiers match the same values'],
  ['a possessive quantifier', 'a*+', '"+" at character 3 makes the quantifier before it possessive, which XSD patterns do not have', 'remove the "+"'],
  ['a repeated quantifier', 'a{2}{3}', '"{" at character 5 repeats a quantifier, which XSD does not allow', 'group what is repeated: (a{2}){3} rather than a{2}{3}'],
  ['a word boundary', '\\bword', '"\\b" at character 1 is a word boundary, which XSD patterns do not have', 'say with character classes what may stand on either side'],
  ['an anchor escape', 'a\\z', '"\\z" at character 2 is an anchor, which XSD patterns do not have', 'remove it: a pattern always matches the whole value'],
  ['an escaped dollar', '\\$[0-9]+', '"\\$" at character 1 is not an XSD escape ($ is an ordinary character in XSD patterns)', 'write $ without the backslash'],
  ['a code escape', '\\u0041', '"\\u" at character 1 is not an XSD escape', 'write the character itself, or a character reference such as &#x41; in the schema'],
  ['an unknown escape', '\\q', '"\\q" at character 1 is not an XSD escape', 'XSD escapes are \\n \\r \\t, \\s \\S \\d \\D \\w \\W \\i \\I \\c \\C, \\p{…} \\P{…} and \\ before one of \\|.?*+(){}-[]^'],
  ['a lone backslash', 'a\\', 'the pattern ends with a lone "\\" at character 2', 'escape a backslash as \\\\'],
  ['an unclosed class', '[abc', 'the character class opened at character 1 is not closed', 'add the missing "]", or escape the "[" as \\['],
  ['an empty class', 'a[]', 'the character class at character 2 is empty', 'put at least one character between the brackets, or escape them as \\[\\]'],
  ['an unescaped [ in a class', '[a[b]', '"[" at character 3 must be escaped as \\[ inside a character class', 'escape it as \\['],
  ['a dash inside a class', '[a-c-e]', '"-" at character 5 must be escaped as \\- (or written first or last in the class)', 'escape it as \\-'],
  ['a backwards range', '[z-a]', 'the range at character 2 runs backwards (z is after a)', 'write the lower end first'],
  ['a range ending in an escape', '[a-\\d]', 'the range at character 2 ends with a multi-character escape', 'end a range with a single character'],
  ['a subtraction that is not last', '[a-z-[aeiou]x]', 'the subtracted class ending at character 12 must end the character class opened at character 1', 'put the subtraction last: [a-z-[aeiou]]'],
  ['an unclosed group', '(ab', 'the group opened at character 1 is not closed', 'add the missing ")", or escape the "(" as \\('],
  ['a ) that closes nothing', 'ab)', '")" at character 3 closes no group', 'escape it as \\)'],
  ['a ] that closes nothing', 'ab]', '"]" at character 3 closes no character class', 'escape it as \\]'],
  ['a quantifier with nothing to repeat', '+a', '"+" at character 1 has nothing before it to repeat', 'escape it as \\+'],
  ['a brace that starts no quantifier', 'a{x}', '"{" at character 2 does not start a quantifier {n}, {n,} or {n,m}', 'escape a literal brace as \\{'],
  ['a quantifier without a minimum', 'a{,2}', '"{" at character 2 does not start a quantifier {n}, {n,} or {n,m}', 'escape a literal brace as \\{'],
  ['a quantifier whose minimum is above its maximum', 'a{3,2}', 'the quantifier at character 2 has a minimum 3 above its maximum 2', 'write the smaller count first'],
  ['an unknown category', '\\p{Xx}', '"\\p{Xx}" at character 1 names no Unicode category', 'use one of L, Lu, Ll, Lt, Lm, Lo, M, Mn, Mc, Me, N, Nd, Nl, No, P, Pc, Pd, Ps, Pe, Pi, Pf, Po, Z, Zs, Zl, Zp, S, Sm, Sc, Sk, So, C, Cc, Cf, Co, Cn'],
  ['an unknown block', 'a\\P{IsKlingon}', '"\\P{IsKlingon}" at character 2 names no Unicode block', "use a block name of Unicode's Blocks.txt without spaces, such as IsBasicLatin or IsLatin-1Supplement"],
  ['\\p without braces', '\\pL', '"\\p" at character 1 must be followed by {Category} or {IsBlock}', 'write \\p{L}, \\p{Nd}, \\p{IsBasicLatin} …'],
  ['a pattern too large to write out', '(a{100}b){100}', 'the quantifier at character 10 needs 10100 automaton states, more than the 10000 a pattern may have (each count of {n,m} is a copy)', 'lower the counts, or bound the length with xs:maxLength instead'],
  ['a huge count', '.{0,99999999999}', 'the quantifier at character 2 needs 2000000000 automaton states, more than the 10000 a pattern may have (each count of {n,m} is a copy)', 'lower the counts, or bound the length with xs:maxLength instead'],
  ['nesting past 100 levels', `${'('.repeat(101)}a${')'.repeat(101)}`, 'groups and classes are nested more than 100 deep at character 101', 'write the pattern with less nesting'],
];
for (const [name, given, message, fix] of refused) {
  test(`refuses ${name}`, (t) => {
    const error = t.throws(() => parseXsdPattern(given), { instanceOf: PatternError, message });
    t.is(error?.fix, fix);
  });
}

test('a position counts characters, not UTF-16 units', (t) => {
  t.throws(() => parseXsdPattern('😀😀(?=a)'), { message: '"(?=" at character 3 is a lookahead, which XSD patterns do not have' });
});

// Random patterns from XSD's grammar over a small alphabet, and random values over it: the
// automaton agrees with JavaScript's RegExp of the same tree, and its work stays within its bound.
const atom: fc.Arbitrary<string> = fc.letrec<{ re: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { maxDepth: 2, withCrossShrink: true },
    fc.constantFrom('a', 'b', '.', '\\d', '\\s', '\\S', '[ab]', '[^a]', '[a-c-[b]]', '[\\d\\s]', '\\p{L}', '\\P{Nd}', '^', '$', '\\.'),
    tie('re').map((re) => `(${re})`),
  ),
  re: fc
    .array(fc.array(fc.tuple(tie('atom'), fc.constantFrom('', '', '?', '*', '+', '{2}', '{0,2}', '{1,}', '{2,3}')), { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 3 })
    .map((branches) => branches.map((pieces) => pieces.map(([a, q]) => a + q).join('')).join('|')),
})).re;
const value = fc.array(fc.constantFrom('a', 'b', 'c', '1', '٣', ' ', '\n', '.', 'é', '^', '$'), { maxLength: 10 }).map((chars) => chars.join(''));

test('the automaton agrees with JavaScript on random patterns and values, within its step bound, with its caches full or not', (t) => {
  fc.assert(
    fc.property(atom, fc.array(value, { minLength: 1, maxLength: 8 }), (pattern, values) => {
      const { re } = parseXsdPattern(pattern);
      const oracle = regExpOf(re);
      // the default caches, and caches so small that they start again at almost every character
      for (const matcher of [new PatternMatcher(re), new PatternMatcher(re, { states: 3, classes: 2, codePoints: 1 })]) {
        const { states, sets } = matcher.size;
        for (const v of values) {
          const before = patternSteps();
          const got = matcher.matches(v);
          const steps = patternSteps() - before;
          if (got !== oracle.test(v)) return false;
          if (steps > v.length * (1 + sets + 3 * states)) return false;
        }
      }
      return true;
    }),
    { seed: 0x5a77e2, numRuns: 400 },
  );
  t.pass();
});
