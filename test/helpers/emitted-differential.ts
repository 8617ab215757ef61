/**
 * The differential test of the emitted codec code (src/records.ts of a generated package, taken up
 * by its codecs.ts) against the table-driven reference: the same runtime decoding the same
 * documents with the package's `schema`, which has the emitted code, and with a copy of its tables,
 * which has none (runtime/codec/record-code.ts). Used by test/emitted-differential.test.ts.
 *
 * The documents: seeded random valid packets of every operation of the whole API, in both
 * directions (whole-api.ts), each encoded by the package; then, for each, variants:
 *   - as it is;
 *   - the character-level and structural mutations of the decoder's differential fuzz
 *     (mutations.ts: replaced, flipped, inserted, deleted, duplicated and cut text, lone
 *     surrogates, bytes flipped, markup, siblings swapped, astral characters);
 *   - schema drift on its typed tree (drift-mutations.ts: unknown, extra and misplaced elements,
 *     attributes, values outside their facets), decoded with unknownElements 'keep' and without;
 * each decoded whole from a string and from its UTF-8 bytes, and in chunks (strings and bytes
 * split at seeded points, a character split anywhere), with 'keep' for a share of them. Every
 * outcome must be identical: the same value (deep and strict, with the unknown content and read
 * order kept on each record), or the same XmlDecodeError (path, line, column, message).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { SchemaMeta, TypeRef } from '../../runtime/codec/meta.js';
import { mutate, parse, random, serialize, typeTree, type DriftKind } from './drift-mutations.js';
import { sharedPackageDir } from './generation-cache.js';
import { apply, chunksOf, differentialMutationArb } from './mutations.js';
import type { PleskSchemaSet } from './plesk-oracle.js';
import { generateFrom, sharedDir } from './project.js';
import { samplesOf } from './whole-api.js';

type Input = string | Uint8Array;
type Options = { unknownElements?: 'error' | 'keep' } | undefined;

/** The package's own runtime (its decoder took up the emitted code for its schema). */
interface Runtime {
  decodeDocument(schema: SchemaMeta, rootName: string, rootType: TypeRef, xml: Input, options?: Options): unknown;
  startDecoding(schema: SchemaMeta, rootName: string, rootType: TypeRef, options?: Options): { write(piece: Input): void; end(): unknown };
  unknownContentOf(value: unknown): unknown;
  recordCodeOf(schema: SchemaMeta): unknown;
  /** how many whole documents the direct reader read, and left to the schema decoder */
  directReads: { read: number; declined: number };
  readOrderOf(value: object): unknown;
  XmlDecodeError: new (...args: never[]) => Error & { path: string; reason: string; line?: number; column?: number };
  encode: { request: (value: unknown) => string; response: (value: unknown) => string };
}

export interface Sides {
  corpus: PleskSchemaSet;
  /** the package's schema: decoded through the emitted code */
  emitted: SchemaMeta;
  /** a copy of its tables: decoded through the tables alone */
  tables: SchemaMeta;
  runtime: Runtime;
}

