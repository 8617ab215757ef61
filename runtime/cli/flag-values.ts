/**
 * The request's value from the flags, in the order they were given, over --input's value (the
 * flags patch it): each flag's text is read as its simple type reads it (the decoder's own
 * reading: `7` is the number 7 for an int, `true` or `1` a boolean, every facet checked), an
 * enumeration's typo answered with the closest value, a password read from `env:NAME` or
 * `file:PATH`. A flag replaces what --input has at its place (a repeated flag the whole list);
 * a flag of one branch of an xs:choice removes the other branches' members --input gave.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SchemaMeta } from '../codec/meta.js';
import { own, setOwn } from '../codec/own-properties.js';
import { decodeSimple } from '../codec/simple-values.js';
import { ValueError } from '../codec/errors.js';
import { applyWhiteSpace } from '../codec/xml-text.js';
import { CliError, type CliIo } from './cli-types.js';
import { suggest } from './did-you-mean.js';
import type { FlagSpec, FlagTable } from './flag-table.js';

type Rec = Record<string, unknown>;

/** One flag as given, in order. */
export interface GivenFlag {
  flag: FlagSpec;
  /** the text after the flag, or `true` for a switch */
  raw: string | true;
}

export interface ValueContext {
  schema: SchemaMeta;
  io: CliIo;
  /** the values of secret flags, collected to be masked in every output */
  secrets: string[];
}

/** A flag's text as its type reads it; a usage error names the flag and the rule. */
export async function flagValue(given: GivenFlag, ctx: ValueContext): Promise<unknown> {
  const { flag } = given;
  if (flag.kind === 'flag') return true;
  if (given.raw === true) throw new CliError(`--${flag.name} needs a value`);
  let text = given.raw;
  if (flag.secret) {
    text = await secretText(flag, text, ctx.io);
    ctx.secrets.push(text);
  }
  if (flag.kind === 'any') return text;
  const meta = ctx.schema.simple[flag.simple!];
  if (!meta) throw new Error(`the simple type ${flag.simple} of --${flag.name} is not in the metadata`);
  if (meta.enum && !meta.union && !meta.list) {
    const value = applyWhiteSpace(text, meta.ws);
    if (!meta.enum.includes(value)) {
      const hint = suggest(value, meta.enum);
      throw new CliError(`--${flag.name}: "${value}" is not one of ${meta.enum.join(', ')}${hint !== undefined ? `; did you mean ${hint}?` : ''}`);
    }
  }
  try {
    return decodeSimple(meta, text);
  } catch (error) {
    if (error instanceof ValueError) throw new CliError(`--${flag.name}: ${error.message}`);
    throw error;
  }
}

/** A password flag's value: from the environment or a file, never from the command line itself. */
async function secretText(flag: FlagSpec, given: string, io: CliIo): Promise<string> {
  if (given.startsWith('env:')) {
    const name = given.slice(4);
    const value = io.env[name];
    if (value === undefined || value === '') throw new CliError(`--${flag.name} env:${name}: the environment variable ${name} is not set`);
    return value;
  }
  if (given.startsWith('file:')) {
    const file = path.resolve(io.cwd, given.slice(5));
    try {
      return firstLine(await readFile(file, 'utf8'));
    } catch (error) {
      throw new CliError(`--${flag.name} file:${given.slice(5)}: cannot read ${file}: ${(error as Error).message}`);
    }
  }
  throw new CliError(`--${flag.name} takes env:NAME or file:PATH: a password given on the command line shows in \`ps\` and in the shell history`);
}

export function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/**
 * The operation's value: --input's (or an empty record) with the flags applied in order. A
 * record on the way that the value lacks is made; a list the flags touch first is started anew.
 */
export async function applyFlags(table: FlagTable, given: readonly GivenFlag[], base: unknown, ctx: ValueContext): Promise<unknown> {
  if (table.value === 'flag') return true;
  if (table.value === 'text') return given.length > 0 ? flagValue(given[given.length - 1]!, ctx) : base;
  const root: Rec = isRecord(base) ? base : {};
  /** lists the flags started (--input's are replaced, not appended to) */
  const started = new WeakSet<unknown[]>();
  /** the properties flags set, per record */
  const setByFlags = new WeakMap<Rec, Set<string>>();
  /** the branch of a repeating choice each iteration holds */
  const branchOf = new WeakMap<Rec, number>();
  const list = (rec: Rec, prop: string): unknown[] => {
    const current = own(rec, prop);
    if (Array.isArray(current) && started.has(current)) return current;
    const fresh: unknown[] = [];
    started.add(fresh);
    setOwn(rec, prop, fresh);
    return fresh;
  };
  for (const item of given) {
    const { flag } = item;
    const value = await flagValue(item, ctx);
    let rec = root;
    flag.steps.forEach((step, i) => {
      for (const e of flag.exclusive) if (e.depth === i) clearOthers(rec, e.props, setByFlags.get(rec));
      if (!step.many) {
        const next = own(rec, step.prop);
        if (isRecord(next)) rec = next;
        else {
          const made: Rec = {};
          setOwn(rec, step.prop, made);
          rec = made;
        }
        return;
      }
      const items = list(rec, step.prop);
      let last = items[items.length - 1] as Rec | undefined;
      const taken = last !== undefined && ((step.branch !== undefined && branchOf.get(last) !== step.branch) || occupied(last, flag, i + 1));
      if (last === undefined || taken) {
        last = {};
        items.push(last);
        if (step.branch !== undefined) branchOf.set(last, step.branch);
      }
      rec = last;
    });
    for (const e of flag.exclusive) if (e.depth === flag.steps.length) clearOthers(rec, e.props, setByFlags.get(rec));
    let props = setByFlags.get(rec);
    if (!props) setByFlags.set(rec, (props = new Set()));
    if (flag.repeated) list(rec, flag.prop).push(value);
    else {
      if (props.has(flag.prop) && flag.steps.every((s) => !s.many)) throw new CliError(`--${flag.name} is given twice; it takes one value${flag.kind === 'flag' ? '' : ` (the schema allows one <${flag.path.split('.').pop()}> here)`}`);
      setOwn(rec, flag.prop, value);
    }
    props.add(flag.prop);
  }
  return root;
}

/** Whether the flag's value is already set in `rec` (an iteration) below step `from`: then it starts the next one. */
function occupied(rec: Rec, flag: FlagSpec, from: number): boolean {
  let current: unknown = rec;
  for (let i = from; i < flag.steps.length; i++) {
    const step = flag.steps[i]!;
    if (step.many) return false; // the flag appends to a list further down
    current = isRecord(current) ? own(current, step.prop) : undefined;
  }
  return !flag.repeated && isRecord(current) && own(current, flag.prop) !== undefined;
}

/** Removes the members of a choice's other branches that --input gave (not those a flag set: that is a conflict, reported by request-check.ts). */
function clearOthers(rec: Rec, props: readonly string[], byFlags: Set<string> | undefined): void {
  for (const prop of props) if (!byFlags?.has(prop) && Object.hasOwn(rec, prop)) delete rec[prop];
}

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
