/**
 * Hover text as an editor shows it: the TypeScript language service's quick info for names of a
 * generated package, under the package's own settings (--strict, nodenext) and with
 * `noErrorTruncation` off, as an editor runs it. Used by test/hover.test.ts and
 * scripts/measure-hover.ts.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  skipLibCheck: true,
  noErrorTruncation: false,
  types: ['node'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** A language service over a written package (`<dir>/src`) and one probe file of ours. */
export function hoverService(packageDir: string, probe: string): { service: ts.LanguageService; probeFile: string } {
  const dir = path.resolve(packageDir);
  const probeFile = path.join(dir, 'hover-probe.ts');
  const files = [...sourceFiles(path.join(dir, 'src')), probeFile];
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => files,
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const text = file === probeFile ? probe : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => OPTIONS,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => file === probeFile || ts.sys.fileExists(file),
    readFile: (file) => (file === probeFile ? probe : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return { service: ts.createLanguageService(host, ts.createDocumentRegistry()), probeFile };
}

/**
 * The hover text of each exported type of `<dir>/src/types.ts` named, at a use of it in user
 * code (`let x: T.Name`), keyed by name. The text is what the editor's tooltip shows first
 * (the declaration, without its JSDoc).
 */
export function hoverTexts(dir: string, names: string[]): Map<string, string> {
  const lines = names.map((n) => `export let v${n}: T.${n};`);
  const probe = `import type * as T from './src/types.js';\n${lines.join('\n')}\n`;
  const { service, probeFile } = hoverService(dir, probe);
  const texts = new Map<string, string>();
  for (const name of names) {
    const at = probe.indexOf(`T.${name};`) + 2;
    const info = service.getQuickInfoAtPosition(probeFile, at);
    texts.set(name, info ? ts.displayPartsToString(info.displayParts) : '');
  }
  return texts;
}

/**
 * The exported types of `<dir>/src/types.ts` that the properties of each named type refer to, one
 * level down (`ClientTypeRequestGet` → `ClientSelectionFilterType`, `ClientDatasetType`): what a
 * user hovers next, after the request type.
 */
export function propertyTypeNames(dir: string, names: string[]): Map<string, string[]> {
  const probe = `import type * as T from './src/types.js';\n`;
  const { service } = hoverService(dir, probe);
  const program = service.getProgram()!;
  const checker = program.getTypeChecker();
  const types = program.getSourceFile(path.join(path.resolve(dir), 'src', 'types.ts'))!;
  const exported = new Map(checker.getExportsOfModule(checker.getSymbolAtLocation(types)!).map((s) => [s.name, s]));
  const result = new Map<string, string[]>();
  for (const name of names) {
    const found: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isPropertySignature(node) && node.type) {
        node.type.forEachChild(function refs(n: ts.Node): void {
          if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && exported.has(n.typeName.text) && !found.includes(n.typeName.text)) found.push(n.typeName.text);
          n.forEachChild(refs);
        });
        if (ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.type.typeName) && exported.has(node.type.typeName.text) && !found.includes(node.type.typeName.text)) found.push(node.type.typeName.text);
        return;
      }
      node.forEachChild(visit);
    };
    for (const declaration of exported.get(name)?.declarations ?? []) visit(declaration);
    result.set(name, found);
  }
  return result;
}
