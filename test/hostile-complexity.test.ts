/**
 * Bounded time on hostile text: every function that reads text from the server or a caller —
 * root sniffing, the error snippet, masking, the Content-Disposition parser, the decoder (whole
 * response packets and encodeType's/decodeType's documents) — on inputs made of repeated
 * fragments (`<?a?>`, `<`, `<!--`, `&`, `<a `, quotes, references and escapes cut short, …), alone
 * and in seeded random mixtures, at 1 kB, 10 kB and 100 kB. The time per byte must not grow with
 * the size: at 100 kB a byte may cost at most MAX_GROWTH times what it costs at 1 kB (a quadratic
 * scan costs 100 times as much; a linear one about as much, give or take the caches and the
 * collector, which move sub-nanosecond costs by a few times). No absolute time is asserted.
 *
 * Each size is timed over enough repetitions to take a few milliseconds, the best of ROUNDS.
 */
import test from 'ava';
import fc from 'fast-check';
import { decodeResponsePacket, decodeType } from '../generated/src/index.js';
import { answerSnippet, rootElementName } from '../generated/src/runtime/client/answer-text.js';
import { maskSecrets } from '../generated/src/runtime/client/secret-masking.js';
import { attachmentName } from '../generated/src/runtime/client/transport.js';

const SEED = 0x11_71de;
const SIZES = [1_000, 10_000, 100_000];
const ROUNDS = 3;
const MAX_GROWTH = 12;
const EARLY_GROWTH = 8;

const FRAGMENTS = ['<?a?>', '<', '<!--', '&', '<a ', '"', "'", '&#', '&#x', '&am', '%', '%C3', '<![CDATA[', '</', ']]>', '<a b="', '\uD800'];
const SECRETS = ['&<&<%%"', 'p@ss<&>"\'word%20', 'aaaaaaaaaaaaaaab', 'a  \t b'];

const readers: Array<[string, (text: string) => unknown]> = [
  ['rootElementName', rootElementName],
  ['answerSnippet', (text) => answerSnippet(text, (t, limit) => maskSecrets(t, SECRETS, limit))],
  ['maskSecrets', (text) => maskSecrets(text, SECRETS)],
  ['attachmentName', (text) => attachmentName(`attachment; filename="${text}`)],
  ['decodeResponsePacket', (text) => attempt(() => decodeResponsePacket(text))],
  ['decodeResponsePacket in <packet>', (text) => attempt(() => decodeResponsePacket(`<packet>${text}</packet>`))],
  ['decodeType in an errtext', (text) => attempt(() => decodeType('ResultType', 'result', `<result><status>error</status><errtext>${text}</errtext></result>`))],
];

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

/** Nanoseconds per byte: the best of ROUNDS, each repeating `read` over about 100 kB of input. */
function nsPerByte(read: (text: string) => unknown, text: string): number {
  const reps = Math.max(1, Math.round(100_000 / text.length));
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) read(text);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / (reps * text.length));
  }
  return best;
}

function repeatTo(fragment: string, size: number): string {
  return fragment.repeat(Math.ceil(size / fragment.length)).slice(0, size);
}

/** The growth of the time per byte from each size to the next, for each reader. */
function growth(input: (size: number) => string): Array<{ reader: string; perByte: number[]; ratio: number }> {
  return readers.map(([reader, read]) => {
    read(input(SIZES[0]!)); // warm up
    const perByte: number[] = [];
    for (const size of SIZES) {
      perByte.push(nsPerByte(read, input(size)));
      // a reader already EARLY_GROWTH times slower per byte at 10 kB is not timed at 100 kB (where a
      // quadratic one would take minutes)
      if (perByte.length === 2 && perByte[1]! / perByte[0]! > EARLY_GROWTH) break;
    }
    return { reader, perByte, ratio: perByte.length === SIZES.length ? perByte.at(-1)! / perByte[0]! : Infinity };
  });
}

function check(t: import('ava').ExecutionContext, what: string, input: (size: number) => string): void {
  for (const { reader, perByte, ratio } of growth(input)) {
    const shown = `${reader} on ${what}: ${perByte.map((ns, i) => `${SIZES[i]! / 1000} kB ${ns.toFixed(1)} ns/B`).join(', ')}`;
    if (process.env.SHOW_TIMES) console.log(shown);
    if (ratio > MAX_GROWTH) t.fail(`${shown}: the time per byte grows with the size (${Number.isFinite(ratio) ? `${ratio.toFixed(1)}× from 1 kB to 100 kB` : `more than ${EARLY_GROWTH}× from 1 kB to 10 kB`})`);
    else t.pass();
  }
}

test('every reader of server or caller text takes time linear in its input, on each repeated fragment', (t) => {
  for (const fragment of FRAGMENTS) check(t, JSON.stringify(fragment), (size) => repeatTo(fragment, size));
});

test('… and on seeded random mixtures of the fragments', (t) => {
  const mixtures = fc.sample(fc.array(fc.constantFrom(...FRAGMENTS, 'x', ' ', '>', ';'), { minLength: 2, maxLength: 6 }), { seed: SEED, numRuns: 6 });
  for (const parts of mixtures) check(t, JSON.stringify(parts.join('')), (size) => repeatTo(parts.join(''), size));
});
