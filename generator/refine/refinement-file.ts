/**
 * Refinement files: types for elements the schemas leave untyped, without editing the schemas.
 *
 * ```json
 * { "$schema": "./node_modules/plesk-codegen/refine.schema.json",
 *   "refinements": [
 *     { "in": "BackupGetBackupStatusInput", "element": "server", "as": "flag" },
 *     { "in": "BackupGetBackupStatusOutput/result/task", "element": "id", "as": "xs:int" } ] }
 * ```
 *
 * An entry names the declaring complex type (`in`: its XSD name, or for an anonymous type the
 * path of names it sits under, as the `@xsd` line of its generated JSDoc shows it), the untyped
 * element's XML name (`element`), and what it is (`as`): `flag` (an empty element: `true`), an
 * XSD built-in (`xs:int`, `xs:string`, `xs:boolean` …) or a type the schemas declare, by its XSD
 * name (`id_type`). Its JSON Schema is refine.schema.json of plesk-codegen; this module checks the
 * same rules (a {@link ConfigError}, exit 2: judged before any schema is read). Whether an entry
 * matches the schemas is judged by the apply-refinements pass.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { compareCodePoints } from '../passes/names.js';

export interface RefinementEntry {
  /** the declaring complex type: its XSD name, or the path of an anonymous type (`DNSInputType/get_rec`) */
  in: string;
  /** the element's XML name */
  element: string;
  /** `flag`, `xs:<built-in>`, or the XSD name of a type of the schemas */
  as: string;
  /** where the type is documented (Plesk's documentation page) */
  source?: string;
}

/** A list of refinements and where it came from, for the messages. */
export interface RefinementSet {
  /** how the set is named in messages: the file as given, or "plesk-codegen's set for Plesk" */
  origin: string;
  /** the shipped set: an entry the schemas lack is skipped and counted, not an error */
  shipped: boolean;
  entries: RefinementEntry[];
}

export const ENTRY_KEYS = ['in', 'element', 'as', 'source'] as const;
const TOP_KEYS = ['$schema', 'refinements'];

/** Reads and checks a refinement file (`shown`: how it is named in messages). */
export function readRefinementFile(file: string, shown: string, key: string): RefinementSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(key, `no such refinement file: ${shown} (looked for ${path.resolve(file)})`, 'correct the path, or create the file (see docs/refinements.md of plesk-codegen)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('', `not valid JSON: ${(error as Error).message}`, 'correct the JSON syntax (no comments, no trailing commas)', shown);
  }
  return { origin: shown, shipped: false, entries: checkRefinements(json, shown) };
}

/** Checks parsed refinements against the rules of refine.schema.json. */
export function checkRefinements(json: unknown, shown: string): RefinementEntry[] {
  const fail = (key: string, problem: string, fix: string): never => {
    throw new ConfigError(key, problem, fix, shown);
  };
  if (!isObject(json)) fail('', 'must be a JSON object', 'write { "refinements": [{ "in": "SomeType", "element": "id", "as": "xs:int" }] }');
  const top = json as Record<string, unknown>;
  unknownKeys(top, TOP_KEYS, '', fail);
  if (!Array.isArray(top.refinements)) fail('refinements', top.refinements === undefined ? 'is missing' : 'must be an array', 'list the refinements: "refinements": [{ "in": "SomeType", "element": "id", "as": "xs:int" }]');
  return (top.refinements as unknown[]).map((entry, i) => {
    const at = `refinements[${i}]`;
    if (!isObject(entry)) fail(at, 'must be an object', '{ "in": "SomeType", "element": "id", "as": "xs:int" }');
    const object = entry as Record<string, unknown>;
    unknownKeys(object, ENTRY_KEYS, `${at}.`, fail);
    for (const k of ['in', 'element', 'as'] as const) {
      if (typeof object[k] !== 'string' || object[k] === '') fail(`${at}.${k}`, object[k] === undefined ? 'is missing' : 'must be a non-empty string', WHAT[k]);
    }
    if (object.source !== undefined && typeof object.source !== 'string') fail(`${at}.source`, 'must be a string', 'give the address of the documentation page, or leave it out');
    return { in: object.in as string, element: object.element as string, as: object.as as string, ...(object.source !== undefined ? { source: object.source as string } : {}) };
  });
}

const WHAT = {
  in: 'give the declaring complex type: its XSD name ("BackupServerInput"), or the path of an anonymous one ("DNSInputType/get_rec")',
  element: 'give the XML name of the untyped element ("server", "task-id")',
  as: 'give "flag", an XSD built-in ("xs:int", "xs:string") or the XSD name of a type of the schemas ("id_type")',
} as const;

/** How an entry is named in messages: `refinements[3] (BackupServerInput/only-mail as flag)`. */
export function describeEntry(set: RefinementSet, index: number): string {
  const e = set.entries[index]!;
  return `refinements[${index}] (${e.in} / ${e.element} as ${e.as})`;
}

function unknownKeys(object: Record<string, unknown>, known: readonly string[], prefix: string, fail: (key: string, problem: string, fix: string) => never): void {
  for (const key of Object.keys(object).sort(compareCodePoints)) {
    if (!known.includes(key)) fail(`${prefix}${key}`, 'is not a known key', `the keys are ${known.map((k) => `"${k}"`).join(', ')}`);
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
