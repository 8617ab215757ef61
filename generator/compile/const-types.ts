/**
 * The declared type of a literal initialized `as const` (`export const ENVELOPE = { packet: 'packet' }
 * as const`), as tsc --isolatedDeclarations writes it: an object's members `readonly` with their
 * literal types (doc comments kept), an array a `readonly` tuple, all the way down.
 */
import { ts } from 'ts-morph';
import { unsupported } from './compile-error.js';
import type { OutputText } from './output-text.js';
import { docStart } from './syntax.js';

/** The `as const` literal of an initializer, or undefined when it is not one. */
export function constLiteral(init: ts.Expression | undefined): ts.Expression | undefined {
  if (!init || !ts.isAsExpression(init) || !ts.isTypeReferenceNode(init.type) || !ts.isIdentifier(init.type.typeName) || init.type.typeName.text !== 'const') return undefined;
  return init.expression;
}

/** Writes the type of `node` (part of an `as const` literal); `indent`: the indentation of its line. */
export function writeConstType(out: OutputText, file: ts.SourceFile, node: ts.Expression, indent: string): void {
  if (ts.isParenthesizedExpression(node)) return writeConstType(out, file, node.expression, indent);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return void out.write(JSON.stringify(node.text));
  if (ts.isNumericLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return void out.copy(node.getStart(file), node.end);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return void out.copy(node.getStart(file), node.end);
  if (ts.isArrayLiteralExpression(node)) {
    out.write('readonly [');
    node.elements.forEach((element, i) => {
      out.write(i > 0 ? ', ' : '');
      writeConstType(out, file, element, indent);
    });
    return void out.write(']');
  }
  if (ts.isObjectLiteralExpression(node)) {
    out.write('{');
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) throw unsupported(file, property, 'a member of an `as const` object other than `name: value`', 'write it as `name: value`');
      out.write(`\n${indent}  `).copy(docStart(file, property), property.getStart(file));
      out.write('readonly ').copy(property.name.getStart(file), property.name.end).write(': ');
      writeConstType(out, file, property.initializer, `${indent}  `);
      out.write(';');
    }
    return void out.write(`\n${indent}}`);
  }
  throw unsupported(file, node, 'a value in an `as const` literal that is not a literal', 'state the variable\'s type');
}
