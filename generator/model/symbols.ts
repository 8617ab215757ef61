/**
 * The global declarations of one schema set, by kind and name.
 *
 * All names are collected before any reference is resolved, because include graphs may be
 * cyclic and a type may be used before the file declaring it is read.
 */
import { SchemaError } from '../errors.js';
import type { SchemaSet } from '../load/load-schemas.js';
import { xsChildren, type QName, type XsdNode } from '../load/xsd-node.js';
import { declaredName } from './declared-name.js';

export type DeclarationKind = 'simpleType' | 'complexType' | 'element' | 'attribute' | 'group' | 'attributeGroup';
const KINDS = new Set<string>(['simpleType', 'complexType', 'element', 'attribute', 'group', 'attributeGroup']);

export class SymbolTable {
  private readonly byKind = new Map<DeclarationKind, Map<string, XsdNode>>();
  /** global elements in document order */
  readonly elements: XsdNode[] = [];
  /** named simple and complex types in document order */
  readonly types: XsdNode[] = [];

  constructor(readonly set: SchemaSet) {
    for (const doc of set.documents) {
      for (const node of xsChildren(doc.root)) {
        if (!KINDS.has(node.local)) continue;
        const kind = node.local as DeclarationKind;
        const name = declaredName(node);
        if (name === undefined) {
          throw new SchemaError('unknown-reference', node.loc, `a global xs:${kind} has no name`, 'add a name attribute');
        }
        const key = keyOf({ ns: doc.targetNamespace, local: name });
        let table = this.byKind.get(kind);
        if (!table) this.byKind.set(kind, (table = new Map()));
        const previous = table.get(key);
        if (previous && previous !== node) {
          throw new SchemaError('duplicate-declaration', node.loc, `xs:${kind} "${name}" is declared twice (first at ${previous.loc.file}:${previous.loc.line})`, 'remove or rename one of the declarations');
        }
        table.set(key, node);
        if (kind === 'element') this.elements.push(node);
        if (kind === 'simpleType' || kind === 'complexType') this.types.push(node);
      }
    }
  }

  lookup(kind: DeclarationKind, name: QName): XsdNode | undefined {
    return this.byKind.get(kind)?.get(keyOf(name));
  }
}

function keyOf(name: QName): string {
  return `{${name.ns}}${name.local}`;
}
