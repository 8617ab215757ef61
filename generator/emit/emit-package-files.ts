/**
 * The non-code files of the generated package (package.json, README.md, tsconfig.json), rendered
 * from the Handlebars templates in templates/ with `strict` (a missing field throws) and
 * `noEscape` (the output is not HTML).
 */
import Handlebars from 'handlebars';
import type { IrSchema } from '../model/ir.js';
import { packetTypes } from '../passes/apply-plesk-conventions.js';
import { clientOperators, hasClient } from './emit-client.js';
import { operationTable } from './operation-table.js';
import { InternalError } from '../errors.js';

export interface PackageOptions {
  packageName: string;
  packageVersion: string;
}

export function emitPackageFiles(ir: IrSchema, templates: Map<string, string>, options: PackageOptions): Map<string, string> {
  const withClient = hasClient(ir);
  const inClient = new Set(withClient ? clientOperators(ir).map((op) => op.name) : []);
  const operators = operatorTable(ir).map((op) => ({ ...op, inClient: inClient.has(op.element) }));
  const packets = packetTypes(ir);
  const context = {
    ...options,
    sourceList: ir.entries.join(', '),
    operators,
    hasPackets: operators.length > 0,
    hasClient: withClient,
    hasRequestPacket: packets.request !== undefined,
    hasResponsePacket: packets.response !== undefined,
    hasBackupManager: operators.some((o) => o.element === 'backup-manager'),
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

/** Operators and their operations, for the README's table. */
function operatorTable(ir: IrSchema): Array<{ element: string; prop: string; operations: Array<{ name: string; method: string; request?: string; response?: string; returns?: string }> }> {
  return operationTable(ir).map((op) => ({
    element: op.name,
    prop: op.prop,
    operations: op.operations.map((o) => ({
      name: o.name,
      method: o.prop,
      ...(o.request ? { request: o.request.typeName } : {}),
      ...(o.response ? { response: o.response.typeName, returns: o.binary ? 'DownloadedFile' : o.response.returns.replace(/\bT\./g, '').replace(/\|/g, '\\|') } : {}),
    })),
  }));
}
