/**
 * The passes, in the order they run. Each takes the IR and returns it with one more kind of
 * decision recorded; none reads files or writes output. What a pass needs beyond the IR (the
 * refinement sets) and what it reports (the refinements used) travel in the {@link PassContext}.
 */
import type { IrSchema } from '../model/ir.js';
import type { RefinementSet } from '../refine/refinement-file.js';
import { applyPleskConventions } from './apply-plesk-conventions.js';
import { analyseOperations } from './analyse-operations.js';
import { applyRefinements, type RefinementReport } from './apply-refinements.js';
import { chooseIntegers } from './choose-integers.js';
import { nameClient } from './name-client.js';
import { nameProperties } from './name-properties.js';
import { nameTypes } from './name-types.js';
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
  /** the operators the package is for (the package option `operators`); undefined: every operator of the envelope */
  operators?: readonly string[] | undefined;
}

export const PASSES: ReadonlyArray<(ir: IrSchema, ctx: PassContext) => IrSchema> = [
  applyPleskConventions,
  (ir, ctx) => applyRefinements(ir, ctx.refinements, ctx.report),
  selectOperators,
  chooseIntegers,
  openResponseEnums,
  reserveNames,
  nameTypes,
  nameProperties,
  analyseOperations,
  shapeRecords,
  recordStores,
  nameClient,
];

export function emptyReport(): RefinementReport {
  return { plesk: false, sets: [], elements: 0 };
}

export function runPasses(ir: IrSchema, ctx: PassContext = { refinements: [], report: emptyReport() }): IrSchema {
  return PASSES.reduce((current, pass) => pass(current, ctx), ir);
}
