/**
 * Mutation fuzz of the recorded samples (test/fixtures), judged by xmllint: the decoder of a
 * package generated from Plesk's own 2014 schemas reads each mutated document, and xmllint
 * validates the same document against the same schemas (agent_input.xsd / agent_output.xsd).
 * What xmllint accepts must decode; what it refuses must throw XmlDecodeError with a 1-based
 * line and column. Nothing else may be thrown.
 *
 * Mutations: characters replaced (markup, control and non-ASCII characters among them) or their
 * bits flipped, markup inserted (tags, references, comments, CDATA, quotes, attributes, xsi:nil),
 * spans deleted or duplicated, documents cut short, one to three at a time. Lone surrogates are
 * inserted too; xmllint cannot judge those (a JavaScript string with one becomes U+FFFD in UTF-8),
 * and no XML document can hold one, so they must be refused. A DOCTYPE is not inserted: the
 * decoder refuses every DOCTYPE on purpose (no entity expansion; test/negative.test.ts), which
 * xmllint does not.
 *
 * Seeded (SEED), all documents of one direction in one xmllint call. The mutations are those of
 * test/helpers/mutations.ts (`mutationArb`), shared with the differential fuzz of the decoder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import fc from 'fast-check';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { apply, hasLoneSurrogate, mutationArb, type Mutation } from './helpers/mutations.js';
import { validateAgainstPlesk, type PleskEntrySchema } from './helpers/plesk-oracle.js';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';

const SEED = 0x11_f022;
/** Mutants per sample. */
const PER_SAMPLE = 250;
/** Mismatches shown in full (all are counted). */
const SHOWN = 8;

const SAMPLES: Array<{ file: string; schema: PleskEntrySchema }> = [
  { file: 'get-tasks-info.request.xml', schema: 'agent_input.xsd' },
  { file: 'get-tasks-info.customer.response.xml', schema: 'agent_output.xsd' },
  { file: 'get-tasks-info.server.response.xml', schema: 'agent_output.xsd' },
  { file: 'system-error.response.xml', schema: 'agent_output.xsd' },
];

interface Codecs {
  decodeRequestPacket(xml: string): unknown;
  decodeResponsePacket(xml: string): unknown;
  XmlDecodeError: new (...args: never[]) => Error & { line?: number; column?: number };
}

test("mutated samples: what xmllint accepts under Plesk's schemas decodes, what it refuses throws XmlDecodeError with a 1-based position", async (t) => {
  t.timeout(180_000);
  const dir = sharedDir('plesk-xsd');
  // Plesk's schemas exactly as xmllint reads them: without plesk-codegen's refinements, which type
  // what the schemas leave untyped (a task's id as an integer) and so are stricter than the oracle
  // on purpose (test/refinements.test.ts checks that every recorded real answer still decodes)
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir), undefined, { pleskRefinements: false });
  const out = sharedPackageDir(files);
  const pkg = (await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href)) as Codecs;

  const docs: Array<{ sample: string; schema: PleskEntrySchema; mutations: Mutation[]; xml: string }> = [];
  SAMPLES.forEach(({ file, schema }, i) => {
    const original = readFileSync(path.join(ROOT, 'test', 'fixtures', file), 'utf8');
    for (const mutations of fc.sample(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), { seed: SEED + i, numRuns: PER_SAMPLE })) {
      docs.push({ sample: file, schema, mutations, xml: mutations.reduce(apply, original) });
    }
  });

  const verdicts = new Map<string, boolean>();
  for (const schema of ['agent_input.xsd', 'agent_output.xsd'] as const) {
    const judged = docs.filter((d) => d.schema === schema && !hasLoneSurrogate(d.xml));
    const results = await validateAgainstPlesk(judged.map((d) => d.xml), schema);
    judged.forEach((d, i) => verdicts.set(d.xml, results[i]!.valid));
  }

  const mismatches: string[] = [];
  const counts = { accepted: 0, refused: 0, surrogates: 0 };
  for (const d of docs) {
    const decode = d.schema === 'agent_input.xsd' ? pkg.decodeRequestPacket : pkg.decodeResponsePacket;
    let error: unknown;
    try {
      decode(d.xml);
    } catch (e) {
      error = e;
    }
    const surrogate = hasLoneSurrogate(d.xml);
    const valid = surrogate ? false : verdicts.get(d.xml)!;
    const where = `${d.sample} ${JSON.stringify(d.mutations)}\n${JSON.stringify(d.xml)}`;
    if (error !== undefined && !(error instanceof pkg.XmlDecodeError)) mismatches.push(`threw ${String(error)} (not XmlDecodeError): ${where}`);
    else if (valid && error) mismatches.push(`xmllint accepts, the decoder refuses: ${(error as Error).message}: ${where}`);
    else if (!valid && !error) mismatches.push(`xmllint refuses, the decoder accepts: ${where}`);
    else if (error) {
      const { line, column } = error as { line?: number; column?: number };
      if (!Number.isInteger(line) || !Number.isInteger(column) || line! < 1 || column! < 1) mismatches.push(`position ${line}:${column} is not 1-based: ${(error as Error).message}: ${where}`);
    }
    if (surrogate) counts.surrogates++;
    else if (valid) counts.accepted++;
    else counts.refused++;
  }
  t.log(`${docs.length} mutants: ${counts.accepted} accepted, ${counts.refused} refused by xmllint, ${counts.surrogates} with a lone surrogate`);
  t.true(counts.accepted > 20 && counts.refused > 100, JSON.stringify(counts));
  t.deepEqual(mismatches.slice(0, SHOWN), [], `${mismatches.length} of ${docs.length} mutants disagree`);
});
