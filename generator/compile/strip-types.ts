/**
 * TypeScript → JavaScript for the package's own sources, by removing what only TypeScript has
 * (types, type-only imports and exports, TypeScript modifiers) and spelling out the two
 * constructs that have run-time meaning (enums, constructor parameters that declare properties)
 * the way `tsc` does for target ES2022 under `verbatimModuleSyntax` and `isolatedModules`.
 * The rest of the text is kept as written, comments included.
 *
 * Why not `ts.transpileModule`: it prints every node anew, about 1.5 s for the whole Plesk API on
 * a 2-core machine; removing ranges from the parsed text takes a small part of that. What it
 * cannot compile (namespaces, decorators, `import =`) is an internal error naming the line: the
 * generated code and the runtime are ours to keep within this subset. test/compiled-package.test.ts
 * compares the result with `tsc`'s JavaScript token for token.
 */
import { ts } from 'ts-morph';
import { unsupported } from './compile-error.js';
import { angleBrackets, docStart, enumValues, hasModifier, indentationAt, isParameterProperty, lineEndAfter, lineStartBefore, modifiersOf, TYPESCRIPT_MODIFIERS } from './syntax.js';
import { InternalError } from '../errors.js';

/** TransformFlags.ContainsTypeScript (internal to TypeScript, stable since 2.x) */
const CONTAINS_TYPESCRIPT: number = (ts as unknown as { TransformFlags: { ContainsTypeScript: number } }).TransformFlags.ContainsTypeScript;

/** statements looked at whatever the parser marked: type-only import and export names are not marked */
const ALWAYS_VISITED = new Set([ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.ExportDeclaration, ts.SyntaxKind.ExportAssignment, ts.SyntaxKind.ImportEqualsDeclaration, ts.SyntaxKind.ModuleDeclaration]);

/** the nodes whose `type` annotates them */
const TYPED = new Set([
  ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.Parameter, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor,
]);

