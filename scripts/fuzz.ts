/**
 * npm run fuzz -- [--runs N] [--seed S] [--corpus plesk-xsd|plesk-xsd-2020]
 * npm run fuzz -- --decoder [--runs N] [--seed S]
 *
 * Without --decoder: the whole-API property test (test/whole-api-property.test.ts) with more
 * samples: N random packets per operation and direction (default 20), from seed S (default: a
 * new one, printed so a failure can be replayed). Prints the counts and the first failures; exits
 * 1 on any failure other than the known Unicode-table difference of the oracle.
 *
 * With --decoder: the differential fuzz of the decoder against the saxes-based reference
 * (test/decoder-differential.test.ts runs 20,000; the loop is test/helpers/decoder-differential.ts):
 * N mutants of the recorded packets (default 200,000), run i from seed S + i (default S: a new
 * one, printed). A failure prints its run, mutations, document and the command replaying it
 * alone (`--decoder --seed <S + i> --runs 1`); exits 1 on any failure.
 */
import { loadSubjects, runDifferential, summary } from '../test/helpers/decoder-differential.js';
import { checkSamples, isUnicodeTableDifference, loadWholeApi, samplesOf } from '../test/helpers/whole-api.js';
import type { PleskSchemaSet } from '../test/helpers/plesk-oracle.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const decoder = process.argv.includes('--decoder');
const runs = Number(flag('runs') ?? (decoder ? 200_000 : 20));
const seed = Number(flag('seed') ?? Math.floor(Math.random() * 2 ** 31));
const corpora = (flag('corpus') ? [flag('corpus')] : ['plesk-xsd', 'plesk-xsd-2020']) as PleskSchemaSet[];
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${flag('runs')}`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not ${flag('seed')}`);

let failed = 0;
if (decoder) {
  const subjects = await loadSubjects({ wholeApi: true });
  const report = runDifferential(subjects, runs, seed);
  console.log(`decoder differential fuzz: ${summary(report)}`);
  for (const f of report.failures) console.log(`\n${f.slice(0, 6000)}`);
  failed = report.failed;
} else {
  for (const corpus of corpora) {
    const started = Date.now();
    const api = await loadWholeApi(corpus);
    const outcome = await checkSamples(api, samplesOf(api.schema, runs, seed), corpus === 'plesk-xsd');
    const unicode = outcome.failures.filter(isUnicodeTableDifference).length;
    const failures = outcome.failures.filter((f) => !isUnicodeTableDifference(f));
    failed += failures.length;
    console.log(`${corpus}: ${outcome.samples} packets (${runs} per operation and direction, seed ${seed}): ${outcome.encoded} encoded, ${corpus === 'plesk-xsd' ? `${outcome.validated} valid under Plesk's schemas (${unicode} refused only for characters newer than libxml2's Unicode tables), ` : ''}${outcome.roundTripped} round-tripped, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const f of failures.slice(0, 5)) console.log(`\n${f.slice(0, 3000)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
