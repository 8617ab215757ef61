/**
 * Computes the shape of every complex type's value (model/shapes.ts) and names the alias of each
 * of its choices, in the symbol table, before anything is printed: `BackupServerInputLocalOrRemote`
 * (the owner and the first property of each branch), `BackupInputTypeOperation` (the owner and the
 * repeating group's property in the singular). Types are visited in source order and each type's
 * choices in the order its declaration is printed, so that adding a schema file renames no alias.
 *
 * A declaration whose whole body is one choice is that choice itself (its own name is the short
 * name); every other choice gets an alias named after its owner; a choice inside an alias's
 * branches gets one named after that alias.
 */
import type { IrComplexType, IrParticle, IrSchema } from '../model/ir.js';
import { isRepeating } from '../model/ir.js';
import { isSingleProp, keysOf, mayBeEmpty, type ChoiceAlias, type Prop, type Shape, type Union } from '../model/shapes.js';
import { elementValue, simpleValue } from '../model/value-types.js';
import { compareCodePoints, compareLocations, pascalCase } from './names.js';
import type { PackageSymbols } from './symbol-table.js';

export function shapeRecords(ir: IrSchema): IrSchema {
  for (const type of bySource(ir.complexTypes)) {
    const sink: Sink = { owner: type.tsName, symbols: ir.symbols, aliases: [] };
    const shape = recordShape(type, sink);
    nameShape(shape, sink, true);
    type.shape = shape;
    type.choiceAliases = sink.aliases;
  }
  return ir;
}

/** Where the aliases of one declaration go, named after `owner`. */
interface Sink {
  owner: string;
  symbols: PackageSymbols;
  aliases: ChoiceAlias[];
}

/** The shape of a complex type's value: attributes, simple content, then the content model. */
function recordShape(type: IrComplexType, sink: Sink): Shape {
  const attrs: Prop[] = type.attrs.map((a) => ({ name: a.prop, type: { k: 'value', value: simpleValue(a.type) }, optional: !a.required, source: { attribute: a }, ...(a.doc ? { doc: a.doc } : {}) }));
  const text: Prop[] = type.content === 'simple' && type.text ? [{ name: type.textProp, type: { k: 'value', value: simpleValue(type.text) }, optional: false, doc: 'The text content.', source: { text: true } }] : [];
  const model = type.model ? shapeOf(type.model, false, sink) : { props: [], unions: [] };
  return { props: [...attrs, ...text, ...model.props], unions: model.unions };
}

function shapeOf(particle: IrParticle, optional: boolean, sink: Sink): Shape {
  switch (particle.kind) {
    case 'element': {
      const value = { k: 'value' as const, value: elementValue(particle) };
      return { props: [{ name: particle.prop, type: isRepeating(particle) ? { k: 'array', of: value } : value, optional: optional || particle.min === 0, source: { element: particle }, ...(particle.doc ? { doc: particle.doc } : {}) }], unions: [] };
    }
    case 'any':
      return { props: [{ name: particle.prop, type: { k: 'wildcard' }, optional: optional || particle.min === 0 }], unions: [] };
    default: {
      if (isRepeating(particle)) {
        const once = shapeOf({ ...particle, min: 1, max: 1 }, false, sink);
        const item = once.props.length === 0 && once.unions.length === 1 ? { props: [], unions: [{ ...once.unions[0]!, itemOf: particle.prop }] } : once;
        // the item's choices are named now, before the choices of the record around it
        nameShape(item, sink, false);
        return { props: [{ name: particle.prop, type: { k: 'array', of: { k: 'record', shape: item } }, optional: optional || particle.min === 0 }], unions: [] };
      }
      const inner = optional || particle.min === 0;
      if (particle.kind !== 'choice') return merge(particle.items.map((item) => shapeOf(item, inner, sink)));
      const branches = particle.items.flatMap((item) => flatten(shapeOf(item, false, sink)));
      const nullable = branches.some((b) => b.props.every((p) => p.optional) && b.unions.length === 0);
      return { props: [], unions: [{ branches, optional: inner && !nullable, loc: particle.loc }] };
    }
  }
}

/**
 * Names the aliases of a shape's choices, in the order emit-types.ts prints them. A `whole`
 * declaration body that is nothing but one choice is that choice (no alias of its own).
 */
function nameShape(shape: Shape, sink: Sink, whole: boolean): void {
  if (shape.unions.length === 0) return;
  if (whole && shape.props.length === 0 && shape.unions.length === 1) return nameBranches(shape.unions[0]!, sink);
  for (const union of shape.unions) {
    const name = aliasName(sink, union);
    union.alias = name;
    const own: Sink = { owner: name, symbols: sink.symbols, aliases: [] };
    nameBranches(union, own);
    sink.aliases.push({ name, union, optional: mayBeEmpty(union), members: union.branches.map((b) => keysOf(b).join(', ')) }, ...own.aliases);
  }
}

/** The choices inside a choice's branches (a choice of single properties has none). */
function nameBranches(union: Union, sink: Sink): void {
  if (union.branches.every(isSingleProp)) return;
  for (const branch of union.branches) nameShape(branch, sink, false);
}

/**
 * The alias of a choice, from the owner's final name and the choice's own content, so that adding
 * a schema file renames no alias: the item of a repeating group is the owner and the group's
 * property in the singular (`BackupInputType`'s `operations` → `BackupInputTypeOperation`, `items`
 * → `…Item`); any other choice is the owner and the first property of each branch, in schema
 * order, joined by `Or` (`BackupServerInputLocalOrRemote`; a branch without properties is
 * `Empty`), of more than three branches the first two and `OrOthers`. A name already taken gets
 * `Choice`, then `Choice` and the choice's position among the owner's aliases.
 */
function aliasName(sink: Sink, union: Union): string {
  const firsts = union.branches.map((b) => pascalCase(keysOf(b)[0] ?? 'empty'));
  const base = sink.owner + (union.itemOf !== undefined ? singular(pascalCase(union.itemOf)) : (firsts.length > 3 ? [...firsts.slice(0, 2), 'Others'] : firsts).join('Or'));
  const position = sink.aliases.length + 1;
  return sink.symbols.claim('choice', [base, `${base}Choice`, `${base}Choice${position}`], `an xs:choice of ${sink.owner}${union.loc ? ` (${union.loc.file}:${union.loc.line})` : ''}`);
}

/** `Operations` → `Operation`, `Items` → `Item`; a name not ending in one `s` gets `Item`. */
function singular(name: string): string {
  return /[^s]s$/.test(name) ? name.slice(0, -1) : `${name}Item`;
}

/**
 * A branch that is nothing but a choice (`choice(a, choice(b, c))`) is that choice's branches
 * (`choice(a, b, c)`: the same values), plus an empty branch when the inner choice may be absent.
 */
function flatten(branch: Shape): Shape[] {
  if (branch.props.length > 0 || branch.unions.length !== 1) return [branch];
  const inner = branch.unions[0]!;
  return inner.optional ? [...inner.branches, { props: [], unions: [] }] : inner.branches;
}

function merge(shapes: Shape[]): Shape {
  const props: Prop[] = [];
  for (const s of shapes) for (const p of s.props) if (!props.some((q) => q.name === p.name)) props.push(p);
  return { props, unions: shapes.flatMap((s) => s.unions) };
}

/** Complex types in source order: file (code points), line, column, then name. */
export function bySource<T extends { loc: { file: string; line: number; column: number }; tsName: string }>(types: T[]): T[] {
  return [...types].sort((a, b) => compareLocations(a, b) || compareCodePoints(a.tsName, b.tsName));
}
