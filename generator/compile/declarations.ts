/**
 * TypeScript → declarations (.d.ts) for the package's own sources, from the syntax alone, the way
 * `tsc --isolatedDeclarations` derives them: every exported function, method, property and
 * variable states its types (or is initialized with a literal), so nothing needs a type checker.
 * Interfaces, type aliases and every type are copied as written, doc comments included; bodies
 * and initializers are dropped; `private` members keep their name only; non-exported
 * declarations are kept where an exported one names them, imports where a kept declaration uses
 * them. Each copied piece is remembered, so the declaration map leads every name back to the source.
 *
 * Why not `ts.transpileDeclaration`: it prints every node anew (about 1.2 s for the whole Plesk
 * API on a 2-core machine). test/compiled-package.test.ts compares the result with `tsc`'s.
 */
import { ts } from 'ts-morph';
import { unsupported } from './compile-error.js';
import { constLiteral, writeConstType } from './const-types.js';
import { OutputText } from './output-text.js';
import { angleBrackets, docStart, enumValues, hasModifier, indentationAt, isExported, isParameterProperty, lineStartBefore, literalType } from './syntax.js';

type Named = ts.FunctionDeclaration | ts.ClassDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration | ts.VariableStatement;

const KEPT_MEMBER_MODIFIERS = new Set([ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.StaticKeyword, ts.SyntaxKind.ReadonlyKeyword, ts.SyntaxKind.AbstractKeyword]);

