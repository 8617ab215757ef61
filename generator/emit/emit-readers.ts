/**
 * The direct reader's code per complex type, printed into src/records.ts beside the type's stores
 * (emit-records.ts): the type's content automaton (runtime/codec/content-automaton.ts, compiled
 * from the same tables metadata.ts holds) as a switch over its states, each state comparing the
 * names it allows in place, reading a simple element's text and calling that element's converter
 * at a call site of its own, and storing the value by the property's name (record-code.ts says
 * why each of these is faster than the same steps through the tables). A type gets a reader when
 * the generic loop (direct-reader.ts) would read it with nothing a reader leaves out: no
 * repeating group, wildcard, xs:all or bound other than 0, 1 and unbounded, no property named like
 * a member of Object.prototype. Its shape (runtime/codec/reader-shape.ts) is printed with it: the
 * decoder uses a reader only for the model it was written for.
 *
 * For `BackupTask`'s state after `<task-id>` we generate
 * `case 1: if (b.charCodeAt(at) === 115 && d.is(at, "status")) { t = d.textOf(at + 6, "status"); …; s = 2; } else d.no(); break;`.
 */
import { automatonFor, type Automaton } from '../../runtime/codec/content-automaton.js';
import type { ComplexTypeMeta, ElementParticle, SchemaMeta } from '../../runtime/codec/meta.js';
import { isInheritedName } from '../../runtime/codec/own-properties.js';
import { isRepeating } from '../../runtime/codec/particles.js';
import { readerShape } from '../../runtime/codec/reader-shape.js';
import { isTextAsWritten } from '../../runtime/codec/simple-decoders.js';
import { quote } from './type-expressions.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** A property of the record `r`, by its name. */
const at = (prop: string): string => (IDENTIFIER.test(prop) ? `r.${prop}` : `r[${quote(prop)}]`);

export interface EmittedReader {
  /** the reader, an arrow function's text (its lines after the first indented by `indent`) */
  code: string;
  shape: string;
}

/** The reader of a type's elements, or undefined when the generic loop reads it. */
export function typeReader(meta: ComplexTypeMeta, simple: SchemaMeta['simple'], indent: string): EmittedReader | undefined {
  if (meta.content !== 'elements' || meta.model === undefined || meta.model.k === 'all') return undefined;
  const automaton = automatonFor(meta.model);
  if ((automaton.checks.get(null) ?? []).length > 0) return undefined;
  if (automaton.positions.some((p) => p.scopes.length > 0 || p.leaf.k !== 'el' || isInheritedName(p.leaf.prop))) return undefined;
  const leaves = automaton.positions.map((p) => p.leaf as ElementParticle);
  // (only the variables this reader uses: a user's strict settings refuse an unused one; no type: the code is spliced
  // into records.ts as JavaScript, after its TypeScript is printed, as the stores are)
  const variables = ['s = 0', ...(leaves.some((l) => 's' in l.type) ? ['t = \'\''] : []), 'v', ...(leaves.some(isRepeating) ? ['x'] : [])];
  const lines = [
    '(d, r, L, name, p) => {',
    '  const b = d.buf;',
    `  let ${variables.join(', ')};`,
    '  for (;;) {',
    '    if (b.charCodeAt(p) !== 60) p = d.next(p);',
    '    const at = p + 1;',
    '    if (b.charCodeAt(at) === 47) break;',
    '    switch (s) {',
    ...cases(automaton, simple),
    '    }',
    '    p = d.pos;',
    '  }',
    `  d.end(p, name, ${accepting(automaton)});`,
    '}',
  ];
  return { code: lines.join(`\n${indent}`), shape: readerShape(automaton, simple) };
}

/** The switch's cases: one per state (0 the start, k + 1 after position k), states that read alike sharing one body. */
function cases(automaton: Automaton, simple: SchemaMeta['simple']): string[] {
  const bodies = new Map<string, number[]>();
  [automaton.start, ...automaton.states].forEach((state, index) => {
    const body = state.names.map((name, i) => `      ${i === 0 ? '' : 'else '}${step(name, state.moves[i]!.to, automaton.positions[state.moves[i]!.to]!.leaf as ElementParticle, simple)}`);
    body.push(state.names.length === 0 ? '      d.no();' : '      else d.no();', '      break;');
    const key = body.join('\n');
    const states = bodies.get(key);
    if (states === undefined) bodies.set(key, [index]);
    else states.push(index);
  });
  const out: string[] = [];
  for (const [body, states] of bodies) out.push(...states.map((s) => `    case ${s}:`), ...body.split('\n'));
  return out;
}

/** What one state does with the element `name` (position `to`): read it, store it, move on. */
function step(name: string, to: number, leaf: ElementParticle, simple: SchemaMeta['simple']): string {
  const quoted = quote(name);
  const test = `b.charCodeAt(at) === ${name.charCodeAt(0)} && d.is(at, ${quoted})`;
  const after = `at + ${name.length}`;
  let read: string;
  const meta = 's' in leaf.type ? simple[leaf.type.s] : undefined;
  if (meta !== undefined) {
    const text = leaf.dflt === undefined ? 't' : `t === '' ? ${quote(leaf.dflt)} : t`;
    read = `t = d.textOf(${after}, ${quoted}); `;
    // a string with no facet but whiteSpace: its text, when white space leaves it as it is
    read += isTextAsWritten(meta) ? `v = d.detach(t !== '' && !d.spaced ? t : L[${to}].simple(${text}));` : `v = L[${to}].simple(${text}); if (typeof v === 'string') v = d.detach(v);`;
  } else read = `v = d.element(L[${to}], ${quoted}, ${after});`;
  const prop = at(leaf.prop);
  const key = quote(leaf.prop);
  const store = isRepeating(leaf) ? `x = ${prop}; if (x === undefined) ${prop} = [v]; else added(r, ${key}, x, v);` : `if (${prop} === undefined) ${prop} = v; else if (once(r, ${key}, v) < 0) d.no();`;
  return `if (${test}) { ${read} ${store} s = ${to + 1}; }`;
}

/** The states the content may end in, as a test of `s`. */
function accepting(automaton: Automaton): string {
  const states = [automaton.start, ...automaton.states].flatMap((state, index) => (state.accepting ? [`s === ${index}`] : []));
  return states.length === 0 ? 'false' : states.join(' || ');
}
