/**
 * The differential fuzz of the decoder: mutants of the recorded real packets (test/fixtures/*.xml)
 * decoded by the decoder (runtime/codec/decode.ts) and by the reference (the saxes-based decoder
 * it replaces, test/helpers/reference-decoder.ts). Used by test/decoder-differential.test.ts
 * (20,000 runs, fixed seed) and `npm run fuzz -- --decoder --runs N --seed S`.
 *
 * For every mutant the two must agree:
 *   - on accept or reject;
 *   - accepted: on the value (deep, strict: bigint, null, arrays, and with unknownElements: 'keep'
 *     the unknown content kept on each record, which is not enumerable);
 *   - rejected: both with an XmlDecodeError of the same path, line and column, and the same
 *     message, except for well-formedness errors (both messages start "not well-formed XML:"),
 *     whose wording is the tokenizer's own.
 * A share of runs decodes with { unknownElements: 'keep' } (both decoders). When the decoder
 * has startDecoding (the streaming entry point), a share of mutants is also fed in chunks:
 * the string split at random points, and its UTF-8 bytes (TextEncoder) split at random points,
 * even inside a character; each must give what decodeDocument gives for the whole string / the
 * whole bytes, and the whole bytes what the whole string gives (when it has no lone surrogate,
 * which UTF-8 cannot carry): in everything, positions and messages included.
 *
 * Run i of seed S is the sample of seed S + i: `--seed <S + i> --runs 1` replays it alone; a
 * failure prints that command, the mutation list, the options and the document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { sharedPackageDir } from './generation-cache.js';
import * as decoder from '../../runtime/codec/decode.js';
import { unknownContentOf, type DecodeOptions } from '../../runtime/codec/decode-options.js';
import { XmlDecodeError } from '../../runtime/codec/errors.js';
import type { SchemaMeta, TypeRef } from '../../runtime/codec/meta.js';
import { schema as projectSchema } from '../../generated/src/metadata.js';
import { RECORD_CODE as projectRecordCode } from '../../generated/src/records.js';
import { useRecordCode, type RecordCode } from '../../runtime/codec/record-code.js';
import { apply, chunksOf, differentialMutationArb, hasLoneSurrogate, type Mutation } from './mutations.js';
import { generateFrom, ROOT, sharedDir } from './project.js';
import { referenceDecodeDocument } from './reference-decoder.js';

type Input = string | Uint8Array;
type DecodeFn = (schema: SchemaMeta, rootName: string, rootType: TypeRef, xml: Input, options?: DecodeOptions) => unknown;

/** The decoder under test (its signature as it will be: a string or UTF-8 bytes). */
const decodeDocument = decoder.decodeDocument as unknown as DecodeFn;
/** The streaming entry point, once the decoder has it. */
const { startDecoding } = decoder;

/** One recorded packet and the package that decodes it. */
export interface Subject {
  label: string;
  schema: SchemaMeta;
  rootType: TypeRef;
  xml: string;
}

const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/** The recorded packets: *.request.xml as RequestPacket, *.response.xml as ResponsePacket. */
function fixtures(): Array<{ file: string; xml: string; rootType: TypeRef }> {
  return readdirSync(FIXTURES).filter((f) => /\.(request|response)\.xml$/.test(f)).sort().map((file) => ({
    file,
    xml: readFileSync(path.join(FIXTURES, file), 'utf8'),
    rootType: { c: file.endsWith('.request.xml') ? 'RequestPacket' : 'ResponsePacket' },
  }));
}

/**
 * The subjects: every fixture with the package generated from the project's xsd/ (generated/),
 * and, with `wholeApi`, every fixture again with the package of Plesk's whole API
 * (../shared/plesk-xsd, plesk-codegen's refinements applied, written once per run into the
 * shared folder of generation-cache.ts).
 */
