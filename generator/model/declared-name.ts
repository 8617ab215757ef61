/**
 * The name of a declaration (an element, attribute, type, group), checked to be an XML name
 * without a colon (an NCName, XML Namespaces 1.0): a schema is untrusted input, and every name
 * reaches generated code (property and type names, paths in messages). A name that is not one
 * (a name holding `*\/` or a space, an empty name) is a SchemaError naming the file, the line and the
 * name.
 */
import { isElementName } from '../../runtime/codec/xml-names.js';
import { SchemaError } from '../errors.js';
import type { XsdNode } from '../load/xsd-node.js';

/** `node`'s `name` attribute, or undefined when it has none; a SchemaError when it is not an NCName. */
export function declaredName(node: XsdNode): string | undefined {
  const name = node.attrs.get('name');
  if (name === undefined || isElementName(name)) return name;
  throw new SchemaError(
    'invalid-name',
    node.loc,
    `the xs:${node.local} name ${JSON.stringify(name)} is not an XML name (an NCName: a letter or _ first, then letters, digits, '.', '-', '_'; no colon, no space)`,
    'rename the declaration (and every reference to it) to an XML name',
  );
}
