/**
 * Small questions about TypeScript syntax shared by the JavaScript and declaration writers.
 */
import { ts } from 'ts-morph';
import { unsupported } from './compile-error.js';

const NONE: readonly ts.ModifierLike[] = [];

/** The node's modifiers and decorators, as parsed (no copy). */
export function modifiersOf(node: ts.Node): readonly ts.ModifierLike[] {
  return (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers ?? NONE;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  for (const modifier of modifiersOf(node)) if (modifier.kind === kind) return true;
  return false;
}

export const isExported = (node: ts.Node): boolean => hasModifier(node, ts.SyntaxKind.ExportKeyword);

/** Modifiers that exist only in TypeScript: JavaScript has none of them. */
export const TYPESCRIPT_MODIFIERS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
  ts.SyntaxKind.OverrideKeyword,
  ts.SyntaxKind.AbstractKeyword,
  ts.SyntaxKind.DeclareKeyword,
]);

const PARAMETER_PROPERTY_MODIFIERS = new Set([ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword]);

/** A constructor parameter that declares a property (`constructor(readonly meta: Meta)`). */
export function isParameterProperty(parameter: ts.ParameterDeclaration): boolean {
  return (ts.getModifiers(parameter) ?? []).some((m) => PARAMETER_PROPERTY_MODIFIERS.has(m.kind));
}

/** Where the `<…>` around a type-parameter or type-argument list starts and ends in `text`. */
export function angleBrackets(text: string, list: ts.NodeArray<ts.Node>): { start: number; end: number } {
  let start = list.pos - 1;
  while (start > 0 && text[start] !== '<') start--;
  let end = list.end;
  while (end < text.length && text[end] !== '>') end++;
  return { start, end: end + 1 };
}

/** The start of the line holding `pos`, when only white space stands between them; else `pos`. */
export function lineStartBefore(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' ? i : pos;
}

/** Past the line break ending the line of `pos` and any blank lines after it, when only white space follows `pos` on its line; else `pos`. */
export function lineEndAfter(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  if (i < text.length && text[i] !== '\n') return pos;
  let end = Math.min(i + 1, text.length);
  for (;;) {
    let j = end;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
    if (j < text.length && text[j] === '\n') end = j + 1;
    else return end;
  }
}

/** The white space before `pos` on its line. */
export function indentationAt(text: string, pos: number): string {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(start, pos))![0];
  return indent;
}

/** A literal whose type a declaration can state without a checker: its TypeScript type, widened (`number`) and literal (`5`). */
export function literalType(node: ts.Expression | undefined, file: ts.SourceFile): { widened: string; literal: string } | undefined {
  if (!node) return undefined;
  const text = file.text;
  if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) return { widened: ts.isBigIntLiteral(node) ? 'bigint' : 'number', literal: text.slice(node.getStart(file), node.end) };
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return { widened: 'number', literal: text.slice(node.getStart(file), node.end) };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { widened: 'string', literal: JSON.stringify(node.text) };
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return { widened: 'boolean', literal: node.kind === ts.SyntaxKind.TrueKeyword ? 'true' : 'false' };
  return undefined;
}

/** The value of each member of an enum (literal initializers, numbers counting on from the last). */
export function enumValues(file: ts.SourceFile, node: ts.EnumDeclaration): Array<{ member: ts.EnumMember; value: number | string }> {
  let next: number | undefined = 0;
  return node.members.map((member) => {
    const init = member.initializer;
    let value: number | string | undefined = next;
    if (init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init))) value = init.text;
    else if (init && ts.isNumericLiteral(init)) value = Number(init.text);
    else if (init && ts.isPrefixUnaryExpression(init) && init.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(init.operand)) value = -Number(init.operand.text);
    else if (init) value = undefined;
    if (value === undefined) throw unsupported(file, member, 'an enum member whose value is not a number or a string literal', 'give it a literal value');
    next = typeof value === 'number' ? value + 1 : undefined;
    return { member, value };
  });
}

/**
 * Where a node starts with its doc comments (`/** … *\/` just before it), as getStart(file, true)
 * says when the parser keeps doc comments; the package compiler parses without them (faster).
 */
export function docStart(file: ts.SourceFile, node: ts.Node): number {
  const text = file.text;
  for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
    if (text.startsWith('/**', range.pos) && !text.startsWith('/**/', range.pos)) return range.pos;
  }
  return node.getStart(file);
}
