/**
 * The records of an element whose content model can group the same elements into iterations of
 * its repeating groups in more than one way (content-automaton.ts: a transition with
 * alternatives, and checks that may tell them apart, {@link Automaton.searched}). XML Schema
 * accepts a document when some grouping satisfies every bound: three `<b>` in
 * `<xs:choice maxOccurs="2"><xs:sequence maxOccurs="2"><b/>…` are two iterations of the choice
 * (2 + 1), although the first way, staying in the open iteration, would put three in one.
 *
 * So every grouping the elements read so far allow is followed at once, as counts only: a way
 * holds, for each open record (the element's own, then one per open iteration), how many values
 * of each property its checks count, and the `keep` it took at each element. Each element moves
 * every way by each of its transition's ways (best first); a way dies when a record it closes
 * fails its checks (failedCheckOf: the decoders' one rule) or a count passes its maxOccurs. Ways
 * whose counts are alike have the same future, and only the first of them (the most preferred)
 * is kept. When the element ends, the first way whose records all pass gives the grouping, and
 * the decoder builds the records along it (schema-decoder.ts); when the document's best way is
 * the first way, that is the grouping the direct reader builds (direct-reader.ts).
 *
 * At most {@link MAX_WAYS} ways are followed at once; the least preferred are dropped past it
 * (a content model nesting repeating groups with bounds in the tens could reach it), and a
 * refusal after that says so. A document is never accepted that no grouping allows.
 */
import { failedCheckOf, type Automaton, type CheckFailure, type RecordCheck, type Transition } from './content-automaton.js';
import type { GroupParticle } from './meta.js';

/** How many ways of grouping a search follows at once. */
export const MAX_WAYS = 256;

/** The properties the checks of one kind of record count, and the count check of each, if any. */
interface Level {
  checks: RecordCheck[];
  props: string[];
  limits: Array<Extract<RecordCheck, { kind: 'count' }> | undefined>;
  /** the most of each worth telling apart: its maxOccurs (more fails), else its minOccurs (or 1) */
  caps: number[];
}

/** One way of grouping the elements read so far. */
interface Way {
  /** per open record (the element's own first), the counts of its level's properties */
  counts: number[][];
  keeps: Keeps | undefined;
}

/** The `keep` taken at each element, the last first. */
interface Keeps {
  keep: number;
  before: Keeps | undefined;
}

const levelsOf = new WeakMap<Automaton, Map<GroupParticle | null, Level>>();

function levelOf(automaton: Automaton, group: GroupParticle | null): Level {
  let levels = levelsOf.get(automaton);
  if (levels === undefined) levelsOf.set(automaton, (levels = new Map()));
  let level = levels.get(group);
  if (level === undefined) {
    const checks = automaton.checks.get(group)!;
    level = { checks, props: [], limits: [], caps: [] };
    for (const check of checks) {
      for (const prop of check.kind === 'count' ? [check.prop] : check.members) {
        let slot = level.props.indexOf(prop);
        if (slot < 0) slot = level.props.push(prop) - 1;
        if (check.kind === 'count') level.limits[slot] = check;
        const cap = check.kind === 'all' ? 1 : check.max !== -1 ? check.max : Math.max(check.min, 1);
        level.caps[slot] = Math.max(level.caps[slot] ?? 0, cap);
      }
    }
    levels.set(group, level);
  }
  return level;
}

/** A record's counts, as failedCheckOf reads them. */
interface Counted {
  level: Level;
  counts: number[];
}

const countOf = (record: Counted, prop: string): number => {
  const slot = record.level.props.indexOf(prop);
  return slot < 0 ? 0 : record.counts[slot]!;
};

export class GroupSearch {
  ways: Way[];
  /** the scopes of the position the ways are at (all ways are at the same one) */
  scopes: GroupParticle[] = [];
  /** the elements read, in order: their positions, then (once each has ended) their values */
  readonly positions: number[] = [];
  readonly values: unknown[] = [];
  /** whether each value was kept outside its facets (unknownElements 'keep') */
  readonly kept: boolean[] = [];
  /** the names of the elements read */
  readonly names: Set<string> = new Set();
  /** ways were dropped past {@link MAX_WAYS} */
  dropped = false;

