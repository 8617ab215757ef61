/** XSD regular expressions → JavaScript: given → want. */
import test from 'ava';
import { PatternError, translateXsdPattern } from '../generator/model/xsd-pattern.js';

const cases: Array<[string, { given: string; matches: string[]; rejects: string[] }]> = [
  ["Plesk's task id", { given: '[\\-]?[0-9]+', matches: ['7', '-15'], rejects: ['', 'x7', '7 '] }],
  ['implicit anchoring', { given: 'one', matches: ['one'], rejects: ['ones', 'a one'] }],
  ['^ and $ are ordinary characters', { given: '^a$', matches: ['^a$'], rejects: ['a'] }],
  ['. excludes newline and carriage return', { given: 'a.b', matches: ['a b', 'a€b'], rejects: ['a\nb', 'a\rb'] }],
  ['\\d is any Unicode digit', { given: '\\d+', matches: ['12', '١٢'], rejects: ['a'] }],
  ['Unicode categories', { given: '[\\-\\+\\p{L}\\p{N}\\._]*@([\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.)*[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.?', matches: ['a.b@example.com', 'ü@bü.de'], rejects: ['a b@example.com', '@'] }],
  ['\\i and \\c name characters', { given: '\\i\\c*', matches: ['a-b.c', '_x'], rejects: ['1a', '-a'] }],
  ["Plesk's domain login", { given: '[0-9a-zA-Z]{1}[\\-a-zA-Z0-9_.]{0,16}', matches: ['a', 'a-b_c.d'], rejects: ['-a', 'a'.repeat(18)] }],
];

for (const [name, { given, matches, rejects }] of cases) {
  test(name, (t) => {
    const re = new RegExp(translateXsdPattern(given), 'u');
    for (const s of matches) t.true(re.test(s), `${given} should match ${JSON.stringify(s)}`);
    for (const s of rejects) t.false(re.test(s), `${given} should reject ${JSON.stringify(s)}`);
  });
}

const unsupported: Array<[string, string, string]> = [
  ['class subtraction', '[a-z-[aeiou]]', 'character class subtraction ([a-z-[aeiou]]) is not supported'],
  ['Unicode blocks', '\\p{IsBasicLatin}+', 'the Unicode block escape \\p{IsBasicLatin} has no JavaScript equivalent'],
  ['an unclosed class', '[abc', 'a character class is not closed'],
  ['an unknown escape', '\\q', '\\q is not an XSD escape'],
];
for (const [name, given, want] of unsupported) {
  test(`reports ${name}`, (t) => {
    t.throws(() => translateXsdPattern(given), { instanceOf: PatternError, message: want });
  });
}
