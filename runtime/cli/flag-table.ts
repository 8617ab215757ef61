/**
 * The flags of one operation, read from the package's metadata: the request's elements and
 * attributes in schema order, each a flag named by its XML path below the operation's element.
 *
 *   a simple element                 --task-id 7             its text, typed and checked by its simple type
 *   an element inside another        --filter.owner-id 3     dotted path of the XML names
 *   a repeated element               --id 1 --id 2           one flag per occurrence
 *   an empty element (a flag)        --local                 a switch
 *   an attribute                     --filter.type           like a child element
 *   an element with text and attributes  --name x --name.lang en
 *   an xs:choice                     one group: exactly one branch (or at most one, when optional)
 *   a repeating group                --gen_setup.name x --gen_setup.htype y   iterations in the
 *                                    command line's order (a flag already set in the last
 *                                    iteration, or of another branch of a choice, starts the next)
 *
 * A flag never takes a global flag's name: `--host` of dns add_rec is `--add_rec.host` (its full
 * XML path), and --help lists it. Two declarations with one path and one place in the value are
 * one flag (a property shared by choice branches); with different places, the later is `name-2`.
 * What no flag reaches (wildcards, a type inside itself, nesting deeper than {@link MAX_DEPTH}) is
 * given with --input.
 */
import type { ComplexTypeMeta, ElementParticle, Particle, SchemaMeta } from '../codec/meta.js';
import { RESERVED_NAMES } from './global-flags.js';
import { complexOf, isFlagType, nullable } from './schema-walk.js';

/** How deep flags go below the operation's element; deeper content is given with --input. */
export const MAX_DEPTH = 6;

/** One record to pass through on the way to a flag's value. */
export interface FlagStep {
  /** the property holding the record (or the records) */
  prop: string;
  /** the property holds an array of records (a repeated element, or a repeating group's iterations) */
  many: boolean;
  /** a repeating group's iterations (not an element) */
  group: boolean;
  /** in a repeating choice's iteration: the branch the flag belongs to */
  branch?: number;
}

export interface FlagSpec {
  /** without `--` */
  name: string;
  /** the XML path below the operation's element (`filter.owner-id`; an attribute `filter.@type`) */
  path: string;
  steps: FlagStep[];
  /** the property taking the value, in the last record */
  prop: string;
  kind: 'simple' | 'flag' | 'any';
  /** the simple type (a metadata key) of a `simple` flag */
  simple?: string;
  /** one flag per occurrence */
  repeated: boolean;
  min: number;
  max: number;
  /** required in its record, outside any choice */
  required: boolean;
  /** a record on the way may be left out: required only with it */
  underOptional: boolean;
  /** where its documentation is: the declaring type (metadata key) and the member's name (`@name` for an attribute) */
  owner: string;
  member: string;
  /** its name before a global flag's made it take its path */
  renamedFrom?: string;
  /** the other branches of its choices: after `depth` steps, the record whose properties `props` a flag clears in --input's value */
  exclusive: Array<{ depth: number; props: string[] }>;
  /** a password: its value is given as env:NAME or file:PATH, never on the command line */
  secret: boolean;
  dflt?: string;
}

/** An xs:choice of the request, as flags. */
export interface ChoiceSpec {
  /** the XML path of the record holding it (empty: the operation itself) */
  at: string;
  required: boolean;
  /** in each branch, the paths of the flags it holds (none: only --input reaches it) */
  branches: string[][];
  /** inside a repeated record or a repeating group, or repeating itself: checked per occurrence */
  repeated: boolean;
  /** the choice itself repeats (each iteration one branch): `required` means at least one */
  repeating: boolean;
  /** a record on the way to it may be left out */
  underOptional: boolean;
}

