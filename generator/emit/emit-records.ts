/**
 * records.ts: the decoder's per-type code, one store per property of every complex type's records
 * (runtime/codec/record-code.ts says why): a property that holds one value is stored unless the
 * record already holds it (-1), a repeating one is appended to (its index). Each store names its
 * property, so each is a store site of its own that sees one type's records only; the properties
 * and their kinds were decided by the pass record-stores, this only prints them.
 *
 * For `<xs:element name="task-id" type="BackupTaskIdType"/>` of `BackupTask` we generate
 * `taskId: (r, v) => (r.taskId === undefined ? ((r.taskId = v), 0) : once(r, 'taskId', v)),` in
 * `BackupTask`'s `one` (once: the record's own value, or an Object.prototype polluted at run time). The stores are plain JavaScript (their parameters typed by the table's
 * type), spliced into the printed file as the metadata's tables are.
 */
import { VariableDeclarationKind, type Project } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { isInheritedName } from '../../runtime/codec/own-properties.js';
import { compareCodePoints } from '../passes/names.js';
import { createGeneratedFile, spliced, textOf } from './print.js';
import { quote } from './type-expressions.js';
import { jsDoc } from './comments.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** A property as an object literal's key. */
const key = (prop: string): string => (IDENTIFIER.test(prop) ? prop : quote(prop));
/** A property of the record `r`, by its name. */
const at = (prop: string): string => (IDENTIFIER.test(prop) ? `r.${prop}` : `r[${quote(prop)}]`);

/** What the stores' place holds until they are spliced in: an identifier no schema can produce. */
const STORES = '__PLESK_CODEGEN_RECORD_STORES__';

export function emitRecords(project: Project, ir: IrSchema): string {
  const file = createGeneratedFile(project, 'records.ts', ir.entries, "The decoder's per-type code: a store per property of every record.");
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/record-code.js', namedImports: ['added', 'once', 'type RecordCode'] });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'RECORD_CODE', type: 'RecordCode', initializer: STORES }],
    docs: [jsDoc("Every complex type's property stores, by the type's name in the tables (metadata.ts): `one` for a property that holds one value, `many` for an array.")],
  });
  const lines = ['{'];
  for (const type of [...ir.complexTypes].sort((a, b) => compareCodePoints(a.tsName, b.tsName))) {
    const stores = type.stores;
    // (a type named like a member of Object.prototype gets none: its key would not be the literal's own)
    if (stores === undefined || (stores.one.length === 0 && stores.many.length === 0) || isInheritedName(type.tsName)) continue;
    lines.push(`  ${key(type.tsName)}: {`);
    if (stores.one.length > 0) {
      lines.push('    one: {');
      for (const prop of stores.one) lines.push(`      ${key(prop)}: (r, v) => (${at(prop)} === undefined ? ((${at(prop)} = v), 0) : once(r, ${quote(prop)}, v)),`);
      lines.push('    },');
    }
    if (stores.many.length > 0) {
      lines.push('    many: {');
      for (const prop of stores.many) lines.push(`      ${key(prop)}: (r, v) => (${at(prop)} === undefined ? ((${at(prop)} = [v]), 0) : added(r, ${quote(prop)}, ${at(prop)}, v)),`);
      lines.push('    },');
    }
    lines.push('  },');
  }
  lines.push('}');
  return spliced(project, textOf(file), STORES, lines.join('\n'));
}
