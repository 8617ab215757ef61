/**
 * `<bin> <operator> <operation> --help`: the operation's documentation from the schema, what it
 * does to the server, its flags in the schema's order (each with its type, its rule and its
 * documentation; each xs:choice as a group "exactly one of" or "at most one of"), the flags renamed
 * because a global flag has their name, what only --input reaches, and an example built from the
 * required flags and the first branch of each required choice, with values their types accept.
 */
import type { OperationRow } from '../client/client-types.js';
import type { Particle, SchemaMeta, SimpleTypeMeta } from '../codec/meta.js';
import { decodeSimple } from '../codec/simple-values.js';
import type { CliDocs, CliPackage } from './cli-types.js';
import type { FlagSpec, FlagTable } from './flag-table.js';
import { isFlagType } from './schema-walk.js';
import { EXIT_CODES_TEXT, twoColumns, wrap } from './help.js';

export function commandHelp(pkg: CliPackage, row: OperationRow, table: FlagTable, schema: SchemaMeta, docs: CliDocs, width: number): string {
  const command = `${pkg.bin} ${row.operator} ${row.operation}`;
  const doc = docs.operations[`${row.operator}/${row.operation}`];
  const out = [`Usage: ${command} [flags]`, ''];
  if (doc) out.push(wrap(doc.replace(/\s+/g, ' '), width), '');
  const effects = [
    row.read ? 'a read: resent after a connection failure' : row.binary ? 'a file transfer: never resent, and with --hosts it needs --yes' : 'it changes state: never resent, and with --hosts it needs --yes',
    ...(row.startsTask ? ['it starts a task, which --watch follows'] : []),
    ...(row.binary ? ['it answers with a file, which -O saves'] : []),
  ];
  out.push(wrap(`Sends <${row.operator}><${row.operation}> alone in a packet; ${effects.join('; ')}.`, width), '');
  if (table.value === 'flag') out.push('It takes no flags of its own: the request is the empty element.', '');
  else out.push('Flags of the request (from the schema, in its order):', flagsText(table, schema, docs, width), '');
  const renamed = table.flags.filter((f) => f.renamedFrom !== undefined);
  if (renamed.length > 0) out.push('Renamed, because a global flag has the name:', ...renamed.map((f) => `  --${f.renamedFrom} is --${f.name}`), '');
  if (table.inputOnly.length > 0) out.push(wrap(`Only with --input (JSON): ${table.inputOnly.join(', ')}.`, width, '  '), '');
  out.push('Example:', `  ${command}${exampleFlags(table, schema)}`, `  ${command}${exampleFlags(table, schema)} --dry-run     # prints the packet, sends nothing`);
  if (row.startsTask) out.push(`  ${command}${exampleFlags(table, schema)} --watch --timeout 2h`);
  if (row.binary) out.push(`  ${command}${exampleFlags(table, schema)} -O backups/`);
  out.push('', `Global flags (connection, output, --watch, --hosts): ${pkg.bin} --help`, wrap(EXIT_CODES_TEXT, width), '');
  return out.join('\n');
}

function flagsText(table: FlagTable, schema: SchemaMeta, docs: CliDocs, width: number): string {
  const groupOf = new Map<string, { title: string; index: number }>();
  table.choices.forEach((choice, index) => {
    if (choice.repeated && !choice.repeating) return; // (checked per occurrence of its record)
    const title = choice.repeating ? (choice.required ? 'one or more of, each flag an entry in the order given:' : 'any of, each flag an entry in the order given:') : choice.required ? 'exactly one of:' : 'at most one of:';
    for (const branch of choice.branches) for (const path of branch) if (!groupOf.has(path)) groupOf.set(path, { title, index });
  });
  const rows: Array<[string, string]> = [];
  let open = -1;
  for (const flag of table.flags) {
    const group = groupOf.get(flag.path);
    if (group && group.index !== open) {
      rows.push([group.title, '']);
      open = group.index;
    } else if (!group) open = -1;
    const indent = group ? '  ' : '';
    rows.push([`${indent}--${flag.name}${flag.kind === 'flag' ? '' : ` ${placeholder(flag, schema)}`}`, describe(flag, schema, docs)]);
  }
  return twoColumns(rows, width);
}

function placeholder(flag: FlagSpec, schema: SchemaMeta): string {
  if (flag.secret) return 'env:NAME|file:PATH';
  if (flag.kind === 'any') return 'TEXT';
  const meta = schema.simple[flag.simple!];
  if (!meta) return 'VALUE';
  if (meta.enum && meta.enum.length <= 6) return meta.enum.join('|');
  if (meta.family === 'boolean') return 'true|false';
  if (meta.family === 'int' || meta.family === 'bigint') return 'INT';
  if (meta.family === 'double' || meta.family === 'decimal') return 'NUMBER';
  return meta.lexical ? meta.lexical.toUpperCase() : 'TEXT';
}

function describe(flag: FlagSpec, schema: SchemaMeta, docs: CliDocs): string {
  const doc = docs.members[flag.owner]?.[flag.member] ?? (flag.simple ? docs.types[flag.simple] : undefined);
  const rules: string[] = [];
  if (flag.required) rules.push(flag.underOptional ? 'required with its parent' : 'required');
  if (flag.repeated) rules.push(`repeatable${flag.max > 1 ? ` up to ${flag.max} times` : ''}${flag.min > 1 ? `, at least ${flag.min}` : ''}`);
  const meta = flag.simple ? schema.simple[flag.simple] : undefined;
  if (meta) rules.push(...constraints(meta));
  if (flag.dflt !== undefined) rules.push(`default ${flag.dflt}`);
  if (flag.secret) rules.push('a secret: from the environment or a file, never on the command line');
  if (flag.renamedFrom) rules.push(`<${flag.path}> (renamed from --${flag.renamedFrom})`);
  const text = [doc?.replace(/\s+/g, ' '), rules.length > 0 ? `[${rules.join('; ')}]` : ''].filter(Boolean).join(' ');
  return text;
}

