/**
 * Schema drift made to order: what a newer server does to an answer, applied to a valid answer
 * (an encoded packet of a whole-API package) with its schema at hand, so that each change is one
 * the decoder must keep under unknownElements 'keep' and refuse under 'error', and the report it
 * must give is known in advance. Used by test/drift-property.test.ts.
 *
 * The document is read into a tree (saxes), each element typed from the package's metadata (the
 * type of a child is its particle's in the parent's content model: XSD's Element Declarations
 * Consistent rule makes the name enough; a wildcard's content is raw and left alone). The drift:
 *
 * - `unknown`: an element no type declares (`zz-drift-…`), with an attribute and content, inserted
 *   among the children of a record (an element with element content, or an empty one with
 *   attributes);
 * - `extra`: a copy of a child whose particle allows one occurrence and sits in no repeating
 *   group, right after it (maxOccurs raised);
 * - `misplaced`: a copy of a child inserted before it, where the content model cannot place it and
 *   no sibling of that name came before (an element moved; the original stays, so that every known
 *   value is still there);
 * - `attribute`: an attribute no type declares, on a record;
 * - `value`: a string of an open enumeration (a response's) replaced by a value it does not list,
 *   or a string with a maximum length made longer than it.
 *
 * Each mutation says the report it expects (kind and path), and a value mutation the text it
 * replaced, so that the test can put the known values back and compare.
 */
import { SaxesParser } from 'saxes';
import { automatonFor, type State } from '../../runtime/codec/content-automaton.js';
import type { ComplexTypeMeta, ElementParticle, Particle, SchemaMeta, SimpleTypeMeta, TypeRef } from '../../runtime/codec/meta.js';

/** An element of the tree; `drift` marks one a mutation inserted. */
export interface XNode {
  name: string;
  attrs: Array<[string, string]>;
  children: Array<XNode | string>;
  type?: TypeRef;
  drift?: boolean;
  /** its value was changed by a mutation already */
  changed?: boolean;
}

export type DriftKind = 'unknown' | 'extra' | 'misplaced' | 'attribute' | 'value';

/** One change made to a document: the report it must give, and (a value) the text it replaced. */
export interface Drift {
  kind: DriftKind;
  path: string;
  /** the node the strict decoder must name: an element's or attribute's name */
  name: string;
  /** a value mutation: the text read before, and now */
  before?: string;
  after?: string;
}

// ---------------------------------------------------------------------------------------
// The tree
// ---------------------------------------------------------------------------------------

