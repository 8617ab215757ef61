/**
 * A package for chosen operators (the package option `operators`): the packet envelopes keep only
 * those operators (and their companions: `upload`, whose answer backup-manager's import-file
 * needs), and every type only the others reach is dropped, so that the naming passes, the
 * operations analysis and the emitters see only what is kept. A backup-manager package from
 * Plesk's whole-API entry schemas (agent_input.xsd, agent_output.xsd) is then the size of its own
 * operator, not of the API.
 *
 * It runs after the refinements (a refined element's type is what it reaches) and before any name
 * is decided. An operator the envelopes do not declare, or operators without an envelope, stop the
 * run with a SchemaError naming the file and line, and the fix. In a package of several versions,
 * the package's operators apply to each version that declares them (generate-versions.ts checks
 * that some version declares each).
 */
import { SchemaError, type SourceLocation } from '../errors.js';
import type { IrComplexType, IrGroup, IrParticle, IrSchema, IrSimpleType, IrTypeRef } from '../model/ir.js';
import { operatorCompanions } from './apply-plesk-conventions.js';
import { compareCodePoints } from './names.js';
import type { PassContext } from './index.js';

export function selectOperators(ir: IrSchema, ctx: PassContext): IrSchema {
  const wanted = ctx.operators;
  if (wanted === undefined) return ir;
  const packets = (['request', 'response'] as const).flatMap((d) => (ir.packets[d] ? [ir.packets[d]] : []));
  if (packets.length === 0) {
    throw new SchemaError('packet-envelope', { file: ir.entries[0] ?? '(no schema)' }, `operators (${wanted.join(', ')}) chooses operators of Plesk's packet envelope, and these schemas declare no <packet>`, `give the envelope schemas of the same folder as the entry schemas, agent_input.xsd and agent_output.xsd (they include ${ir.entries.join(', ')}), with the same operators`);
  }
  const groups = packets.flatMap((type) => operatorGroups(type.model));
  const declared = new Set(groups.flatMap((g) => g.items.flatMap((i) => (i.kind === 'element' ? [i.name] : []))));
  // the package's operators in one version of several: the version keeps those it declares
  ctx.operatorsDeclared?.(declared, groups[0]!.loc);
  const kept = ctx.operatorsDeclared ? wanted.filter((name) => declared.has(name)) : wanted;
  for (const name of kept) {
    if (!declared.has(name)) throw unknownOperator(`the packet declares no operator <${name}>`, name, declared, groups[0]!.loc, 'these schemas declare');
  }
  const keep = new Set([...kept, ...kept.flatMap(operatorCompanions)]);
  for (const group of groups) group.items = group.items.filter((item) => item.kind !== 'element' || keep.has(item.name));
  ir.roots = ir.roots.filter((root) => root.packet !== undefined);

  const complex = new Set<IrComplexType>();
  const simple = new Set<IrSimpleType>();
  const visit = (ref: IrTypeRef) => {
    if (ref.kind === 'simple') simple.add(ref.type);
    else if (ref.kind === 'complex' && !complex.has(ref.type)) {
      const type = ref.type;
      complex.add(type);
      for (const attr of type.attrs) simple.add(attr.type);
      if (type.text) simple.add(type.text);
      if (type.model) walk(type.model);
    }
  };
  const walk = (p: IrParticle) => {
    if (p.kind === 'element') visit(p.type);
    else if (p.kind !== 'any') for (const item of p.items) walk(item);
  };
  for (const root of ir.roots) visit(root.type);
  ir.complexTypes = ir.complexTypes.filter((t) => complex.has(t));
  ir.simpleTypes = ir.simpleTypes.filter((t) => simple.has(t));
  return ir;
}

/** The error for an operator name that is not declared, with the nearest declared name when one is near. */
export function unknownOperator(problem: string, name: string, declared: ReadonlySet<string>, at: SourceLocation, these: string): SchemaError {
  const near = [...declared].filter((d) => distance(d, name.toLowerCase()) <= Math.max(1, Math.floor(name.length / 4)));
  const list = [...declared].sort(compareCodePoints).join(', ');
  return new SchemaError('unknown-operator', at, problem, `${near.length > 0 ? `did you mean ${near[0]}? ` : ''}choose among the operators ${these}: ${list}`);
}

/** The repeating choices of a packet that hold its operators (named by the conventions pass). */
function operatorGroups(model: IrParticle | undefined): IrGroup[] {
  if (!model || model.kind === 'element' || model.kind === 'any') return [];
  if (model.preferredProp === 'operators') return [model];
  return model.items.flatMap(operatorGroups);
}

/** The edit distance of two short names (insertions, deletions, substitutions), for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}
