/**
 * types.ts: one TypeScript declaration per schema type, in schema order.
 *
 * A named simple type becomes a type alias (`export type BackupTaskStatus = 'working' | …`); a
 * complex type whose content has no choice becomes an interface with its properties in schema
 * order, otherwise a type alias intersecting its properties with one exclusive union per choice.
 * Every declaration's JSDoc carries the schema's documentation and the declaration it came from.
 */
import { StructureKind, type InterfaceDeclarationStructure, type Project, type TypeAliasDeclarationStructure } from 'ts-morph';
import type { IrComplexType, IrSchema, IrSimpleType } from '../model/ir.js';
import { compareCodePoints, compareLocations } from '../passes/names.js';
import { createGeneratedFile, textOf } from './print.js';
import { isFlag, propertyName, renderShape, shapeOf, simpleMetaType, simpleRef, type Prop, type Shape } from './type-expressions.js';

export function emitTypes(project: Project, ir: IrSchema): string {
  const file = createGeneratedFile(project, 'types.ts', ir.entries, 'The TypeScript types of every schema type.');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/meta.js', namedImports: ['AnyElement', 'AtMostOneOf', 'OneOf', 'XmlAny'] });
  // one bulk insertion: ts-morph re-parses the file after every manipulation
  const statements: Array<TypeAliasDeclarationStructure | InterfaceDeclarationStructure> = [];
  for (const type of bySource(ir.simpleTypes)) {
    statements.push({ kind: StructureKind.TypeAlias, isExported: true, name: type.tsName, type: simpleMetaType(type.meta), docs: [docs(type, 'simpleType')] });
  }
  for (const type of bySource(ir.complexTypes)) {
    const shape = recordShape(type);
    if (isFlag(type)) statements.push({ kind: StructureKind.TypeAlias, isExported: true, name: type.tsName, type: 'true', docs: [docs(type, 'complexType', 'An empty element: present is `true`.')] });
    else if (shape.unions.length === 0) {
      statements.push({
        kind: StructureKind.Interface,
        isExported: true,
        name: type.tsName,
        docs: [docs(type, 'complexType')],
        properties: shape.props.map((p) => ({ name: propertyName(p.name), type: p.type, hasQuestionToken: p.optional, ...(p.doc ? { docs: [p.doc] } : {}) })),
      });
    } else statements.push({ kind: StructureKind.TypeAlias, isExported: true, name: type.tsName, type: renderShape(shape, ''), docs: [docs(type, 'complexType')] });
  }
  file.addStatements(statements);
  return textOf(file);
}

/** The shape of a complex type's value: attributes, simple content, then the content model. */
export function recordShape(type: IrComplexType): Shape {
  const attrs: Prop[] = type.attrs.map((a) => ({ name: a.prop, type: simpleRef(a.type), optional: !a.required, ...(a.doc ? { doc: a.doc } : {}) }));
  const text: Prop[] = type.content === 'simple' && type.text ? [{ name: type.textProp, type: simpleRef(type.text), optional: false, doc: 'The text content.' }] : [];
  const model = type.model ? shapeOf(type.model, false) : { props: [], unions: [] };
  return { props: [...attrs, ...text, ...model.props], unions: model.unions };
}

function docs(type: IrComplexType | IrSimpleType, kind: string, extra?: string): string {
  const origin = type.xsdName !== undefined ? `${kind} ${type.xsdName}` : `anonymous ${kind} in ${type.hint.join('/')}`;
  return [type.doc, extra, `@xsd ${origin} (${type.loc.file}:${type.loc.line})`].filter(Boolean).join('\n\n');
}

export function bySource<T extends { loc: { file: string; line: number; column: number }; tsName: string }>(types: T[]): T[] {
  return [...types].sort((a, b) => compareLocations(a, b) || compareCodePoints(a.tsName, b.tsName));
}
