/**
 * Printing rows: `table` and `wide` (columns.ts; aligned, the header bold and the state of a task
 * coloured only when colour is on: a terminal, no NO_COLOR, no --no-color), `json` (the rows as
 * one array), `ndjson` (one row per line), each JSON in the shape of the package's types (what
 * --input takes back), integers beyond 2^53 written exactly. No pager: the output is the output.
 */
import { cellText, valueAt, visibleColumns, type Column } from './columns.js';

export type Format = 'table' | 'wide' | 'json' | 'ndjson' | 'xml';
export const FORMATS: readonly Format[] = ['table', 'wide', 'json', 'ndjson', 'xml'];

export interface Paint {
  bold(text: string): string;
  state(text: string): string;
}

export const PLAIN: Paint = { bold: (t) => t, state: (t) => t };

const STATE_COLOURS: ReadonlyMap<string, string> = new Map([
  ['finished', '32'], ['ok', '32'], ['working', '33'], ['failed', '31'], ['error', '31'], ['stopped', '35'], ['timeout', '31'], ['transport', '31'],
]);

export const COLOUR: Paint = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  state: (t) => {
    const code = STATE_COLOURS.get(t.trim());
    return code ? `\u001b[${code}m${t}\u001b[39m` : t;
  },
};

/** Whether to colour what goes to a stream: it is a terminal, and neither NO_COLOR nor --no-color says no. */
export function wantsColour(isTTY: boolean | undefined, env: { readonly [name: string]: string | undefined }, noColor: boolean): boolean {
  return isTTY === true && !noColor && (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '') && env['TERM'] !== 'dumb';
}

/** The rows as an aligned table; empty text when there is nothing to show. */
export function renderTable(columns: readonly Column[], rows: readonly unknown[], wide: boolean, paint: Paint): string {
  const shown = visibleColumns(columns, rows, wide);
  if (shown.length === 0 || rows.length === 0) return '';
  const cells = rows.map((row) => shown.map((c) => oneLine(cellText(c, valueAt(row, c.props)))));
  const widths = shown.map((c, i) => Math.max(c.header.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[], style: (text: string, i: number) => string) => values.map((v, i) => style(i === values.length - 1 ? v : v.padEnd(widths[i]!), i)).join('  ').trimEnd();
  const header = line(shown.map((c) => c.header), (t) => paint.bold(t));
  const body = cells.map((values) => line(values, (t, i) => (shown[i]!.path.endsWith('status') ? paint.state(t) : t)));
  return `${[header, ...body].join('\n')}\n`;
}

function oneLine(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

/** JSON of a decoded value: own enumerable properties, bigints as exact numbers, `undefined` left out. */
export function toJson(value: unknown, indent = '', step = '  '): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return 'null';
  }
  const inner = step === '' ? '' : `${indent}${step}`;
  const open = step === '' ? '' : '\n';
  const sep = step === '' ? ',' : ',\n';
  const close = step === '' ? '' : `\n${indent}`;
  const colon = step === '' ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((v) => `${inner}${toJson(v === undefined ? null : v, inner, step)}`).join(sep)}${close}]`;
  }
  const entries = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  if (entries.length === 0) return '{}';
  return `{${open}${entries.map((k) => `${inner}${JSON.stringify(k)}${colon}${toJson((value as Record<string, unknown>)[k], inner, step)}`).join(sep)}${close}}`;
}

/** The rows in a JSON format. */
export function renderJson(rows: readonly unknown[], format: 'json' | 'ndjson'): string {
  if (format === 'json') return `${toJson(rows)}\n`;
  return rows.map((row) => `${toJson(row, '', '')}\n`).join('');
}
