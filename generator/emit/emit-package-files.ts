/**
 * The non-code files of the generated package (package.json, README.md, tsconfig.json), rendered
 * from the Handlebars templates in templates/ with `strict` (a missing field throws) and
 * `noEscape` (the output is not HTML).
 */
import Handlebars from 'handlebars';
import type { IrSchema } from '../model/ir.js';
import { packetTypes } from '../passes/apply-plesk-conventions.js';
import { InternalError } from '../errors.js';

export interface PackageOptions {
  packageName: string;
  packageVersion: string;
}

interface OperationRow {
  name: string;
  prop: string;
  request?: string;
  response?: string;
}

export function emitPackageFiles(ir: IrSchema, templates: Map<string, string>, options: PackageOptions): Map<string, string> {
  const operators = operatorTable(ir);
  const context = {
    ...options,
    sourceList: ir.entries.join(', '),
    operators,
    hasPackets: operators.length > 0,
    typeCount: ir.complexTypes.length,
  };
  const out = new Map<string, string>();
  for (const [name, text] of templates) {
    if (!name.endsWith('.hbs')) continue;
    try {
      out.set(name.slice(0, -4), Handlebars.compile(text, { strict: true, noEscape: true })(context));
    } catch (error) {
      throw new InternalError(`template ${name}: ${(error as Error).message}`);
    }
  }
  return out;
}

/** Operators and their operations, from the packet envelope's repeating choices. */
function operatorTable(ir: IrSchema): Array<{ element: string; prop: string; operations: OperationRow[] }> {
  const table: Array<{ element: string; prop: string; operations: OperationRow[] }> = [];
  const packets = packetTypes(ir);
  for (const direction of ['request', 'response'] as const) {
    const model = packets[direction]?.model;
    const operatorGroups = model ? findGroups(model, 'operators') : [];
    for (const group of operatorGroups) {
      for (const op of group.items) {
        if (op.kind !== 'element' || op.type.kind !== 'complex') continue;
        let row = table.find((r) => r.element === op.name);
        if (!row) table.push((row = { element: op.name, prop: op.prop, operations: [] }));
        const opModel = op.type.type.model;
        for (const operations of opModel ? findGroups(opModel, 'operations') : []) {
          for (const operation of operations.items) {
            if (operation.kind !== 'element') continue;
            let entry = row.operations.find((o) => o.name === operation.name);
            if (!entry) row.operations.push((entry = { name: operation.name, prop: operation.prop }));
            entry[direction] = operation.type.kind === 'complex' ? operation.type.type.tsName : operation.type.kind === 'simple' ? operation.type.type.tsName : 'XmlAny';
          }
        }
      }
    }
  }
  return table;
}

function findGroups(model: IrSchema['complexTypes'][number]['model'] & object, prop: string): Array<Extract<typeof model, { items: unknown }>> {
  if (model.kind === 'element' || model.kind === 'any') return [];
  if (model.prop === prop) return [model];
  return model.items.flatMap((item) => findGroups(item, prop));
}
