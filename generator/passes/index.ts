/**
 * The passes, in the order they run. Each takes the IR and returns it with one more kind of
 * decision recorded; none reads files or writes output. What a pass needs beyond the IR (the
 * refinement sets) and what it reports (the refinements used) travel in the {@link PassContext}.
 */
import type { SourceLocation } from '../errors.js';
import type { IrSchema } from '../model/ir.js';
import type { RefinementSet } from '../refine/refinement-file.js';
import { applyPleskConventions } from './apply-plesk-conventions.js';
import { analyseOperations } from './analyse-operations.js';
import { applyRefinements, type RefinementOutcomes, type RefinementReport } from './apply-refinements.js';
import { chooseIntegers } from './choose-integers.js';
import { nameClient } from './name-client.js';
import { nameProperties } from './name-properties.js';
import { nameTypes } from './name-types.js';
import { noteAvailability } from './note-availability.js';
import { openResponseEnums } from './open-response-enums.js';
import { recordStores } from './record-stores.js';
import { reserveNames } from './reserve-names.js';
import { selectOperators } from './select-operators.js';
import { shapeRecords } from './shape-records.js';

export interface PassContext {
  /** in order: the shipped set for Plesk (if not switched off), then the user's file */
  refinements: RefinementSet[];
  /** filled by apply-refinements */
  report: RefinementReport;
  /** the runtime's sources by path inside runtime/ (`client/client.ts`): the names it exports are reserved, and read from there */
  runtime?: ReadonlyMap<string, string>;
  /** the TypeScript type of unbounded integer types (default number) */
  integers?: 'number' | 'bigint';
  /** in a package of several versions: what became of each refinement entry in this version's set (instead of failing on the first entry that matches nothing) */
  refinementOutcomes?: RefinementOutcomes;
  /** the operators the package is for (the package option `operators`); undefined: every operator of the envelope */
  operators?: readonly string[] | undefined;
  /**
   * in a package of several versions, for the package's `operators` (applied to every version): this
   * version keeps those of them it declares, and tells which it declares (and where its envelope
   * is); generate-versions.ts fails a name no version declares, or a version declaring none
   */
  operatorsDeclared?: ((declared: ReadonlySet<string>, at: SourceLocation) => void) | undefined;
}

/**
 * The passes that read one schema set and nothing else: in a package of several protocol
 * versions they run on each version's model before the models are merged (generate-versions.ts).
 */
export const SET_PASSES: ReadonlyArray<(ir: IrSchema, ctx: PassContext) => IrSchema> = [
  applyPleskConventions,
  (ir, ctx) => applyRefinements(ir, ctx.refinements, ctx.report, ctx.refinementOutcomes),
  selectOperators,
  chooseIntegers,
  openResponseEnums,
];

/** The passes that decide names and shapes: they run once, on the merged model of a package of several versions. */
export const MODEL_PASSES: ReadonlyArray<(ir: IrSchema, ctx: PassContext) => IrSchema> = [
  reserveNames,
  nameTypes,
  nameProperties,
  analyseOperations,
  shapeRecords,
  recordStores,
  nameClient,
  noteAvailability,
];

export const PASSES: ReadonlyArray<(ir: IrSchema, ctx: PassContext) => IrSchema> = [...SET_PASSES, ...MODEL_PASSES];

export function emptyReport(): RefinementReport {
  return { plesk: false, sets: [], elements: 0 };
}

export function runPasses(ir: IrSchema, ctx: PassContext = { refinements: [], report: emptyReport() }, passes: ReadonlyArray<(ir: IrSchema, ctx: PassContext) => IrSchema> = PASSES): IrSchema {
  return passes.reduce((current, pass) => pass(current, ctx), ir);
}
