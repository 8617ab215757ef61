/**
 * Load stage: reads entry schemas and everything they include or import, from local paths only.
 *
 * Each entry schema becomes one {@link SchemaSet}: the entry and its include/import closure, in
 * depth-first document order. Plesk's schemas have no targetNamespace and include each other
 * freely (the graph may be cyclic); every file is read once. Files shared between sets (request
 * and response both include backup.xsd) are the same {@link SchemaDocument} object.
 *
 * Schemas are untrusted input (docs/untrusted-input.md): files are read only when they are regular
 * files of at most {@link MAX_SCHEMA_BYTES}; an include or import must stay inside the entry
 * schema's folder (also after following symbolic links) unless `allowOutsideIncludes` says
 * otherwise, and is refused before the file is touched; chains of includes are followed with a
 * work list, at most {@link MAX_INCLUDE_DEPTH} files deep.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { SchemaError } from '../errors.js';
import { formatBytes, MAX_INCLUDE_DEPTH, MAX_SCHEMA_BYTES } from '../limits.js';
import { describeProblem, readRegularFile, type FileProblem, type FileRead } from '../regular-file.js';
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

export type ReadFailure = Extract<FileRead, { ok: false }>;

/** Where schema text comes from; tests pass an in-memory map. `undefined`: the file does not exist. */
export type ReadText = (absPath: string) => string | undefined | ReadFailure;

export const readTextFromDisk: ReadText = (absPath) => {
  const read = readRegularFile(absPath, { maxBytes: MAX_SCHEMA_BYTES });
  return read.ok ? read.text : read;
};

export interface LoadOptions {
  /**
   * directory display paths are relative to; default: the entry schemas' folder (their nearest
   * common folder), so that what is written into the output does not depend on the working
   * directory
   */
  baseDir?: string;
  read?: ReadText;
  /**
   * the path a path leads to after symbolic links (undefined when it does not exist); default:
   * the file system's when `read` is the disk's, else the path itself
   */
  realpath?: (absPath: string) => string | undefined;
  /** follow includes and imports that lead outside the entry schema's folder (default false) */
  allowOutsideIncludes?: boolean;
}

/** The option's spellings, for the message that names it. */
export const OUTSIDE_OPTION = 'allowOutsideIncludes: true in the config file or the API (--allow-outside-includes on the command line)';

/**
 * Where a path leads after symbolic links; for a file that does not exist, where its folder leads
 * (so that a link to a folder outside is refused before a missing file there is reported).
 */
const realpathOnDisk = (absPath: string): string | undefined => {
  for (const [dir, rest] of [[absPath, ''], [path.dirname(absPath), path.basename(absPath)]] as const) {
    try {
      return path.join(realpathSync.native(dir), rest);
    } catch {
      // try the folder, then give up
    }
  }
  return undefined;
};

/** The nearest folder that holds every one of `files` (absolute paths). */
export function commonFolder(files: readonly string[]): string {
  const dirs = files.map((f) => path.dirname(path.resolve(f)).split(path.sep));
  const common: string[] = [];
  for (let i = 0; dirs.every((d) => i < d.length && d[i] === dirs[0]![i]); i++) common.push(dirs[0]![i]!);
  return common.join(path.sep) || path.sep;
}

/** True when `file` is `folder` or inside it (both absolute, normalised). */
function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The fix for a file that could not be read; `where` names what points at it ("schemaLocation", "the path"). */
function readFix(problem: FileProblem, where: string): string {
  switch (problem) {
    case 'missing': return 'correct schemaLocation (it is resolved relative to the including file) or add the missing file';
    case 'directory': return `name the .xsd file inside the folder in ${where}`;
    case 'device': case 'fifo': case 'socket': case 'symlink': return `name a schema file in ${where}: plesk-codegen reads regular files only`;
    case 'too-large': return `check that ${where} names the schema you mean: plesk-codegen reads schema files of up to ${formatBytes(MAX_SCHEMA_BYTES)} (Plesk's largest is 35 KB)`;
    case 'permission': return 'give the user running plesk-codegen permission to read the file';
    case 'error': return 'check the file and the disk, then run again';
  }
}

/** An include or import waiting to be followed. */
interface PendingInclude {
  node: XsdNode;
  from: SchemaDocument;
  /** how many files deep the included file would be (the entry is 1) */
  depth: number;
}

