/**
 * Compiles a content model into a deterministic automaton over element names (a Glushkov
 * position automaton; XSD's Unique Particle Attribution rule makes it deterministic).
 *
 * States are the element particles ("positions") plus a start state. A transition also says
 * which records to keep: a repeating group keeps each iteration in its own record (an item of
 * its array property), so moving from one position to another may close records and open new
 * ones. Bounds other than 0, 1 and unbounded, and the members an xs:all requires, are checked
 * when a record closes ({@link RecordCheck}).
 *
 * Which element comes next is deterministic; which records it goes to may not be: an element that
 * can both continue the open iteration of a repeating group and start a new iteration of it, or
 * of a group around it (`<b>` of `<xs:choice maxOccurs="2"><xs:sequence maxOccurs="2"><b/>…`),
 * has a transition with {@link Transition.alternatives}. The first way (stay in the iteration,
 * else restart the innermost group) is taken unless the records' bounds refuse it; a content
 * model where they can ({@link Automaton.searched}) is read by trying every way at once
 * (group-search.ts), so that a document is refused only when no way satisfies the bounds.
 */
import type { ElementParticle, GroupParticle, Particle, WildcardParticle } from './meta.js';
import { own } from './own-properties.js';
import { isRepeating } from './particles.js';

export interface Position {
  leaf: ElementParticle | WildcardParticle;
  /** the repeating groups around the leaf, outermost first: each is one record level */
  scopes: GroupParticle[];
}

export interface Transition {
  to: number;
  /** how many group records (of the current position's scopes) stay open */
  keep: number;
  /** the other ways to the same position, in order of preference: a smaller `keep` each (a group further out restarts) */
  alternatives: readonly number[] | undefined;
}

export interface State {
  next: Map<string, Transition>;
  /** the same transitions as `next`, as two arrays: for a few names, comparing beats hashing */
  names: string[];
  moves: Transition[];
  wildcard?: Transition;
  accepting: boolean;
  /** element names allowed here, in schema order, for messages */
  expected: string[];
}

/**
 * A check run when a record closes. An xs:all's required members (`all`) are required when the
 * group is (it and every group around it up to the record are required, none a choice) or, when
 * it may be left out, as soon as any of its members is there: the rule the encoder applies too.
 */
export type RecordCheck =
  | { kind: 'count'; prop: string; name: string; min: number; max: number }
  | { kind: 'all'; always: boolean; members: string[]; required: Array<{ prop: string; name: string }> };

/** What a record fails: a check, for an xs:all the required member it lacks, for a count how many it found. */
export interface CheckFailure {
  check: RecordCheck;
  missing: { prop: string; name: string } | undefined;
  found: number;
}

/**
 * The first of a record's checks it fails, in their order (undefined: it passes them all): the
 * one rule both decoders apply when a record closes (schema-decoder.ts words the failure).
 */
export function failedCheck(checks: readonly RecordCheck[], rec: object): CheckFailure | undefined {
  return checks.length === 0 ? undefined : failedCheckOf(checks, rec, countInRecord);
}

/**
 * The same rule over any account of a record: `count` says how many of a property's values it
 * holds (group-search.ts counts without records).
 */
export function failedCheckOf<T>(checks: readonly RecordCheck[], source: T, count: (source: T, prop: string) => number): CheckFailure | undefined {
  for (const check of checks) {
    if (check.kind === 'all') {
      if (!check.always && !check.members.some((prop) => count(source, prop) > 0)) continue;
      for (const member of check.required) if (count(source, member.prop) === 0) return { check, missing: member, found: 0 };
      continue;
    }
    const n = count(source, check.prop);
    if ((n > 0 && n < check.min) || (check.max !== -1 && n > check.max)) return { check, missing: undefined, found: n };
  }
  return undefined;
}

/** How many values a record holds at a property (an array's length; one value is 1). */
function countInRecord(rec: object, prop: string): number {
  const value = own(rec, prop);
  return value === undefined ? 0 : Array.isArray(value) ? value.length : 1;
}

export interface Automaton {
  positions: Position[];
  start: State;
  states: State[];
  /** checks per record level: index 0 is the type's record, then one per repeating group */
  checks: Map<GroupParticle | null, RecordCheck[]>;
  /** some transition has alternatives that records' checks may tell apart: the records are found by search (group-search.ts) */
  searched: boolean;
}

interface Info {
  nullable: boolean;
  first: number[];
  last: number[];
}

const NO_RESTART = Number.MAX_SAFE_INTEGER;
const cache = new WeakMap<Particle, Automaton>();

export function automatonFor(model: Particle): Automaton {
  let automaton = cache.get(model);
  if (!automaton) cache.set(model, (automaton = compile(model)));
  return automaton;
}

