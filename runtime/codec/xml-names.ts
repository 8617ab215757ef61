/**
 * XML names, exactly as XML 1.0 (fifth edition) defines them: what an element or attribute name
 * given by a caller must be before it is written into markup.
 */

/** XML Schema's instance namespace (`xsi:nil`). */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

const START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const REST = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;

/** A name without a colon (NCName): an element of a schema without a target namespace. */
const NC_NAME = new RegExp(`^[${START}][${REST}]*$`, 'u');
/** A name that may have one prefix (QName): an attribute such as `xml:lang`. */
const Q_NAME = new RegExp(`^[${START}][${REST}]*(?::[${START}][${REST}]*)?$`, 'u');

/** Whether `name` is an XML name without a colon (an element name of a schema without namespace). */
export function isElementName(name: unknown): name is string {
  return typeof name === 'string' && NC_NAME.test(name);
}

/** Whether `name` is an XML name with at most one prefix (an attribute name). */
export function isAttributeName(name: unknown): name is string {
  return typeof name === 'string' && Q_NAME.test(name);
}
