/**
 * Gives untyped elements (xs:anyType, `XmlAny`) the type a refinement says they have.
 *
 * For `{ "in": "BackupServerInput", "element": "only-mail", "as": "flag" }` the element
 * `<only-mail/>` declared in complex type BackupServerInput becomes a flag (`onlyMail?: true`),
 * read and written exactly like an element of Plesk's `NoneType`.
 *
 * The sets, in order: plesk-codegen's set for Plesk's public schemas (generator/refine/
 * plesk-refinements.ts), when the schemas are Plesk's (a file named plesk_common.xsd was read:
 * every entry schema of Plesk's includes it, the project's own xsd/ does not) and it is not
 * switched off; then the user's file. An entry addresses the declaring complex type by XSD name,
 * or an anonymous one by the path it sits under (its `hint`), and refines every untyped element
 * of that name in its content model. An entry of the user's file that matches nothing, or names
 * a type the schemas lack, stops the run ({@link RefinementError}); an entry of the shipped set
 * that this schema version lacks is skipped and counted. Only untyped elements are refined: a
 * typed one keeps the schema's type.
 */
import type { IrComplexType, IrElement, IrParticle, IrSchema, IrTypeRef } from '../model/ir.js';
import { builtinIr } from '../model/build-simple-type.js';
import { BUILTIN_NAMES } from '../model/builtins.js';
import { describeEntry, type RefinementEntry, type RefinementSet } from '../refine/refinement-file.js';
import { RefinementError } from '../refine/refinement-error.js';

/** What a run did with each set of refinements. */
export interface RefinementReport {
  /** whether the schemas were recognised as Plesk's (the shipped set applies) */
  plesk: boolean;
  sets: Array<{ origin: string; shipped: boolean; used: number; skipped: number }>;
  /** elements whose type changed */
  elements: number;
}

/** A file every one of Plesk's entry schemas includes, and no schema of ours has. */
export const PLESK_MARKER_FILE = 'plesk_common.xsd';

/**
 * What became of each entry of a refinement file in one version's set (a package of several
 * versions): an entry fails only when it matches nothing in every version
 * (generate-versions.ts), so a version's failure is recorded here rather than thrown.
 */
export type RefinementOutcomes = Map<RefinementSet, Array<{ used: true } | { used: false; problem: string; fix: string }>>;

export function isPleskSchemaSet(ir: IrSchema): boolean {
  return ir.files.some((f) => f === PLESK_MARKER_FILE || f.endsWith(`/${PLESK_MARKER_FILE}`));
}

export function applyRefinements(ir: IrSchema, sets: RefinementSet[], report: RefinementReport, outcomes?: RefinementOutcomes): IrSchema {
  report.plesk = isPleskSchemaSet(ir);
  const declaring = new Map<string, IrComplexType[]>();
  for (const type of ir.complexTypes) {
    const key = type.xsdName ?? type.hint.join('/');
    declaring.set(key, [...(declaring.get(key) ?? []), type]);
  }
  const resolver = new TargetResolver(ir);
  for (const set of sets) {
    if (set.shipped && !report.plesk) continue;
    const tally = { origin: set.origin, shipped: set.shipped, used: 0, skipped: 0 };
    report.sets.push(tally);
    for (const [index, entry] of set.entries.entries()) {
      const fail = (problem: string, fix: string): void => {
        record(outcomes, set, index, { used: false, problem, fix });
        if (set.shipped) tally.skipped++;
        else if (!outcomes) throw new RefinementError(set.origin, describeEntry(set, index), problem, fix);
      };
      const types = declaring.get(entry.in);
      if (!types) {
        fail(`matches nothing: these schemas declare no complex type "${entry.in}"`, `correct "in": the XSD name of the declaring complex type, or for an anonymous one the path of its @xsd line (e.g. "DNSInputType/get_rec"); or remove the entry`);
        continue;
      }
      const found = types.flatMap((t) => elementsNamed(t.model, entry.element));
      if (found.length === 0) {
        const untyped = types.flatMap((t) => elementsNamed(t.model, undefined)).filter((e) => e.type.kind === 'any').map((e) => e.name);
        fail(`matches nothing: "${entry.in}" has no element <${entry.element}>`, untyped.length ? `correct "element"; its untyped elements are ${[...new Set(untyped)].join(', ')}` : `"${entry.in}" has no untyped element: remove the entry`);
        continue;
      }
      const open = found.filter((e) => e.type.kind === 'any');
      if (open.length === 0) {
        fail(`matches nothing: <${entry.element}> of "${entry.in}" is already typed by the schema`, 'remove the entry: a refinement only types elements the schema leaves untyped');
        continue;
      }
      const target = resolver.resolve(entry);
      if (typeof target === 'string') {
        fail(target, `give "as" one of: "flag", an XSD built-in (xs:${BUILTIN_NAMES.slice(0, 4).join(', xs:')}, …) or the XSD name of a type these schemas declare`);
        continue;
      }
      for (const element of open) element.type = target;
      record(outcomes, set, index, { used: true });
      tally.used++;
      report.elements += open.length;
    }
  }
  return ir;
}

function record(outcomes: RefinementOutcomes | undefined, set: RefinementSet, index: number, outcome: { used: true } | { used: false; problem: string; fix: string }): void {
  if (!outcomes) return;
  const list = outcomes.get(set) ?? [];
  list[index] = outcome;
  outcomes.set(set, list);
}

/** The elements of a content model (not of nested types) with that name, or all when `name` is undefined. */
function elementsNamed(model: IrParticle | undefined, name: string | undefined): IrElement[] {
  if (!model || model.kind === 'any') return [];
  if (model.kind === 'element') return name === undefined || model.name === name ? [model] : [];
  return model.items.flatMap((item) => elementsNamed(item, name));
}

/** Turns `as` into a type reference; a string is the problem. */
class TargetResolver {
  private flag: IrTypeRef | undefined;
  constructor(private readonly ir: IrSchema) {}

  resolve(entry: RefinementEntry): IrTypeRef | string {
    const as = entry.as;
    if (as === 'flag') return (this.flag ??= this.flagType());
    if (as.startsWith('xs:')) {
      const builtin = builtinIr(as.slice(3));
      return builtin ? { kind: 'simple', type: builtin } : `refines to an unknown type: "${as}" is not an XSD built-in simple type`;
    }
    const simple = this.ir.simpleTypes.filter((t) => t.xsdName === as);
    const complex = this.ir.complexTypes.filter((t) => t.xsdName === as);
    if (simple.length + complex.length === 0) return `refines to an unknown type: these schemas declare no type "${as}"`;
    if (simple.length + complex.length > 1) return `refines to an ambiguous type: these schemas declare "${as}" ${simple.length + complex.length} times`;
    return simple[0] ? { kind: 'simple', type: simple[0] } : { kind: 'complex', type: complex[0]! };
  }

  /** The schemas' own empty NoneType when they have one (Plesk's common.xsd does), else a `Flag` type. */
  private flagType(): IrTypeRef {
    const none = this.ir.complexTypes.find((t) => t.xsdName === 'NoneType' && t.content === 'empty' && t.attrs.length === 0);
    if (none) return { kind: 'complex', type: none };
    const flag: IrComplexType = { hint: ['Flag'], preferredName: 'Flag', loc: { file: '(refinements)', line: 0, column: 0, path: 'flag' }, attrs: [], content: 'empty', textProp: '', tsName: '' };
    this.ir.complexTypes.push(flag);
    return { kind: 'complex', type: flag };
  }
}