/** the nodes that may have type parameters */
const GENERIC = new Set([
  ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor, ts.SyntaxKind.Constructor, ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.ClassExpression,
]);

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `header`: text the JavaScript starts with, before the file's own (the banner, when the tree lacks it). */
export function javaScriptOf(file: ts.SourceFile, header = ''): string {
  const text = file.text;
  const edits: Edit[] = [];
  const removed = new Set<ts.Node>();
  /** the types removed so far: every type the walk meets must be one of them */
  const strippedTypes = new Set<ts.Node>();
  const remove = (start: number, end: number, replacement = '') => edits.push({ start, end, text: replacement });
  /** A whole statement or class member, with its doc comment and its line(s) when nothing else is on them. */
  const removeWhole = (node: ts.Node) => {
    removed.add(node);
    const start = docStart(file, node);
    remove(lineStartBefore(text, start), lineEndAfter(text, node.end));
  };
  const removeType = (type: ts.TypeNode | undefined) => {
    if (!type) return;
    strippedTypes.add(type);
    remove(text.lastIndexOf(':', type.getStart(file)), type.end);
  };
  const removeToken = (token: ts.Node | undefined) => {
    if (token) remove(token.getStart(file), token.end);
  };
  const removeAngles = (list: ts.NodeArray<ts.Node> | undefined) => {
    if (!list) return;
    for (const item of list) strippedTypes.add(item);
    const { start, end } = angleBrackets(text, list);
    remove(start, end);
  };
  const removeModifiers = (node: ts.Node) => {
    for (const modifier of modifiersOf(node)) {
      if (modifier.kind === ts.SyntaxKind.Decorator) throw unsupported(file, node, 'a decorator', 'write the code without it');
      if (!TYPESCRIPT_MODIFIERS.has(modifier.kind)) continue;
      let end = modifier.end;
      while (text[end] === ' ') end++;
      remove(modifier.getStart(file), end);
    }
  };
  /** `import { a, type B }` → `import { a }`: the braces written anew with the value names. */
  const keepValueSpecifiers = (list: ts.NamedImports | ts.NamedExports) => {
    const values = (list.elements as ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>).filter((s) => !s.isTypeOnly);
    if (values.length === list.elements.length) return false;
    remove(list.getStart(file), list.end, values.length === 0 ? '{}' : `{ ${values.map((s) => s.getText(file)).join(', ')} }`);
    return true;
  };

  const visit = (node: ts.Node, parent: ts.Node): void => {
    // the parser marks every subtree that holds TypeScript syntax (as tsc's own transformer relies
    // on): the rest is JavaScript already (most of it: bodies, the metadata tables)
    if (((node as unknown as { transformFlags: number }).transformFlags & CONTAINS_TYPESCRIPT) === 0 && !ALWAYS_VISITED.has(node.kind)) return;
    switch (node.kind) {
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.IndexSignature:
        return removeWhole(node);
      case ts.SyntaxKind.ImportDeclaration: {
        const clause = (node as ts.ImportDeclaration).importClause;
        if (clause?.isTypeOnly) return removeWhole(node);
        if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) keepValueSpecifiers(clause.namedBindings);
        return;
      }
      case ts.SyntaxKind.ExportDeclaration: {
        const declaration = node as ts.ExportDeclaration;
        if (declaration.isTypeOnly) return removeWhole(node);
        if (declaration.exportClause && ts.isNamedExports(declaration.exportClause)) keepValueSpecifiers(declaration.exportClause);
        return;
      }
      case ts.SyntaxKind.ImportEqualsDeclaration:
        if ((node as ts.ImportEqualsDeclaration).isTypeOnly) return removeWhole(node);
        throw unsupported(file, node, '`import … =`', 'use an ES import');
      case ts.SyntaxKind.ExportAssignment:
        if ((node as ts.ExportAssignment).isExportEquals) throw unsupported(file, node, '`export =`', 'use an ES export');
        break;
      case ts.SyntaxKind.ModuleDeclaration:
        if (hasModifier(node, ts.SyntaxKind.DeclareKeyword)) return removeWhole(node);
        throw unsupported(file, node, 'a namespace', 'use a module');
      case ts.SyntaxKind.EnumDeclaration:
        if (hasModifier(node, ts.SyntaxKind.DeclareKeyword)) return removeWhole(node);
        return void remove(node.getStart(file), node.end, enumJavaScript(file, node as ts.EnumDeclaration));
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.Constructor:
        // an overload signature, or an abstract method: declarations only
        if (!(node as ts.FunctionLikeDeclaration).body) return removeWhole(node);
        break;
      case ts.SyntaxKind.PropertyDeclaration:
        if (hasModifier(node, ts.SyntaxKind.DeclareKeyword) || hasModifier(node, ts.SyntaxKind.AbstractKeyword)) return removeWhole(node);
        removeToken((node as ts.PropertyDeclaration).questionToken);
        removeToken((node as ts.PropertyDeclaration).exclamationToken);
        break;
      case ts.SyntaxKind.VariableStatement:
      case ts.SyntaxKind.ClassDeclaration:
        if (hasModifier(node, ts.SyntaxKind.DeclareKeyword)) return removeWhole(node);
        break;
      case ts.SyntaxKind.HeritageClause:
        if ((node as ts.HeritageClause).token === ts.SyntaxKind.ImplementsKeyword) return void remove(node.pos, node.end);
        break;
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.SatisfiesExpression: {
        const expression = (node as ts.AsExpression | ts.SatisfiesExpression).expression;
        remove(expression.end, node.end);
        return visit(expression, node);
      }
      case ts.SyntaxKind.TypeAssertionExpression: {
        const expression = (node as ts.TypeAssertion).expression;
        remove(node.getStart(file), expression.getStart(file));
        return visit(expression, node);
      }
      case ts.SyntaxKind.NonNullExpression:
        remove(node.end - 1, node.end);
        return visit((node as ts.NonNullExpression).expression, node);
      case ts.SyntaxKind.ExpressionWithTypeArguments:
        removeAngles((node as ts.ExpressionWithTypeArguments).typeArguments);
        return visit((node as ts.ExpressionWithTypeArguments).expression, node);
      case ts.SyntaxKind.Parameter: {
        const parameter = node as ts.ParameterDeclaration;
        if (ts.isIdentifier(parameter.name) && parameter.name.text === 'this') return removeThisParameter(parameter, parent as ts.SignatureDeclaration);
        removeToken(parameter.questionToken);
        break;
      }
    }
    removeModifiers(node);
    if (TYPED.has(node.kind)) removeType((node as ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration | ts.SignatureDeclaration).type);
    if (GENERIC.has(node.kind)) removeAngles((node as ts.SignatureDeclaration | ts.ClassLikeDeclaration).typeParameters);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) && node.typeArguments) removeAngles(node.typeArguments);
    if (ts.isVariableDeclaration(node)) removeToken(node.exclamationToken);
    if (ts.isClassLike(node)) declareParameterProperties(node);
    ts.forEachChild(node, (child) => {
      // what was removed above is not visited; a type that was not is a place this file does not know
      if (ts.isTypeParameterDeclaration(child)) return;
      if (ts.isTypeNode(child) && child.kind !== ts.SyntaxKind.ExpressionWithTypeArguments) {
        if (strippedTypes.has(child)) return;
        throw unsupported(file, child, `a type in this place (${ts.SyntaxKind[child.kind]} in ${ts.SyntaxKind[node.kind]})`, 'annotate a declaration instead, or teach generator/compile/strip-types.ts the place');
      }
      visit(child, node);
    });
  };

  const removeThisParameter = (parameter: ts.ParameterDeclaration, signature: ts.SignatureDeclaration) => {
    const list = signature.parameters;
    const next = list[list.indexOf(parameter) + 1];
    remove(parameter.getStart(file), next ? next.getStart(file) : parameter.end);
  };

  /** `constructor(readonly meta: Meta)`: a field `meta;` first in the class and `this.meta = meta;` first in the constructor (after `super(…)`), as tsc writes them. */
  const declareParameterProperties = (node: ts.ClassLikeDeclaration) => {
    const constructor = node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
    const properties = constructor?.parameters.filter(isParameterProperty) ?? [];
    if (!constructor || properties.length === 0) return;
    const names = properties.map((p) => {
      if (!ts.isIdentifier(p.name)) throw unsupported(file, p, 'a destructured parameter property', 'declare the property in the class');
      return p.name.text;
    });
    const firstMember = node.members[0]!;
    const memberIndent = indentationAt(text, docStart(file, firstMember));
    remove(node.members.pos, node.members.pos, names.map((n) => `\n${memberIndent}${n};`).join(''));
    const body = constructor.body!;
    const superCall = body.statements.find((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword);
    const derived = node.heritageClauses?.some((c) => c.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
    if (derived && !superCall) throw unsupported(file, constructor, 'a derived class whose constructor declares properties and calls super(…) other than as a statement of its own', 'call super(…) as a statement of the constructor');
    const assignments = (indent: string) => names.map((n) => `\n${indent}this.${n} = ${n};`).join('');
    const first = body.statements[0];
    if (first === undefined) {
      const indent = indentationAt(text, docStart(file, constructor));
      remove(body.getStart(file), body.end, `{${assignments(`${indent}  `)}\n${indent}}`);
    } else {
      const indent = indentationAt(text, docStart(file, first));
      const at = superCall ? superCall.end : body.statements.pos;
      remove(at, at, assignments(indent));
    }
  };

  for (const statement of file.statements) visit(statement, file);
  const isModule = file.statements.some(isModuleSyntax);
  const keptModuleSyntax = file.statements.some((s) => !removed.has(s) && isModuleSyntax(s));
  let out = header + applyEdits(text, edits, file.fileName);
  if (isModule && !keptModuleSyntax) out = `${out.trimEnd()}\nexport {};\n`;
  return out;
}

function isModuleSyntax(statement: ts.Statement): boolean {
  return ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) || hasModifier(statement, ts.SyntaxKind.ExportKeyword);
}

function applyEdits(text: string, edits: Edit[], fileName: string): string {
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) throw new InternalError(`${fileName}: two edits of the JavaScript overlap at offset ${edit.start}`);
    parts.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** An enum as tsc writes it under isolatedModules: `var Kind; (function (Kind) { … })(Kind || (Kind = {}));`. */
function enumJavaScript(file: ts.SourceFile, node: ts.EnumDeclaration): string {
  const name = node.name.text;
  const indent = indentationAt(file.text, node.getStart(file));
  const members = enumValues(file, node).map(({ member, value }) => {
    const key = JSON.stringify(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(file));
    return typeof value === 'string' ? `${indent}  ${name}[${key}] = ${JSON.stringify(value)};` : `${indent}  ${name}[${name}[${key}] = ${value}] = ${key};`;
  });
  const exported = hasModifier(node, ts.SyntaxKind.ExportKeyword) ? 'export ' : '';
  return `${exported}var ${name};\n${indent}(function (${name}) {\n${members.join('\n')}\n${indent}})(${name} || (${name} = {}));`;
}
