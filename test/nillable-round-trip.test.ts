/**
 * The encoder and the decoder agree on nil: for every nillable element of both of Plesk's schema
 * sets (../shared/plesk-xsd and plesk-xsd-2020), random valid values of the type that holds it,
 * with that element nil (and, beside, with a value), encode → decode → the same value. (Nil
 * simple content, nil with content and nil with attributes are in test/drift-codec.test.ts, on
 * small schemas: Plesk's nillable elements are all of simple types.)
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { ElementParticle, Particle, SchemaMeta } from '../runtime/codec/meta.js';
import { arbitraryForComplex } from './helpers/arbitrary-from-schema.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { generateFrom, sharedDir } from './helpers/project.js';

type Rec = Record<string, unknown>;
interface Pkg {
  schema: SchemaMeta;
  encodeType: (type: string, element: string, value: unknown) => string;
  decodeType: (type: string, element: string, xml: string) => unknown;
}

async function loadPackage(corpus: string): Promise<Pkg> {
  const dir = sharedDir(corpus);
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  return (await import(pathToFileURL(path.join(sharedPackageDir(files), 'src', 'index.ts')).href)) as Pkg;
}

/** Every nillable element particle, with the complex type whose record holds its property (not inside a repeating group). */
function nillables(schema: SchemaMeta): Array<{ owner: string; particle: ElementParticle }> {
  const out: Array<{ owner: string; particle: ElementParticle }> = [];
  const visit = (owner: string, p: Particle | undefined) => {
    if (!p || p.k === 'any') return;
    if (p.k === 'el') {
      if (p.nillable) out.push({ owner, particle: p });
      return;
    }
    if (p.max === -1 || p.max > 1) return;
    for (const item of p.items) visit(owner, item);
  };
  for (const [name, type] of Object.entries(schema.complex)) visit(name, type.model);
  return out;
}

const show = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

for (const corpus of ['plesk-xsd', 'plesk-xsd-2020']) {
  test(`every nillable element of ${corpus}: nil and not nil, encode → decode gives the value back`, async (t) => {
    const pkg = await loadPackage(corpus);
    const found = nillables(pkg.schema);
    t.true(found.length >= (corpus === 'plesk-xsd' ? 8 : 3), `${found.length} nillable elements`);
    const failures: string[] = [];
    let nils = 0;
    for (const { owner, particle } of found) {
      const repeating = particle.max === -1 || particle.max > 1;
      // values that hold the element, then the same with it nil (one occurrence of a list)
      const holding = arbitraryForComplex(pkg.schema, owner, 3).filter((v) => typeof v === 'object' && v !== null && Object.hasOwn(v, particle.prop));
      const values = fc.sample(holding, { seed: 24, numRuns: 6 }).flatMap((v) => {
        const rec = v as Rec;
        const nil = { ...rec, [particle.prop]: repeating ? [null, ...(rec[particle.prop] as unknown[]).slice(1)] : null };
        return [rec, nil];
      });
      for (const value of values) {
        let xml = '';
        try {
          xml = pkg.encodeType(owner, 'e', value);
          const back = pkg.decodeType(owner, 'e', xml);
          if (!isDeepStrictEqual(back, value)) failures.push(`${owner}/${particle.name}: decodes to another value\n${xml}\n${show(back)}`);
          else if ((value as Rec)[particle.prop] === null || (Array.isArray((value as Rec)[particle.prop]) && ((value as Rec)[particle.prop] as unknown[])[0] === null)) nils++;
        } catch (error) {
          failures.push(`${owner}/${particle.name}: ${(error as Error).message}\n${xml}`);
        }
      }
    }
    t.log(`${found.length} nillable elements, ${nils} nil values round-tripped`);
    t.deepEqual(failures.slice(0, 3), []);
    t.true(nils >= found.length * 3);
  });
}
