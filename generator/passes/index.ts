/**
 * The passes, in the order they run. Each takes the IR and returns it with one more kind of
 * decision recorded; none reads files or writes output.
 */
import type { IrSchema } from '../model/ir.js';
import { applyPleskConventions } from './apply-plesk-conventions.js';
import { nameProperties } from './name-properties.js';
import { nameTypes } from './name-types.js';

export const PASSES: ReadonlyArray<{ name: string; run: (ir: IrSchema) => IrSchema }> = [
  { name: 'apply-plesk-conventions', run: applyPleskConventions },
  { name: 'name-types', run: nameTypes },
  { name: 'name-properties', run: nameProperties },
];

export function runPasses(ir: IrSchema): IrSchema {
  return PASSES.reduce((current, pass) => pass.run(current), ir);
}
