/**
 * `--input FILE` (or `-` for stdin): the request as JSON, in the shape `-o json` prints and the
 * package's TypeScript types describe (property names, not XML names). Its simple values are read
 * as their types read them, whatever JSON type they came as: `"7"` and `7` are both the int 7 and
 * both the string `"7"` of a string type, `"true"` a boolean; an integer beyond 2^53 is given as a
 * string to stay exact. What does not fit is left for the encoder to name, with its path.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ComplexTypeMeta, Particle, SchemaMeta, TypeRef } from '../codec/meta.js';
import { own, setOwn } from '../codec/own-properties.js';
import { decodeSimple } from '../codec/simple-values.js';
import { CliError, type CliIo } from './cli-types.js';

type Rec = Record<string, unknown>;

/** Reads all of stdin as text. */
export async function readStdin(io: CliIo, what: string): Promise<string> {
  if (!io.stdin) throw new CliError(`${what} reads stdin, and there is none`);
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/** --input's JSON, parsed; a usage error names the file and what is wrong. */
export async function readInput(given: string, io: CliIo): Promise<unknown> {
  const shown = given === '-' ? 'stdin' : given;
  let text: string;
  if (given === '-') text = await readStdin(io, '--input -');
  else {
    try {
      text = await readFile(path.resolve(io.cwd, given), 'utf8');
    } catch (error) {
      throw new CliError(`--input ${given}: cannot read it: ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`--input ${shown}: not JSON: ${(error as Error).message}`);
  }
  return parsed;
}

/**
 * The one request of --input: an object, or an array of exactly one (what `-o json` prints, a
 * `--dry-run -o json` included). Anything else is refused rather than read as no request at all.
 */
export function oneRequest(parsed: unknown, given: string): unknown {
  const shown = given === '-' ? 'stdin' : given;
  if (Array.isArray(parsed)) {
    if (parsed.length === 1) return oneRequest(parsed[0], given);
    throw new CliError(`--input ${shown}: an array of ${parsed.length} requests, and a command sends one: give one object (or an array of one, as -o json prints it)`);
  }
  if (parsed === null || typeof parsed !== 'object') throw new CliError(`--input ${shown}: ${parsed === null ? 'null' : `a JSON ${typeof parsed}`}, not a request: give an object of the request's properties, as -o json prints it`);
  return parsed;
}

/** The value with every simple value read as its type reads it (a copy; the input is not changed). */
export function coerce(schema: SchemaMeta, type: TypeRef, value: unknown, depth = 0): unknown {
  if (depth > 64 || value === null || value === undefined) return value;
  if ('s' in type) return simple(schema, type.s, value);
  if ('any' in type) return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  const meta = schema.complex[type.c];
  if (!meta || typeof value !== 'object' || Array.isArray(value)) return value;
  if (meta.content === 'empty' && meta.attrs.length === 0) return value;
  const out: Rec = { ...(value as Rec) };
  for (const attr of meta.attrs) {
    const v = own(out, attr.prop);
    if (v !== undefined) setOwn(out, attr.prop, simple(schema, attr.type, v));
  }
  if (meta.text) {
    const v = own(out, meta.text.prop);
    if (v !== undefined) setOwn(out, meta.text.prop, simple(schema, meta.text.type, v));
  }
  if (meta.model) coerceModel(schema, meta, meta.model, out, depth);
  return out;
}

function coerceModel(schema: SchemaMeta, owner: ComplexTypeMeta, p: Particle, rec: Rec, depth: number): void {
  if (p.k === 'any') return;
  if (p.k === 'el') {
    const v = own(rec, p.prop);
    if (v === undefined) return;
    const one = (item: unknown) => coerce(schema, p.type, item, depth + 1);
    setOwn(rec, p.prop, p.max !== 1 && Array.isArray(v) ? v.map(one) : one(v));
    return;
  }
  if (p.max !== 1 && p.prop !== undefined) {
    const items = own(rec, p.prop);
    if (!Array.isArray(items)) return;
    setOwn(rec, p.prop, items.map((item) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
      const copy: Rec = { ...(item as Rec) };
      for (const inner of p.items) coerceModel(schema, owner, inner, copy, depth + 1);
      return copy;
    }));
    return;
  }
  for (const item of p.items) coerceModel(schema, owner, item, rec, depth);
}

function simple(schema: SchemaMeta, key: string, value: unknown): unknown {
  const meta = schema.simple[key];
  if (!meta || meta.list || meta.union) return value;
  if (meta.family === 'string' || meta.family === 'decimal') return typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
  if (typeof value !== 'string') return value;
  try {
    return decodeSimple(meta, value);
  } catch {
    return value; // the encoder says what is wrong, with the path
  }
}
