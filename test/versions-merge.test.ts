/**
 * The merge of Plesk's two schema sets, judged against the package of each set alone: each
 * version's tables in the two-set package (`schemaOf(version)`) describe exactly what the
 * one-set package's tables describe, from the packet envelopes down (names aside: the merged
 * package names a type once for both), except the elements whose type was learned from the
 * other version. And the XmlAny count of the two-set package beside the one-set counts.
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Particle, SchemaMeta, TypeRef } from '../generated/src/runtime/codec/meta.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { generateFrom, sharedDir } from './helpers/project.js';
import { importTwoSets, TWO_SETS, twoSetFiles } from './helpers/versions-package.js';

async function oneSet(corpus: string): Promise<{ schema: SchemaMeta; types: string }> {
  const dir = sharedDir(corpus);
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const pkg = await import(pathToFileURL(path.join(sharedPackageDir(files), 'src', 'index.ts')).href);
  return { schema: pkg.schema, types: files.get('src/types.ts')! };
}

interface Comparison {
  differences: string[];
  /** elements untyped in the set alone and typed in the two-set package (`type/element`) */
  learned: string[];
}

/** Walks two tables from the same root in step, noting where they describe different documents. */
function compare(a: SchemaMeta, b: SchemaMeta, roots: Array<[TypeRef, TypeRef, string]>): Comparison {
  const out: Comparison = { differences: [], learned: [] };
  const seen = new Set<string>();
  const type = (ra: TypeRef, rb: TypeRef, at: string, owner: string): void => {
    if ('any' in ra || 'any' in rb) {
      if ('any' in ra && !('any' in rb)) out.learned.push(owner);
      else if (!('any' in ra)) out.differences.push(`${at}: typed alone, untyped merged`);
      return;
    }
    if ('s' in ra !== 's' in rb) return void out.differences.push(`${at}: simple vs complex`);
    if ('s' in ra) {
      const [x, y] = [JSON.stringify(a.simple[ra.s]), JSON.stringify(b.simple[(rb as { s: string }).s])];
      if (x !== y) out.differences.push(`${at}: ${x} vs ${y}`);
      return;
    }
    const key = `${ra.c}\u0000${(rb as { c: string }).c}`;
    if (seen.has(key)) return;
    seen.add(key);
    const [x, y] = [a.complex[ra.c]!, b.complex[(rb as { c: string }).c]!];
    // (the name of an anonymous type is the package's: the two-set package names it for both)
    if (x.content !== y.content) out.differences.push(`${at}: ${x.name} ${x.content} vs ${y.name} ${y.content}`);
    const attrs = (m: typeof x, s: SchemaMeta) => m.attrs.map((t) => `${t.name} ${t.required} ${JSON.stringify(s.simple[t.type])}`).join('; ');
    if (attrs(x, a) !== attrs(y, b)) out.differences.push(`${at}/@: ${attrs(x, a)} vs ${attrs(y, b)}`);
    if (x.text || y.text) type({ s: x.text?.type ?? '' }, { s: y.text?.type ?? '' }, `${at}/text()`, x.name);
    if (x.model || y.model) particle(x.model, y.model, at, x.name);
  };
  const particle = (p: Particle | undefined, q: Particle | undefined, at: string, owner: string): void => {
    if (!p || !q) return void out.differences.push(`${at}: a model in one only`);
    const head = (r: Particle) => `${r.k} ${r.min}..${r.max}${r.k === 'el' ? ` ${r.name}` : ''}`;
    if (head(p) !== head(q)) return void out.differences.push(`${at}: ${head(p)} vs ${head(q)}`);
    if (p.k === 'el') return type(p.type, (q as typeof p).type, `${at}/${p.name}`, `${owner}/${p.name}`);
    if (p.k === 'any') return;
    const items = (q as typeof p).items;
    if (p.items.length !== items.length) return void out.differences.push(`${at}: ${p.items.length} vs ${items.length} items`);
    p.items.forEach((item, i) => particle(item, items[i], at, owner));
  };
  for (const [ra, rb, at] of roots) type(ra, rb, at, at);
  out.learned = [...new Set(out.learned)].sort();
  return out;
}

