/** The goals of the benchmark issue, checked against one run's ratios. */
import type { GeneratorResult } from './generator-bench.js';
import type { MemoryResult } from './memory-bench.js';
import type { SizeResult } from './size-result.js';

export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

export interface GoalInputs {
  decode: SizeResult[];
  encode: SizeResult[];
  memory: { inputBytes: number; decoders: MemoryResult[] } | undefined;
  generator: GeneratorResult;
}

const at = (results: SizeResult[], tasks: number): SizeResult | undefined => results.find((r) => r.tasks === tasks);
const ms = (r: SizeResult | undefined, name: string): number => r?.contenders[name]?.ms ?? NaN;
const x = (n: number): string => `${n.toFixed(2)}×`;

/** `ratio` must be at least `min`, at most `max` or below `below`; NaN (not measured) is never met. */
function ratioGoal(goal: string, ratio: number, bound: { min?: number; max?: number; below?: number }, how: string): Goal {
  const met = bound.min !== undefined ? ratio >= bound.min : bound.max !== undefined ? ratio <= bound.max : ratio < bound.below!;
  return { goal, measured: Number.isNaN(ratio) ? 'not measured' : `${x(ratio)} (${how})`, met: !Number.isNaN(ratio) && met };
}

export function checkGoals({ decode, encode, memory, generator }: GoalInputs): Goal[] {
  const d = at(decode, 10_000);
  const e = at(encode, 10_000);
  const goals = [
    ratioGoal('decode 10,000 tasks ≥ 4× fast-xml-parser', ms(d, 'fast-xml-parser') / ms(d, 'generated'), { min: 4 }, 'its time ÷ ours'),
    ratioGoal('decode 10,000 tasks ≥ 4× xml2js', ms(d, 'xml2js') / ms(d, 'generated'), { min: 4 }, 'its time ÷ ours'),
    ratioGoal('decode 10,000 tasks within 2.5× of saxes alone', ms(d, 'generated') / ms(d, 'saxes'), { max: 2.5 }, 'our time ÷ its'),
    ratioGoal('encode 10,000 tasks ≥ 3× fast-xml-parser XMLBuilder', ms(e, 'fast-xml-parser') / ms(e, 'generated'), { min: 3 }, 'its time ÷ ours'),
    ratioGoal('encode 10,000 tasks within 1.5× of the template encoder', ms(e, 'generated') / ms(e, 'template'), { max: 1.5 }, 'our time ÷ its'),
  ];
  for (const [op, results] of [['decode', decode], ['encode', encode]] as const) {
    const big = at(results, 100_000);
    const small = at(results, 1_000);
    const ratio = (big?.contenders.generated?.usPerTask ?? NaN) / (small?.contenders.generated?.usPerTask ?? NaN);
    goals.push(ratioGoal(`${op}: time per task at 100,000 within 1.5× of at 1,000`, ratio, { max: 1.5 }, `${big?.contenders.generated?.usPerTask.toFixed(2)} vs ${small?.contenders.generated?.usPerTask.toFixed(2)} µs/task`));
  }
  const ours = memory?.decoders.find((m) => m.decoder === 'generated');
  goals.push(ratioGoal('decode 100,000 tasks: peak memory < 10× the input', ours ? ours.peakRssIncrease / memory!.inputBytes : NaN, { below: 10 }, 'peak RSS increase ÷ input bytes'));
  const whole = generator.rows[1];
  const seconds = (whole?.cliMs ?? NaN) / 1000;
  goals.push({ goal: 'the whole Plesk API generated in < 5 s', measured: whole ? `${seconds.toFixed(2)} s through the CLI (${(whole.warmMs / 1000).toFixed(2)} s warm in process)` : 'skipped', met: seconds < 5 });
  return goals;
}