/** What a simple type allows, in a few words. */
export function constraints(meta: SimpleTypeMeta): string[] {
  const out: string[] = [];
  if (meta.enum && meta.enum.length > 6) out.push(`one of ${meta.enum.join(', ')}`);
  if (meta.minInclusive !== undefined && meta.maxInclusive !== undefined && meta.maxInclusive.length < 12) out.push(`${meta.minInclusive} to ${meta.maxInclusive}`);
  else if (meta.minInclusive !== undefined && meta.minInclusive.length < 12) out.push(`≥ ${meta.minInclusive}`);
  else if (meta.maxInclusive !== undefined && meta.maxInclusive.length < 12) out.push(`≤ ${meta.maxInclusive}`);
  if (meta.minExclusive !== undefined) out.push(`> ${meta.minExclusive}`);
  if (meta.maxExclusive !== undefined) out.push(`< ${meta.maxExclusive}`);
  if (meta.length !== undefined) out.push(`exactly ${meta.length} characters`);
  else if (meta.minLength !== undefined && meta.maxLength !== undefined) out.push(`${meta.minLength} to ${meta.maxLength} characters`);
  else if (meta.maxLength !== undefined) out.push(`at most ${meta.maxLength} characters`);
  else if (meta.minLength !== undefined && meta.minLength > 1) out.push(`at least ${meta.minLength} characters`);
  for (const group of meta.patterns ?? []) out.push(`matching ${group.map((p) => p.source).join(' or ')}`);
  return out;
}

/**
 * The flags of the help's example: the smallest request the schema accepts, walked in its order
 * (required elements and attributes; of each required choice the first branch that flags reach,
 * preferring one that holds something; one iteration of a required repeating group), each flag
 * with a value its type accepts.
 */
export function exampleFlags(table: FlagTable, schema: SchemaMeta): string {
  if (table.type === undefined) return table.value === 'text' ? ` --value ${shellWord(sample(table.flags[0]!, schema))}` : '';
  const flag = (path: string[]): FlagSpec[] | undefined => {
    const found = table.byPath.get(path.join('.'));
    return found ? [found] : undefined;
  };
  const record = (typeKey: string, path: string[], depth: number): FlagSpec[] | undefined => {
    const type = schema.complex[typeKey];
    if (!type || depth > 8) return undefined;
    const out: FlagSpec[] = [];
    for (const attr of type.attrs) {
      if (!attr.required) continue;
      const found = flag([...path, `@${attr.name}`]);
      if (!found) return undefined;
      out.push(...found);
    }
    if (type.content === 'simple') {
      const found = flag(path);
      if (!found) return undefined;
      out.push(...found);
    }
    const inner = type.model ? particle(type.model, path, depth) : [];
    return inner && [...out, ...inner];
  };
  const particle = (p: Particle, path: string[], depth: number): FlagSpec[] | undefined => {
    if (p.min === 0) return [];
    if (p.k === 'any') return undefined;
    if (p.k === 'el') {
      const one = 'c' in p.type && !isFlagType(schema.complex[p.type.c]) ? record(p.type.c, [...path, p.name], depth + 1) : flag([...path, p.name]);
      return one && Array.from({ length: Math.max(1, p.min) }, () => one).flat();
    }
    if (p.k !== 'choice') {
      const out: FlagSpec[] = [];
      for (const item of p.items) {
        const inner = particle(item, path, depth);
        if (!inner) return undefined;
        out.push(...inner);
      }
      return out;
    }
    const branches = p.items.map((item) => particle(item, path, depth)).filter((b): b is FlagSpec[] => b !== undefined);
    return branches.find((b) => b.length > 0) ?? branches[0];
  };
  const flags = record(table.type, [], 0) ?? [];
  return flags.map((f) => (f.kind === 'flag' ? ` --${f.name}` : ` --${f.name} ${shellWord(sample(f, schema))}`)).join('');
}

/** A value of each built-in lexical form, for examples. */
const LEXICAL_SAMPLES: { readonly [lexical: string]: string } = {
  base64Binary: 'ZXhhbXBsZQ==',
  hexBinary: '00ff',
  date: '2025-01-31',
  dateTime: '2025-01-31T12:00:00Z',
  time: '12:00:00',
  duration: 'P1D',
  gYear: '2025',
  gYearMonth: '2025-01',
  language: 'en',
  NCName: 'example',
  Name: 'example',
  NMTOKEN: 'example',
  QName: 'example',
};

/** A value the flag's type accepts, for the example. */
export function sample(flag: FlagSpec, schema: SchemaMeta): string {
  if (flag.secret) return `env:${flag.path.split('.').pop()!.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  if (flag.dflt !== undefined) return flag.dflt;
  const meta = flag.simple ? schema.simple[flag.simple] : undefined;
  if (!meta) return 'example';
  if (meta.enum && meta.enum.length > 0) return meta.enum[0]!;
  const candidates = meta.family === 'boolean' ? ['true'] : meta.family === 'string' ? [...(meta.lexical ? [LEXICAL_SAMPLES[meta.lexical] ?? ''] : []), 'example', 'example.com', '1', 'a', 'admin', '10.0.0.1', 'admin@example.com', '2001:db8::1', 'ZXhhbXBsZQ=='] : [meta.minInclusive ?? '1', '1', '0'];
  for (const candidate of candidates) {
    try {
      decodeSimple(meta, candidate);
      return candidate;
    } catch {
      // try the next
    }
  }
  return `<${flag.path.split('.').pop()}>`;
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