  constructor(readonly automaton: Automaton) {
    this.ways = [{ counts: [new Array<number>(levelOf(automaton, null).props.length).fill(0)], keeps: undefined }];
  }

  /**
   * Moves every way by an element's transition. Returns undefined, or, when no way can take the
   * element, the failure of the last way tried (the ways then stay as they were).
   */
  step(move: Transition): CheckFailure | undefined {
    const target = this.automaton.positions[move.to]!;
    const next: Way[] = [];
    const seen = new Set<string>();
    let failure: CheckFailure | undefined;
    for (const way of this.ways) {
      for (let k = -1; k < (move.alternatives?.length ?? 0); k++) {
        const keep = k < 0 ? move.keep : move.alternatives![k]!;
        const moved = this.moved(way, keep, target.scopes, target.leaf.prop);
        if (!Array.isArray(moved)) {
          failure = moved;
          continue;
        }
        const key = moved.map((counts) => counts.join(',')).join('|');
        if (seen.has(key)) continue;
        if (next.length === MAX_WAYS) {
          this.dropped = true;
          continue;
        }
        seen.add(key);
        next.push({ counts: moved, keeps: { keep, before: way.keeps } });
      }
    }
    if (next.length === 0) return failure;
    this.ways = next;
    this.scopes = target.scopes;
    this.positions.push(move.to);
    if (target.leaf.k === 'el') this.names.add(target.leaf.name);
    return undefined;
  }

  /** A way's counts after a move that keeps `keep` group records open, or the failure that ends it. */
  moved(way: Way, keep: number, scopes: GroupParticle[], prop: string): number[][] | CheckFailure {
    for (let depth = this.scopes.length; depth > keep; depth--) {
      const failure = failedCheckOf(levelOf(this.automaton, this.scopes[depth - 1]!).checks, { level: levelOf(this.automaton, this.scopes[depth - 1]!), counts: way.counts[depth]! }, countOf);
      if (failure !== undefined) return failure;
    }
    const counts = way.counts.slice(0, keep + 1);
    for (let depth = keep; depth <= scopes.length; depth++) {
      if (depth > keep) counts.push(new Array<number>(levelOf(this.automaton, scopes[depth - 1]!).props.length).fill(0));
      // the record at this depth gains an iteration of the next group, or (innermost) the element
      const level = levelOf(this.automaton, depth === 0 ? null : scopes[depth - 1]!);
      const slot = level.props.indexOf(depth < scopes.length ? scopes[depth]!.prop! : prop);
      if (slot < 0) continue;
      const record = (counts[depth] = counts[depth]!.slice());
      const n = record[slot]! + 1;
      const limit = level.limits[slot];
      if (limit !== undefined && limit.max !== -1 && n > limit.max) return { check: limit, missing: undefined, found: n };
      record[slot] = Math.min(n, level.caps[slot]!);
    }
    return counts;
  }

  /** Whether an element of this name was read (unknownElements 'keep': one more is `extra`, not `misplaced`). */
  read(name: string): boolean {
    return this.names.has(name);
  }

  /** The value of the element read last (they end in the order they start). */
  hold(value: unknown, kept: boolean): void {
    this.values.push(value);
    this.kept.push(kept);
  }

  /**
   * At the element's end: the `keep` to take at each element read, along the first way whose
   * open records all pass their checks; else the failure of the first way.
   */
  settle(): number[] | CheckFailure {
    let first: CheckFailure | undefined;
    for (const way of this.ways) {
      let failure: CheckFailure | undefined;
      for (let depth = this.scopes.length; depth >= 0 && failure === undefined; depth--) {
        const level = levelOf(this.automaton, depth === 0 ? null : this.scopes[depth - 1]!);
        failure = failedCheckOf(level.checks, { level, counts: way.counts[depth]! }, countOf);
      }
      if (failure === undefined) {
        const keeps: number[] = [];
        for (let at = way.keeps; at !== undefined; at = at.before) keeps.push(at.keep);
        return keeps.reverse();
      }
      first ??= failure;
    }
    return first!;
  }
}