/** `header`: text the declarations start with, before the file's own leading comments (the banner, when the tree lacks it). */
export function declarationsOf(file: ts.SourceFile, header = ''): OutputText {
  const text = file.text;
  const out = new OutputText(text);

  // which statements the declarations hold: the exported ones, and those they name (to a fixpoint)
  const byName = new Map<string, Named[]>();
  const localExports = new Set<string>();
  for (const statement of file.statements) {
    for (const name of declaredNames(statement)) byName.set(name, [...(byName.get(name) ?? []), statement as Named]);
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const specifier of statement.exportClause.elements) localExports.add((specifier.propertyName ?? specifier.name).getText(file));
    }
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) localExports.add(statement.expression.text);
  }
  /** functions with overload signatures: those are their declarations, not the implementation's */
  const overloaded = new Set(file.statements.flatMap((s) => (ts.isFunctionDeclaration(s) && !s.body && s.name ? [s.name.text] : [])));
  const kept = new Set<ts.Statement>();
  const used = new Set<string>();
  const pending: ts.Statement[] = [];
  const keep = (statement: ts.Statement) => {
    if (kept.has(statement)) return;
    kept.add(statement);
    pending.push(statement);
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) continue;
    if (isExported(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) || (ts.isModuleDeclaration(statement) && hasModifier(statement, ts.SyntaxKind.DeclareKeyword))) keep(statement);
  }
  for (const name of localExports) for (const statement of byName.get(name) ?? []) keep(statement);
  while (pending.length > 0) {
    const statement = pending.pop()!;
    for (const name of namesUsedBy(statement, file)) {
      used.add(name);
      for (const declaration of byName.get(name) ?? []) keep(declaration);
    }
  }

  const first = file.statements[0];
  out.write(header).write(text.slice(0, first ? lineStartBefore(text, docStart(file, first)) : text.length));
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) writeImport(statement);
    else if (kept.has(statement)) writeStatement(statement);
  }
  // a declaration file's declarations are all exported unless it says `export {}`
  if ([...kept].some((s) => declaredNames(s).length > 0 && !isExported(s))) out.write('export {};\n');
  return out;

  function docOf(node: ts.Node): void {
    out.copy(docStart(file, node), node.getStart(file));
  }

  /** An import, with only the names the declarations use (none: no import). */
  function writeImport(node: ts.ImportDeclaration): void {
    const clause = node.importClause;
    if (!clause) return void out.copy(docStart(file, node), node.end).write('\n');
    const bindings = clause.namedBindings;
    const named = bindings && ts.isNamedImports(bindings) ? [...bindings.elements] : [];
    const all = (clause.name ? 1 : 0) + (bindings && ts.isNamespaceImport(bindings) ? 1 : named.length);
    const defaultUsed = clause.name !== undefined && used.has(clause.name.text);
    const namespaceUsed = bindings !== undefined && ts.isNamespaceImport(bindings) && used.has(bindings.name.text);
    const namedUsed = named.filter((s) => used.has(s.name.text));
    const count = (defaultUsed ? 1 : 0) + (namespaceUsed ? 1 : 0) + namedUsed.length;
    if (count === 0) return;
    if (count === all) return void out.copy(docStart(file, node), node.end).write('\n');
    out.write(clause.isTypeOnly ? 'import type ' : 'import ');
    if (defaultUsed) out.copy(clause.name!.getStart(file), clause.name!.end).write(namespaceUsed || namedUsed.length > 0 ? ', ' : '');
    if (namespaceUsed) out.copy(bindings!.getStart(file), bindings!.end);
    if (namedUsed.length > 0) {
      out.write('{ ');
      namedUsed.forEach((n, i) => out.write(i > 0 ? ', ' : '').copy(n.getStart(file), n.end));
      out.write(' }');
    }
    out.write(' from ').copy(node.moduleSpecifier.getStart(file), node.moduleSpecifier.end);
    if (node.attributes) out.write(' ').copy(node.attributes.getStart(file), node.attributes.end);
    out.write(';\n');
  }

  function writeStatement(node: ts.Statement): void {
    if (hasModifier(node, ts.SyntaxKind.DefaultKeyword)) throw unsupported(file, node, 'an `export default` declaration', 'export it by name');
    if (ts.isExportAssignment(node) && node.isExportEquals) throw unsupported(file, node, '`export =`', 'use an ES export');
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isExportDeclaration(node) || ts.isExportAssignment(node) || ts.isModuleDeclaration(node)) {
      return void out.copy(docStart(file, node), node.end).write('\n');
    }
    if (ts.isEnumDeclaration(node)) {
      docOf(node);
      out.write(isExported(node) ? 'export declare ' : 'declare ');
      if (hasModifier(node, ts.SyntaxKind.ConstKeyword)) out.write('const ');
      out.write('enum ').copy(node.name.getStart(file), node.name.end).write(' {');
      enumValues(file, node).forEach(({ member, value }, i) => {
        out.write(i > 0 ? ',' : '').write(`\n${indentationAt(text, node.getStart(file))}  `);
        docOf(member);
        out.copy(member.name.getStart(file), member.name.end).write(` = ${typeof value === 'string' ? JSON.stringify(value) : value}`);
      });
      return void out.write('\n}\n');
    }
    if (ts.isFunctionDeclaration(node)) {
      if (!node.name) throw unsupported(file, node, 'a function without a name', 'name it');
      if (node.body && overloaded.has(node.name.text)) return; // the overloads are its declarations
      docOf(node);
      out.write(`${isExported(node) ? 'export ' : ''}declare function `).copy(node.name.getStart(file), node.name.end);
      writeSignature(node, false);
      return void out.write(';\n');
    }
    if (ts.isVariableStatement(node)) return writeVariables(node);
    if (ts.isClassDeclaration(node)) return writeClass(node);
    throw unsupported(file, node, `an exported ${ts.SyntaxKind[node.kind]}`, 'export declarations only');
  }

  function writeVariables(node: ts.VariableStatement): void {
    const list = node.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    docOf(node);
    out.write(`${isExported(node) ? 'export ' : ''}declare ${isConst ? 'const' : (list.flags & ts.NodeFlags.Let) !== 0 ? 'let' : 'var'} `);
    list.declarations.forEach((declaration, i) => {
      if (!ts.isIdentifier(declaration.name)) throw unsupported(file, declaration, 'a destructuring declaration that is exported', 'declare each name on its own');
      out.write(i > 0 ? ', ' : '').copy(declaration.name.getStart(file), declaration.name.end);
      if (declaration.type) return void copyType(declaration.type);
      const literal = literalType(declaration.initializer, file);
      if (literal) return void out.write(isConst ? ` = ${literal.literal}` : `: ${literal.widened}`);
      if (writeFunctionType(declaration.initializer)) return;
      const constant = isConst ? constLiteral(declaration.initializer) : undefined;
      if (constant) return void writeConstType(out.write(': '), file, constant, '');
      throw unsupported(file, declaration, `the exported variable ${declaration.name.text} without a type`, 'state its type (`: T`), as --isolatedDeclarations requires');
    });
    out.write(';\n');
  }

  function writeClass(node: ts.ClassDeclaration): void {
    if (!node.name) throw unsupported(file, node, 'a class without a name', 'name it');
    for (const clause of node.heritageClauses ?? []) {
      for (const type of clause.types) if (!isEntityName(type.expression)) throw unsupported(file, type, 'a class that extends an expression', 'extend a class by its name');
    }
    docOf(node);
    out.write(`${isExported(node) ? 'export ' : ''}declare ${hasModifier(node, ts.SyntaxKind.AbstractKeyword) ? 'abstract ' : ''}class `);
    out.copy(node.name.getStart(file), node.members.pos);
    const constructor = node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
    const memberIndent = node.members.length > 0 ? indentationAt(text, docStart(file, node.members[0]!)) : '  ';
    const line = () => out.write(`\n${memberIndent}`);
    // members named #… are private to the class: one `#private;` says the class has some, first as tsc writes it
    if (node.members.some((m) => m.name !== undefined && ts.isPrivateIdentifier(m.name))) line().write('#private;');
    for (const parameter of constructor?.parameters.filter(isParameterProperty) ?? []) {
      line();
      writeModifiers(parameter, true);
      out.copy(parameter.name.getStart(file), parameter.name.end);
      if (hasModifier(parameter, ts.SyntaxKind.PrivateKeyword)) {
        out.write(';');
        continue;
      }
      if (parameter.questionToken) out.write('?');
      const literal = literalType(parameter.initializer, file);
      if (parameter.type) {
        copyType(parameter.type);
        if (parameter.questionToken && !includesUndefined(parameter.type)) out.write(' | undefined');
      } else if (literal) out.write(`: ${literal.widened}`);
      else throw unsupported(file, parameter, 'a parameter property without a type', 'state its type, as --isolatedDeclarations requires');
      out.write(';');
    }
    for (const member of node.members) {
      if (ts.isClassStaticBlockDeclaration(member) || ts.isSemicolonClassElement(member)) continue;
      if (member.name && ts.isPrivateIdentifier(member.name)) continue;
      const isPrivate = hasModifier(member, ts.SyntaxKind.PrivateKeyword);
      if (ts.isIndexSignatureDeclaration(member)) {
        line();
        out.copy(docStart(file, member), member.end);
        continue;
      }
      if (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) {
        const overloads = node.members.filter((m) => m.kind === member.kind && !(m as ts.FunctionLikeDeclaration).body && (ts.isConstructorDeclaration(m) || m.name?.getText(file) === member.name?.getText(file)));
        if (member.body && overloads.length > 0) continue;
        if (isPrivate && overloads.length > 0 && overloads[0] !== member) continue;
      }
      line();
      if (!isPrivate) docOf(member);
      writeModifiers(member, false);
      if (ts.isConstructorDeclaration(member)) {
        out.write('constructor');
        if (isPrivate || hasModifier(member, ts.SyntaxKind.ProtectedKeyword)) out.write('();');
        else {
          writeSignature(member, true);
          out.write(';');
        }
        continue;
      }
      if (ts.isGetAccessorDeclaration(member)) out.write('get ');
      if (ts.isSetAccessorDeclaration(member)) out.write('set ');
      const name = member.name!;
      out.copy(name.getStart(file), name.end);
      if (isPrivate) {
        out.write(ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member) ? '();' : ';');
        continue;
      }
      if (ts.isPropertyDeclaration(member)) {
        if (member.questionToken) out.write('?');
        if (member.type) {
          copyType(member.type);
          if (member.questionToken && !includesUndefined(member.type) && !hasModifier(member, ts.SyntaxKind.DeclareKeyword)) out.write(' | undefined');
        }
        else {
          const literal = literalType(member.initializer, file);
          if (!literal && writeFunctionType(member.initializer)) {
            out.write(';');
            continue;
          }
          if (!literal) throw unsupported(file, member, `the property ${name.getText(file)} without a type`, 'state its type, as --isolatedDeclarations requires');
          out.write(hasModifier(member, ts.SyntaxKind.ReadonlyKeyword) ? ` = ${literal.literal}` : `: ${literal.widened}`);
        }
        out.write(';');
        continue;
      }
      if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
        if (ts.isMethodDeclaration(member) && member.questionToken) out.write('?');
        writeSignature(member, ts.isSetAccessorDeclaration(member));
        out.write(';');
        continue;
      }
      throw unsupported(file, member, `a class member (${ts.SyntaxKind[member.kind]})`, 'write it as a property or a method');
    }
    out.write('\n}\n');
  }

  function writeModifiers(node: ts.Node, parameterProperty: boolean): void {
    for (const modifier of ts.getModifiers(node as ts.HasModifiers) ?? []) {
      if (!KEPT_MEMBER_MODIFIERS.has(modifier.kind)) continue;
      if (parameterProperty && modifier.kind === ts.SyntaxKind.PublicKeyword) continue;
      out.copy(modifier.getStart(file), modifier.end).write(' ');
    }
  }

  /** `<T>(a: A, b?: B): R` (no return type where `noReturnType`: constructors and setters). */
  function writeSignature(node: ts.SignatureDeclarationBase, noReturnType: boolean): void {
    if (node.typeParameters) copyAngles(node.typeParameters);
    out.write('(');
    writeParameters(node.parameters);
    out.write(')');
    if (noReturnType) return;
    if (!node.type) throw unsupported(file, node, 'an exported function or method without a return type', 'state its return type, as --isolatedDeclarations requires');
    copyType(node.type);
  }

  function writeParameters(parameters: ts.NodeArray<ts.ParameterDeclaration>): void {
    parameters.forEach((parameter, i) => {
      out.write(i > 0 ? ', ' : '');
      if (parameter.dotDotDotToken) out.write('...');
      if (!ts.isIdentifier(parameter.name) && hasInitializer(parameter.name)) throw unsupported(file, parameter, 'a destructured parameter with default values', 'take the object and destructure it in the body');
      out.copy(parameter.name.getStart(file), parameter.name.end);
      if (parameter.questionToken || (parameter.initializer && !parameter.dotDotDotToken)) out.write('?');
      if (parameter.type) {
        copyType(parameter.type);
        // as tsc writes an optional parameter that declares a property
        if (parameter.questionToken && isParameterProperty(parameter) && !includesUndefined(parameter.type)) out.write(' | undefined');
        return;
      }
      const literal = literalType(parameter.initializer, file);
      if (!literal) throw unsupported(file, parameter, 'a parameter without a type', 'state its type, as --isolatedDeclarations requires');
      out.write(`: ${literal.widened}`);
    });
  }

  /** `: (a: A) => R` for an initializer that is a function with its types stated; false for any other. */
  function writeFunctionType(init: ts.Expression | undefined): boolean {
    if (!init || !(ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return false;
    out.write(': ');
    if (init.typeParameters) copyAngles(init.typeParameters);
    out.write('(');
    writeParameters(init.parameters);
    out.write(') => ');
    if (!init.type) throw unsupported(file, init, 'an exported function without a return type', 'state its return type, as --isolatedDeclarations requires');
    out.copy(init.type.getStart(file), init.type.end);
    return true;
  }

  function copyType(type: ts.TypeNode): void {
    out.write(': ').copy(type.getStart(file), type.end);
  }

  function copyAngles(list: ts.NodeArray<ts.Node>): void {
    const { start, end } = angleBrackets(text, list);
    out.copy(start, end);
  }
}

function includesUndefined(type: ts.TypeNode): boolean {
  if (type.kind === ts.SyntaxKind.UndefinedKeyword) return true;
  return ts.isUnionTypeNode(type) && type.types.some(includesUndefined);
}

function isEntityName(node: ts.Expression): boolean {
  return ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && isEntityName(node.expression));
}

