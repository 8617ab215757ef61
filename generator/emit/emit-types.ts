/**
 * types.ts: one TypeScript declaration per schema type, in schema order.
 *
 * A named simple type becomes a type alias (`export type BackupTaskStatus = 'working' | …`); a
 * complex type whose content has no choice becomes an interface with its properties in schema
 * order, otherwise a type alias intersecting its properties with one exclusive union per choice:
 * `OneOf<{ … }>` for a choice of elements, and for a choice of groups an alias of its own
 * (`DbServerInputIdOrHost`, declared right after its owner) so that hovers name it.
 * Every declaration's JSDoc carries the schema's documentation and the declaration it came from.
 */
import { StructureKind, type InterfaceDeclarationStructure, type Project, type TypeAliasDeclarationStructure, type WriterFunction } from 'ts-morph';
import type { IrComplexType, IrSchema, IrSimpleType } from '../model/ir.js';
import { RESERVED_TYPE_NAMES } from '../passes/name-types.js';
import { compareCodePoints, compareLocations } from '../passes/names.js';
import { createGeneratedFile, textOf } from './print.js';
import { isFlag, propertyName, renderShape, shapeOf, simpleMetaType, simpleRef, type ChoiceAliases, type Prop, type Shape } from './type-expressions.js';
import { jsDoc } from './comments.js';

export function emitTypes(project: Project, ir: IrSchema): string {
  const file = createGeneratedFile(project, 'types.ts', ir.entries, 'The TypeScript types of every schema type.');
  // one bulk insertion: ts-morph re-parses the file after every manipulation
  const statements: Array<TypeAliasDeclarationStructure | InterfaceDeclarationStructure | WriterFunction> = [];
  // ts-morph puts no blank line between two type aliases: one goes before each complex type's declaration and alias
  const blankLine: WriterFunction = (writer) => writer.blankLineIfLastNot();
  for (const type of bySource(ir.simpleTypes)) {
    statements.push({ kind: StructureKind.TypeAlias, isExported: true, name: type.tsName, type: simpleMetaType(type.meta), docs: [jsDoc(docs(type, 'simpleType'))] });
  }
  // the names every choice alias must keep clear of: every type's, and the aliases' as they are handed out
  const taken = new Set<string>([...RESERVED_TYPE_NAMES, ...ir.simpleTypes.map((t) => t.tsName), ...ir.complexTypes.map((t) => t.tsName)]);
  for (const type of bySource(ir.complexTypes)) {
    const sink: ChoiceAliases = { owner: type.tsName, taken, aliases: [] };
    const shape = recordShape(type, sink);
    const declaration = (): TypeAliasDeclarationStructure | InterfaceDeclarationStructure => {
      if (isFlag(type)) return { kind: StructureKind.TypeAlias, isExported: true, name: type.tsName, type: 'true', docs: [jsDoc(docs(type, 'complexType', 'An empty element: present is `true`.'))] };
      if (shape.unions.length === 0) {
        return {
          kind: StructureKind.Interface,
          isExported: true,
          name: type.tsName,
          docs: [jsDoc(docs(type, 'complexType'))],
          properties: shape.props.map((p) => ({ name: propertyName(p.name), type: p.type, hasQuestionToken: p.optional, ...(p.doc ? { docs: [jsDoc(p.doc)] } : {}) })),
        };
      }
      return { kind: StructureKind.TypeAlias, isExported: true, name: type.tsName, type: renderShape(shape, '', sink, true), docs: [jsDoc(docs(type, 'complexType'))] };
    };
    statements.push(blankLine, declaration());
    for (const alias of sink.aliases) {
      statements.push(blankLine);
      const where = alias.loc ? ` (${alias.loc.file}:${alias.loc.line})` : '';
      const what = alias.members.every((m) => !m.includes(',')) ? 'these properties' : alias.members.map((m) => (m ? `{ ${m} }` : 'nothing')).join(' | ');
      statements.push({ kind: StructureKind.TypeAlias, isExported: true, name: alias.name, type: alias.type, docs: [jsDoc(`${alias.optional ? 'At most' : 'Exactly'} one of ${what}: an xs:choice of ${type.tsName}.\n\n@xsd choice${where}`)] });
    }
  }
  const usesShapes = statements.some((st) => typeof st !== 'function' && st.kind === StructureKind.TypeAlias && /\bOneOfShapes</.test(String(st.type)));
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/meta.js', namedImports: ['AnyElement', 'AtMostOneOf', 'OneOf', ...(usesShapes ? ['OneOfShapes'] : []), 'XmlAny'] });
  file.addStatements(statements);
  return textOf(file);
}

/** The shape of a complex type's value: attributes, simple content, then the content model. */
export function recordShape(type: IrComplexType, sink?: ChoiceAliases): Shape {
  const attrs: Prop[] = type.attrs.map((a) => ({ name: a.prop, type: simpleRef(a.type), optional: !a.required, ...(a.doc ? { doc: a.doc } : {}) }));
  const text: Prop[] = type.content === 'simple' && type.text ? [{ name: type.textProp, type: simpleRef(type.text), optional: false, doc: 'The text content.' }] : [];
  const model = type.model ? shapeOf(type.model, false, sink) : { props: [], unions: [] };
  return { props: [...attrs, ...text, ...model.props], unions: model.unions };
}

function docs(type: IrComplexType | IrSimpleType, kind: string, extra?: string): string {
  const origin = type.xsdName !== undefined ? `${kind} ${type.xsdName}` : `anonymous ${kind} in ${type.hint.join('/')}`;
  return [type.doc, extra, `@xsd ${origin} (${type.loc.file}:${type.loc.line})`].filter(Boolean).join('\n\n');
}

export function bySource<T extends { loc: { file: string; line: number; column: number }; tsName: string }>(types: T[]): T[] {
  return [...types].sort((a, b) => compareLocations(a, b) || compareCodePoints(a.tsName, b.tsName));
}
