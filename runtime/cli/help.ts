/**
 * The command's --help without an operation: its usage, the operators (from the operation table
 * and the operators' documentation, nothing else loaded), the global flags by group, the
 * environment, the exit codes; and `<operator> --help`: its operations with their documentation.
 */
import type { OperationRow } from '../client/client-types.js';
import type { CliDocs, CliPackage } from './cli-types.js';
import { GLOBAL_FLAGS, type GlobalFlag } from './global-flags.js';

const GROUPS: ReadonlyArray<[GlobalFlag['group'], string]> = [
  ['connection', 'Connection (flags, else the PLESK_* variables, or a --profile)'],
  ['request', 'The request'],
  ['output', 'Output'],
  ['task', 'Tasks (operations that start one)'],
  ['fleet', 'Many servers'],
  ['general', 'General'],
];

export const EXIT_CODES_TEXT = 'Exit codes: 0 done; 1 an operation in the answer failed; 2 usage error (nothing was sent); 3 the task failed or was stopped (--watch); 4 timed out; 5 transport, server or system error (no usable answer).';

/** The first sentence of a documentation text, on one line. */
export function summary(doc: string | undefined): string {
  if (!doc) return '';
  const line = doc.replace(/\s+/g, ' ').trim();
  const end = line.search(/\.(\s|$)/);
  return end < 0 ? line : line.slice(0, end + 1);
}

/** Words in lines of at most `width` characters (a longer word has a line of its own). */
export function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Words wrapped to lines of `width` characters, every line after the first indented by `indent` (within the width). */
export function wrap(text: string, width: number, indent = ''): string {
  const [first = '', ...rest] = wrapLines(text, width);
  return [first, ...wrapLines(rest.join(' '), width - indent.length).map((l) => indent + l)].join('\n');
}

/** Two columns: names padded to the longest (at most 34), descriptions wrapped after them. */
export function twoColumns(rows: ReadonlyArray<[string, string]>, width: number, indent = '  '): string {
  const left = Math.min(34, Math.max(0, ...rows.map(([name]) => name.length)));
  const column = indent.length + left + 2;
  return rows
    .map(([name, text]) => {
      const lines = wrapLines(text, Math.max(30, width - column));
      const pad = name.length > left ? `\n${' '.repeat(column)}` : ' '.repeat(left - name.length + 2);
      return `${indent}${name}${lines.length > 0 ? pad : ''}${lines.join(`\n${' '.repeat(column)}`)}`;
    })
    .join('\n');
}

function flagName(flag: GlobalFlag): string {
  return `${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
}

export function globalFlagsText(width: number): string {
  return GROUPS.map(([group, title]) => {
    const rows = GLOBAL_FLAGS.filter((f) => f.group === group).map((f): [string, string] => [flagName(f), `${f.describe}${f.env ? ` [${f.env}]` : ''}`]);
    return `${title}:\n${twoColumns(rows, width)}`;
  }).join('\n\n');
}

export function topHelp(pkg: CliPackage, width: number): string {
  const counts = new Map<string, number>();
  for (const row of pkg.operations) counts.set(row.operator, (counts.get(row.operator) ?? 0) + 1);
  const operators = pkg.operators.filter((o) => counts.has(o.name)).map((o): [string, string] => [o.name, `${summary(o.doc)}${o.doc ? ' ' : ''}(${counts.get(o.name)} operations)`]);
  const protocol = pkg.protocolVersion ? `XML API protocol ${pkg.protocolVersion}` : 'no protocol version: the server answers in its newest';
  return [
    `${pkg.bin}: the operations of Plesk's XML API in ${pkg.packageName} ${pkg.packageVersion} (${protocol}), as a command.`,
    '',
    'Usage:',
    `  ${pkg.bin} <operator> <operation> [flags]          run one operation`,
    `  ${pkg.bin} <operator> --help                        its operations`,
    `  ${pkg.bin} <operator> <operation> --help            its flags, from the schema, with an example`,
    '',
    `Operators (${pkg.operations.length} operations):`,
    twoColumns(operators, width),
    '',
    globalFlagsText(width),
    '',
    wrap('Environment: PLESK_HOST, PLESK_PORT, PLESK_LOGIN, PLESK_PASSWORD, PLESK_SECRET_KEY, PLESK_CA, PLESK_PROFILE, PLESK_PROFILE_FILE; HTTPS_PROXY and NO_PROXY (as curl reads them); NO_COLOR.', width),
    wrap(EXIT_CODES_TEXT, width),
    '',
  ].join('\n');
}

/** What the command does to the server, in a few words. */
export function kindOf(row: OperationRow): string {
  return [row.read ? 'read' : row.binary ? 'not resent' : 'changes state', ...(row.startsTask ? ['starts a task: --watch'] : []), ...(row.binary ? ['answers a file: -O'] : [])].join(', ');
}

export function operatorHelp(pkg: CliPackage, operator: string, docs: CliDocs | undefined, width: number): string {
  const rows = pkg.operations.filter((r) => r.operator === operator);
  const doc = pkg.operators.find((o) => o.name === operator)?.doc;
  const list = rows.map((r): [string, string] => [r.operation, `${summary(docs?.operations[`${r.operator}/${r.operation}`])} (${kindOf(r)})`.trim()]);
  return [
    `${pkg.bin} ${operator}: ${doc ? wrap(doc.replace(/\s+/g, ' '), width - pkg.bin.length - operator.length - 3, '  ') : `the operations of <${operator}>`}`,
    '',
    `Usage: ${pkg.bin} ${operator} <operation> [flags]    (${pkg.bin} ${operator} <operation> --help: its flags)`,
    '',
    'Operations:',
    twoColumns(list, width),
    '',
  ].join('\n');
}