function hasInitializer(pattern: ts.BindingPattern): boolean {
  return pattern.elements.some((e) => ts.isBindingElement(e) && (e.initializer !== undefined || (!ts.isIdentifier(e.name) && hasInitializer(e.name))));
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) return [statement.name.text];
  return [];
}

/**
 * The names a statement's declaration uses: in its types (type references, `typeof` queries,
 * heritage clauses, computed property names) and in export lists. Bodies, initializers and
 * private members are not part of the declaration and are not looked at.
 */
function namesUsedBy(statement: ts.Statement, file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const leftmost = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    else if (ts.isQualifiedName(node)) leftmost(node.left);
    else if (ts.isPropertyAccessExpression(node)) leftmost(node.expression);
  };
  const visit = (node: ts.Node | undefined): void => {
    if (!node) return;
    if (ts.isTypeReferenceNode(node)) leftmost(node.typeName);
    else if (ts.isExpressionWithTypeArguments(node)) leftmost(node.expression);
    else if (ts.isTypeQueryNode(node)) leftmost(node.exprName);
    else if (ts.isComputedPropertyName(node)) leftmost(node.expression);
    else if (ts.isExportDeclaration(node)) {
      if (!node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) for (const s of node.exportClause.elements) names.add((s.propertyName ?? s.name).getText(file));
      return;
    } else if (ts.isExportAssignment(node)) leftmost(node.expression);
    if (ts.isClassElement(node) && (hasModifier(node, ts.SyntaxKind.PrivateKeyword) || (node.name !== undefined && ts.isPrivateIdentifier(node.name)))) return;
    if (ts.isFunctionLike(node) && 'body' in node) {
      // the signature, not the body
      for (const p of node.parameters) visit(p.type ?? p.name);
      node.typeParameters?.forEach(visit);
      visit(node.type);
      return;
    }
    if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) {
      if (hasModifier(node, ts.SyntaxKind.PrivateKeyword)) return;
      visit(node.type);
      const init = node.initializer;
      if (!node.type && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) visit(init);
      if (ts.isComputedPropertyName(node.name)) visit(node.name);
      return;
    }
    if (ts.isClassElement(node) && (hasModifier(node, ts.SyntaxKind.PrivateKeyword) || (node.name !== undefined && ts.isPrivateIdentifier(node.name)))) return;
    if (ts.isClassStaticBlockDeclaration(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return names;
}
