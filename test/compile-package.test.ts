/**
 * The package compiler (generator/compile/) on its own: the trees ts-morph printed and a fresh
 * parse give the same files; what it writes for the TypeScript constructs with run-time meaning
 * (enums, parameter properties after super(…)); what it refuses, with the message that names the
 * line and the fix.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilePackage } from '../generator/compile/compile-package.js';
import { readManifest } from '../generator/manifest.js';
import { ROOT } from './helpers/project.js';

const GENERATED = path.join(ROOT, 'generated');
const compileOne = (text: string) => compilePackage(new Map([['src/sample.ts', text]]));
const message = (text: string) => {
  try {
    compileOne(text);
    return 'compiled';
  } catch (error) {
    return (error as Error).message;
  }
};

test("compiling generated/src by parsing it gives the committed dist/ (which generation made from ts-morph's trees and the runtime compiled once)", (t) => {
  const sources = new Map(readManifest(GENERATED).filter((f) => f.startsWith('src/')).map((f) => [f, readFileSync(path.join(GENERATED, f), 'utf8')]));
  const compiled = compilePackage(sources);
  t.is(compiled.size, sources.size * 3);
  for (const [rel, text] of compiled) t.is(text, readFileSync(path.join(GENERATED, rel), 'utf8'), rel);
});

test('an enum and constructor parameters that declare properties are written as tsc writes them', (t) => {
  const out = compileOne(`import type { A } from './a.js';
export const enum Kind { Elements, Simple = 5, Any, Named = 'n' }
export class Failure extends Error {
  readonly name = 'Failure';
  constructor(readonly operation: string, private readonly detail?: A) {
    const text = \`\${operation} failed\`;
    super(text);
  }
}
`);
  t.is(out.get('dist/sample.js'), `export var Kind;
(function (Kind) {
  Kind[Kind["Elements"] = 0] = "Elements";
  Kind[Kind["Simple"] = 5] = "Simple";
  Kind[Kind["Any"] = 6] = "Any";
  Kind["Named"] = "n";
})(Kind || (Kind = {}));
export class Failure extends Error {
  operation;
  detail;
  name = 'Failure';
  constructor(operation, detail) {
    const text = \`\${operation} failed\`;
    super(text);
    this.operation = operation;
    this.detail = detail;
  }
}
`);
  t.is(out.get('dist/sample.d.ts'), `import type { A } from './a.js';
export declare const enum Kind {
  Elements = 0,
  Simple = 5,
  Any = 6,
  Named = "n"
}
export declare class Failure extends Error {
  readonly operation: string;
  private readonly detail;
  readonly name = "Failure";
  constructor(operation: string, detail?: A | undefined);
}
//# sourceMappingURL=sample.d.ts.map
`);
});

test('a literal initialized `as const` is declared with its readonly literal type, doc comments kept', (t) => {
  const out = compileOne("export const NAMES = {\n  /** the root */\n  packet: 'packet',\n  codes: [1, -2, true],\n} as const;\n");
  t.is(out.get('dist/sample.js'), "export const NAMES = {\n  /** the root */\n  packet: 'packet',\n  codes: [1, -2, true],\n};\n");
  t.is(out.get('dist/sample.d.ts'), 'export declare const NAMES: {\n  /** the root */\n  readonly packet: "packet";\n  readonly codes: readonly [1, -2, true];\n};\n//# sourceMappingURL=sample.d.ts.map\n');
});

test('what the compiler does not support is an internal error naming the file, line and fix', (t) => {
  t.is(message('export const size = Math.max(1, 2);\n'), 'internal error (a bug in plesk-codegen, please report it): src/sample.ts:1:14: the exported variable size without a type is outside the TypeScript that plesk-codegen compiles to JavaScript and declarations; state its type (`: T`), as --isolatedDeclarations requires');
  t.is(message('export function f(a: string) {\n  return a;\n}\n'), 'internal error (a bug in plesk-codegen, please report it): src/sample.ts:1:1: an exported function or method without a return type is outside the TypeScript that plesk-codegen compiles to JavaScript and declarations; state its return type, as --isolatedDeclarations requires');
  t.is(message('namespace N {\n  export const a = 1;\n}\n'), 'internal error (a bug in plesk-codegen, please report it): src/sample.ts:1:1: a namespace is outside the TypeScript that plesk-codegen compiles to JavaScript and declarations; use a module');
  t.is(message('export = 1;\n'), 'internal error (a bug in plesk-codegen, please report it): src/sample.ts:1:1: `export =` is outside the TypeScript that plesk-codegen compiles to JavaScript and declarations; use an ES export');
  t.is(message('export const a: number = ;\n'), "internal error (a bug in plesk-codegen, please report it): src/sample.ts:1:26: the generated source does not parse: Expression expected.");
});
