/**
 * A reference decoder: saxes building a generic tree, with no schema, no checks and no types
 * (an element with children or attributes becomes an object, one with only text its string, a
 * repeated name an array). It is about the least any decoder driven by saxes's events does, so
 * it shows what is left for validation between saxes alone and the generated decoder.
 */
import { SaxesParser } from 'saxes';

type Tree = { [name: string]: unknown };

export function saxesTree(xml: string): Tree {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Tree[] = [{}];
  const structured: boolean[] = [true];
  let text = '';
  let attributes: Tree | undefined;
  parser.on('attribute', (a) => {
    (attributes ??= {})[`@${a.name}`] = a.value;
  });
  parser.on('opentag', () => {
    structured[structured.length - 1] = true;
    stack.push(attributes ?? {});
    structured.push(attributes !== undefined);
    attributes = undefined;
    text = '';
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const node = stack.pop()!;
    const value = structured.pop() ? node : text;
    const parent = stack[stack.length - 1]!;
    const present = parent[tag.name];
    if (present === undefined) parent[tag.name] = value;
    else if (Array.isArray(present)) present.push(value);
    else parent[tag.name] = [present, value];
    text = '';
  });
  parser.write(xml).close();
  return stack[0]!;
}
