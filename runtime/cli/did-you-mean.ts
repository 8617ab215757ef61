/**
 * "Did you mean": the known name closest to a mistyped one, by edit distance (insertions,
 * deletions, substitutions and swaps of two neighbours each cost one), `-` and `_` counted as the
 * same (Plesk spells names both ways: `get_protos`, `get-tasks-info`) and case ignored. Only a
 * name within a third of its length (at least 1, at most 3 edits) is suggested; on a tie, the
 * first in the list's order wins.
 */

/** The closest of `known` to `given`, if one is close enough. */
export function suggest(given: string, known: readonly string[]): string | undefined {
  const wanted = fold(given);
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    const candidate = fold(name);
    if (Math.abs(candidate.length - wanted.length) >= bestDistance) continue;
    const d = distance(wanted, candidate, bestDistance);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

function fold(name: string): string {
  return name.toLowerCase().replaceAll('_', '-');
}

/** The optimal-string-alignment distance of `a` and `b`, or `cap` once it is known to be at least that. */
export function distance(a: string, b: string, cap: number = Infinity): number {
  if (a === b) return 0;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      smallest = Math.min(smallest, d);
    }
    if (smallest >= cap) return cap;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}