export async function loadSubjects(options: { wholeApi: boolean }): Promise<Subject[]> {
  // the packages' emitted code, as their codecs.ts take it up: whole documents go the direct reader's way first
  useRecordCode(projectSchema as SchemaMeta, projectRecordCode);
  const subjects: Subject[] = fixtures().map((f) => ({ label: `${f.file} (xsd/)`, schema: projectSchema as SchemaMeta, rootType: f.rootType, xml: f.xml }));
  if (options.wholeApi) {
    const dir = sharedDir('plesk-xsd');
    const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
    const out = sharedPackageDir(files);
    const { schema } = (await import(pathToFileURL(path.join(out, 'src', 'metadata.ts')).href)) as { schema: SchemaMeta };
    const { RECORD_CODE } = (await import(pathToFileURL(path.join(out, 'src', 'records.ts')).href)) as { RECORD_CODE: RecordCode };
    useRecordCode(schema, RECORD_CODE);
    for (const f of fixtures()) subjects.push({ label: `${f.file} (whole API)`, schema, rootType: f.rootType, xml: f.xml });
  }
  return subjects;
}

/** One run: which subject, its mutations, the options and how the chunks are cut. */
export interface Run {
  subject: number;
  mutations: Mutation[];
  keep: boolean;
  /** fed in chunks too */
  chunked: boolean;
  /** split points, taken modulo the length */
  stringSplits: number[];
  byteSplits: number[];
  /** every code unit and every byte its own chunk */
  oneByOne: boolean;
}

/** Percent of runs with unknownElements: 'keep', fed in chunks, and of those one unit at a time. */
export const SHARES = { keep: 25, chunked: 30, oneByOne: 5 };

const runArb = (subjects: number): fc.Arbitrary<Run> => fc.record({
  subject: fc.nat(subjects - 1),
  mutations: fc.array(differentialMutationArb, { minLength: 1, maxLength: 4 }),
  keep: fc.noBias(fc.integer({ min: 0, max: 99 })).map((n) => n < SHARES.keep),
  chunked: fc.noBias(fc.integer({ min: 0, max: 99 })).map((n) => n < SHARES.chunked),
  stringSplits: fc.array(fc.nat(), { maxLength: 8 }),
  byteSplits: fc.array(fc.nat(), { maxLength: 8 }),
  oneByOne: fc.noBias(fc.integer({ min: 0, max: 99 })).map((n) => n < SHARES.oneByOne),
});

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function attempt(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A decoded value with the (non-enumerable) unknown content of every record made visible. */
function visible(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(visible);
  if (value === null || typeof value !== 'object') return value;
  // no prototype: a decoded '__proto__' key stays a key
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) out[k] = visible(v);
  const unknown = unknownContentOf(value);
  if (unknown !== undefined) out['(unknown content)'] = unknown;
  return out;
}

