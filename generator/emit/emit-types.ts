/**
 * types.ts: one TypeScript declaration per schema type, in schema order.
 *
 * A named simple type becomes a type alias (`export type BackupTaskStatus = 'working' | …`); a
 * complex type whose content has no choice becomes an interface with its properties in schema
 * order, otherwise a type alias intersecting its properties with one exclusive union per choice:
 * `OneOf<{ … }>` for a choice of elements, and for a choice of groups an alias of its own
 * (`DbServerInputIdOrHost`, declared right after its owner) so that hovers name it.
 * Every declaration's JSDoc carries the schema's documentation and the declaration it came from;
 * every property's, its XML name, its constraints and where it is declared (property-docs.ts).
 * Shapes and alias names come from shape-records.ts: this file only prints.
 */
import { StructureKind, type InterfaceDeclarationStructure, type Project, type TypeAliasDeclarationStructure, type WriterFunction } from 'ts-morph';
import type { IrComplexType, IrSchema, IrSimpleType } from '../model/ir.js';
import type { ChoiceAlias } from '../model/shapes.js';
import { isFlag } from '../model/value-types.js';
import { bySource } from '../passes/shape-records.js';
import { jsDoc } from './comments.js';
import { createGeneratedFile, textOf, typeAlias } from './print.js';
import { declaredAt, propertyDoc } from './property-docs.js';
import { choiceType, printContext, printPropType, propertyName, renderShape, simpleMetaType, simpleVariantsType, type PrintContext } from './type-expressions.js';
import { simpleVersionsDoc, versionsLine } from './availability-docs.js';

export function emitTypes(project: Project, ir: IrSchema): string {
  const file = createGeneratedFile(project, 'types.ts', ir.entries, 'The TypeScript types of every schema type.');
  const ctx = printContext('', 'name', 'short');
  // one bulk insertion: ts-morph re-parses the file after every manipulation
  const statements: Array<TypeAliasDeclarationStructure | InterfaceDeclarationStructure | WriterFunction> = [];
  // one blank line before every declaration (ts-morph puts none between two type aliases)
  const blankLine: WriterFunction = (writer) => writer.blankLineIfLastNot();
  for (const type of bySource(ir.simpleTypes)) {
    const several = type.variants && type.variants.length > 1;
    const text = several ? simpleVariantsType(type.variants!.map((v) => v.meta), ctx) : simpleMetaType(type.meta, ctx);
    const open = several ? type.variants!.some((v) => v.meta.open) : type.meta.open;
    const extra = [open ? 'An answer may carry a value this list does not have (a newer server\'s): it arrives as an `UnknownValue`.' : undefined, simpleVersionsDoc(type)].filter(Boolean).join('\n\n');
    statements.push(blankLine, typeAlias(type.tsName, text, docs(type, 'simpleType', extra || undefined)));
  }
  for (const type of bySource(ir.complexTypes)) {
    statements.push(blankLine, declaration(type, ctx));
    for (const alias of type.choiceAliases ?? []) statements.push(blankLine, aliasDeclaration(type, alias, ctx));
  }
  if (ctx.uses.size > 0) file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/meta.js', namedImports: [...ctx.uses].sort() });
  file.addStatements(statements);
  return textOf(file);
}

function declaration(type: IrComplexType, ctx: PrintContext): TypeAliasDeclarationStructure | InterfaceDeclarationStructure | WriterFunction {
  const shape = type.shape!;
  if (isFlag(type)) return { kind: StructureKind.TypeAlias, isExported: true, name: type.tsName, type: 'true', docs: [jsDoc(docs(type, 'complexType', 'An empty element: present is `true`.'))] };
  if (shape.unions.length === 0) {
    return {
      kind: StructureKind.Interface,
      isExported: true,
      name: type.tsName,
      docs: [jsDoc(docs(type, 'complexType'))],
      properties: shape.props.map((p) => {
        const doc = propertyDoc(p);
        return { name: propertyName(p.name), type: printPropType(p.type, '  ', ctx), hasQuestionToken: p.optional, ...(doc ? { docs: [jsDoc(doc)] } : {}) };
      }),
    };
  }
  return typeAlias(type.tsName, renderShape(shape, '', ctx, true), docs(type, 'complexType'));
}

function aliasDeclaration(owner: IrComplexType, alias: ChoiceAlias, ctx: PrintContext): WriterFunction {
  const loc = alias.union.loc;
  const where = loc ? ` (${loc.file}:${loc.line})` : '';
  const what = alias.members.every((m) => !m.includes(',')) ? 'these properties' : alias.members.map((m) => (m ? `{ ${m} }` : 'nothing')).join(' | ');
  return typeAlias(alias.name, `${choiceType(alias.union, '', ctx)} & {}`, jsDoc(`${alias.optional ? 'At most' : 'Exactly'} one of ${what}: an xs:choice of ${owner.tsName}.`, `@xsd choice${where}`));
}

function docs(type: IrComplexType | IrSimpleType, kind: string, extra?: string): string {
  const origin = type.xsdName !== undefined ? `${kind} ${type.xsdName}` : `anonymous ${kind} in ${type.hint.join('/')}`;
  const versions = 'content' in type ? versionsLine(type.availability) : undefined;
  return jsDoc(type.doc, extra, versions, `@xsd ${origin} (${declaredAt(type)})`);
}