export function loadSchemaSets(entries: string[], options: LoadOptions = {}): SchemaSet[] {
  const read = options.read ?? readTextFromDisk;
  const realpath = options.realpath ?? (options.read ? (p: string) => p : realpathOnDisk);
  const cache = new Map<string, SchemaDocument>();
  const baseDir = options.baseDir ?? commonFolder(entries);
  const displayOf = (abs: string) => path.relative(baseDir, abs).split(path.sep).join('/');

  const readDocument = (absPath: string, from?: XsdNode): SchemaDocument => {
    const cached = cache.get(absPath);
    if (cached) return cached;
    const text = read(absPath);
    if (typeof text !== 'string') throw readError(absPath, text ?? { ok: false, problem: 'missing' }, from);
    const root = parseXsdText(text, displayOf(absPath));
    const doc: SchemaDocument = { absPath, displayPath: displayOf(absPath), root, targetNamespace: root.attrs.get('targetNamespace') ?? '' };
    cache.set(absPath, doc);
    return doc;
  };

  const readError = (absPath: string, failure: ReadFailure, from?: XsdNode): SchemaError => {
    if (from) {
      const what = `the schema "${from.attrs.get('schemaLocation')}" it ${from.local}s`;
      if (failure.problem === 'missing') return new SchemaError('include-missing', from.loc, `${what} does not exist (looked for ${absPath})`, readFix('missing', 'schemaLocation'));
      return new SchemaError('file-unreadable', from.loc, `${what} ${describeProblem(failure, MAX_SCHEMA_BYTES)} (${absPath})`, readFix(failure.problem, 'schemaLocation'));
    }
    if (failure.problem === 'missing') return new SchemaError('file-not-found', { file: displayOf(absPath) }, 'the schema file does not exist', 'pass the path of an existing .xsd file');
    return new SchemaError('file-unreadable', { file: displayOf(absPath) }, `the schema file ${describeProblem(failure, MAX_SCHEMA_BYTES)}`, readFix(failure.problem, 'the path'));
  };

  return entries.map((entryPath) => {
    const entryAbs = path.resolve(entryPath);
    const folder = path.dirname(entryAbs);
    const realFolder = realpath(folder) ?? folder;
    const entry = readDocument(entryAbs);
    const documents: SchemaDocument[] = [];
    const seen = new Set<string>();
    /** the document each one was first included from, to show a chain that is too long */
    const includedFrom = new Map<SchemaDocument, SchemaDocument>();

    const visit = (doc: SchemaDocument, depth: number, work: PendingInclude[]) => {
      seen.add(doc.absPath);
      documents.push(doc);
      const children = xsChildren(doc.root);
      for (let i = children.length - 1; i >= 0; i--) {
        // pushed last to first: the first include is followed first
        const child = children[i]!;
        if (child.local === 'include' || child.local === 'import' || child.local === 'redefine') work.push({ node: child, from: doc, depth: depth + 1 });
      }
    };

    const follow = ({ node, from, depth }: PendingInclude, work: PendingInclude[]) => {
      if (node.local === 'redefine') {
        throw new SchemaError('unsupported-construct', node.loc, 'xs:redefine is not supported', 'copy the redefined declarations into the schema instead');
      }
      const location = node.attrs.get('schemaLocation');
      if (location === undefined) {
        if (node.local === 'import') return; // an import without a location names a namespace only
        throw new SchemaError('include-missing', node.loc, 'xs:include has no schemaLocation', 'add schemaLocation="<file>.xsd"');
      }
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
        throw new SchemaError('include-missing', node.loc, `"${location}" is a URL; the generator reads local files only`, 'download the schema and refer to it by a relative path');
      }
      if (location.includes('\0')) {
        throw new SchemaError('include-missing', node.loc, `schemaLocation "${location.replace(/\0/g, '\\0')}" holds a NUL character`, 'correct schemaLocation');
      }
      const absPath = path.resolve(path.dirname(from.absPath), location);
      if (seen.has(absPath)) return;
      if (!options.allowOutsideIncludes) {
        const real = isInside(folder, absPath) ? realpath(absPath) : undefined;
        if (!isInside(folder, absPath) || (real !== undefined && !isInside(realFolder, real))) {
          const leads = real !== undefined && real !== absPath ? `${absPath}, which leads to ${real}` : absPath;
          throw new SchemaError(
            'include-outside',
            node.loc,
            `the schema "${location}" it ${node.local}s is outside the entry schema's folder: ${leads} is not in ${realFolder === folder ? folder : `${folder} (${realFolder})`}; a schema can name any file, so plesk-codegen follows includes and imports only inside that folder unless told otherwise`,
            `move the schema into ${folder}, or, if you trust these schemas, allow includes outside it with ${OUTSIDE_OPTION}`,
          );
        }
      }
      if (depth > MAX_INCLUDE_DEPTH) throw chainTooLong(node, from, location);
      const doc = readDocument(absPath, node);
      if (seen.has(doc.absPath)) return;
      includedFrom.set(doc, from);
      visit(doc, depth, work);
    };

    const chainTooLong = (node: XsdNode, from: SchemaDocument, location: string): SchemaError => {
      const chain: string[] = [];
      for (let doc: SchemaDocument | undefined = from; doc; doc = includedFrom.get(doc)) chain.unshift(doc.displayPath);
      const shown = chain.length > 4 ? [...chain.slice(0, 2), '…', ...chain.slice(-2)] : chain;
      return new SchemaError(
        'limit-exceeded',
        node.loc,
        `"${location}" would be file ${chain.length + 1} of one chain of includes (${shown.join(' → ')} → "${location}"); plesk-codegen follows includes at most ${MAX_INCLUDE_DEPTH} files deep`,
        "include the schemas from fewer levels (Plesk's chains are 5 files long); a chain this long is usually generated, or a loop through ever new file names",
      );
    };

    const work: PendingInclude[] = [];
    visit(entry, 1, work);
    for (let next = work.pop(); next; next = work.pop()) follow(next, work);
    return { entry, documents };
  });
}
