/**
 * The columns of a table, read from the rows' type in the metadata, in the schema's sequence
 * order (never alphabetical): every simple element and attribute is a column, a nested record's
 * are too (named by their path, down to {@link MAX_COLUMN_DEPTH} records), a repeated simple
 * element is one column of its values joined, a repeated record one column counting them. The
 * default table shows the required columns (what every row has); `-o wide` adds the optional
 * ones that some row fills. Cells are formatted for people: flags as `yes`, sizes in KiB/MiB/GiB,
 * Unix times of `…date…` elements as UTC dates; JSON keeps the values as they are.
 */
import type { ComplexTypeMeta, Particle, SchemaMeta, SimpleTypeMeta, TypeRef } from '../codec/meta.js';
import { own } from '../codec/own-properties.js';
import { isFlagType } from './schema-walk.js';

export const MAX_COLUMN_DEPTH = 3;
const STATUS = new Set(['status', 'errcode', 'errtext']);

export interface Column {
  header: string;
  /** the properties from a row to its value */
  props: string[];
  /** the XML path below the row */
  path: string;
  kind: 'simple' | 'flag' | 'any' | 'list' | 'count';
  simple?: SimpleTypeMeta;
  /** a `count` column of records: their type */
  records?: TypeRef;
  /** every row has it */
  required: boolean;
}

/** The columns of rows of `type` (`name`: the rows' element name, for a row that is a simple value). */
export function columnsOf(schema: SchemaMeta, type: TypeRef | undefined, name: string, rowsAreResults: boolean): Column[] {
  const columns: Column[] = [];
  if (!type) return columns;
  if ('s' in type) return [{ header: name, props: [], path: name, kind: 'simple', simple: schema.simple[type.s]!, required: true }];
  if ('any' in type) return [{ header: name, props: [], path: name, kind: 'any', required: true }];
  const walk = (meta: ComplexTypeMeta, props: string[], path: string[], required: boolean, depth: number, types: string[]) => {
    for (const attr of meta.attrs) columns.push({ header: '', props: [...props, attr.prop], path: [...path, `@${attr.name}`].join('.'), kind: 'simple', simple: schema.simple[attr.type]!, required: required && attr.required });
    if (meta.text) columns.push({ header: '', props: [...props, meta.text.prop], path: path.join('.') || name, kind: 'simple', simple: schema.simple[meta.text.type]!, required });
    if (meta.model) particle(meta.model, props, path, required, depth, types);
  };
  const particle = (p: Particle, props: string[], path: string[], required: boolean, depth: number, types: string[]) => {
    if (p.k === 'any') return;
    if (p.k !== 'el') {
      if (p.max !== 1 && p.prop !== undefined) {
        columns.push({ header: '', props: [...props, p.prop], path: [...path, p.prop].join('.'), kind: 'count', required: false });
        return;
      }
      for (const item of p.items) particle(item, props, path, required && p.min > 0 && p.k !== 'choice', depth, types);
      return;
    }
    if (rowsAreResults && depth === 0 && STATUS.has(p.name)) return;
    const at = [...props, p.prop];
    const xml = [...path, p.name];
    const needed = required && p.min > 0;
    const repeated = p.max !== 1;
    if ('s' in p.type) {
      columns.push({ header: '', props: at, path: xml.join('.'), kind: repeated ? 'list' : 'simple', simple: schema.simple[p.type.s]!, required: needed });
      return;
    }
    if ('any' in p.type) {
      columns.push({ header: '', props: at, path: xml.join('.'), kind: repeated ? 'count' : 'any', required: needed });
      return;
    }
    const meta = schema.complex[p.type.c]!;
    if (isFlagType(meta)) columns.push({ header: '', props: at, path: xml.join('.'), kind: repeated ? 'count' : 'flag', required: needed });
    else if (repeated || depth + 1 > MAX_COLUMN_DEPTH || types.includes(p.type.c)) columns.push({ header: '', props: at, path: xml.join('.'), kind: 'count', records: p.type, required: needed });
    else walk(meta, at, xml, needed, depth + 1, [...types, p.type.c]);
  };
  walk(schema.complex[type.c]!, [], [], true, 0, [type.c]);
  return withHeaders(columns);
}

/**
 * Rows whose only column is a list of records (get-local-backup-list's backup: file*) are shown as
 * those records, one line each: the rows and the columns to print.
 */
export function tableOf(schema: SchemaMeta, type: TypeRef | undefined, name: string, rowsAreResults: boolean, rows: readonly unknown[]): { columns: Column[]; rows: unknown[] } {
  let columns = columnsOf(schema, type, name, rowsAreResults);
  let shown = [...rows];
  for (let depth = 0; depth < MAX_COLUMN_DEPTH && columns.length === 1 && columns[0]!.records !== undefined; depth++) {
    const only = columns[0]!;
    shown = shown.flatMap((row) => {
      const value = valueAt(row, only.props);
      return Array.isArray(value) ? value : value === undefined ? [] : [value];
    });
    columns = columnsOf(schema, only.records, only.path.split('.').pop()!, false);
  }
  return { columns, rows: shown };
}

/** Each column's header: the last part of its path, upper case, with as many parts before it as make it unique. */
function withHeaders(columns: Column[]): Column[] {
  const parts = columns.map((c) => c.path.split('.'));
  const take = parts.map(() => 1);
  for (let round = 0; round < 8; round++) {
    const headers = parts.map((p, i) => p.slice(-take[i]!).join('.'));
    let changed = false;
    headers.forEach((h, i) => {
      if (headers.indexOf(h) !== headers.lastIndexOf(h) && take[i]! < parts[i]!.length) {
        take[i]!++;
        changed = true;
      }
    });
    if (!changed) break;
  }
  return columns.map((c, i) => ({ ...c, header: parts[i]!.slice(-take[i]!).join('.').replaceAll('@', '').toUpperCase() }));
}

/** The columns a table shows: the required ones (or, when none is, those some row fills); with `wide`, every one some row fills. */
export function visibleColumns(columns: readonly Column[], rows: readonly unknown[], wide: boolean): Column[] {
  const filled = columns.filter((c) => rows.some((r) => valueAt(r, c.props) !== undefined));
  if (wide) return filled;
  const required = columns.filter((c) => c.required);
  return required.length > 0 ? required : filled.slice(0, 8);
}

export function valueAt(row: unknown, props: readonly string[]): unknown {
  let value = row;
  for (const prop of props) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = own(value, prop);
  }
  return value;
}

/** A cell's text. */
export function cellText(column: Column, value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '(nil)';
  switch (column.kind) {
    case 'flag':
      return value === true ? 'yes' : '';
    case 'count':
      return Array.isArray(value) ? String(value.length) : '1';
    case 'list':
      return Array.isArray(value) ? value.map((v) => scalar(column, v)).join(', ') : scalar(column, value);
    case 'any':
      return typeof value === 'string' ? value : typeof value === 'object' && typeof own(value, 'xml') === 'string' ? (own(value, 'xml') as string) : String(value);
    default:
      return scalar(column, value);
  }
}

function scalar(column: Column, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const last = column.path.split('.').pop()!.toLowerCase();
  const integer = column.simple?.family === 'int' || column.simple?.family === 'bigint';
  if (integer && (typeof value === 'number' || typeof value === 'bigint')) {
    if (column.simple?.name === 'size' || /(^|[-_])size$/.test(last)) return bytes(Number(value));
    if (/date|time/.test(last) && Number(value) >= 1e9 && Number(value) < 1e11) return new Date(Number(value) * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Bytes for people: `512 B`, `1.5 KiB`, `27.0 MiB`. */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
