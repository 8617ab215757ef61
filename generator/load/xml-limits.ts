/**
 * The XML reader's limits as schema errors with a line: elements nested too deep (found by a scan
 * of the file before fast-xml-parser reads it, whose own limit says neither where nor why), and
 * what fast-xml-parser refuses after the well-formedness check (entities past their limits,
 * external entities), placed at the declaration concerned.
 */
import { SchemaError, type SourceLocation } from '../errors.js';
import { MAX_ELEMENT_DEPTH, MAX_ENTITY_COUNT, MAX_ENTITY_SIZE, MAX_EXPANDED_LENGTH } from '../limits.js';

const NO_ENTITIES = 'remove the DOCTYPE and its entity declarations and write the text where it is used (XML Schemas need no entities)';

/**
 * The first element nested deeper than {@link MAX_ELEMENT_DEPTH} (xs:schema is level 1), as a
 * schema error, or undefined. `text` is well-formed XML (checked before); the scan skips
 * comments, CDATA sections, processing instructions, the DOCTYPE and quoted attribute values,
 * and takes time linear in the text.
 */
export function elementTooDeep(text: string, at: (index: number) => SourceLocation): SchemaError | undefined {
  let depth = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i)) {
    if (text.startsWith('<!--', i)) i = after(text, '-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) i = after(text, ']]>', i + 9);
    else if (text.startsWith('<?', i)) i = after(text, '?>', i + 2);
    else if (text.startsWith('<!', i)) i = afterDoctype(text, i + 2);
    else if (text[i + 1] === '/') {
      depth--;
      i = after(text, '>', i + 2);
    } else {
      if (depth === MAX_ELEMENT_DEPTH) {
        const name = /^<([^\s/>]+)/.exec(text.slice(i, i + 200))?.[1] ?? '';
        return new SchemaError(
          'limit-exceeded',
          at(i),
          `<${name}> is nested ${MAX_ELEMENT_DEPTH + 1} elements deep; plesk-codegen reads schemas whose elements nest at most ${MAX_ELEMENT_DEPTH} deep (Plesk's nest 22)`,
          'flatten the schema: declare the inner types as named global types (or groups) and refer to them',
        );
      }
      const end = endOfTag(text, i + 1);
      if (text[end - 1] !== '/') depth++;
      i = end + 1;
    }
  }
  return undefined;
}

/** The index after the next `terminator` from `from` (the end of the text when there is none). */
function after(text: string, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from);
  return end < 0 ? text.length : end + terminator.length;
}

/** The index of the `>` ending the tag that starts before `from`, skipping quoted attribute values. */
function endOfTag(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      j = text.indexOf(c, j + 1);
      if (j < 0) return text.length;
    } else if (c === '>') return j;
  }
  return text.length;
}

/** The index after a `<!DOCTYPE …>` (or another `<!` declaration), internal subset included. */
function afterDoctype(text: string, from: number): number {
  let inSubset = false;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      j = text.indexOf(c, j + 1);
      if (j < 0) return text.length;
    } else if (inSubset && text.startsWith('<!--', j)) j = after(text, '-->', j + 4) - 1;
    else if (inSubset && text.startsWith('<?', j)) j = after(text, '?>', j + 2) - 1;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) return j + 1;
  }
  return text.length;
}

/**
 * What fast-xml-parser threw while reading a well-formed file, as a schema error at the
 * declaration concerned (the DOCTYPE, when no single declaration is).
 */
export function readerError(error: unknown, text: string, at: (index: number) => SourceLocation): SchemaError {
  const message = error instanceof Error ? error.message : String(error);
  const doctype = Math.max(0, text.indexOf('<!DOCTYPE'));
  const declaration = (name: string) => {
    const found = new RegExp(`<!ENTITY\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`).exec(text);
    return found ? found.index : doctype;
  };
  let match: RegExpExecArray | null;
  if ((match = /^Entity "(.*)" size \((\d+)\) exceeds/.exec(message))) {
    return new SchemaError('limit-exceeded', at(declaration(match[1]!)), `the entity "${match[1]}" is ${Number(match[2]).toLocaleString('en-US')} characters long; plesk-codegen's XML reader takes entities of at most ${MAX_ENTITY_SIZE.toLocaleString('en-US')}`, NO_ENTITIES);
  }
  if (/^Entity count \(\d+\) exceeds/.test(message)) {
    const declarations = [...text.matchAll(/<!ENTITY\s/g)];
    const first = declarations[MAX_ENTITY_COUNT]?.index ?? doctype;
    return new SchemaError('limit-exceeded', at(first), `the DOCTYPE declares more than ${MAX_ENTITY_COUNT.toLocaleString('en-US')} entities, the most plesk-codegen's XML reader takes`, NO_ENTITIES);
  }
  if (/Expanded content length limit exceeded/.test(message)) {
    return new SchemaError('limit-exceeded', at(doctype), `the entity references expand to more than ${MAX_EXPANDED_LENGTH.toLocaleString('en-US')} characters in all, the most plesk-codegen's XML reader takes (entities that expand into each other are how an "entity expansion" attack looks)`, NO_ENTITIES);
  }
  if (/External entities are not supported/.test(message)) {
    const external = /<!ENTITY\s[^>]*?\s(SYSTEM|PUBLIC)\s/.exec(text);
    return new SchemaError('unsupported-construct', at(external ? external.index : doctype), 'external entities (SYSTEM or PUBLIC) are not read: a schema cannot pull in other files that way', NO_ENTITIES);
  }
  if (/Parameter entities are not supported/.test(message)) {
    const parameter = /<!ENTITY\s+%/.exec(text);
    return new SchemaError('unsupported-construct', at(parameter ? parameter.index : doctype), 'parameter entities (<!ENTITY % …>) are not supported', NO_ENTITIES);
  }
  return new SchemaError('xml-syntax', at(text.includes('<!DOCTYPE') ? doctype : 0), `the XML reader refused the schema: ${message}`, 'correct the XML of this file');
}
