/**
 * operations.ts: the one table of the package's operations, in schema order. The client's
 * methods call through its rows, the client core reads which are reads and which answer with a
 * file, and the stub answers by them: no other file lists the operations again.
 *
 * For backup-manager's get-tasks-info we generate the row
 *   { operator: 'backup-manager', operatorProp: 'backupManager', operation: 'get-tasks-info',
 *     operationProp: 'getTasksInfo', read: true, binary: false, unwrap: { k: 'list', prop: 'task' },
 *     answer: 'results' }
 */
import type { Project } from 'ts-morph';
import type { Unwrap } from '../../runtime/client/client-types.js';
import type { IrOperation, IrOperator, IrSchema } from '../model/ir.js';
import { clientOperators } from '../passes/analyse-operations.js';
import { docBlock } from './comments.js';
import { createGeneratedFile, textOf } from './print.js';
import { quote } from './type-expressions.js';

/** operations.ts, and the index of each operation's row; undefined without a client. */
export function emitOperations(project: Project, ir: IrSchema): { text: string; rows: Map<IrOperation, number> } | undefined {
  const operators = clientOperators(ir);
  if (operators.length === 0) return undefined;
  const file = createGeneratedFile(project, 'operations.ts', ir.entries, 'Every operation of the package, one row each: the client, the stub and the command line read this table.');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/client/client-types.js', namedImports: ['OperationRow'] });
  const rows = new Map<IrOperation, number>();
  const lines: string[] = [];
  for (const op of operators) {
    for (const o of op.calls) {
      rows.set(o, rows.size);
      lines.push(`  ${row(op, o)},`);
    }
  }
  file.addStatements([
    '',
    docBlock('Every operation the client calls and the stub answers, in schema order.', ''),
    `export const OPERATIONS: readonly OperationRow[] = [\n${lines.join('\n')}\n];`,
  ]);
  return { text: textOf(file), rows };
}

function row(op: IrOperator, o: IrOperation): string {
  const response = o.response!;
  const answer = response.unwrap.k === 'answer' || !response.result ? 'answer' : response.result.many ? 'results' : 'result';
  const parts = [
    `operator: ${quote(op.name)}`,
    `operatorProp: ${quote(op.prop)}`,
    `operation: ${quote(o.name)}`,
    `operationProp: ${quote(o.prop)}`,
    `read: ${o.read}`,
    `binary: ${o.binary}`,
    `unwrap: ${unwrapText(response.unwrap)}`,
    `answer: ${quote(answer)}`,
    ...(o.single ? ['single: true'] : []),
    ...(o.singleAnswer ? ['singleAnswer: true'] : []),
  ];
  return `{ ${parts.join(', ')} }`;
}

function unwrapText(unwrap: Unwrap): string {
  const parts = [`k: ${quote(unwrap.k)}`];
  if ('prop' in unwrap) parts.push(`prop: ${quote(unwrap.prop)}`);
  if ('ok' in unwrap && unwrap.ok) parts.push('ok: true');
  if ('datasets' in unwrap && unwrap.datasets !== undefined) parts.push(`datasets: ${quote(unwrap.datasets)}`);
  return `{ ${parts.join(', ')} }`;
}
