/**
 * The differential fuzz of the decoder (test/helpers/decoder-differential.ts): 20,000 seeded
 * mutants of the recorded packets (test/fixtures), with the package of the project's xsd/ and
 * with the whole-API package of ../shared/plesk-xsd; the decoder and the saxes-based reference
 * (test/helpers/reference-decoder.ts) must agree on accept/reject, values, and schema errors
 * (paths, lines, columns, messages); well-formedness errors are the tokenizer's own, in wording
 * and position (see differenceFromReference). A share of mutants is also fed to startDecoding in
 * chunks (strings and UTF-8 bytes split anywhere), which must give exactly what the whole gives.
 *
 * A failure prints the run, its mutations and document and the command that replays it alone;
 * `npm run fuzz -- --decoder --runs N --seed S` runs more.
 */
import test from 'ava';
import { loadSubjects, runDifferential, summary } from './helpers/decoder-differential.js';

const SEED = 0x14_d1ff;
const RUNS = 20_000;

test('differential fuzz: the decoder and the saxes-based reference agree on 20,000 mutants of the recorded packets', async (t) => {
  t.timeout(120_000);
  const subjects = await loadSubjects({ wholeApi: true });
  const report = runDifferential(subjects, RUNS, SEED);
  t.log(`seed ${SEED} (replay a run with: npm run fuzz -- --decoder --seed <seed + run> --runs 1)`);
  t.log(summary(report));
  // the mutants reach both sides of the decoder: documents it accepts and both kinds of errors
  t.true(report.accepted > 500 && report.notWellFormed > 2_000 && report.rejected - report.notWellFormed > 500 && report.chunked > 2_000, summary(report));
  t.deepEqual(report.failures, [], `${report.failed} of ${RUNS} runs disagree`);
});
