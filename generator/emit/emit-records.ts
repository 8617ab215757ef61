/**
 * records.ts: the decoder's per-type code, one store per property of every complex type's records
 * (runtime/codec/record-code.ts says why): a property that holds one value is stored unless the
 * record already holds it (-1), a repeating one is appended to (its index). Each store names its
 * property, so each is a store site of its own that sees one type's records only; the properties
 * and their kinds were decided by the pass record-stores, this only prints them.
 *
 * For `<xs:element name="task-id" type="BackupTaskIdType"/>` of `BackupTask` we generate
 * `taskId: (r, v) => r['taskId'] !== undefined && ownKey(r, 'taskId') ? -1 : ((r['taskId'] = v), 0),`
 * in `BackupTask`'s `one`. The stores are plain JavaScript (their parameters typed by the table's
 * type), spliced into the printed file as the metadata's tables are.
 */
import { VariableDeclarationKind, type Project } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { compareCodePoints } from '../passes/names.js';
import { createGeneratedFile, spliced, textOf } from './print.js';
import { quote } from './type-expressions.js';
import { jsDoc } from './comments.js';

/** What the stores' place holds until they are spliced in: an identifier no schema can produce. */
const STORES = '__PLESK_CODEGEN_RECORD_STORES__';

export function emitRecords(project: Project, ir: IrSchema): string {
  const file = createGeneratedFile(project, 'records.ts', ir.entries, "The decoder's per-type code: a store per property of every record.");
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/record-code.js', namedImports: ['ownKey', 'pushed', 'type RecordCode'] });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'RECORD_CODE', type: 'RecordCode', initializer: STORES }],
    docs: [jsDoc("Every complex type's property stores, by the type's name in the tables (metadata.ts): `one` for a property that holds one value, `many` for an array.")],
  });
  const lines = ['{'];
  for (const type of [...ir.complexTypes].sort((a, b) => compareCodePoints(a.tsName, b.tsName))) {
    const stores = type.stores;
    if (stores === undefined || (stores.one.length === 0 && stores.many.length === 0)) continue;
    lines.push(`  ${quote(type.tsName)}: {`);
    if (stores.one.length > 0) {
      lines.push('    one: {');
      for (const prop of stores.one) {
        const key = quote(prop);
        lines.push(`      ${key}: (r, v) => (r[${key}] !== undefined && ownKey(r, ${key}) ? -1 : ((r[${key}] = v), 0)),`);
      }
      lines.push('    },');
    }
    if (stores.many.length > 0) {
      lines.push('    many: {');
      for (const prop of stores.many) {
        const key = quote(prop);
        lines.push(`      ${key}: (r, v) => (r[${key}] !== undefined && ownKey(r, ${key}) ? pushed(r[${key}], v) : ((r[${key}] = [v]), 0)),`);
      }
      lines.push('    },');
    }
    lines.push('  },');
  }
  lines.push('}');
  return spliced(project, textOf(file), STORES, lines.join('\n'));
}
