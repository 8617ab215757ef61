/**
 * metadata.ts: the ordered tables the runtime encodes and decodes with.
 *
 * For `<xs:element name="task-id" type="BackupTaskIdType"/>` inside a sequence we generate
 * `{ k: 'el', name: 'task-id', prop: 'taskId', type: { s: 'BackupTaskIdType' }, min: 1, max: 1 }`;
 * content models keep their particles in schema order. Keys of the two tables are TypeScript
 * type names (built-ins as `xs:int`), printed in code-point order.
 */
import { VariableDeclarationKind, type Project } from 'ts-morph';
import type { ComplexTypeMeta, Particle, SimpleTypeMeta, TypeRef } from '../../runtime/codec/meta.js';
import type { IrComplexType, IrParticle, IrSchema, IrSimpleType, IrTypeRef } from '../model/ir.js';
import { compareCodePoints } from '../passes/names.js';
import { createGeneratedFile, spliced, textOf } from './print.js';
import { quote } from './type-expressions.js';
import { jsDoc } from './comments.js';

export function emitMetadata(project: Project, ir: IrSchema): string {
  const simple = new Map<string, SimpleTypeMeta>();
  const complex = new Map<string, ComplexTypeMeta>();
  const useSimple = (t: IrSimpleType) => {
    simple.set(t.tsName, t.meta);
    return t.tsName;
  };
  for (const t of ir.simpleTypes) useSimple(t);
  const ref = (t: IrTypeRef): TypeRef => (t.kind === 'any' ? { any: true } : t.kind === 'simple' ? { s: useSimple(t.type) } : { c: t.type.tsName });
  const particle = (p: IrParticle): Particle => {
    if (p.kind === 'element') {
      return { k: 'el', name: p.name, prop: p.prop, type: ref(p.type), min: p.min, max: p.max, ...(p.nillable ? { nillable: true } : {}), ...(p.default !== undefined ? { dflt: p.default } : {}) };
    }
    if (p.kind === 'any') return { k: 'any', prop: p.prop, min: p.min, max: p.max };
    return { k: p.kind, min: p.min, max: p.max, ...(p.prop ? { prop: p.prop } : {}), items: p.items.map(particle) };
  };
  for (const t of ir.complexTypes) complex.set(t.tsName, complexMeta(t, useSimple, particle));
  for (const root of ir.roots) ref(root.type);

  const file = createGeneratedFile(project, 'metadata.ts', ir.entries, 'The ordered schema tables the runtime encodes and decodes with.');
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/meta.js', namedImports: ['frozenSchema', 'type Frozen', 'type SchemaMeta'] });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'schema', type: 'Frozen<SchemaMeta>', initializer: `frozenSchema(${TABLES})` }],
    docs: [jsDoc('Every type of the schema set, by TypeScript name; frozen all the way down (the runtime only reads it, and no caller can change what another validates).')],
  });
  // The tables (thousands of lines for Plesk's whole API) are spliced into the printed statement
  // rather than handed to ts-morph, whose writer walks an initializer character by character
  // and re-parses it: that took a third of the generator's time. The text is the same: every
  // line after the first is indented one level, as ts-morph indents a multi-line initializer.
  const lines = ['{', '    simple: {'];
  for (const key of sortedKeys(simple)) lines.push(`      ${quote(key)}: ${literal(simple.get(key))},`);
  lines.push('    },', '    complex: {');
  for (const key of sortedKeys(complex)) lines.push(`      ${quote(key)}: ${indented(complexLiteral(complex.get(key)!))},`);
  lines.push('    },', '  }');
  return spliced(project, textOf(file), TABLES, lines.join('\n'));
}

/** What the tables' place holds until they are spliced in: an identifier no schema can produce. */
const TABLES = '__PLESK_CODEGEN_SCHEMA_TABLES__';

/** A multi-line literal indented one level (two spaces) after its first line. */
function indented(text: string): string {
  return text.replaceAll('\n', '\n  ');
}

function complexMeta(t: IrComplexType, useSimple: (t: IrSimpleType) => string, particle: (p: IrParticle) => Particle): ComplexTypeMeta {
  return {
    name: t.xsdName ?? t.tsName,
    attrs: t.attrs.map((a) => ({ name: a.name, prop: a.prop, type: useSimple(a.type), required: a.required })),
    content: t.content,
    ...(t.text ? { text: { type: useSimple(t.text), prop: t.textProp } } : {}),
    ...(t.model ? { model: particle(t.model) } : {}),
  };
}

function complexLiteral(meta: ComplexTypeMeta): string {
  const head = `name: ${quote(meta.name)}, attrs: ${literal(meta.attrs)}, content: ${quote(meta.content)}`;
  const text = meta.text ? `, text: ${literal(meta.text)}` : '';
  if (!meta.model) return `{ ${head}${text} }`;
  return `{\n      ${head}${text},\n      model: ${particleLiteral(meta.model, '      ')},\n    }`;
}

function particleLiteral(p: Particle, indent: string): string {
  if (p.k !== 'seq' && p.k !== 'choice' && p.k !== 'all') return literal(p);
  const inner = `${indent}  `;
  const head = `k: ${quote(p.k)}, min: ${p.min}, max: ${p.max}${p.prop ? `, prop: ${quote(p.prop)}` : ''}`;
  return `{ ${head}, items: [\n${p.items.map((i) => `${inner}${particleLiteral(i, inner)},`).join('\n')}\n${indent}] }`;
}

/** A one-line object literal in the order its keys were built (fixed per kind of node). */
function literal(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${literal(v)}`).join(', ')} }`;
}

function sortedKeys(map: Map<string, unknown>): string[] {
  return [...map.keys()].sort(compareCodePoints);
}