/** Generates (once per run: generation-cache.ts) the whole API of a corpus and imports its runtime. */
export async function loadSides(corpus: PleskSchemaSet): Promise<Sides> {
  const dir = sharedDir(corpus);
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const out = sharedPackageDir(files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  return sidesOf(out, corpus, pkg.schema as SchemaMeta, { request: pkg.encodeRequestPacket, response: pkg.encodeResponsePacket });
}

/** The two sides of a generated package in `dir` whose decoder reads `emitted` (its schema, or one version's), with its runtime. */
export async function sidesOf(dir: string, corpus: PleskSchemaSet, emitted: SchemaMeta, encode: Runtime['encode']): Promise<Sides> {
  const load = async (file: string) => import(pathToFileURL(path.join(dir, 'src', file)).href);
  const decode = await load('runtime/codec/decode.ts');
  const options = await load('runtime/codec/decode-options.ts');
  const errors = await load('runtime/codec/errors.ts');
  const code = await load('runtime/codec/record-code.ts');
  return {
    corpus,
    emitted,
    tables: structuredClone(emitted),
    runtime: {
      decodeDocument: decode.decodeDocument,
      startDecoding: decode.startDecoding,
      unknownContentOf: options.unknownContentOf,
      recordCodeOf: code.recordCodeOf,
      directReads: decode.directReads,
      readOrderOf: (value: object) => Object.getOwnPropertyDescriptor(value, options.READ_ORDER)?.value,
      XmlDecodeError: errors.XmlDecodeError,
      encode,
    },
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function attempt(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A decoded value with what each record keeps out of sight (unknown content, read order) made visible. */
function visible(runtime: Runtime, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => visible(runtime, v));
  if (value === null || typeof value !== 'object') return value;
  const out = Object.create(null) as Record<string, unknown>;
  out['(prototype is Object.prototype)'] = Object.getPrototypeOf(value) === Object.prototype;
  for (const [k, v] of Object.entries(value)) out[k] = visible(runtime, v);
  const unknown = runtime.unknownContentOf(value);
  if (unknown !== undefined) out['(unknown content)'] = unknown;
  const order = runtime.readOrderOf(value);
  if (order !== undefined) out['(read order)'] = order;
  return out;
}

/** Whether a decoded value keeps schema drift anywhere (unknownElements 'keep'). */
function drifted(runtime: Runtime, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (runtime.unknownContentOf(value) !== undefined) return true;
  return Object.values(value).some((v) => drifted(runtime, v));
}

/** Why two outcomes differ, or undefined when they are identical (values, or errors in path, line, column and message). */
export function differenceOf(runtime: Runtime, a: Outcome, b: Outcome): string | undefined {
  if (a.ok && b.ok) return isDeepStrictEqual(visible(runtime, a.value), visible(runtime, b.value)) ? undefined : 'different values';
  if (a.ok !== b.ok) return a.ok ? 'only the tables reject' : 'only the emitted code rejects';
  const x = (a as { error: unknown }).error;
  const y = (b as { error: unknown }).error;
  if (!(x instanceof runtime.XmlDecodeError) || !(y instanceof runtime.XmlDecodeError)) return `an error that is not an XmlDecodeError: ${String(x)} / ${String(y)}`;
  if (x.path !== y.path) return `different paths: ${x.path} / ${y.path}`;
  if (x.line !== y.line || x.column !== y.column) return `different positions: ${x.line}:${x.column} / ${y.line}:${y.column}`;
  return x.reason === y.reason ? undefined : `different messages: ${x.reason} / ${y.reason}`;
}

export interface Report {
  documents: number;
  decodes: number;
  accepted: number;
  rejected: number;
  keep: number;
  drifted: number;
  chunked: number;
  /** whole decodes (string or bytes) of the emitted side that the direct reader read itself */
  direct: number;
  failures: string[];
}

/**
 * Whether the direct reader (runtime/codec/direct-reader.ts) must read a document the schema
 * decoder accepts without drift: it declines only character references, carriage returns,
 * markup other than elements and namespace or xsi attributes (and what its converters or rules refuse).
 */
export function plainDocument(xml: string): boolean {
  return !/&#|\r|<!|<\?(?!xml )|xmlns|xsi:/.test(xml);
}

const DRIFT_KINDS: DriftKind[] = ['unknown', 'extra', 'misplaced', 'attribute', 'value'];
const utf8 = new TextEncoder();

function cutsOf(length: number, r: (n: number) => number): number[] {
  if (length < 2) return [];
  return [...new Set(Array.from({ length: 1 + r(6) }, () => 1 + r(length - 1)))].sort((p, q) => p - q);
}

/**
 * `perOperation` samples of every operation of both directions from `seed`; for each, the document
 * as it is, `mutants` mutated copies, and one with schema drift (when the document has a place for
 * it): each decoded both ways, whole and in chunks.
 */
export function runEmittedDifferential(sides: Sides, perOperation: number, mutants: number, seed: number): Report {
  const { runtime } = sides;
  const report: Report = { documents: 0, decodes: 0, accepted: 0, rejected: 0, keep: 0, drifted: 0, chunked: 0, direct: 0, failures: [] };
  const samples = samplesOf(sides.emitted, perOperation, seed);
  samples.forEach((sample, i) => {
    const r = random(seed + i);
    const rootType: TypeRef = { c: sample.direction === 'request' ? 'RequestPacket' : 'ResponsePacket' };
    const xml = runtime.encode[sample.direction](sample.value);
    const documents: Array<{ label: string; xml: string; keep: boolean }> = [{ label: 'valid', xml, keep: r(4) === 0 }];
    const mutations = fc.sample(fc.array(differentialMutationArb, { minLength: 1, maxLength: 3 }), { seed: seed + i, numRuns: mutants });
    for (const list of mutations) documents.push({ label: `mutations ${JSON.stringify(list)}`, xml: list.reduce(apply, xml), keep: r(4) === 0 });
    const tree = parse(xml);
    typeTree(sides.emitted, tree, rootType);
    const drift = mutate(sides.emitted, tree, DRIFT_KINDS[r(DRIFT_KINDS.length)]!, r);
    if (drift !== undefined) {
      report.drifted++;
      // kept, and refused: the errors of drift (an element once more than allowed, out of its place …)
      documents.push({ label: `drift ${drift.kind} at ${drift.path}`, xml: serialize(tree), keep: true }, { label: `drift ${drift.kind} at ${drift.path}`, xml: serialize(tree), keep: false });
    }
    for (const doc of documents) {
      report.documents++;
      const options: Options = doc.keep ? { unknownElements: 'keep' } : undefined;
      if (doc.keep) report.keep++;
      const problems: string[] = [];
      const compare = (what: string, run: (schema: SchemaMeta) => unknown) => {
        const emitted = attempt(() => run(sides.emitted));
        const tables = attempt(() => run(sides.tables));
        report.decodes += 2;
        const why = differenceOf(runtime, emitted, tables);
        if (why !== undefined) problems.push(`${what}: ${why}`);
        return emitted;
      };
      const readBefore = runtime.directReads.read;
      const whole = compare('the whole string', (schema) => runtime.decodeDocument(schema, 'packet', rootType, doc.xml, options));
      const readDirectly = runtime.directReads.read > readBefore;
      if (whole.ok) report.accepted++;
      else report.rejected++;
      // a plain document the schema decoder accepts as it is, the direct reader must have read itself
      if (whole.ok && !readDirectly && !drifted(runtime, whole.value) && plainDocument(doc.xml)) problems.push('the direct reader declined a plain valid document');
      const bytes = utf8.encode(doc.xml);
      compare('the whole UTF-8 bytes', (schema) => runtime.decodeDocument(schema, 'packet', rootType, bytes, options));
      report.direct += runtime.directReads.read - readBefore;
      if (r(2) === 0) {
        report.chunked++;
        const stringCuts = cutsOf(doc.xml.length, r);
        const byteCuts = cutsOf(bytes.length, r);
        const streamed = (schema: SchemaMeta, pieces: Input[]) => {
          const decoder = runtime.startDecoding(schema, 'packet', rootType, options);
          for (const piece of pieces) decoder.write(piece);
          return decoder.end();
        };
        compare(`string chunks cut at ${JSON.stringify(stringCuts)}`, (schema) => streamed(schema, chunksOf(doc.xml, stringCuts)));
        compare(`UTF-8 chunks cut at bytes ${JSON.stringify(byteCuts)}`, (schema) => streamed(schema, chunksOf(bytes, byteCuts)));
      }
      if (problems.length > 0 && report.failures.length < 10) {
        report.failures.push([`${sides.corpus} ${sample.label} (seed ${seed}), ${doc.label}, options ${JSON.stringify(options ?? {})}`, ...problems.map((p) => `  ${p}`), `  document: ${JSON.stringify(doc.xml).slice(0, 4000)}`].join('\n'));
      }
    }
  });
  return report;
}

export function summary(r: Report): string {
  return `${r.documents} documents (${r.accepted} accepted, ${r.rejected} rejected, ${r.direct} whole decodes read by the direct reader; ${r.drifted} with schema drift, ${r.keep} decoded with unknownElements 'keep', ${r.chunked} also in chunks): ${r.decodes} decodes, ${r.failures.length === 0 ? 'all identical' : `${r.failures.length} differing`}`;
}
