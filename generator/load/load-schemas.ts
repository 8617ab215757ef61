/**
 * Load stage: reads entry schemas and everything they include or import, from local paths only.
 *
 * Each entry schema becomes one {@link SchemaSet}: the entry and its include/import closure, in
 * depth-first document order. Plesk's schemas have no targetNamespace and include each other
 * freely (the graph may be cyclic); every file is read once. Files shared between sets (request
 * and response both include backup.xsd) are the same {@link SchemaDocument} object.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SchemaError } from '../errors.js';
import { parseXsdText, xsChildren, type XsdNode } from './xsd-node.js';

export interface SchemaDocument {
  /** absolute path */
  absPath: string;
  /** path shown to users and written into generated banners */
  displayPath: string;
  root: XsdNode;
  /** the schema's targetNamespace ('' when absent, as in all of Plesk's files) */
  targetNamespace: string;
}

export interface SchemaSet {
  entry: SchemaDocument;
  /** the entry first, then its includes and imports, depth-first, each once */
  documents: SchemaDocument[];
}

/** Where schema text comes from; tests pass an in-memory map. */
export type ReadText = (absPath: string) => string | undefined;

export const readTextFromDisk: ReadText = (absPath) => {
  try {
    return readFileSync(absPath, 'utf8');
  } catch {
    return undefined;
  }
};

export interface LoadOptions {
  /**
   * directory display paths are relative to; default: the entry schemas' folder (their nearest
   * common folder), so that what is written into the output does not depend on the working
   * directory
   */
  baseDir?: string;
  read?: ReadText;
}

/** The nearest folder that holds every one of `files` (absolute paths). */
export function commonFolder(files: readonly string[]): string {
  const dirs = files.map((f) => path.dirname(path.resolve(f)).split(path.sep));
  const common: string[] = [];
  for (let i = 0; dirs.every((d) => i < d.length && d[i] === dirs[0]![i]); i++) common.push(dirs[0]![i]!);
  return common.join(path.sep) || path.sep;
}

export function loadSchemaSets(entries: string[], options: LoadOptions = {}): SchemaSet[] {
  const read = options.read ?? readTextFromDisk;
  const cache = new Map<string, SchemaDocument>();
  const baseDir = options.baseDir ?? commonFolder(entries);
  const displayOf = (abs: string) => path.relative(baseDir, abs).split(path.sep).join('/');

  const readDocument = (absPath: string, from?: XsdNode): SchemaDocument => {
    const cached = cache.get(absPath);
    if (cached) return cached;
    const text = read(absPath);
    if (text === undefined) {
      if (from) {
        throw new SchemaError('include-missing', from.loc, `the schema "${from.attrs.get('schemaLocation')}" it ${from.local}s does not exist (looked for ${absPath})`, 'correct schemaLocation (it is resolved relative to the including file) or add the missing file');
      }
      throw new SchemaError('file-not-found', { file: displayOf(absPath) }, 'the schema file does not exist', 'pass the path of an existing .xsd file');
    }
    const root = parseXsdText(text, displayOf(absPath));
    const doc: SchemaDocument = { absPath, displayPath: displayOf(absPath), root, targetNamespace: root.attrs.get('targetNamespace') ?? '' };
    cache.set(absPath, doc);
    return doc;
  };

  return entries.map((entryPath) => {
    const entry = readDocument(path.resolve(entryPath));
    const documents: SchemaDocument[] = [];
    const seen = new Set<string>();
    const visit = (doc: SchemaDocument) => {
      if (seen.has(doc.absPath)) return;
      seen.add(doc.absPath);
      documents.push(doc);
      for (const child of xsChildren(doc.root)) {
        if (child.local !== 'include' && child.local !== 'import' && child.local !== 'redefine') continue;
        if (child.local === 'redefine') {
          throw new SchemaError('unsupported-construct', child.loc, 'xs:redefine is not supported', 'copy the redefined declarations into the schema instead');
        }
        const location = child.attrs.get('schemaLocation');
        if (location === undefined) {
          if (child.local === 'import') continue; // an import without a location names a namespace only
          throw new SchemaError('include-missing', child.loc, 'xs:include has no schemaLocation', 'add schemaLocation="<file>.xsd"');
        }
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
          throw new SchemaError('include-missing', child.loc, `"${location}" is a URL; the generator reads local files only`, 'download the schema and refer to it by a relative path');
        }
        visit(readDocument(path.resolve(path.dirname(doc.absPath), location), child));
      }
    };
    visit(entry);
    return { entry, documents };
  });
}