function show(value: unknown): string {
  return JSON.stringify(visible(value), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function describe(o: Outcome): string {
  if (o.ok) return `accepted: ${show(o.value).slice(0, 1500)}`;
  const e = o.error;
  if (e instanceof XmlDecodeError) return `XmlDecodeError path ${JSON.stringify(e.path)} line ${e.line} column ${e.column}: ${e.reason}`;
  return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} (not an XmlDecodeError)`;
}

const WELL_FORMEDNESS = 'not well-formed XML:';

/** Refused by design by both decoders, with a message of its own. */
const DOCTYPE = 'a document type declaration (DOCTYPE) is not allowed';

const isWellFormednessError = (e: XmlDecodeError) => e.reason.startsWith(WELL_FORMEDNESS) || e.reason === DOCTYPE;

/**
 * What saxes accepts and XML 1.0 does not (the tokenizer refuses it, and so does the W3C suite's
 * judgement): a processing instruction whose target is followed by `?` that does not end it
 * (`<?x?y?>`: after the target comes white space or `?>`, production [16]).
 */
const SAXES_GAPS: RegExp[] = [/is not allowed in a processing instruction's target/];

/** Where an error is, as one number to compare (lines, then columns). */
const at = (e: XmlDecodeError) => (e.line ?? 0) * 1e9 + (e.column ?? 0);

/**
 * Why the decoder's outcome (a) differs from the reference's (b), or undefined when they agree:
 * the same value; or both refuse, and then
 *   - two schema errors: the same path, line, column and message;
 *   - a well-formedness error of the decoder: the reference refuses too, and (when its error is
 *     a schema error) no earlier than where the decoder found the document broken (saxes reports
 *     a mismatched end tag after closing the element, so the element's own check speaks first);
 *     the position and wording of well-formedness errors are the tokenizer's own;
 *   - a schema error of the decoder where the reference found the document not well-formed: only
 *     if the decoder's is earlier (saxes reads some markup further before it judges it).
 * Where the reference accepts what XML forbids, the decoder's refusal must be one of SAXES_GAPS.
 */
export function differenceFromReference(a: Outcome, b: Outcome): string | undefined {
  if (a.ok && b.ok) return isDeepStrictEqual(visible(a.value), visible(b.value)) ? undefined : 'different values';
  if (!a.ok && b.ok) {
    const e = a.error;
    if (e instanceof XmlDecodeError && isWellFormednessError(e) && SAXES_GAPS.some((gap) => gap.test(e.reason))) return undefined;
  }
  if (a.ok !== b.ok) return a.ok ? 'only the second rejects' : 'only the first rejects';
  const x = (a as { error: unknown }).error;
  const y = (b as { error: unknown }).error;
  if (!(x instanceof XmlDecodeError) || !(y instanceof XmlDecodeError)) return 'an error that is not an XmlDecodeError';
  if (!Number.isInteger(x.line) || !Number.isInteger(x.column) || x.line! < 1 || x.column! < 1) return 'a position that is not 1-based';
  const wfX = isWellFormednessError(x);
  const wfY = isWellFormednessError(y);
  if (wfX && wfY) return undefined;
  if (wfX) return at(x) <= at(y) ? undefined : 'a well-formedness error after the reference\'s schema error';
  if (wfY) return at(x) < at(y) ? undefined : 'a schema error where the reference found the document not well-formed first';
  if (x.path !== y.path) return 'different paths';
  if (x.line !== y.line || x.column !== y.column) return 'different positions';
  return x.reason === y.reason ? undefined : 'different messages';
}

/** Why two outcomes of the decoder differ (chunked or whole, string or bytes), or undefined when they agree: in everything. */
export function difference(a: Outcome, b: Outcome): string | undefined {
  if (a.ok && b.ok) return isDeepStrictEqual(visible(a.value), visible(b.value)) ? undefined : 'different values';
  if (a.ok !== b.ok) return a.ok ? 'only the second rejects' : 'only the first rejects';
  const x = (a as { error: unknown }).error;
  const y = (b as { error: unknown }).error;
  if (!(x instanceof XmlDecodeError) || !(y instanceof XmlDecodeError)) return 'an error that is not an XmlDecodeError';
  if (x.path !== y.path) return 'different paths';
  if (x.line !== y.line || x.column !== y.column) return 'different positions';
  return x.reason === y.reason ? undefined : 'different messages';
}

function cuts(length: number, points: number[], oneByOne: boolean): number[] {
  if (oneByOne) return Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1);
  if (length < 2) return [];
  return [...new Set(points.map((p) => 1 + (p % (length - 1))))].sort((p, q) => p - q);
}

function streamed(s: Subject, chunks: Input[], options: DecodeOptions | undefined): Outcome {
  return attempt(() => {
    const d = startDecoding(s.schema, 'packet', s.rootType, options);
    for (const chunk of chunks) d.write(chunk);
    return d.end();
  });
}

export interface Report {
  seed: number;
  runs: number;
  accepted: number;
  rejected: number;
  /** of the rejected: well-formedness errors (the rest are schema errors) */
  notWellFormed: number;
  keep: number;
  /** runs also fed in chunks */
  chunked: number;
  /** rejected runs where the decoder found the document not well-formed and the reference gave a schema error at or after that point */
  brokenFirst: number;
  /** runs where the reference accepted what XML forbids (SAXES_GAPS) */
  saxesGaps: number;
  /** runs where anything disagreed */
  failed: number;
  /** the first of them in full (mutations, document, outcomes), then a count of the rest */
  failures: string[];
  ms: number;
}

const utf8 = new TextEncoder();

/** `runs` runs from `seed` (run i from seed + i); stops collecting failure texts after `maxFailures`. */
export function runDifferential(subjects: Subject[], runs: number, seed: number, maxFailures = 10): Report {
  const started = Date.now();
  const report: Report = { seed, runs, accepted: 0, rejected: 0, notWellFormed: 0, keep: 0, chunked: 0, brokenFirst: 0, saxesGaps: 0, failed: 0, failures: [], ms: 0 };
  const arb = runArb(subjects.length);
  for (let i = 0; i < runs; i++) {
    const [run] = fc.sample(arb, { seed: seed + i, numRuns: 1 });
    const s = subjects[run!.subject]!;
    const xml = run!.mutations.reduce(apply, s.xml);
    const options: DecodeOptions | undefined = run!.keep ? { unknownElements: 'keep' } : undefined;
    if (run!.keep) report.keep++;
    const ours = attempt(() => decodeDocument(s.schema, 'packet', s.rootType, xml, options));
    const reference = attempt(() => referenceDecodeDocument(s.schema, 'packet', s.rootType, xml, options));
    const problems: string[] = [];
    const check = (what: string, a: Outcome, b: Outcome, compare = difference) => {
      const why = compare(a, b);
      if (why !== undefined) problems.push(`${what}: ${why}\n    first:  ${describe(a)}\n    second: ${describe(b)}`);
    };
    check('decodeDocument (first) vs the reference (second)', ours, reference, differenceFromReference);
    if (reference.ok) report.accepted++;
    else {
      report.rejected++;
      if (reference.error instanceof XmlDecodeError && reference.error.reason.startsWith(WELL_FORMEDNESS)) report.notWellFormed++;
    }
    if (!ours.ok && ours.error instanceof XmlDecodeError && isWellFormednessError(ours.error)) {
      if (reference.ok) report.saxesGaps++;
      else if (reference.error instanceof XmlDecodeError && !isWellFormednessError(reference.error)) report.brokenFirst++;
    }
    if (run!.chunked) {
      report.chunked++;
      const splits = cuts(xml.length, run!.stringSplits, run!.oneByOne);
      check(`string chunks split at ${JSON.stringify(splits)} (first) vs decodeDocument of the string`, streamed(s, chunksOf(xml, splits), options), ours);
      const bytes = utf8.encode(xml);
      const byteSplits = cuts(bytes.length, run!.byteSplits, run!.oneByOne);
      const wholeBytes = attempt(() => decodeDocument(s.schema, 'packet', s.rootType, bytes, options));
      check(`UTF-8 chunks split at bytes ${JSON.stringify(byteSplits)} (first) vs decodeDocument of the bytes`, streamed(s, chunksOf(bytes, byteSplits), options), wholeBytes);
      if (!hasLoneSurrogate(xml)) check('decodeDocument of the UTF-8 bytes (first) vs of the string', wholeBytes, ours);
    }
    if (problems.length === 0) continue;
    report.failed++;
    if (report.failures.length < maxFailures) {
      report.failures.push([
        `run ${i} of seed ${seed}; replay: npm run fuzz -- --decoder --seed ${seed + i} --runs 1`,
        `  subject: ${s.label}; options: ${JSON.stringify(options ?? {})}`,
        `  mutations: ${JSON.stringify(run!.mutations)}`,
        `  document: ${JSON.stringify(xml)}`,
        ...problems.map((p) => `  ${p}`),
      ].join('\n'));
    }
  }
  if (report.failed > report.failures.length) report.failures.push(`… and ${report.failed - report.failures.length} more failing runs`);
  report.ms = Date.now() - started;
  return report;
}

/** One line for the log. */
export function summary(r: Report): string {
  return `${r.runs} runs from seed ${r.seed}: ${r.accepted} accepted, ${r.rejected} rejected (${r.notWellFormed} not well-formed), ${r.keep} with unknownElements: 'keep', ${r.chunked} also fed in chunks; the decoder found ${r.brokenFirst} documents not well-formed where the reference gave a schema error no earlier, and refused ${r.saxesGaps} that saxes accepts against XML's rules; ${r.failed === 0 ? 'no' : r.failed} failing runs; ${(r.ms / 1000).toFixed(1)} s`;
}