export interface FlagTable {
  /** by name, in schema order */
  flags: FlagSpec[];
  byName: ReadonlyMap<string, FlagSpec>;
  byPath: ReadonlyMap<string, FlagSpec>;
  choices: ChoiceSpec[];
  /** what only --input reaches (XML paths) */
  inputOnly: string[];
  /** the operation's value is `true` (an empty element) or text, not a record */
  value: 'record' | 'flag' | 'text';
  /** the operation element's type, when it is a record */
  type?: string;
}

const SECRET_NAME = /passw(or)?d|secret|private[-_]?key/i;

interface Context {
  steps: FlagStep[];
  path: string[];
  depth: number;
  types: readonly string[];
  underOptional: boolean;
  repeated: boolean;
}

export function flagTable(schema: SchemaMeta, operation: ElementParticle): FlagTable {
  const flags: FlagSpec[] = [];
  const choices: ChoiceSpec[] = [];
  const inputOnly: string[] = [];
  const byPath = new Map<string, FlagSpec>();
  /** the flags a walk adds, for the choice branch it is in */
  let collect: string[][] = [];

  const add = (spec: Omit<FlagSpec, 'name' | 'exclusive'>) => {
    const known = byPath.get(spec.path);
    if (known && samePlace(known, spec)) {
      for (const list of collect) list.push(known.path);
      return;
    }
    let path = spec.path;
    for (let n = 2; byPath.has(path); n++) path = `${spec.path}-${n}`;
    const full: FlagSpec = { ...spec, path, name: path, exclusive: [] };
    byPath.set(path, full);
    flags.push(full);
    for (const list of collect) list.push(path);
  };

  const walkType = (typeKey: string, type: ComplexTypeMeta, ctx: Context) => {
    for (const attr of type.attrs) {
      add({ path: join(ctx.path, `@${attr.name}`), steps: ctx.steps, prop: attr.prop, kind: 'simple', simple: attr.type, repeated: false, min: attr.required ? 1 : 0, max: 1, required: attr.required, underOptional: ctx.underOptional, owner: typeKey, member: `@${attr.name}`, secret: SECRET_NAME.test(attr.name) });
    }
    if (type.content === 'simple' && type.text) {
      const member = ctx.path[ctx.path.length - 1] ?? '';
      add({ path: ctx.path.length === 0 ? 'value' : ctx.path.join('.'), steps: ctx.steps, prop: type.text.prop, kind: 'simple', simple: type.text.type, repeated: false, min: 1, max: 1, required: true, underOptional: ctx.underOptional, owner: typeKey, member, secret: SECRET_NAME.test(member) });
    }
    if (type.model) walkParticle(typeKey, type.model, ctx, true);
  };

  const walkParticle = (owner: string, p: Particle, ctx: Context, required: boolean) => {
    if (p.k === 'any') {
      inputOnly.push(join(ctx.path, '(any element)'));
      return;
    }
    if (p.k === 'el') return walkElement(owner, p, ctx, required);
    const repeating = p.max !== 1;
    if (repeating && p.prop !== undefined) {
      const inner = { ...ctx, repeated: true, underOptional: ctx.underOptional || p.min === 0 };
      const branches: string[][] = [];
      const outer = collect;
      p.items.forEach((item, branch) => {
        const step: FlagStep = { prop: p.prop!, many: true, group: true, ...(p.k === 'choice' ? { branch } : {}) };
        const list: string[] = [];
        branches.push(list);
        collect = [...outer, list];
        walkParticle(owner, item, { ...inner, steps: [...ctx.steps, step] }, p.k !== 'choice');
      });
      collect = outer;
      if (p.k === 'choice') choices.push({ at: ctx.path.join('.'), required: required && p.min > 0, branches, repeated: true, repeating: true, underOptional: ctx.underOptional });
      return;
    }
    if (p.k !== 'choice') {
      for (const item of p.items) walkParticle(owner, item, ctx, required && p.min > 0);
      return;
    }
    const branches: string[][] = [];
    const props = p.items.map(propsOf);
    const outer = collect;
    p.items.forEach((item, i) => {
      const branch: string[] = [];
      branches.push(branch);
      collect = [...outer, branch];
      walkParticle(owner, item, { ...ctx, underOptional: true }, false);
      const others = props.flatMap((list, j) => (j === i ? [] : list.filter((prop) => !props[i]!.includes(prop))));
      if (!ctx.repeated) for (const path of branch) byPath.get(path)!.exclusive.push({ depth: ctx.steps.length, props: others });
    });
    collect = outer;
    // (a branch that may be empty satisfies the choice: then none need be given)
    choices.push({ at: ctx.path.join('.'), required: required && p.min > 0 && !p.items.some(nullable), branches, repeated: ctx.repeated, repeating: false, underOptional: ctx.underOptional });
  };

  const walkElement = (owner: string, el: ElementParticle, ctx: Context, required: boolean) => {
    const path = [...ctx.path, el.name];
    const repeated = el.max !== 1;
    const base = { steps: ctx.steps, prop: el.prop, repeated, min: el.min, max: el.max, required: required && el.min > 0, underOptional: ctx.underOptional, owner, member: el.name, secret: SECRET_NAME.test(el.name), ...(el.dflt !== undefined ? { dflt: el.dflt } : {}) };
    if ('s' in el.type) return add({ ...base, path: path.join('.'), kind: 'simple', simple: el.type.s });
    if ('any' in el.type) return add({ ...base, path: path.join('.'), kind: 'any' });
    const type = complexOf(schema, el)!;
    if (isFlagType(type)) return add({ ...base, path: path.join('.'), kind: 'flag' });
    if (ctx.depth >= MAX_DEPTH || ctx.types.includes(el.type.c)) {
      inputOnly.push(path.join('.'));
      return;
    }
    const step: FlagStep = { prop: el.prop, many: repeated, group: false };
    walkType(el.type.c, type, { steps: [...ctx.steps, step], path, depth: ctx.depth + 1, types: [...ctx.types, el.type.c], underOptional: ctx.underOptional || !(required && el.min > 0), repeated: ctx.repeated || repeated });
  };

  const type = complexOf(schema, operation);
  let value: FlagTable['value'] = 'record';
  if (!type) {
    value = 'text';
    const simple = 's' in operation.type ? operation.type.s : undefined;
    add({ path: 'value', steps: [], prop: '', kind: simple ? 'simple' : 'any', ...(simple ? { simple } : {}), repeated: false, min: 1, max: 1, required: true, underOptional: false, owner: '', member: operation.name, secret: false });
  } else if (isFlagType(type)) value = 'flag';
  else walkType((operation.type as { c: string }).c, type, { steps: [], path: [], depth: 0, types: [(operation.type as { c: string }).c], underOptional: false, repeated: false });

  for (const flag of flags) {
    if (RESERVED_NAMES.has(flag.name)) {
      flag.renamedFrom = flag.name;
      flag.name = `${operation.name}.${flag.name}`;
    }
  }
  return { flags, byName: new Map(flags.map((f) => [f.name, f])), byPath, choices, inputOnly, value, ...(type && value === 'record' ? { type: (operation.type as { c: string }).c } : {}) };
}

/** Two declarations that put their value in the same place are one flag. */
function samePlace(a: FlagSpec | Omit<FlagSpec, 'name' | 'exclusive'>, b: Omit<FlagSpec, 'name' | 'exclusive'>): boolean {
  return a.prop === b.prop && a.kind === b.kind && a.steps.length === b.steps.length && a.steps.every((s, i) => s.prop === b.steps[i]!.prop && s.many === b.steps[i]!.many && s.branch === b.steps[i]!.branch);
}

function join(path: readonly string[], name: string): string {
  return [...path, name].join('.');
}

/** The properties a particle puts into the record it is in. */
function propsOf(p: Particle): string[] {
  if (p.k === 'el' || p.k === 'any') return [p.prop];
  if (p.max !== 1 && p.prop !== undefined) return [p.prop];
  return p.items.flatMap(propsOf);
}
