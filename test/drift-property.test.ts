/**
 * Real newer servers never break a call, proven on the whole API: for random valid answers of
 * every response operation of Plesk's 1.6.6.0 schemas (the 2014 set, ../shared/plesk-xsd), random
 * schema drift as a newer server makes it (test/helpers/drift-mutations.ts: new element names,
 * extra occurrences of declared ones, declared ones out of place, new attributes, new
 * enumeration values, longer strings), decoded with unknownElements 'keep':
 *
 * - every known value comes back (the value is the answer's, with each drifted value as read);
 * - every change is reported once, with its kind and path;
 * - re-encoding the value gives the drifted answer (compared in a canonical form: attributes
 *   sorted, one escaping);
 *
 * and decoded with 'error', each change alone fails, naming its node. Fixed seed; every kind of
 * drift must have been tried many times.
 */
import test from 'ava';
import { isDeepStrictEqual } from 'node:util';
import type { XmlDecodeError } from '../runtime/codec/errors.js';
import type { DecodeOptions, SchemaDriftEvent } from '../runtime/codec/decode-options.js';
import { canonical, mutate, parse, random, serialize, typeTree, type Drift, type DriftKind } from './helpers/drift-mutations.js';
import { loadWholeApi, samplesOf } from './helpers/whole-api.js';

const SEED = 0x0d_21f7;
const RUNS = 2;
const KINDS: DriftKind[] = ['unknown', 'extra', 'misplaced', 'attribute', 'value'];

const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

test(`drift on every response operation of the 1.6.6.0 API: kept, reported, written back; refused by 'error' (seed ${SEED})`, async (t) => {
  const api = await loadWholeApi('plesk-xsd');
  const decode = api.decode.response as (xml: string, options?: DecodeOptions) => unknown;
  const samples = samplesOf(api.schema, RUNS, SEED).filter((s) => s.direction === 'response');
  const r = random(SEED);
  const tried = new Map<DriftKind, number>(KINDS.map((k) => [k, 0]));
  const failures: string[] = [];
  let documents = 0;
  for (const sample of samples) {
    const clean = api.encode.response(sample.value);
    const xml = clean.replace(/^<\?xml[^>]*\?>\n/, '');
    // one to three changes, values first (a copy made after carries the value as it was changed)
    const kinds = Array.from({ length: 1 + r(3) }, () => KINDS[r(KINDS.length)]!).sort((a, b) => Number(b === 'value') - Number(a === 'value'));
    const root = parse(xml);
    typeTree(api.schema, root, { c: 'ResponsePacket' });
    const drifts: Drift[] = [];
    for (const kind of kinds) {
      const drift = mutate(api.schema, root, kind, r);
      if (drift) drifts.push(drift);
    }
    if (drifts.length === 0) continue;
    documents++;
    for (const d of drifts) tried.set(d.kind, tried.get(d.kind)! + 1);
    const drifted = serialize(root);
    const label = `${sample.label} with ${drifts.map((d) => `${d.kind} ${d.path}`).join(', ')}`;

    // 'keep': the known values, one report per change, the drifted answer written back
    const events: SchemaDriftEvent[] = [];
    let value: unknown;
    try {
      value = decode(drifted, { unknownElements: 'keep', onUnknown: (e) => events.push(e) });
    } catch (error) {
      failures.push(`${label}: 'keep' failed: ${(error as Error).message}\n${drifted}`);
      continue;
    }
    const reported = events.map((e) => `${e.kind} ${e.path}`).sort();
    const expected = drifts.map((d) => `${d.kind} ${d.path}`).sort();
    if (!isDeepStrictEqual(reported, expected)) failures.push(`${label}: reported ${JSON.stringify(reported)}\n${drifted}`);
    let known = json(value);
    for (const d of drifts) if (d.after !== undefined) known = known.replace(JSON.stringify(d.after), JSON.stringify(d.before));
    if (known !== json(sample.value)) failures.push(`${label}: the known values differ\nexpected ${json(sample.value)}\ndecoded  ${known}`);
    try {
      const again = api.encode.response(value);
      if (canonical(again.replace(/^<\?xml[^>]*\?>\n/, '')) !== canonical(drifted)) failures.push(`${label}: re-encoded differently\ndrifted:    ${drifted}\nre-encoded: ${again}`);
    } catch (error) {
      failures.push(`${label}: re-encoding failed: ${(error as Error).message}`);
    }

    // 'error': each kind of change alone fails, naming its node
    for (const [i, d] of drifts.entries()) {
      const alone = parse(xml);
      typeTree(api.schema, alone, { c: 'ResponsePacket' });
      const single = mutate(api.schema, alone, d.kind, random(SEED + documents * 7 + i));
      if (!single) continue;
      let error: unknown;
      try {
        decode(serialize(alone));
      } catch (e) {
        error = e;
      }
      // (the package's own XmlDecodeError class: its runtime is a copy)
      const named = error instanceof Error && error.name === 'XmlDecodeError' && ((error as XmlDecodeError).path.endsWith(`/${single.name}`) || (error as XmlDecodeError).path.endsWith(`/@${single.name}`) || error.message.includes(`<${single.name}>`) || error.message.includes(`attribute ${single.name}`));
      if (!named) failures.push(`'error' on ${single.kind} ${single.path}: ${error instanceof Error ? error.message : 'no error'}\n${serialize(alone)}`);
    }
  }
  t.log(`${samples.length} answers, ${documents} drifted: ${KINDS.map((k) => `${tried.get(k)} ${k}`).join(', ')}`);
  t.deepEqual(failures.slice(0, 5), [], `${failures.length} failures`);
  for (const kind of KINDS) t.true(tried.get(kind)! >= 50, `${kind}: ${tried.get(kind)} tried`);
});