export function parse(xml: string): XNode {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XNode[] = [];
  let root: XNode | undefined;
  const text = (t: string) => {
    const top = stack.at(-1);
    if (!top) return;
    const last = top.children.at(-1);
    if (typeof last === 'string') top.children[top.children.length - 1] = last + t;
    else top.children.push(t);
  };
  parser.on('opentag', (tag) => {
    const node: XNode = { name: tag.name, attrs: Object.entries(tag.attributes as Record<string, string>), children: [] };
    stack.at(-1)?.children.push(node);
    stack.push(node);
    root ??= node;
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', text);
  parser.on('cdata', text);
  parser.write(xml).close();
  return root!;
}

function escapeText(t: string): string {
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttribute(t: string): string {
  return escapeText(t).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** The tree as XML: attributes in their order, empty elements as `<a/>`. */
export function serialize(node: XNode): string {
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map((c) => (typeof c === 'string' ? escapeText(c) : serialize(c))).join('')}</${node.name}>`;
}

/** A canonical form to compare documents by: attributes sorted, empty elements as start and end tags, one escaping. */
export function canonical(xml: string): string {
  const write = (node: XNode): string => {
    const attrs = [...node.attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
    return `<${node.name}${attrs}>${node.children.map((c) => (typeof c === 'string' ? escapeText(c) : write(c))).join('')}</${node.name}>`;
  };
  return write(parse(xml));
}

function clone(node: XNode): XNode {
  return { name: node.name, attrs: node.attrs.map(([k, v]) => [k, v]), children: node.children.map((c) => (typeof c === 'string' ? c : clone(c))) };
}

// ---------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------

function particles(p: Particle | undefined, out: ElementParticle[] = []): ElementParticle[] {
  if (!p || p.k === 'any') return out;
  if (p.k === 'el') out.push(p);
  else for (const item of p.items) particles(item, out);
  return out;
}

/** The particles of the content model that sit in no repeating group. */
function outsideRepeats(p: Particle | undefined, out = new Set<ElementParticle>()): Set<ElementParticle> {
  if (!p || p.k === 'any') return out;
  if (p.k === 'el') out.add(p);
  else if (!(p.max === -1 || p.max > 1)) for (const item of p.items) outsideRepeats(item, out);
  return out;
}

/** Types every element of the tree from the metadata (children of untyped or wildcard content stay untyped). */
export function typeTree(schema: SchemaMeta, node: XNode, type: TypeRef): void {
  node.type = type;
  if (!('c' in type)) return;
  const meta = schema.complex[type.c]!;
  if (meta.content !== 'elements' || isNil(node)) return;
  const byName = new Map(particles(meta.model).map((p) => [p.name, p]));
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    const particle = byName.get(child.name);
    if (particle) typeTree(schema, child, particle.type);
  }
}

const isNil = (node: XNode) => node.attrs.some(([k, v]) => k.endsWith(':nil') && (v === 'true' || v === '1'));

function complexOf(schema: SchemaMeta, node: XNode): ComplexTypeMeta | undefined {
  return node.type && 'c' in node.type && !isNil(node) ? schema.complex[node.type.c] : undefined;
}

/** A record: an element whose value is an object that can carry what 'keep' keeps. */
function isRecord(meta: ComplexTypeMeta | undefined): meta is ComplexTypeMeta {
  return meta !== undefined && !(meta.content === 'empty' && meta.attrs.length === 0);
}

/** The automaton state after the known children before `index`. */
function stateBefore(meta: ComplexTypeMeta, node: XNode, index: number): State | undefined {
  const automaton = automatonFor(meta.model!);
  let state: State = automaton.start;
  for (let i = 0; i < index; i++) {
    const child = node.children[i]!;
    if (typeof child === 'string' || child.drift) continue;
    const move = state.next.get(child.name) ?? state.wildcard;
    if (!move) return undefined;
    state = automaton.states[move.to]!;
  }
  return state;
}

// ---------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------

interface Site {
  node: XNode;
  path: string;
}

function sites(node: XNode, path: string, out: Site[] = []): Site[] {
  if (node.drift || node.type === undefined) return out;
  out.push({ node, path });
  for (const child of node.children) if (typeof child !== 'string') sites(child, `${path}/${child.name}`, out);
  return out;
}

/** A deterministic source of choices (mulberry32). */
export function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const pick = <T>(items: T[], r: (n: number) => number): T | undefined => (items.length === 0 ? undefined : items[r(items.length)]);

let serial = 0;

/** The simple type of an element's text, when it has one. */
function textType(schema: SchemaMeta, node: XNode): SimpleTypeMeta | undefined {
  const type = node.type;
  if (!type || isNil(node)) return undefined;
  if ('s' in type) return schema.simple[type.s];
  if ('c' in type) {
    const meta = schema.complex[type.c]!;
    return meta.content === 'simple' ? schema.simple[meta.text!.type] : undefined;
  }
  return undefined;
}

const textOf = (node: XNode) => node.children.map((c) => (typeof c === 'string' ? c : '')).join('');

/**
 * Applies one mutation of `kind` to the tree somewhere `r` chooses (undefined: the document has
 * no place for it). Value mutations come first in a sample (they change known values only).
 */
export function mutate(schema: SchemaMeta, root: XNode, kind: DriftKind, r: (n: number) => number): Drift | undefined {
  const all = sites(root, root.name);
  switch (kind) {
    case 'unknown': {
      // a place among the children of a record where no wildcard would take it
      const places: Array<{ site: Site; at: number }> = [];
      for (const site of all) {
        const meta = complexOf(schema, site.node);
        if (!isRecord(meta) || meta.content === 'simple') continue;
        for (let at = 0; at <= site.node.children.length; at++) if (meta.content === 'empty' || stateBefore(meta, site.node, at)?.wildcard === undefined) places.push({ site, at });
      }
      const place = pick(places, r);
      if (!place) return undefined;
      const site = place.site;
      const name = `zz-drift-${++serial}`;
      const inserted: XNode = { name, attrs: [['n', String(serial)]], children: r(2) === 0 ? ['new & <text>'] : [{ name: 'inner', attrs: [], children: ['1'] }, 'tail'], drift: true };
      site.node.children.splice(place.at, 0, inserted);
      return { kind, path: `${site.path}/${name}`, name };
    }
    case 'attribute': {
      const site = pick(all.filter((s) => isRecord(complexOf(schema, s.node))), r);
      if (!site) return undefined;
      const name = `zz-attr-${++serial}`;
      site.node.attrs.push([name, `v"${serial}&`]);
      return { kind, path: `${site.path}/@${name}`, name };
    }
    case 'extra': {
      const candidates: Array<{ site: Site; index: number }> = [];
      for (const site of all) {
        const meta = complexOf(schema, site.node);
        if (meta?.content !== 'elements') continue;
        const single = outsideRepeats(meta.model);
        const names = particles(meta.model).map((p) => p.name);
        site.node.children.forEach((child, index) => {
          if (typeof child === 'string' || child.drift) return;
          const particle = [...single].find((p) => p.name === child.name);
          if (particle && particle.max === 1 && names.filter((n) => n === child.name).length === 1) candidates.push({ site, index });
        });
      }
      const chosen = pick(candidates, r);
      if (!chosen) return undefined;
      const original = chosen.site.node.children[chosen.index] as XNode;
      chosen.site.node.children.splice(chosen.index + 1, 0, { ...clone(original), drift: true });
      return { kind, path: `${chosen.site.path}/${original.name}`, name: original.name };
    }
    case 'misplaced': {
      const candidates: Array<{ site: Site; index: number; at: number }> = [];
      for (const site of all) {
        const meta = complexOf(schema, site.node);
        if (meta?.content !== 'elements') continue;
        const children = site.node.children;
        children.forEach((child, index) => {
          if (typeof child === 'string' || child.drift) return;
          for (let at = 0; at < index; at++) {
            const before = children.slice(0, at).some((c) => typeof c !== 'string' && c.name === child.name);
            if (before) break;
            const state = stateBefore(meta, site.node, at);
            if (state && !state.next.has(child.name) && !state.wildcard) candidates.push({ site, index, at });
          }
        });
      }
      const chosen = pick(candidates, r);
      if (!chosen) return undefined;
      const original = chosen.site.node.children[chosen.index] as XNode;
      chosen.site.node.children.splice(chosen.at, 0, { ...clone(original), drift: true });
      return { kind, path: `${chosen.site.path}/${original.name}`, name: original.name };
    }
    case 'value': {
      const candidates = all.filter((s) => {
        const meta = textType(schema, s.node);
        if (!meta || s.node.changed || meta.union || meta.list || meta.family !== 'string' || s.node.children.some((c) => typeof c !== 'string')) return false;
        return (meta.enum !== undefined && meta.open === true) || (meta.enum === undefined && meta.maxLength !== undefined && meta.lexical === undefined);
      });
      const site = pick(candidates, r);
      if (!site) return undefined;
      const meta = textType(schema, site.node)!;
      const before = textOf(site.node);
      const after = meta.enum ? `zz-new-value-${++serial}` : `${before}${'Z'.repeat(Math.max(1, meta.maxLength! - [...before].length + 1))}${++serial}`;
      site.node.children = [after];
      site.node.changed = true;
      return { kind, path: site.path, name: site.node.name, before, after };
    }
  }
}
