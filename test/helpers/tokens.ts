/**
 * The tokens of a JavaScript or TypeScript text, without comments and white space, in a form where
 * two texts that differ only in layout compare equal: string literals by value, numbers without
 * `_` separators, no parentheses (tsc drops those around a removed type assertion), no `;` or `,`
 * before a closing bracket, no `|` or `&` before the first member of a union or intersection.
 * Used to compare the package compiler's JavaScript and declarations with tsc's.
 */
import ts from 'typescript';

const ENDS_EXPRESSION = new Set([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.PrivateIdentifier, ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.SuperKeyword, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail, ts.SyntaxKind.RegularExpressionLiteral, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken,
]);

export function layoutFreeTokens(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  const raw: string[] = [];
  const templates: number[] = [];
  let braces = 0;
  let previous = ts.SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) braces++;
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templates.length > 0 && templates.at(-1) === braces) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      } else braces--;
    } else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !ENDS_EXPRESSION.has(previous)) kind = scanner.reScanSlashToken();
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(braces);
    previous = kind;
    if (kind === ts.SyntaxKind.StringLiteral) raw.push(JSON.stringify(scanner.getTokenValue()));
    else if (kind === ts.SyntaxKind.NumericLiteral) raw.push(String(Number(scanner.getTokenText().replaceAll('_', ''))));
    else raw.push(scanner.getTokenText());
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!;
    if (token === '(' || token === ')') continue;
    if ((token === ';' || token === ',') && ['}', ']', '>', ')'].includes(raw[i + 1]!)) continue;
    if ((token === '|' || token === '&') && ['=', '(', '<', ',', ':', '[', '=>'].includes(out.at(-1)!)) continue;
    out.push(token);
  }
  return out;
}

/** Where two token lists first differ, with a few tokens around it; undefined when they are equal. */
export function firstDifference(ours: string[], theirs: string[]): string | undefined {
  let i = 0;
  while (i < ours.length && i < theirs.length && ours[i] === theirs[i]) i++;
  if (i === ours.length && i === theirs.length) return undefined;
  return `token ${i}:\n  ours: … ${ours.slice(Math.max(0, i - 10), i + 10).join(' ')}\n  tsc:  … ${theirs.slice(Math.max(0, i - 10), i + 10).join(' ')}`;
}
