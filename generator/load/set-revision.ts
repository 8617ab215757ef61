/**
 * The revision of a schema set: a hash of the content of every file it reads (the entry schemas
 * and everything they include), with their paths inside the set. One protocol number can carry
 * several revisions of its schemas (1.6.9.1 has had at least three), so a package of several
 * versions records each set's revision beside its number (protocol-version.ts), and `--check`
 * sees a set whose files changed even where the generated code would not.
 *
 * `sha256:` and the first 16 hex digits of SHA-256 over `path NUL digest NUL` of each file, in
 * code-point order of the paths.
 */
import { createHash } from 'node:crypto';
import type { SchemaSet } from './load-schemas.js';
import { compareCodePoints } from '../passes/names.js';

export function setRevision(sets: readonly SchemaSet[]): string {
  const files = new Map<string, string>();
  for (const set of sets) for (const doc of set.documents) files.set(doc.displayPath, doc.digest);
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort(compareCodePoints)) hash.update(`${path}\0${files.get(path)}\0`);
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
