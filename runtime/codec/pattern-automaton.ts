/**
 * An XSD pattern's syntax tree → a Thompson NFA: states that read one character of a set, states
 * that split into two, and one state that accepts. Repetitions with counts (`a{2,4}`) are written
 * out, so the NFA has no counters and its size is fixed by the pattern (the generator refuses a
 * pattern that would write out to more than 10,000 character states).
 *
 * For `[\-]?[0-9]+`: state 0 reads `-`, state 1 reads `0-9`, state 2 splits back to 1 or on to 3,
 * state 3 accepts, state 4 (the start) splits to 0 or 1.
 */
import type { CharSet, RegexNode } from './meta.js';

/** `kind` of a state that splits into `out` and `out1`. */
export const SPLIT = -1;
/** `kind` of the accepting state. */
export const MATCH = -2;

export interface Nfa {
  /** per state: the index in `sets` of the set it reads, {@link SPLIT} or {@link MATCH} */
  kind: Int32Array;
  /** per state: the state after it */
  out: Int32Array;
  /** per split state: the other state after it */
  out1: Int32Array;
  start: number;
  /** membership tests of the character sets, one per distinct set of the tree */
  sets: Array<(codePoint: number) => boolean>;
}

export function compileNfa(re: RegexNode): Nfa {
  const kind: number[] = [];
  const out: number[] = [];
  const out1: number[] = [];
  const sets: Array<(codePoint: number) => boolean> = [];
  const setIndex = new Map<CharSet | number, number>();
  const add = (k: number, next: number, next1 = -1): number => {
    kind.push(k);
    out.push(next);
    out1.push(next1);
    return kind.length - 1;
  };
  const setOf = (key: CharSet | number, test: () => (codePoint: number) => boolean): number => {
    let index = setIndex.get(key);
    if (index === undefined) setIndex.set(key, (index = sets.push(test()) - 1));
    return index;
  };
  /** The states of `node` followed by `next`; returns the state to enter them by. */
  const build = (node: RegexNode, next: number): number => {
    if ('set' in node) return add(setOf(node.set, () => charTest(node.set)), next);
    if ('text' in node) {
      const chars = Array.from(node.text);
      for (let i = chars.length - 1; i >= 0; i--) {
        const c = chars[i]!.codePointAt(0)!;
        next = add(setOf(c, () => (codePoint) => codePoint === c), next);
      }
      return next;
    }
    if ('seq' in node) {
      for (let i = node.seq.length - 1; i >= 0; i--) next = build(node.seq[i]!, next);
      return next;
    }
    if ('alt' in node) {
      let first = build(node.alt[node.alt.length - 1]!, next);
      for (let i = node.alt.length - 2; i >= 0; i--) first = add(SPLIT, build(node.alt[i]!, next), first);
      return first;
    }
    const { rep, min, max } = node;
    let entry = next;
    if (max < 0) {
      // x* : a split that enters x, whose end comes back to the split, or leaves
      const loop = add(SPLIT, -1, next);
      out[loop] = build(rep, loop);
      entry = loop;
    } else {
      // x{0,k}, nested: (x(x(x)?)?)?, each optional copy skipping straight to the end
      for (let i = 0; i < max - min; i++) entry = add(SPLIT, build(rep, entry), next);
    }
    for (let i = 0; i < min; i++) entry = build(rep, entry);
    return entry;
  };
  const accept = add(MATCH, -1);
  const start = build(re, accept);
  return { kind: Int32Array.from(kind), out: Int32Array.from(out), out1: Int32Array.from(out1), start, sets };
}

/** The membership test of a character set. */
export function charTest(set: CharSet): (codePoint: number) => boolean {
  const ranges = set.ranges ?? [];
  const categories = set.cats && set.cats.length > 0 ? new RegExp(`[${set.cats.map((c) => `\\p{${c}}`).join('')}]`, 'u') : undefined;
  const members = (set.sets ?? []).map(charTest);
  const minus = set.minus ? charTest(set.minus) : undefined;
  const not = set.not === true;
  return (codePoint) => {
    let inside = false;
    for (let i = 0; i < ranges.length && !inside; i += 2) inside = codePoint >= ranges[i]! && codePoint <= ranges[i + 1]!;
    if (!inside && categories) inside = categories.test(String.fromCodePoint(codePoint));
    for (let i = 0; i < members.length && !inside; i++) inside = members[i]!(codePoint);
    return inside !== not && !(minus && minus(codePoint));
  };
}
