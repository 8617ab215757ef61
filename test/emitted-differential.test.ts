/**
 * The emitted codec code against the tables it specialises (test/helpers/emitted-differential.ts):
 * for both of Plesk's schema sets, seeded random valid packets of every operation in both
 * directions, their mutants (the decoder fuzz's character-level and structural mutations) and
 * schema drift decoded with unknownElements 'keep', whole and in chunks (strings and UTF-8 bytes):
 * the package's decoder with its emitted code (src/records.ts) and the same decoder with a copy of
 * its tables alone must give identical values and identical errors (path, line, column, message).
 */
import test from 'ava';
import { loadSides, runEmittedDifferential, summary } from './helpers/emitted-differential.js';

const SEED = 0x27_0e17;

for (const corpus of ['plesk-xsd', 'plesk-xsd-2020'] as const) {
  test(`${corpus}: the emitted code and the tables decode every operation's packets, mutants and drift identically`, async (t) => {
    t.timeout(120_000);
    const sides = await loadSides(corpus);
    // the package decodes through emitted code, the copy of its tables through none
    t.not(sides.runtime.recordCodeOf(sides.emitted), undefined);
    t.is(sides.runtime.recordCodeOf(sides.tables), undefined);
    const report = runEmittedDifferential(sides, 1, 2, SEED);
    t.log(summary(report));
    t.true(report.accepted > 500 && report.rejected > 500 && report.drifted > 200 && report.chunked > 500, summary(report));
    t.deepEqual(report.failures, []);
  });
}
