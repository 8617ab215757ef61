/**
 * The request's structure checked in the command line's own terms before anything is encoded:
 * required elements, each xs:choice holding exactly one branch (or at most one when it may be
 * left out), the occurrences of repeated elements. A broken rule is a usage error naming the
 * flags (`one of --webspace-id, --webspace-name is required`); what no flag reaches is named by
 * its path in --input's value. Values themselves were checked as each flag was read
 * (flag-values.ts); the package's encoder checks everything again when it writes the packet.
 */
import type { ComplexTypeMeta, Particle, SchemaMeta } from '../codec/meta.js';
import { own, setOwn } from '../codec/own-properties.js';
import { CliError } from './cli-types.js';
import type { FlagTable } from './flag-table.js';
import { complexOf, isFlagType, nullable } from './schema-walk.js';

type Rec = Record<string, unknown>;

/**
 * Fills in what has one value only: a required empty element (a flag) outside any choice is
 * `true`, a required record whose content may be empty (a `<filter/>` that selects everything) is
 * `{}`, in every record present; then the rest is the user's to give.
 */
export function completeRequest(schema: SchemaMeta, table: FlagTable, value: unknown): void {
  if (table.type === undefined) return;
  const record = (type: ComplexTypeMeta, rec: unknown, depth: number) => {
    if (depth > 32 || typeof rec !== 'object' || rec === null || Array.isArray(rec) || !type.model) return;
    particle(type.model, rec as Rec, true, depth);
  };
  const particle = (p: Particle, rec: Rec, required: boolean, depth: number): void => {
    if (p.k === 'any') return;
    if (p.k === 'el') {
      const type = complexOf(schema, p);
      if (!type) return;
      let v = own(rec, p.prop);
      if (v === undefined && required && p.min > 0 && p.max === 1) {
        if (isFlagType(type)) setOwn(rec, p.prop, true);
        else if (acceptsEmpty(type)) setOwn(rec, p.prop, (v = {}));
      }
      if (v !== undefined && !isFlagType(type)) for (const item of Array.isArray(v) ? v : [v]) record(type, item, depth + 1);
      return;
    }
    if (p.max !== 1 && p.prop !== undefined) {
      const items = own(rec, p.prop);
      if (Array.isArray(items)) for (const item of items) if (typeof item === 'object' && item !== null) for (const i of p.items) particle(i, item as Rec, p.k !== 'choice', depth + 1);
      return;
    }
    for (const item of p.items) particle(item, rec, required && p.min > 0 && p.k !== 'choice', depth);
  };
  record(schema.complex[table.type]!, value, 0);
}

/** A record that may be empty: no required attribute, no text, a model that may match nothing. */
function acceptsEmpty(type: ComplexTypeMeta): boolean {
  if (type.attrs.some((a) => a.required) || type.content === 'simple') return false;
  return !type.model || nullable(type.model);
}

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
        if (!required || p.min === 0) return;
        // a required record: what it needs first, by its flag
        const inner = complexOf(schema, p);
        if (inner && !isFlagType(inner) && !table.byPath.has([...path, p.name].join('.'))) record(inner, {}, [...path, p.name]);
        throw new CliError(`${name([...path, p.name])} is required${path.length > 0 ? ` (with ${name(path)})` : ''}`);
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
        if (!required || p.min === 0) return;
        if (p.k === 'choice') throw new CliError(`at least one of ${p.items.map((i) => branchNames(i, path)).join(', ')} is required`);
        body(p, {}, path, true);
        throw new CliError(`${branchNames(p, path)} is required`);
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
      if (required && p.min > 0 && !p.items.some(nullable)) throw new CliError(`one of ${p.items.map((i) => branchNames(i, path)).join(', ')} is required`);
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
