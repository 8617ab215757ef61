/**
 * Each alternative really read the whole document: the number of elements at the end of a path
 * (`packet`, …, `task`) in the result of each, found the way its result shape nests them. Each
 * check decodes, counts and lets its result go before the next one runs, so that no two of the
 * largest results are alive at once.
 */
import { strictEqual } from 'node:assert';
import { ALTERNATIVE_DECODERS } from './contenders.js';

type FxpNode = Record<string, unknown>;

/** fast-xml-parser with preserveOrder: an array of `{ [name]: children[] }` nodes. */
function fxpCount(nodes: FxpNode[], path: string[]): number {
  const [name, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return nodes.filter((n) => name in n).length;
  const node = nodes.find((n) => name in n);
  return node ? fxpCount(node[name] as FxpNode[], rest) : 0;
}

/** xml2js with its defaults: the root an object, every child element an array. */
function xml2jsCount(root: Record<string, unknown>, path: string[]): number {
  let node = root[path[0]!] as Record<string, unknown[]> | undefined;
  for (const name of path.slice(1, -1)) node = node?.[name]?.[0] as Record<string, unknown[]> | undefined;
  return node?.[path[path.length - 1]!]?.length ?? 0;
}

/** saxes-tree: an object per element, an array for a repeated name. */
function treeCount(root: Record<string, unknown>, path: string[]): number {
  let node: Record<string, unknown> | undefined = root;
  for (const name of path.slice(0, -1)) node = node?.[name] as Record<string, unknown> | undefined;
  const found = node?.[path[path.length - 1]!];
  return found === undefined ? 0 : Array.isArray(found) ? found.length : 1;
}

/** Asserts that fast-xml-parser, xml2js and saxes-tree each found `count` elements at `path` of `xml`. */
export function checkAlternativesCount(xml: string, path: string[], count: number): void {
  strictEqual(fxpCount(ALTERNATIVE_DECODERS['fast-xml-parser'](xml) as FxpNode[], path), count, 'fast-xml-parser');
  strictEqual(xml2jsCount(ALTERNATIVE_DECODERS.xml2js(xml) as Record<string, unknown>, path), count, 'xml2js');
  strictEqual(treeCount(ALTERNATIVE_DECODERS['saxes-tree'](xml), path), count, 'saxes-tree');
}
