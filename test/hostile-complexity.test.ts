/**
 * Bounded work on hostile text: every function that reads text from the server or a caller —
 * root sniffing, the error snippet, masking, the Content-Disposition parser, the decoder (whole
 * response packets and encodeType's/decodeType's documents) — on inputs made of repeated
 * fragments (`<?a?>`, `<`, `<!--`, `&`, `<a `, quotes, references and escapes cut short, …), alone
 * and in seeded random mixtures, at 1 kB, 10 kB and 100 kB. The work per character must not grow
 * with the size: at 100 kB a character may cost at most MAX_GROWTH times the work it costs at 1 kB
 * (a quadratic reader costs 100 times as much; a linear one the same or less).
 *
 * Work is counted, not timed (helpers/work-counter.ts: the characters the string and regular
 * expression methods examine while the reader runs), so the verdict is the same on every machine
 * and every engine version's string representation. A deliberately quadratic reader is checked
 * as the control: the same assertion must refuse it.
 */
import test from 'ava';
import fc from 'fast-check';
import { countWork } from './helpers/work-counter.js';
import { decodeResponsePacket, decodeType } from '../generated/src/index.js';
import { answerSnippet, rootElementName } from '../generated/src/runtime/client/answer-text.js';
import { maskSecrets } from '../generated/src/runtime/client/secret-masking.js';
import { attachmentName } from '../generated/src/runtime/client/transport.js';

const SEED = 0x11_71de;
const SIZES = [1_000, 10_000, 100_000];
const MAX_GROWTH = 3;
const EARLY_GROWTH = 3;

const FRAGMENTS = ['<?a?>', '<', '<!--', '&', '<a ', '"', "'", '&#', '&#x', '&am', '%', '%C3', '<![CDATA[', '</', ']]>', '<a b="', '\uD800'];
const SECRETS = ['&<&<%%"', 'p@ss<&>"\'word%20', 'aaaaaaaaaaaaaaab', 'a  \t b'];

const readers: Array<[string, (text: string) => unknown]> = [
  ['rootElementName', rootElementName],
  ['answerSnippet', (text) => answerSnippet(text, (t, limit) => maskSecrets(t, SECRETS, limit))],
  ['maskSecrets', (text) => maskSecrets(text, SECRETS)],
  ['attachmentName', (text) => attachmentName(`attachment; filename="${text}`)],
  ['decodeResponsePacket', (text) => attempt(() => decodeResponsePacket(text))],
  ['decodeResponsePacket in <packet>', (text) => attempt(() => decodeResponsePacket(`<packet>${text}</packet>`))],
  ['decodeResponsePacket in <packet>, keeping drift', (text) => attempt(() => decodeResponsePacket(`<packet>${text}</packet>`, { unknownElements: 'keep' }))],
  ['decodeType in an errtext', (text) => attempt(() => decodeType('ResultType', 'result', `<result><status>error</status><errtext>${text}</errtext></result>`))],
];

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

/** The work `read` does per character of `text`. */
function workPerChar(read: (text: string) => unknown, text: string): number {
  return countWork(() => read(text)) / text.length;
}

/** The control: a reader that copies the rest of its text at every character (n²/2 characters). */
function quadraticReader(text: string): number {
  let seen = 0;
  for (let rest = text; rest.length > 0; rest = rest.slice(1)) if (rest.startsWith('<')) seen++;
  return seen;
}

function repeatTo(fragment: string, size: number): string {
  return fragment.repeat(Math.ceil(size / fragment.length)).slice(0, size);
}

interface Growth {
  reader: string;
  perChar: number[];
  ratio: number;
}

/** The growth of the work per character from the first size to the last, for each reader. */
function growth(input: (size: number) => string, subjects: Array<[string, (text: string) => unknown]> = readers): Growth[] {
  return subjects.map(([reader, read]) => {
    const perChar: number[] = [];
    for (const size of SIZES) {
      perChar.push(workPerChar(read, input(size)));
      // a reader whose work per character already grew EARLY_GROWTH times at 10 kB is not run at
      // 100 kB (where a quadratic one would take a while)
      if (perChar.length === 2 && perChar[1]! / perChar[0]! > EARLY_GROWTH) break;
    }
    return { reader, perChar, ratio: perChar.length === SIZES.length ? perChar.at(-1)! / perChar[0]! : Infinity };
  });
}

/** The failure message for a reader whose work grows with the size, or undefined. */
function verdict(what: string, { reader, perChar, ratio }: Growth): string | undefined {
  const shown = `${reader} on ${what}: ${perChar.map((w, i) => `${SIZES[i]! / 1000} kB ${w.toFixed(2)} per character`).join(', ')}`;
  if (process.env.SHOW_WORK) console.log(shown);
  if (ratio <= MAX_GROWTH) return undefined;
  return `${shown}: the work per character grows with the size (${Number.isFinite(ratio) ? `${ratio.toFixed(1)}× from 1 kB to 100 kB` : `more than ${EARLY_GROWTH}× from 1 kB to 10 kB`})`;
}

function check(t: import('ava').ExecutionContext, what: string, input: (size: number) => string): void {
  for (const result of growth(input)) {
    const failure = verdict(what, result);
    if (failure !== undefined) t.fail(failure);
    else t.pass();
  }
}

test('the control: a quadratic reader is refused by the same check, on every fragment', (t) => {
  for (const fragment of FRAGMENTS) {
    const [result] = growth((size) => repeatTo(fragment, size), [['quadraticReader', quadraticReader]]);
    t.regex(verdict(JSON.stringify(fragment), result!) ?? 'accepted', /the work per character grows with the size \(more than 3× from 1 kB to 10 kB\)$/);
  }
});

test('every reader of server or caller text takes time linear in its input, on each repeated fragment', (t) => {
  for (const fragment of FRAGMENTS) check(t, JSON.stringify(fragment), (size) => repeatTo(fragment, size));
});

test('… and on seeded random mixtures of the fragments', (t) => {
  const mixtures = fc.sample(fc.array(fc.constantFrom(...FRAGMENTS, 'x', ' ', '>', ';'), { minLength: 2, maxLength: 6 }), { seed: SEED, numRuns: 6 });
  for (const parts of mixtures) check(t, JSON.stringify(parts.join('')), (size) => repeatTo(parts.join(''), size));
});
