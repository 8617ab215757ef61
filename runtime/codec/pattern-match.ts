/**
 * Matching an XSD pattern in time linear in the value: the pattern's NFA (pattern-automaton.ts)
 * is run as a DFA built lazily, one state per set of NFA states met, never by backtracking.
 *
 * Each character costs one table look-up once its DFA step is known. An unknown step costs the
 * NFA states of the set it leaves plus those it reaches, and a code point seen for the first time
 * costs one test per character set of the pattern; so a value of n UTF-16 code units costs at most
 * n × (1 + sets + 3 × states) steps, whatever the pattern and the value (the third share of the
 * states: building the start state again). The caches are bounded ({@link PatternCacheLimits}):
 * when one is full it starts again, which keeps that bound and the memory.
 *
 * {@link patternSteps} counts that work (characters examined, NFA states visited, set tests), so
 * tests can prove the bound without timing anything.
 */
import type { RegexNode } from './meta.js';
import { compileNfa, MATCH, SPLIT, type Nfa } from './pattern-automaton.js';

/** How much the caches of one pattern hold before they start again. */
export interface PatternCacheLimits {
  /** DFA states (at least 3, for the bound of the file comment) */
  states: number;
  /** character classes (code points that every set of the pattern holds or lacks alike) */
  classes: number;
  /** code points beyond ASCII whose class is remembered */
  codePoints: number;
}

const LIMITS: PatternCacheLimits = { states: 2_000, classes: 1_000, codePoints: 10_000 };

let steps = 0;

/** The work every pattern match of this process has done so far (see the file comment). */
export function patternSteps(): number {
  return steps;
}

interface DfaState {
  /** the NFA states it stands for: states that read a character, and the accepting one */
  nfa: Int32Array;
  accept: boolean;
  /** the state after a character of each class, once known */
  next: Array<DfaState | undefined>;
  /** the same for ASCII characters, by code point: the fast path */
  ascii: Array<DfaState | undefined>;
}

export class PatternMatcher {
  readonly #nfa: Nfa;
  /** per class: which character sets hold its code points */
  #classes: Uint8Array[] = [];
  #classBySignature = new Map<string, number>();
  #asciiClass = new Int32Array(128).fill(-1);
  #classByCodePoint = new Map<number, number>();
  #states = new Map<string, DfaState>();
  #start: DfaState;
  #mark: Int32Array;
  #generation = 0;
  /** how many times the DFA started again */
  #epoch = 0;
  #accept: number;
  readonly #limits: PatternCacheLimits;

  /** `limits`: the cache sizes (tests make them tiny to drive the restarts). */
  constructor(re: RegexNode, limits: PatternCacheLimits = LIMITS) {
    this.#limits = limits;
    this.#nfa = compileNfa(re);
    this.#mark = new Int32Array(this.#nfa.kind.length);
    this.#accept = this.#nfa.kind.indexOf(MATCH);
    this.#start = this.#intern(this.#closure([this.#nfa.start]));
  }

  /** The number of NFA states: with the number of character sets, what bounds the cost per character. */
  get size(): { states: number; sets: number } {
    return { states: this.#nfa.kind.length, sets: this.#nfa.sets.length };
  }

  /** Whether the whole of `text` matches. */
  matches(text: string): boolean {
    let state = this.#start;
    let i = 0;
    for (; i < text.length && state.nfa.length > 0; i++) {
      let c = text.charCodeAt(i);
      if (c < 128) {
        const next = state.ascii[c];
        if (next !== undefined) {
          state = next;
          continue;
        }
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      const epoch = this.#epoch;
      let cls = c < 128 ? this.#asciiClass[c]! : (this.#classByCodePoint.get(c) ?? -1);
      // the DFA may start again while a class or a state is made: the state is then looked up in the new one
      if (cls < 0) cls = this.#classify(c);
      const from = epoch === this.#epoch ? state : this.#intern(state.nfa);
      state = from.next[cls] ?? this.#step(from, cls);
      if (c < 128 && epoch === this.#epoch) from.ascii[c] = state;
    }
    steps += i;
    return i === text.length && state.accept;
  }

  #classify(codePoint: number): number {
    const sets = this.#nfa.sets;
    const members = new Uint8Array(sets.length);
    for (let s = 0; s < sets.length; s++) members[s] = sets[s]!(codePoint) ? 1 : 0;
    steps += sets.length;
    const signature = members.join('');
    let cls = this.#classBySignature.get(signature);
    if (cls === undefined) {
      if (this.#classes.length >= this.#limits.classes) this.#forgetClasses();
      cls = this.#classes.push(members) - 1;
      this.#classBySignature.set(signature, cls);
    }
    if (codePoint < 128) this.#asciiClass[codePoint] = cls;
    else {
      if (this.#classByCodePoint.size >= this.#limits.codePoints) this.#classByCodePoint.clear();
      this.#classByCodePoint.set(codePoint, cls);
    }
    return cls;
  }

  #step(from: DfaState, cls: number): DfaState {
    const { kind, out } = this.#nfa;
    const members = this.#classes[cls]!;
    const targets: number[] = [];
    for (const q of from.nfa) if (kind[q]! >= 0 && members[kind[q]!] === 1) targets.push(out[q]!);
    steps += from.nfa.length;
    const epoch = this.#epoch;
    const to = this.#intern(this.#closure(targets));
    // after a restart `from` belongs to the old DFA: the step is not remembered there
    if (epoch === this.#epoch) from.next[cls] = to;
    return to;
  }

  /** The states reachable from `roots` without reading: those that read, and the accepting one, in order. */
  #closure(roots: number[]): Int32Array {
    const { kind, out, out1 } = this.#nfa;
    const mark = this.#mark;
    const generation = ++this.#generation;
    const found: number[] = [];
    const stack = roots.reverse();
    while (stack.length > 0) {
      const q = stack.pop()!;
      if (mark[q] === generation) continue;
      mark[q] = generation;
      steps++;
      if (kind[q] === SPLIT) stack.push(out1[q]!, out[q]!);
      else found.push(q);
    }
    return Int32Array.from(found.sort((a, b) => a - b));
  }

  #intern(nfa: Int32Array): DfaState {
    const key = nfa.join(',');
    let state = this.#states.get(key);
    if (state === undefined) {
      if (this.#states.size >= this.#limits.states) this.#forgetStates();
      state = { nfa, accept: nfa.includes(this.#accept), next: [], ascii: new Array<DfaState | undefined>(128) };
      this.#states.set(key, state);
    }
    return state;
  }

  /** Forgets the DFA (the bound on its memory); the start state is built again. Classes stay valid. */
  #forgetStates(): void {
    this.#epoch++;
    this.#states.clear();
    this.#start = this.#intern(this.#closure([this.#nfa.start]));
  }

  /** Forgets the classes, and so the DFA, whose steps are by class. */
  #forgetClasses(): void {
    this.#classes = [];
    this.#classBySignature.clear();
    this.#classByCodePoint.clear();
    this.#asciiClass.fill(-1);
    this.#forgetStates();
  }
}
