/**
 * The request's structure checked in the command line's own terms before anything is encoded:
 * required elements, each xs:choice holding exactly one branch (or at most one when it may be
 * left out), the occurrences of repeated elements. A broken rule is a usage error naming the
 * flags (`one of --webspace-id, --webspace-name is required`); what no flag reaches is named by
 * its path in --input's value. Values themselves were checked as each flag was read
 * (flag-values.ts); the package's encoder checks everything again when it writes the packet.
 */
import type { ComplexTypeMeta, Particle, SchemaMeta } from '../codec/meta.js';
import { own } from '../codec/own-properties.js';
import { CliError } from './cli-types.js';
import type { FlagTable } from './flag-table.js';
import { complexOf, isFlagType } from './schema-walk.js';

type Rec = Record<string, unknown>;

export function checkRequest(schema: SchemaMeta, table: FlagTable, value: unknown): void {
  if (table.type === undefined) return;
  const name = (path: string[]) => {
    const flag = table.byPath.get(path.join('.'));
    return flag ? `--${flag.name}` : `${path.join('.')} (in --input)`;
  };
  const record = (type: ComplexTypeMeta, rec: unknown, path: string[]) => {
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return; // the encoder names what it should be
    for (const attr of type.attrs) if (attr.required && own(rec, attr.prop) === undefined) throw new CliError(`${name([...path, `@${attr.name}`])} is required`);
    if (type.content === 'simple' && type.text && own(rec, type.text.prop) === undefined && path.length > 0) throw new CliError(`${name(path)} needs a value`);
    if (type.model) particle(type.model, rec as Rec, path, true);
  };
  const branchNames = (p: Particle, path: string[]): string => {
    if (p.k === 'any') return `an element of your own (in --input)`;
    if (p.k === 'el') return name([...path, p.name]);
    const names = p.items.map((i) => branchNames(i, path));
    return names.length === 1 ? names[0]! : `(${names.join(' and ')})`;
  };
  const present = (p: Particle, rec: Rec): boolean => {
    if (p.k === 'el' || p.k === 'any') return own(rec, p.prop) !== undefined;
    if (p.max !== 1 && p.prop !== undefined) return own(rec, p.prop) !== undefined;
    return p.items.some((i) => present(i, rec));
  };
  const particle = (p: Particle, rec: Rec, path: string[], required: boolean): void => {
    if (p.k === 'any') return;
    if (p.k === 'el') {
      const v = own(rec, p.prop);
      if (v === undefined) {
        if (required && p.min > 0) throw new CliError(`${name([...path, p.name])} is required${path.length > 0 ? ` (with ${name(path)})` : ''}`);
        return;
      }
      const values = p.max !== 1 && Array.isArray(v) ? v : [v];
      if (p.max !== 1 && Array.isArray(v)) count(values.length, p.min, p.max, name([...path, p.name]));
      const type = complexOf(schema, p);
      if (type && !isFlagType(type)) for (const item of values) record(type, item, [...path, p.name]);
      return;
    }
    if (p.max !== 1 && p.prop !== undefined) {
      const items = own(rec, p.prop);
      if (items === undefined) {
        if (required && p.min > 0) throw new CliError(`${branchNames(p, path)} is required`);
        return;
      }
      if (!Array.isArray(items)) return;
      for (const item of items) if (typeof item === 'object' && item !== null) body(p, item as Rec, path, true);
      return;
    }
    if (p.min === 0 && !present(p, rec)) return;
    body(p, rec, path, required);
  };
  const body = (p: Extract<Particle, { items: unknown }>, rec: Rec, path: string[], required: boolean) => {
    if (p.k !== 'choice') {
      for (const item of p.items) particle(item, rec, path, required && p.min > 0);
      return;
    }
    const chosen = p.items.filter((i) => present(i, rec));
    if (chosen.length > 1) {
      throw new CliError(`${chosen.map((i) => branchNames(i, path)).join(' and ')} exclude each other (one xs:choice${path.length > 0 ? ` of ${path.join('.')}` : ''}): give only one`);
    }
    if (chosen.length === 0) {
      if (required && p.min > 0) throw new CliError(`one of ${p.items.map((i) => branchNames(i, path)).join(', ')} is required`);
      return;
    }
    particle(chosen[0]!, rec, path, true);
  };
  record(schema.complex[table.type]!, value, []);
}

function count(n: number, min: number, max: number, flag: string): void {
  if (n < min) throw new CliError(`${flag} is needed at least ${min} times, given ${n}`);
  if (max !== -1 && n > max) throw new CliError(`${flag} is allowed at most ${max} ${max === 1 ? 'time' : 'times'}, given ${n}`);
}