function compile(model: Particle): Automaton {
  const positions: Position[] = [];
  /** follow[p]: target position → the depths of the groups an edge there restarts (NO_RESTART: none), best first */
  const follow: Map<number, number[]>[] = [];
  const checks = new Map<GroupParticle | null, RecordCheck[]>([[null, []]]);
  const edge = (from: number[], to: number[], restart: number) => {
    for (const p of from) for (const q of to) {
      const known = follow[p]!.get(q);
      if (known === undefined) follow[p]!.set(q, [restart]);
      else if (!known.includes(restart)) {
        // prefer staying in the same iteration; else restart the innermost group possible
        known.push(restart);
        known.sort((a, b) => b - a);
      }
    }
  };
  const bounded = (p: { min: number; max: number }) => p.min > 1 || p.max > 1;

  /** `mandatory`: the particle's record must hold it (it and the groups around it up to the record are required, none a choice) */
  const visit = (p: Particle, scopes: GroupParticle[], owner: GroupParticle | null, mandatory: boolean): Info => {
    if (p.k === 'el' || p.k === 'any') {
      const index = positions.push({ leaf: p, scopes }) - 1;
      follow.push(new Map());
      if (isRepeating(p)) edge([index], [index], NO_RESTART);
      if (bounded(p)) checks.get(owner)!.push({ kind: 'count', prop: p.prop, name: p.k === 'el' ? `<${p.name}>` : 'wildcard elements', min: p.min, max: p.max });
      return { nullable: p.min === 0, first: [index], last: [index] };
    }
    const repeating = isRepeating(p);
    const inner = repeating ? [...scopes, p] : scopes;
    const innerOwner = repeating ? p : owner;
    if (repeating) {
      checks.set(p, []);
      if (bounded(p)) checks.get(owner)!.push({ kind: 'count', prop: p.prop!, name: `iterations of the ${p.k === 'seq' ? 'sequence' : 'choice'} group`, min: p.min, max: p.max });
    }
    // an iteration of a repeating group is a record of its own: what it holds is required in it
    const itemsMandatory = (repeating || (mandatory && p.min > 0)) && p.k !== 'choice';
    const parts = p.items.map((item) => visit(item, inner, innerOwner, itemsMandatory));
    let info: Info;
    if (p.k === 'seq') {
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j < parts.length; j++) {
          edge(parts[i]!.last, parts[j]!.first, NO_RESTART);
          if (!parts[j]!.nullable) break;
        }
      }
      const first: number[] = [];
      for (const part of parts) {
        first.push(...part.first);
        if (!part.nullable) break;
      }
      const last: number[] = [];
      for (let i = parts.length - 1; i >= 0; i--) {
        last.push(...parts[i]!.last);
        if (!parts[i]!.nullable) break;
      }
      info = { nullable: parts.every((x) => x.nullable), first, last };
    } else {
      info = { nullable: parts.some((x) => x.nullable) || (p.k === 'all' && parts.every((x) => x.nullable)), first: parts.flatMap((x) => x.first), last: parts.flatMap((x) => x.last) };
      if (p.k === 'all') {
        info.nullable = parts.every((x) => x.nullable);
        edge(info.last, info.first, NO_RESTART);
        const required = p.items.flatMap((item) => (item.k === 'el' && item.min > 0 ? [{ prop: item.prop, name: item.name }] : []));
        if (required.length > 0) checks.get(innerOwner)!.push({ kind: 'all', always: repeating || (mandatory && p.min > 0), members: p.items.map((item) => item.prop!), required });
        info.nullable = true; // required members are checked when the record closes
      }
    }
    if (repeating) edge(info.last, info.first, scopes.length);
    if (p.min === 0) info.nullable = true;
    return info;
  };

  const root = visit(model, [], null, true);
  const lastOfRoot = new Set(root.last);
  let searched = false;
  const stateFor = (targets: Map<number, number[]>, from: GroupParticle[], accepting: boolean): State => {
    const state: State = { next: new Map(), names: [], moves: [], accepting, expected: [] };
    for (const [to, restarts] of [...targets].sort((a, b) => a[0] - b[0])) {
      const target = positions[to]!;
      let common = 0;
      while (common < from.length && common < target.scopes.length && from[common] === target.scopes[common]) common++;
      const keeps = restarts.map((restart) => (restart === NO_RESTART ? common : Math.min(common, restart)));
      const transition: Transition = { to, keep: keeps[0]!, alternatives: keeps.length > 1 ? keeps.slice(1) : undefined };
      if (transition.alternatives !== undefined && !searched) searched = checked(transition, from, target.scopes);
      if (target.leaf.k === 'any') {
        state.wildcard ??= transition;
        if (!state.expected.includes('(any element)')) state.expected.push('(any element)');
      } else if (!state.next.has(target.leaf.name)) {
        state.next.set(target.leaf.name, transition);
        state.names.push(target.leaf.name);
        state.moves.push(transition);
        state.expected.push(target.leaf.name);
      }
    }
    return state;
  };
  /**
   * Whether records' checks may tell a transition's ways apart: the ways differ only from the
   * record level of the smallest `keep` down (that record counts a new iteration of the group
   * restarted there; the records below it close or stay open), so the checks there decide.
   */
  const checked = (move: Transition, from: GroupParticle[], to: GroupParticle[]): boolean => {
    const least = Math.min(move.keep, ...move.alternatives!);
    const restarted = to[least]!;
    if (checks.get(least === 0 ? null : to[least - 1]!)!.some((check) => check.kind === 'count' && check.prop === restarted.prop)) return true;
    return [...from.slice(least), ...to.slice(least)].some((group) => checks.get(group)!.length > 0);
  };
  const start = stateFor(new Map(root.first.map((q) => [q, [NO_RESTART]])), [], root.nullable);
  const states = positions.map((pos, p) => stateFor(follow[p]!, pos.scopes, lastOfRoot.has(p)));
  return { positions, start, states, checks, searched };
}
