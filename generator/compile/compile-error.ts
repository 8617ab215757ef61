/**
 * What the package compiler (compile/) cannot compile: a construct outside the TypeScript it
 * supports, in a file the generator made or copied from runtime/. Always a bug in plesk-codegen
 * (an emitter or a runtime file), never the user's doing, hence an InternalError.
 */
import type { ts } from 'ts-morph';
import { InternalError } from '../errors.js';

export function unsupported(file: ts.SourceFile, node: ts.Node, what: string, fix: string): InternalError {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return new InternalError(`${file.fileName}:${line + 1}:${character + 1}: ${what} is outside the TypeScript that plesk-codegen compiles to JavaScript and declarations; ${fix}`);
}
