/**
 * Counts the work a synchronous function does on strings, the same on every machine: while it
 * runs, the String and RegExp methods that examine or copy characters are wrapped, and each call
 * adds the number of characters it examined (or copied) to a counter. A reader whose count grows
 * faster than its input reads some characters again and again, however fast the machine is.
 *
 * What it counts, per call: `charCodeAt`, `codePointAt`, `charAt`, `at`: 1; `indexOf`,
 * `includes`: the characters from the start position to the match's end (or to the end);
 * `lastIndexOf`: from the start position back to the match; `startsWith`, `endsWith`: the search
 * string's length; `slice`, `substring`, `substr`: the characters of the part (a copy at most);
 * methods that rewrite or search the whole (`trim`, `split`, `replace`, `toLowerCase`, …): the
 * string's length; `RegExp.prototype.exec` (which `test`,
 * `match`, `replace` and `split` call once it is wrapped): from `lastIndex` (or 0) to the match's
 * end, or to the end of the input. Not counted: `s[i]`, `+`, template literals, and backtracking
 * inside one regular expression match (the readers under test use none of the first three; their
 * patterns are anchored or linear).
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;

const ONE = ['charCodeAt', 'codePointAt', 'charAt', 'at'] as const;
const PART = ['slice', 'substring', 'substr'] as const;
const WHOLE = ['trim', 'trimStart', 'trimEnd', 'split', 'replace', 'replaceAll', 'toLowerCase', 'toUpperCase', 'normalize', 'padStart', 'padEnd', 'match', 'matchAll', 'search', 'localeCompare'] as const;

let work = 0;
const nativeIndexOf = String.prototype.indexOf;

function lengthOf(value: unknown): number {
  return typeof value === 'string' ? value.length : String(value).length;
}

function wrapped(name: string, original: Method): Method {
  if ((ONE as readonly string[]).includes(name)) {
    return function (this: unknown, ...args: unknown[]) {
      work += 1;
      return original.apply(this, args);
    };
  }
  if (name === 'indexOf' || name === 'includes') {
    return function (this: unknown, ...args: unknown[]) {
      const text = String(this);
      const from = Math.max(0, Math.min(text.length, Number(args[1] ?? 0) || 0));
      const found = nativeIndexOf.call(text, String(args[0]), from);
      work += Math.max(1, (found === -1 ? text.length : found + String(args[0]).length) - from);
      return original.apply(this, args);
    };
  }
  if (name === 'lastIndexOf') {
    return function (this: unknown, ...args: unknown[]) {
      const text = String(this);
      const from = args[1] === undefined ? text.length : Math.max(0, Math.min(text.length, Number(args[1]) || 0));
      const found = original.apply(this, args) as number;
      work += Math.max(1, from - (found === -1 ? 0 : found));
      return found;
    };
  }
  if ((PART as readonly string[]).includes(name)) {
    return function (this: unknown, ...args: unknown[]) {
      const part = original.apply(this, args);
      work += Math.max(1, lengthOf(part));
      return part;
    };
  }
  if (name === 'startsWith' || name === 'endsWith') {
    return function (this: unknown, ...args: unknown[]) {
      work += Math.max(1, lengthOf(args[0]));
      return original.apply(this, args);
    };
  }
  return function (this: unknown, ...args: unknown[]) {
    work += Math.max(1, lengthOf(this));
    return original.apply(this, args);
  };
}

function wrappedExec(original: RegExp['exec']): RegExp['exec'] {
  return function (this: RegExp, input: string) {
    const start = this.global || this.sticky ? this.lastIndex : 0;
    const match = original.call(this, input);
    const text = String(input);
    work += Math.max(1, match === null ? text.length - start : match.index + match[0].length - start);
    return match;
  };
}

/** The characters `run` examined, by the rules above; what it returns or throws is ignored. */
export function countWork(run: () => unknown): number {
  const names = [...ONE, ...PART, ...WHOLE, 'indexOf', 'includes', 'lastIndexOf', 'startsWith', 'endsWith'];
  const proto = String.prototype as unknown as Record<string, Method>;
  const saved = names.map((name) => [name, proto[name]!] as const);
  const savedExec = RegExp.prototype.exec;
  // the wrappers call the saved originals, never a wrapped method
  for (const [name, original] of saved) proto[name] = wrapped(name, original);
  RegExp.prototype.exec = wrappedExec(savedExec);
  work = 0;
  try {
    run();
  } catch {
    // a reader refusing its input has still done its work
  } finally {
    for (const [name, original] of saved) proto[name] = original;
    RegExp.prototype.exec = savedExec;
  }
  return work;
}
