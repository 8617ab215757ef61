/**
 * One schema file as a tree of namespace-resolved nodes with source locations.
 *
 * fast-xml-parser (preserveOrder, with metadata) reads the file; this module turns its output into
 * {@link XsdNode}s: children in document order, every prefix resolved, every node knowing its
 * file, line, column and element path.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SchemaError, type SourceLocation } from '../errors.js';
import { MAX_ELEMENT_DEPTH, MAX_ENTITY_COUNT, MAX_ENTITY_SIZE, MAX_EXPANDED_LENGTH } from '../limits.js';
import { elementTooDeep, readerError } from './xml-limits.js';

export const XS_NS = 'http://www.w3.org/2001/XMLSchema';

export interface XsdNode {
  /** namespace URI of the element ('' for none) */
  ns: string;
  /** local name, e.g. `complexType` */
  local: string;
  attrs: Map<string, string>;
  children: XsdNode[];
  /** concatenated text content (used for xs:documentation) */
  text: string;
  loc: SourceLocation;
  /** in-scope prefix → namespace bindings, for QName-valued attributes (`type="xs:string"`) */
  scope: Map<string, string>;
}

/** A QName resolved against a node's scope. */
export interface QName {
  ns: string;
  local: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  captureMetaData: true,
  processEntities: { enabled: true, maxEntitySize: MAX_ENTITY_SIZE, maxEntityCount: MAX_ENTITY_COUNT, maxExpandedLength: MAX_EXPANDED_LENGTH },
  // elementTooDeep has refused deeper files, with their line, before the parser sees them
  maxNestedTags: MAX_ELEMENT_DEPTH + 1,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type FxpEntry = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Parses one schema file. `file` is the display path used in locations. */
export function parseXsdText(text: string, file: string): XsdNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new SchemaError('xml-syntax', { file, line, column: col, path: '' }, `the schema is not well-formed XML: ${msg}`, 'correct the XML syntax of this file');
  }
  const lineStarts = computeLineStarts(text);
  const at = (index: number): SourceLocation => ({ file, ...positionOf(lineStarts, index), path: '' });
  const tooDeep = elementTooDeep(text, at);
  if (tooDeep) throw tooDeep;
  let entries: FxpEntry[];
  try {
    entries = parser.parse(text) as FxpEntry[];
  } catch (error) {
    throw readerError(error, text, at);
  }
  const root = entries.find((e) => elementName(e) !== undefined && !elementName(e)!.startsWith('?'));
  if (!root) {
    throw new SchemaError('not-a-schema', { file, line: 1, column: 1, path: '' }, 'the file has no root element', 'give the file an <xs:schema> root element');
  }
  const node = convert(root, file, lineStarts, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), '');
  if (node.ns !== XS_NS || node.local !== 'schema') {
    throw new SchemaError('not-a-schema', node.loc, `the root element is <${node.local}> in namespace "${node.ns}", not <xs:schema>`, `make the root element <xs:schema xmlns:xs="${XS_NS}">`);
  }
  return node;
}

function elementName(entry: FxpEntry): string | undefined {
  for (const key of Object.keys(entry)) if (key !== ':@' && key !== '#text' && key !== '#comment') return key;
  return undefined;
}

function convert(entry: FxpEntry, file: string, lineStarts: number[], parentScope: Map<string, string>, parentPath: string): XsdNode {
  const qname = elementName(entry)!;
  const rawAttrs = entry[':@'] ?? {};
  let scope = parentScope;
  const attrs = new Map<string, string>();
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      scope.set(name === 'xmlns' ? '' : name.slice(6), value);
    } else attrs.set(name, value);
  }
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  const ns = scope.get(prefix) ?? '';
  const label = attrs.has('name') ? `${qname}[@name=${attrs.get('name')}]` : qname;
  const path = parentPath ? `${parentPath}/${label}` : label;
  const start = (entry as Record<symbol, { startIndex: number } | undefined>)[META]?.startIndex ?? 0;
  const { line, column } = positionOf(lineStarts, start);
  const node: XsdNode = { ns, local, attrs, children: [], text: '', loc: { file, line, column, path }, scope };
  for (const child of (entry[qname] as FxpEntry[]) ?? []) {
    if ('#text' in child) node.text += String(child['#text']);
    else if (elementName(child) !== undefined) node.children.push(convert(child, file, lineStarts, scope, path));
  }
  return node;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(lineStarts: number[], index: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: index - lineStarts[lo]! + 1 };
}

/** The XSD children of a node (annotations and foreign elements skipped). */
export function xsChildren(node: XsdNode): XsdNode[] {
  return node.children.filter((c) => c.ns === XS_NS && c.local !== 'annotation');
}

/** The text of the node's xs:annotation/xs:documentation, whitespace-trimmed, or undefined. */
export function documentationOf(node: XsdNode): string | undefined {
  const parts: string[] = [];
  for (const ann of node.children) {
    if (ann.ns !== XS_NS || ann.local !== 'annotation') continue;
    for (const doc of ann.children) if (doc.ns === XS_NS && doc.local === 'documentation') parts.push(doc.text.trim());
  }
  const text = parts.filter((p) => p !== '').join('\n\n');
  return text === '' ? undefined : text;
}

/** Resolves a QName-valued attribute (`type`, `base`, `ref`) against the node's namespace scope. */
export function resolveQName(node: XsdNode, value: string): QName {
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? '' : value.slice(0, colon);
  const local = colon < 0 ? value : value.slice(colon + 1);
  const ns = node.scope.get(prefix);
  if (ns === undefined && prefix !== '') {
    throw new SchemaError('unknown-reference', node.loc, `the prefix "${prefix}" of "${value}" is not declared`, `declare it with xmlns:${prefix}="…" on the schema element`);
  }
  return { ns: ns ?? '', local };
}
