/**
 * The first naming pass: the symbol table gets every name the package exports that no schema
 * decides — the runtime's public names (package-surface.ts), the generated files' fixed names and
 * the globals a type must not shadow — before name-types.ts names any schema type. Each runtime
 * name is looked up in the runtime module's own source: a name the runtime does not export is a
 * bug of plesk-codegen, caught here rather than by tsc in a user's build.
 */
import { ts } from 'ts-morph';
import { InternalError } from '../errors.js';
import { GENERATED_NAMES, GLOBAL_NAMES, RUNTIME_EXPORTS } from '../model/package-surface.js';
import type { IrSchema } from '../model/ir.js';
import type { PassContext } from './index.js';

export function reserveNames(ir: IrSchema, ctx: PassContext): IrSchema {
  const table = ir.symbols;
  for (const name of GLOBAL_NAMES) table.reserve('runtime', name, `the global ${name}`);
  for (const group of RUNTIME_EXPORTS) {
    const source = ctx.runtime?.get(group.module);
    const exported = source === undefined ? undefined : exportedNames(group.module, source);
    for (const name of [...group.values, ...group.types]) {
      if (exported && !exported.has(name)) throw new InternalError(`runtime/${group.module} does not export ${name}, which package-surface.ts lists`);
      if (!table.has(name)) table.reserve('runtime', name, `the runtime's ${name} (runtime/${group.module})`);
    }
  }
  for (const [file, names] of Object.entries(GENERATED_NAMES)) {
    for (const name of names) if (!table.has(name)) table.reserve('generated', name, `the generated ${name} (${file})`);
  }
  return ir;
}

/** The names a TypeScript module exports, read from its declarations (no type checking). */
export function exportedNames(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
      continue;
    }
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** The public and protected members of a class a runtime module declares (its `#private` ones cannot clash). */
export function classMembers(file: string, text: string, className: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const declaration = source.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className);
  if (!declaration) throw new InternalError(`runtime/${file} declares no class ${className}`);
  const members = ['constructor'];
  for (const member of declaration.members) {
    const name = member.name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) members.push(name.text);
  }
  return members;
}
