/**
 * A pattern's syntax tree (runtime/codec/meta.ts) as a JavaScript RegExp with flag `u`: the oracle
 * of the pattern tests, and what fast-check draws matching strings from (`fc.stringMatching`).
 *
 * A class JavaScript cannot write flat (a subtraction, a complemented escape inside a class) is
 * written with a lookahead: `[a-z-[aeiou]]` as `(?:(?![aeiou])[a-z])`. Flag `v` would nest classes,
 * but V8 11.3 (Node 20) mis-matches some of them: `/^(?:(?:[^a]a)+|[^\p{Nd}]){2}$/v` accepts "aa\n".
 */
import type { CharSet, RegexNode } from '../../runtime/codec/meta.js';

export function regExpOf(re: RegexNode): RegExp {
  return new RegExp(`^(?:${source(re)})$`, 'u');
}

function source(node: RegexNode): string {
  if ('set' in node) return classOf(node.set);
  if ('text' in node) return Array.from(node.text, char).join('');
  if ('seq' in node) return node.seq.map((n) => `(?:${source(n)})`).join('');
  if ('alt' in node) return `(?:${node.alt.map(source).join('|')})`;
  return `(?:${source(node.rep)}){${node.min},${node.max < 0 ? '' : node.max}}`;
}

function classOf(set: CharSet): string {
  const ranges: string[] = [];
  for (let i = 0; i < (set.ranges ?? []).length; i += 2) ranges.push(`${char(set.ranges![i]!)}-${char(set.ranges![i + 1]!)}`);
  const flat = `${ranges.join('')}${(set.cats ?? []).map((c) => `\\p{${c}}`).join('')}`;
  let result: string;
  if (!set.sets || set.sets.length === 0) result = `[${set.not ? '^' : ''}${flat}]`;
  else {
    const union = `(?:${[...(flat ? [`[${flat}]`] : []), ...set.sets.map(classOf)].join('|')})`;
    result = set.not ? `(?:(?!${union})[^])` : union;
  }
  return set.minus ? `(?:(?!${classOf(set.minus)})${result})` : result;
}

function char(c: string | number): string {
  return `\\u{${(typeof c === 'number' ? c : c.codePointAt(0)!).toString(16)}}`;
}
