/**
 * Translates an XSD regular expression (XML Schema Part 2, appendix F) into the source of an
 * equivalent JavaScript regular expression for the `u` flag.
 *
 * XSD patterns are implicitly anchored, treat `^` and `$` as ordinary characters, give `.` the
 * meaning "anything but \n and \r", and define `\d`, `\w`, `\i`, `\c` over Unicode. Constructs with
 * no JavaScript equivalent (`\p{IsBlock}`, class subtraction) are reported, never approximated.
 */

const NAME_START = '\\p{L}\\p{Nl}_:';
const NAME_CHAR = `${NAME_START}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Lm}\\-.\\u00B7`;

const MULTI_ESCAPES: Record<string, { outside: string; inside?: string }> = {
  d: { outside: '\\p{Nd}', inside: '\\p{Nd}' },
  D: { outside: '\\P{Nd}' },
  s: { outside: '[ \\t\\n\\r]', inside: ' \\t\\n\\r' },
  S: { outside: '[^ \\t\\n\\r]' },
  w: { outside: '[^\\p{P}\\p{Z}\\p{C}]' },
  W: { outside: '[\\p{P}\\p{Z}\\p{C}]' },
  i: { outside: `[${NAME_START}]`, inside: NAME_START },
  I: { outside: `[^${NAME_START}]` },
  c: { outside: `[${NAME_CHAR}]`, inside: NAME_CHAR },
  C: { outside: `[^${NAME_CHAR}]` },
};
const SINGLE_ESCAPES: Record<string, string> = { n: '\\n', r: '\\r', t: '\\t' };
const SYNTAX_CHARS = '\\|.-^?*+{}()[]$/';

export class PatternError extends Error {}

/** Returns the JavaScript source (to be compiled with flag `u`) for an XSD pattern. */
export function translateXsdPattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new PatternError('the pattern ends with a lone backslash');
      i++;
      if (next === 'p' || next === 'P') {
        const close = pattern.indexOf('}', i);
        if (pattern[i + 1] !== '{' || close < 0) throw new PatternError(`\\${next} must be followed by {Category}`);
        const category = pattern.slice(i + 2, close);
        if (category.startsWith('Is')) throw new PatternError(`the Unicode block escape \\${next}{${category}} has no JavaScript equivalent`);
        if (!/^[A-Z][a-z]?$/.test(category)) throw new PatternError(`unknown Unicode category \\${next}{${category}}`);
        out += `\\${next}{${category}}`;
        i = close;
      } else if (next in MULTI_ESCAPES) {
        const esc = MULTI_ESCAPES[next]!;
        if (inClass && esc.inside === undefined) throw new PatternError(`\\${next} inside a character class is not supported`);
        out += inClass ? esc.inside : esc.outside;
      } else if (next in SINGLE_ESCAPES) {
        out += SINGLE_ESCAPES[next];
      } else if (SYNTAX_CHARS.includes(next)) {
        out += next === '-' && !inClass ? '-' : `\\${next}`;
      } else {
        throw new PatternError(`\\${next} is not an XSD escape`);
      }
      continue;
    }
    if (inClass) {
      if (ch === '[') {
        if (pattern[i - 1] === '-') throw new PatternError('character class subtraction ([a-z-[aeiou]]) is not supported');
        out += '\\[';
      } else if (ch === ']') {
        inClass = false;
        out += ']';
      } else out += ch === '/' ? '\\/' : ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += '[';
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
    } else if (ch === '.') out += '[^\\n\\r]';
    else if (ch === '^' || ch === '$' || ch === '/') out += `\\${ch}`;
    else out += ch;
  }
  if (inClass) throw new PatternError('a character class is not closed');
  const source = `^(?:${out})$`;
  try {
    new RegExp(source, 'u');
  } catch (error) {
    throw new PatternError(`it does not translate to a valid regular expression (${(error as Error).message})`);
  }
  return source;
}
