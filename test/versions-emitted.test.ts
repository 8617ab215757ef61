/**
 * The emitted codec code (src/records.ts, issue 27) in the package of Plesk's two schema sets
 * (issue 25): one records.ts serves every version's tables, taken up when `schemaOf(version)`
 * makes them, and for each version the decoder with it and the same decoder with a copy of that
 * version's tables alone give identical values and identical errors, on seeded random packets of
 * every operation of that version, their mutants and their drift (test/helpers/emitted-differential.ts).
 */
import test from 'ava';
import type { SchemaMeta } from '../runtime/codec/meta.js';
import { runEmittedDifferential, sidesOf, summary } from './helpers/emitted-differential.js';
import { importTwoSets, TWO_SETS } from './helpers/versions-package.js';

const SEED = 0x25_0e17;

for (const { corpus, protocolVersion } of TWO_SETS) {
  test(`${protocolVersion} of the two-set package: the emitted code and that version's tables decode its packets, mutants and drift identically`, async (t) => {
    t.timeout(180_000);
    const { pkg, dir } = await importTwoSets();
    const sides = await sidesOf(dir, corpus, pkg.schemaOf(protocolVersion) as SchemaMeta, { request: (value: unknown) => pkg.encodeRequestPacket(value, protocolVersion), response: (value: unknown) => pkg.encodeResponsePacket(value, protocolVersion) });
    const { emitted, runtime: code } = sides;
    // each version's tables decode through the one records.ts, the copy of them through none
    t.not(code.recordCodeOf(emitted), undefined);
    t.is(code.recordCodeOf(emitted), code.recordCodeOf(pkg.schemaOf(TWO_SETS[0].protocolVersion === protocolVersion ? TWO_SETS[1].protocolVersion : TWO_SETS[0].protocolVersion)));
    t.is(code.recordCodeOf(sides.tables), undefined);
    const report = runEmittedDifferential(sides, 1, 1, SEED);
    t.log(summary(report));
    t.true(report.accepted > 300 && report.rejected > 300 && report.drifted > 100, summary(report));
    t.deepEqual(report.failures, []);
  });
}
