/**
 * Name spelling shared by the naming passes: XSD names → TypeScript identifiers, and
 * deterministic collision handling.
 */

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** `get-tasks-info` → `GetTasksInfo`, `id_type` → `IdType`, `resultType` → `ResultType`. */
export function pascalCase(...parts: string[]): string {
  const words = parts.flatMap((p) => p.split(WORD_SPLIT)).filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return name === '' ? 'Anonymous' : /^\p{N}/u.test(name) ? `T${name}` : name;
}

/** `task-id` → `taskId`, `db_server` → `dbServer`, `KEY` → `key`. */
export function camelCase(name: string): string {
  const words = name.split(WORD_SPLIT).filter(Boolean);
  if (words.length === 0) return '_';
  const first = words[0]!;
  const head = first === first.toUpperCase() ? first.toLowerCase() : first[0]!.toLowerCase() + first.slice(1);
  const result = head + words.slice(1).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^\p{N}/u.test(result) ? `_${result}` : result;
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
