/**
 * The whole Plesk API as property-test samples: every operation of every operator, read from a
 * generated package's metadata (never listed by hand), in both directions, each sample a packet
 * holding that one operation with random valid values (arbitrary-from-schema.ts).
 *
 * Used by test/whole-api-property.test.ts (fixed seed, bounded) and scripts/fuzz.ts
 * (`npm run fuzz -- --runs N`).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { sharedPackageDir } from './generation-cache.js';
import type { ElementParticle, GroupParticle, Particle, SchemaMeta } from '../../generated/src/runtime/codec/meta.js';
import { arbitraryForType } from './arbitrary-from-schema.js';
import { validateAgainstPlesk, type PleskSchemaSet } from './plesk-oracle.js';
import { generateFrom, sharedDir } from './project.js';

type Rec = Record<string, unknown>;
export type Direction = 'request' | 'response';

/** The codecs of a generated whole-API package. */
export interface WholeApi {
  corpus: PleskSchemaSet;
  schema: SchemaMeta;
  encode: Record<Direction, (value: unknown) => string>;
  decode: Record<Direction, (xml: string) => unknown>;
}

/** Generates the whole API of a corpus into .tmp/ and imports it. */
export async function loadWholeApi(corpus: PleskSchemaSet): Promise<WholeApi> {
  const dir = sharedDir(corpus);
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const out = sharedPackageDir(files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  return {
    corpus,
    schema: pkg.schema,
    encode: { request: pkg.encodeRequestPacket, response: pkg.encodeResponsePacket },
    decode: { request: pkg.decodeRequestPacket, response: pkg.decodeResponsePacket },
  };
}

/** One operation of one operator, in one direction, and how a packet holds it. */
export interface Operation {
  direction: Direction;
  operator: ElementParticle;
  /** undefined: the operator's content is not a choice of operations (upload's answer): its whole value is sampled */
  operation: ElementParticle | undefined;
  /** the repeating group holding the operations (`operations`), or undefined for a single choice (db_server's request) */
  group: GroupParticle | undefined;
  label: string;
}

const repeating = (p: Particle) => p.max === -1 || p.max > 1;

/** Every operation of the packet type of `direction`, in schema order. */
export function operationsOf(schema: SchemaMeta, direction: Direction): Operation[] {
  const packet = schema.complex[direction === 'request' ? 'RequestPacket' : 'ResponsePacket'];
  const operators = findGroup(packet?.model, 'operators');
  if (!operators) throw new Error(`the ${direction} packet has no operators group`);
  const out: Operation[] = [];
  for (const operator of operators.items) {
    if (operator.k !== 'el' || !('c' in operator.type)) continue;
    const model = schema.complex[operator.type.c]!.model;
    const group = findGroup(model, 'operations');
    const choice = group ?? (model && model.k === 'choice' && !repeating(model) ? model : undefined);
    if (!choice) {
      out.push({ direction, operator, operation: undefined, group: undefined, label: `${direction} ${operator.name}` });
      continue;
    }
    for (const op of choice.items) {
      if (op.k === 'el') out.push({ direction, operator, operation: op, group, label: `${direction} ${operator.name}/${op.name}` });
    }
  }
  return out;
}

function findGroup(p: Particle | undefined, prop: string): GroupParticle | undefined {
  if (!p || p.k === 'el' || p.k === 'any') return undefined;
  if (p.prop === prop && repeating(p)) return p;
  for (const item of p.items) {
    const found = findGroup(item, prop);
    if (found) return found;
  }
  return undefined;
}

/** Nesting levels with optional content: deep enough to reach most elements, small enough to stay fast. */
export const SAMPLE_DEPTH = 4;

/** A packet holding the operation with a random value. */
export function packetOf(schema: SchemaMeta, op: Operation): fc.Arbitrary<Rec> {
  const operatorValue = op.operation === undefined
    ? arbitraryForType(schema, op.operator.type, SAMPLE_DEPTH)
    : arbitraryForType(schema, op.operation.type, SAMPLE_DEPTH).map((v): Rec => {
      const entry = { [op.operation!.prop]: repeating(op.operation!) ? [v] : v };
      return op.group ? { [op.group.prop!]: [entry] } : entry;
    });
  return operatorValue.map((v) => ({ operators: [{ [op.operator.prop]: v }] }));
}

export interface Sample {
  label: string;
  direction: Direction;
  value: Rec;
}

/** `runs` samples of every operation in both directions, from `seed` (each operation its own seed, so adding one changes no other). */
export function samplesOf(schema: SchemaMeta, runs: number, seed: number): Sample[] {
  const out: Sample[] = [];
  for (const direction of ['request', 'response'] as const) {
    operationsOf(schema, direction).forEach((op, i) => {
      const values = fc.sample(packetOf(schema, op), { seed: seed + i * 7919 + (direction === 'response' ? 1 : 0), numRuns: runs });
      values.forEach((value, j) => out.push({ label: `${op.label} #${j}`, direction, value }));
    });
  }
  return out;
}

export interface Outcome {
  samples: number;
  encoded: number;
  validated: number;
  roundTripped: number;
  /** failures, each with its label and detail */
  failures: string[];
}

function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/**
 * encode → (2014 set) valid under agent_input.xsd / agent_output.xsd → decode → deep-equal, for
 * every sample. The oracle is called once per direction with all its documents.
 */
export async function checkSamples(api: WholeApi, samples: Sample[], withOracle: boolean): Promise<Outcome> {
  const outcome: Outcome = { samples: samples.length, encoded: 0, validated: 0, roundTripped: 0, failures: [] };
  const encoded: Array<{ sample: Sample; xml: string; valid: boolean }> = [];
  for (const sample of samples) {
    try {
      encoded.push({ sample, xml: api.encode[sample.direction](sample.value), valid: true });
    } catch (error) {
      outcome.failures.push(`${sample.label}: encode failed: ${(error as Error).message}\nvalue: ${show(sample.value)}`);
    }
  }
  outcome.encoded = encoded.length;
  if (withOracle) {
    for (const direction of ['request', 'response'] as const) {
      const docs = encoded.filter((e) => e.sample.direction === direction);
      const verdicts = await validateAgainstPlesk(docs.map((d) => d.xml), direction === 'request' ? 'agent_input.xsd' : 'agent_output.xsd', api.corpus);
      verdicts.forEach((v, i) => {
        if (v.valid) outcome.validated++;
        else {
          docs[i]!.valid = false;
          outcome.failures.push(`${docs[i]!.sample.label}: invalid under Plesk's schema:\n${docs[i]!.xml}\n${v.errors.join('\n')}`);
        }
      });
    }
  }
  for (const { sample, xml } of encoded) {
    try {
      const decoded = api.decode[sample.direction](xml);
      if (isDeepStrictEqual(decoded, sample.value)) outcome.roundTripped++;
      else outcome.failures.push(`${sample.label}: decodes to another value\n${xml}\nexpected: ${show(sample.value)}\ndecoded:  ${show(decoded)}`);
    } catch (error) {
      outcome.failures.push(`${sample.label}: decode failed: ${(error as Error).message}\n${xml}`);
    }
  }
  return outcome;
}

/**
 * Whether a failure is the known oracle difference: every xmllint message is a pattern facet
 * on a pattern with a Unicode property class (\p{…}), and the refused value holds characters
 * beyond Latin-1 (ASCII and Latin-1 are classed alike by libxml2 and JavaScript, so a value of
 * those alone that xmllint refuses is a real failure).
 */
export function isUnicodeTableDifference(failure: string): boolean {
  const lines = failure.split('\n').filter((l) => l.startsWith('line '));
  if (!failure.includes(": invalid under Plesk's schema:") || lines.length === 0) return false;
  return lines.every((l) => {
    const m = /\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$/.exec(l);
    if (!m || !m[2]!.includes('\\p{')) return false;
    return /[^\u0000-\u00ff]/.test(m[1]!);
  });
}
