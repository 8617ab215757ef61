/**
 * Names the client's symbols once the schema types and choice aliases have theirs: each
 * operator's class (`BackupManagerOperations`, or `BackupManagerOperatorOperations` when a schema
 * type has that name), its property on PleskClient (its prop, or `…Operator` when the client
 * core has a member of that name: the core's members are read from runtime/client/client.ts), each
 * operation's method (its prop, or `…Operation` when the class has a member of that name), and
 * the interface of each result given with its datasets as properties (`ServerGetResult`, then
 * `…Datasets`, `…Choice`). Only operations the client calls get names.
 */
import type { IrSchema } from '../model/ir.js';
import { clientOperators } from './analyse-operations.js';
import { pascalCase } from './names.js';
import type { PassContext } from './index.js';
import { classMembers } from './reserve-names.js';
import { MemberScope } from './symbol-table.js';

/** The client core's class and the module declaring it, inside runtime/. */
const CORE = { module: 'client/client.ts', className: 'PleskClientCore' } as const;
/** What a core without its source (a test of the passes alone) is known to have. */
const CORE_FALLBACK = ['constructor', 'request', 'supportedProtocols', 'call', 'download', 'upload', 'invoker', 'close'];

export function nameClient(ir: IrSchema, ctx: PassContext): IrSchema {
  const callable = clientOperators(ir);
  if (callable.length === 0) return ir;
  const source = ctx.runtime?.get(CORE.module);
  const client = new MemberScope([...(source === undefined ? CORE_FALLBACK : classMembers(CORE.module, source, CORE.className)), ...(ir.upload ? ['uploadFile'] : [])]);
  for (const op of ir.operators) {
    const calls = callable.find((c) => c.name === op.name)?.calls;
    if (!calls) continue;
    op.clientProp = client.claim(op.prop, 'Operator');
    const base = pascalCase(op.name);
    op.className = ir.symbols.claim('operator', [`${base}Operations`, `${base}OperatorOperations`], `the class of <${op.name}>'s operations`);
    const methods = new MemberScope(['constructor', ...(op.taskPolling ? ['waitForTask'] : [])]);
    for (const operation of calls) {
      operation.method = methods.claim(operation.prop, 'Operation');
      const natural = operation.response?.natural;
      if (natural) {
        const wanted = `${base}${pascalCase(operation.name)}Result`;
        natural.name = ir.symbols.claim('result', [wanted, `${wanted}Datasets`, `${wanted}Choice`], `the result of <${op.name}><${operation.name}>`);
      }
    }
  }
  return ir;
}
