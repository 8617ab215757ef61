/**
 * Name spelling shared by the naming passes: XSD names → TypeScript identifiers, and
 * deterministic collision handling.
 */
import { ts } from 'ts-morph';

/**
 * What separates words in an XML name: every character that cannot continue a TypeScript
 * identifier (`-`, `.`, `·`, and the name characters of other categories, such as U+0BF0 or
 * U+2E2F) and the connector punctuation (`_`, `‿`). The judge is TypeScript's own scanner, so
 * whatever a name holds, the identifier made of it is one tsc accepts.
 */
function words(name: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (ts.isIdentifierPart(code, ts.ScriptTarget.ES2022) && !/\p{Pc}|\$/u.test(ch)) word += ch;
    else if (word !== '') {
      out.push(word);
      word = '';
    }
  }
  if (word !== '') out.push(word);
  return out;
}

/** The first character upper-case, when that keeps it an identifier character (`ß` stays `ß`). */
function capitalized(word: string): string {
  const [first = '', ...rest] = word;
  const upper = first.toUpperCase();
  return ([...upper].every((c) => ts.isIdentifierPart(c.codePointAt(0)!, ts.ScriptTarget.ES2022)) ? upper : first) + rest.join('');
}

/** A name with no identifier character at all (`·-·`): its code points, `X00B7X002DX00B7`. */
function spelledOut(name: string, prefix: string): string {
  return [...name].map((c) => `${prefix}${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join('');
}

/** The identifier made to start with a character that may start one (`T` or `_` before a digit or a mark). */
function startable(name: string, prefix: string): string {
  return ts.isIdentifierStart(name.codePointAt(0)!, ts.ScriptTarget.ES2022) ? name : `${prefix}${name}`;
}

/** `get-tasks-info` → `GetTasksInfo`, `id_type` → `IdType`, `resultType` → `ResultType`. */
export function pascalCase(...parts: string[]): string {
  const all = parts.flatMap(words);
  if (all.length === 0) return parts.join('') === '' ? 'Anonymous' : spelledOut(parts.join(''), 'X');
  return startable(all.map(capitalized).join(''), 'T');
}

/** `task-id` → `taskId`, `db_server` → `dbServer`, `KEY` → `key`. */
export function camelCase(name: string): string {
  const all = words(name);
  if (all.length === 0) return name === '' ? '_' : `_${spelledOut(name, 'x')}`;
  const first = all[0]!;
  const head = first === first.toUpperCase() ? first.toLowerCase() : first[0]!.toLowerCase() + first.slice(1);
  return startable(head + all.slice(1).map(capitalized).join(''), '_');
}

/** Code-point order (never locale order). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Source order: file (code points), then line, then column. */
export function compareLocations(a: { loc: { file: string; line: number; column: number } }, b: { loc: { file: string; line: number; column: number } }): number {
  return compareCodePoints(a.loc.file, b.loc.file) || a.loc.line - b.loc.line || a.loc.column - b.loc.column;
}

/** Hands out unique names: the first claim gets the name, later ones a numeric suffix. */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  claim(base: string): string {
    if (!this.taken.has(base)) {
      this.taken.add(base);
      return base;
    }
    for (let i = 2; ; i++) {
      const candidate = `${base}${i}`;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}