const PACKETS: Array<[TypeRef, TypeRef, string]> = [
  [{ c: 'RequestPacket' }, { c: 'RequestPacket' }, 'request packet'],
  [{ c: 'ResponsePacket' }, { c: 'ResponsePacket' }, 'response packet'],
];

test('each version\'s tables in the two-set package describe what the package of that set alone does, but for the types it learned from the other', async (t) => {
  const { pkg } = await importTwoSets();
  const learned: Record<string, string[]> = {};
  for (const { corpus, protocolVersion } of TWO_SETS) {
    const alone = await oneSet(corpus);
    const result = compare(alone.schema, pkg.schemaOf(protocolVersion), PACKETS);
    t.deepEqual(result.differences, [], `${protocolVersion}: ${result.differences.length} differences`);
    learned[protocolVersion] = result.learned;
  }
  t.deepEqual(learned, {
    '1.6.6.0': [],
    '1.6.9.1': ['RequestPacket/business-logic-upgrade', 'ResponsePacketType/business-logic-upgrade', 'ServerOperatorType/set-ppb-connection'],
  });
  const ir = twoSetFiles().ir;
  const recorded = ir.complexTypes.flatMap((c) => {
    const out: string[] = [];
    const walk = (p: import('../generator/model/ir.js').IrParticle) => {
      if (p.kind === 'element') {
        if (p.learned) out.push(`${c.xsdName ?? c.hint.join('/')}/${p.name} from ${p.learned.from.join(',')} for ${p.learned.for.join(',')}`);
      } else if (p.kind !== 'any') p.items.forEach(walk);
    };
    if (c.model) walk(c.model);
    return out;
  });
  t.deepEqual(recorded.sort(), ['ResponsePacketType/business-logic-upgrade from 1.6.6.0 for 1.6.9.1', 'ServerOperatorType/set-ppb-connection from 1.6.6.0 for 1.6.9.1', 'packet/business-logic-upgrade from 1.6.6.0 for 1.6.9.1'], 'the request\'s and the response\'s operator, and one operation');
});

test('XmlAny: the two-set package beside the one-set packages', async (t) => {
  const count = (types: string) => (types.match(/:\s*XmlAny\b|XmlAny\[\]/g) ?? []).length;
  const alone = await Promise.all(TWO_SETS.map((s) => oneSet(s.corpus)));
  const [older, newer] = alone.map((a) => count(a.types));
  const both = count(twoSetFiles().files.get('src/types.ts')!);
  t.log(`properties typed XmlAny in types.ts: 1.6.6.0 alone ${older}, 1.6.9.1 alone ${newer}, both in one package ${both}`);
  t.deepEqual([older, newer, both], [74, 56, 78]);
  // seen from each version: its untyped elements in its tables, alone and in the two-set package
  const { pkg } = await importTwoSets();
  const untyped = (schema: SchemaMeta) => {
    let n = 0;
    const walk = (p: Particle | undefined): void => {
      if (!p || p.k === 'any') return;
      if (p.k === 'el') n += 'any' in p.type ? 1 : 0;
      else p.items.forEach(walk);
    };
    for (const type of Object.values(schema.complex)) walk(type.model);
    return n;
  };
  const perVersion = TWO_SETS.map((s, i) => [untyped(alone[i]!.schema), untyped(pkg.schemaOf(s.protocolVersion))]);
  t.log(`untyped element declarations in each version's tables, alone → in the two-set package: 1.6.6.0 ${perVersion[0]!.join(' → ')}, 1.6.9.1 ${perVersion[1]!.join(' → ')}`);
  // 1.6.6.0 learns nothing; 1.6.9.1 learns three elements' types from 1.6.6.0 (−3), one of which (BLUpgradeInput) holds two untyped elements of its own (+2)
  t.deepEqual(perVersion, [[74, 74], [56, 55]]);
});
