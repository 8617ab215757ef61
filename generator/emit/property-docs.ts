/**
 * A property's JSDoc: the schema's documentation, then what the wire and the schema say about it —
 * its XML name, its occurrence, its type's constraints (values, pattern, length, range, digits),
 * its default — and the line it is declared on. openapi-typescript and xsdata put the same on
 * their fields; here a hover answers "what do I send, and what will be refused" without opening
 * the schema.
 *
 * For `<xs:element name="task-id" type="BackupTaskIdType" minOccurs="0"/>` we write:
 *   `<task-id>` (optional) · type BackupTaskIdType
 *   @xsd element task-id (backup.xsd:201)
 */
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import { isRepeating, type IrSimpleType } from '../model/ir.js';
import type { Prop } from '../model/shapes.js';
import { attributeVersionsDoc, elementVersionsDoc } from './availability-docs.js';

export function propertyDoc(p: Prop): string | undefined {
  const source = p.source;
  if (!source) return p.doc;
  if ('text' in source) return p.doc;
  if ('attribute' in source) {
    const a = source.attribute;
    const facts = [`attribute \`${a.name}\`${a.required ? '' : ' (optional)'}`, ...typeFacts(a.type), ...(a.default !== undefined ? [`default \`${a.default}\``] : [])];
    return join(p.doc, facts, `@xsd attribute ${a.name} (${declaredAt(a)})`, attributeVersionsDoc(a));
  }
  const el = source.element;
  const occurs = el.max === 1 ? (el.min === 0 ? ' (optional)' : '') : ` (${el.min} to ${el.max === -1 ? 'unbounded' : el.max}${isRepeating(el) ? ' times' : ''})`;
  const type = el.type.kind === 'simple' ? typeFacts(el.type.type) : el.type.kind === 'complex' ? [`type ${el.type.type.xsdName ?? el.type.type.tsName}`] : ['untyped (xs:anyType)'];
  const facts = [`\`<${el.name}>\`${occurs}`, ...type, ...(el.nillable ? ['nillable'] : []), ...(el.default !== undefined ? [`default \`${el.default}\``] : [])];
  return join(p.doc, facts, `@xsd element ${el.name} (${declaredAt(el)})`, elementVersionsDoc(el));
}

/** Where a declaration is: its file and line, and in a package of several protocol versions the version that file is of. */
export function declaredAt(node: { loc: { file: string; line: number }; versions?: string[] }): string {
  return `${node.loc.file}:${node.loc.line}${node.versions ? `, ${node.versions[0]}` : ''}`;
}

function join(doc: string | undefined, facts: string[], xsd: string, versions?: string): string {
  return [doc, facts.join(' · '), versions, xsd].filter(Boolean).join('\n\n');
}

/** `type BackupTaskStatus: one of 'working', 'finished'`, `pattern […]`, `length 1..255`, `range 1..65535`. */
function typeFacts(type: IrSimpleType): string[] {
  const variants = type.variants ?? [];
  // several protocol versions: the newest's facets, and the values of any version (its own JSDoc says which)
  const meta = variants.length > 1 ? { ...variants.at(-1)!.meta, ...(variants.every((v) => v.meta.enum) ? { enum: [...new Set(variants.flatMap((v) => v.meta.enum!))] } : {}) } : type.meta;
  return [`type ${meta.name}`, ...constraints(meta)];
}

export function constraints(meta: SimpleTypeMeta): string[] {
  const out: string[] = [];
  if (meta.enum) out.push(`one of ${meta.enum.map((v) => `\`${v}\``).join(', ')}`);
  for (const alternatives of meta.patterns ?? []) out.push(`pattern ${alternatives.map((p) => `\`${p.source}\``).join(' or ')}`);
  if (meta.length !== undefined) out.push(`length ${meta.length}`);
  if (meta.minLength !== undefined || meta.maxLength !== undefined) out.push(`length ${meta.minLength ?? 0}..${meta.maxLength ?? '∞'}`);
  const low = meta.minInclusive !== undefined ? `≥ ${meta.minInclusive}` : meta.minExclusive !== undefined ? `> ${meta.minExclusive}` : undefined;
  const high = meta.maxInclusive !== undefined ? `≤ ${meta.maxInclusive}` : meta.maxExclusive !== undefined ? `< ${meta.maxExclusive}` : undefined;
  if (low || high) out.push(`value ${[low, high].filter(Boolean).join(' and ')}`);
  if (meta.totalDigits !== undefined) out.push(`at most ${meta.totalDigits} digits`);
  if (meta.fractionDigits !== undefined) out.push(`at most ${meta.fractionDigits} fraction digits`);
  return out;
}
