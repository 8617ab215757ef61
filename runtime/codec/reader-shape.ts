/**
 * What an emitted type reader (record-code.ts `TypeReader`) was written for: its type's content
 * automaton (states, the names each allows and where they lead, which accept) and, for each
 * position, what the code does with the element there (its property, one value or an array,
 * simple or not, a string taken as written, its default), as one short hash. The generator
 * prints it beside the reader; the decoder's plans (decode-plan.ts) compute it from the tables
 * they read and use the reader only when the two agree, so that a reader never reads a model it
 * was not written for (a package of several protocol versions shares its emitted code).
 */
import type { Automaton } from './content-automaton.js';
import type { SchemaMeta } from './meta.js';
import { isRepeating } from './particles.js';
import { isTextAsWritten } from './simple-decoders.js';

/** The shape of an automaton over the simple types of `schema`: a hash of everything its reader depends on. */
export function readerShape(automaton: Automaton, simple: SchemaMeta['simple']): string {
  const states = [automaton.start, ...automaton.states].map((state) => [state.accepting, state.names.map((name, i) => [name, state.moves[i]!.to])]);
  const positions = automaton.positions.map(({ leaf }) => {
    if (leaf.k !== 'el') return ['any'];
    const meta = 's' in leaf.type ? simple[leaf.type.s] : undefined;
    const kind = meta === undefined ? 'c' : isTextAsWritten(meta) ? 'w' : 's';
    return [leaf.name, leaf.prop, isRepeating(leaf), kind, leaf.dflt ?? null];
  });
  return hash(JSON.stringify([states, positions]));
}

/** Two 32-bit FNV-1a hashes of the text (two offsets), as 16 hexadecimal digits. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
