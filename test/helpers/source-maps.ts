/** Reads a source map (version 3) back into positions, to check where its mappings lead. */

export interface Mapping {
  line: number;
  column: number;
  source: number;
  sourceLine: number;
  sourceColumn: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeMappings(mappings: string): Mapping[] {
  const out: Mapping[] = [];
  const state = [0, 0, 0, 0];
  mappings.split(';').forEach((line, lineIndex) => {
    state[0] = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        if (digit < 0) throw new Error(`not a base64 digit: ${char}`);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      values.forEach((v, i) => (state[i] = state[i]! + v));
      out.push({ line: lineIndex, column: state[0]!, source: state[1]!, sourceLine: state[2]!, sourceColumn: state[3]! });
    }
  });
  return out;
}

/** The word (identifier) starting at a line and column of a text given as its lines, or '' when none starts there. */
export function wordAt(lines: string[], line: number, column: number): string {
  const word = /[A-Za-z_$][\w$]*/y;
  word.lastIndex = column;
  return word.exec(lines[line] ?? '')?.[0] ?? '';
}
