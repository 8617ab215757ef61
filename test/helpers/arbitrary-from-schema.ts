/**
 * fast-check arbitraries of VALID values of a generated package, built from its metadata
 * tables alone ({@link SchemaMeta}, see generated/src/runtime/codec/meta.ts). Nothing here knows
 * a particular schema: give it any `schema` and a type reference.
 *
 * The values follow the runtime's value mapping exactly, in the normal form its decoder
 * produces, so that `decode(encode(v))` must deep-equal `v`:
 *
 * - a complex type with content `empty` and no attributes is the literal `true`; any other
 *   complex type is a record (attributes, simple-content text in `text.prop`, and the
 *   properties of its content model);
 * - an element with max 1 sets `record[prop]`; a repeating one (max > 1 or -1) an array of
 *   1..3 values (at least `min`); an optional one is sometimes left out (the key is absent,
 *   never `undefined`); a nillable one is sometimes `null`;
 * - a repeating group (seq/choice/all with max > 1 or -1) keeps its iterations in the array
 *   `record[group.prop]`, each iteration a record of the group's items; a non-repeating
 *   seq/all puts its items in the enclosing record (all of them absent when it is optional
 *   and left out); a non-repeating choice sets exactly one branch (or none when optional);
 * - simple values: strings (in their whitespace-normalized form), booleans, numbers for the
 *   `int` family, numbers within ±(2^53 − 1) (for `bigint` with `big`: bigints, beyond too), numbers for
 *   `double` (never -0), decimal strings for `decimal`, arrays for list types;
 * - untyped content (`{ any: true }`) is a string, or `{ attributes?, xml }` with markup in
 *   the canonical form the decoder re-serializes; a wildcard holds `{ name, attributes?, xml }`.
 *
 * Known limits (none of them occurs in a schema whose repeating groups are choices of
 * single elements, like Plesk's): the decoder stays in the current iteration of a repeating
 * group when it can, so iterations that could be merged into one (e.g. `[{ a }, { b }]` of a
 * repeating `(a?, b?)`) come back merged; and choice branches that share properties are not
 * told apart.
 */
import fc from 'fast-check';
import type {
  ComplexTypeMeta,
  GroupParticle,
  Particle,
  SchemaMeta,
  SimpleTypeMeta,
  TypeRef,
  WhiteSpace,
} from '../../generated/src/runtime/codec/meta.js';
import { regExpOf } from './pattern-regexp.js';

type Rec = Record<string, unknown>;

/** Nesting levels of complex elements generated with optional content; deeper, only what is required. */
export const DEFAULT_DEPTH = 8;

/** Upper bound for the length of generated arrays (repeating elements and groups). */
const MAX_REPEAT = 3;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Bounds used for unbounded big integers (xs:integer and its unbounded restrictions). */
const UNBOUNDED_BIG = 2n ** 80n;

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/**
 * Valid values of the type `ref`.
 *
 * @param depth nesting levels of complex elements below this one that may carry optional
 *   content; past it only required content is generated (the cheapest way), which keeps
 *   values of recursive types finite and small
 */
export function arbitraryForType(schema: SchemaMeta, ref: TypeRef, depth: number = DEFAULT_DEPTH): fc.Arbitrary<unknown> {
  const ctx = contextOf(schema);
  if ('s' in ref) return simpleArbitrary(ctx, simpleMeta(schema, ref.s));
  if ('c' in ref) return complexArbitrary(ctx, ref.c, depth);
  return anyContentArbitrary(ctx);
}

/** Valid values of the complex type `name` (a key of `schema.complex`). */
export function arbitraryForComplex(schema: SchemaMeta, name: string, depth: number = DEFAULT_DEPTH): fc.Arbitrary<unknown> {
  return arbitraryForType(schema, { c: name }, depth);
}

/** Valid values of the simple type `name` (a key of `schema.simple`). */
export function arbitraryForSimple(schema: SchemaMeta, name: string): fc.Arbitrary<unknown> {
  return arbitraryForType(schema, { s: name });
}

/** Whether every character of `s` is allowed by XML 1.0 (and no surrogate is unpaired). */
export function isXmlText(s: string): boolean {
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Whether `value` is a valid value of the simple type, in the decoder's normal form. */
export function isValidSimpleValue(meta: SimpleTypeMeta, value: unknown): boolean {
  const text = lexicalOf(meta, value);
  return text !== undefined && acceptsLexical(meta, text);
}

// ---------------------------------------------------------------------------------------
// Per-schema context (caches)
// ---------------------------------------------------------------------------------------

interface Context {
  schema: SchemaMeta;
  complex: Map<string, fc.Arbitrary<unknown>>;
  simple: Map<SimpleTypeMeta, fc.Arbitrary<unknown>>;
  /** minimal number of elements a value of the complex type needs (Infinity: no finite value) */
  cost: Map<string, number>;
  /** every element name the schema declares, to keep wildcard names apart from them */
  elementNames: Set<string>;
  any?: fc.Arbitrary<unknown>;
}

const contexts = new WeakMap<SchemaMeta, Context>();

function contextOf(schema: SchemaMeta): Context {
  let ctx = contexts.get(schema);
  if (!ctx) {
    ctx = { schema, complex: new Map(), simple: new Map(), cost: minimalCosts(schema), elementNames: elementNamesOf(schema) };
    contexts.set(schema, ctx);
  }
  return ctx;
}

function simpleMeta(schema: SchemaMeta, name: string): SimpleTypeMeta {
  const meta = schema.simple[name];
  if (!meta) throw new Error(`arbitrary-from-schema: no simple type ${name} in the schema`);
  return meta;
}

function complexMeta(schema: SchemaMeta, name: string): ComplexTypeMeta {
  const meta = schema.complex[name];
  if (!meta) throw new Error(`arbitrary-from-schema: no complex type ${name} in the schema`);
  return meta;
}

function elementNamesOf(schema: SchemaMeta): Set<string> {
  const names = new Set<string>();
  const walk = (p: Particle): void => {
    if (p.k === 'el') names.add(p.name);
    else if (p.k !== 'any') p.items.forEach(walk);
  };
  for (const type of Object.values(schema.complex)) if (type.model) walk(type.model);
  return names;
}

/** Fixed point of "how many elements does the smallest value need", per complex type. */
function minimalCosts(schema: SchemaMeta): Map<string, number> {
  const cost = new Map<string, number>(Object.keys(schema.complex).map((n) => [n, Infinity]));
  const typeCost = (ref: TypeRef): number => ('c' in ref ? cost.get(ref.c) ?? Infinity : 1);
  const particleCost = (p: Particle): number => {
    if (p.min === 0) return 0;
    if (p.k === 'any') return p.min;
    if (p.k === 'el') return p.min * typeCost(p.type);
    const parts = p.items.map(particleCost);
    const one = p.k === 'choice' ? Math.min(...parts) : parts.reduce((a, b) => a + b, 0);
    return p.min * one;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, type] of Object.entries(schema.complex)) {
      const c = 1 + (type.content === 'elements' && type.model ? particleCost(type.model) : 0);
      if (c < cost.get(name)!) {
        cost.set(name, c);
        changed = true;
      }
    }
  }
  return cost;
}

// ---------------------------------------------------------------------------------------
// Complex types and content models
// ---------------------------------------------------------------------------------------

const EMPTY: fc.Arbitrary<Rec> = fc.constant({});

function merge(parts: Rec[]): Rec {
  return Object.assign({}, ...parts) as Rec;
}

/** Either nothing or `present` (present more often). */
function optional(present: fc.Arbitrary<Rec>): fc.Arbitrary<Rec> {
  return fc.oneof({ weight: 1, arbitrary: EMPTY }, { weight: 3, arbitrary: present });
}

function allOf(parts: fc.Arbitrary<Rec>[]): fc.Arbitrary<Rec> {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0]!;
  return fc.tuple(...parts).map(merge);
}

function complexArbitrary(ctx: Context, name: string, depth: number): fc.Arbitrary<unknown> {
  const level = Math.max(depth, 0); // every depth <= 0 is the same "minimal" mode
  const key = `${name}@${level}`;
  let arb = ctx.complex.get(key);
  if (arb) return arb;
  const meta = complexMeta(ctx.schema, name);
  if (level === 0 && !Number.isFinite(ctx.cost.get(name)!)) {
    throw new Error(`arbitrary-from-schema: the complex type ${name} has no finite value`);
  }
  if (meta.content === 'empty' && meta.attrs.length === 0) {
    arb = fc.constant(true);
  } else {
    const parts: fc.Arbitrary<Rec>[] = [];
    for (const attr of meta.attrs) {
      const value = simpleArbitrary(ctx, simpleMeta(ctx.schema, attr.type)).map((v): Rec => ({ [attr.prop]: v }));
      if (attr.required) parts.push(value);
      else if (level > 0) parts.push(optional(value));
    }
    if (meta.content === 'simple') {
      if (!meta.text) throw new Error(`arbitrary-from-schema: ${name} has simple content but no text`);
      const text = meta.text;
      parts.push(simpleArbitrary(ctx, simpleMeta(ctx.schema, text.type)).map((v): Rec => ({ [text.prop]: v })));
    } else if (meta.content === 'elements' && meta.model) {
      parts.push(particleArbitrary(ctx, meta.model, level));
    }
    arb = allOf(parts);
  }
  ctx.complex.set(key, arb);
  return arb;
}

/** A repeating particle: max > 1 or unbounded. */
function repeats(p: { max: number }): boolean {
  return p.max === -1 || p.max > 1;
}

function arrayBounds(p: { min: number; max: number }, level: number): { minLength: number; maxLength: number } {
  const minLength = Math.max(1, p.min);
  if (level === 0) return { minLength, maxLength: minLength };
  const cap = p.max === -1 ? MAX_REPEAT : Math.min(p.max, MAX_REPEAT);
  return { minLength, maxLength: Math.max(minLength, cap) };
}

/** The properties a particle sets in the record it sits in. */
function particleArbitrary(ctx: Context, p: Particle, level: number): fc.Arbitrary<Rec> {
  const minimal = level === 0;
  if (p.min === 0 && minimal) return EMPTY;

  let present: fc.Arbitrary<Rec>;
  if (p.k === 'el') {
    let value = elementValueArbitrary(ctx, p.type, level);
    if (p.dflt !== undefined && 's' in p.type) {
      // an empty element takes the default value: '' (or []) cannot be written
      const meta = simpleMeta(ctx.schema, p.type.s);
      value = value.filter((v) => lexicalOf(meta, v) !== '');
    }
    if (p.nillable && !minimal) value = fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
    const prop = p.prop;
    present = repeats(p)
      ? fc.array(value, arrayBounds(p, level)).map((v): Rec => ({ [prop]: v }))
      : value.map((v): Rec => ({ [prop]: v }));
  } else if (p.k === 'any') {
    const prop = p.prop;
    const one = wildcardElementArbitrary(ctx);
    present = repeats(p)
      ? fc.array(one, arrayBounds(p, level)).map((v): Rec => ({ [prop]: v }))
      : one.map((v): Rec => ({ [prop]: [v] }));
  } else if (repeats(p)) {
    if (!p.prop) throw new Error(`arbitrary-from-schema: a repeating ${p.k} group has no prop`);
    const prop = p.prop;
    // every iteration must write at least one element, or the decoder never sees it
    const iteration = groupBodyArbitrary(ctx, p, level).filter((rec) => Object.keys(rec).length > 0);
    present = fc.array(iteration, arrayBounds(p, level)).map((v): Rec => ({ [prop]: v }));
  } else {
    present = groupBodyArbitrary(ctx, p, level);
  }
  return p.min === 0 ? optional(present) : present;
}

/** One instance of a group: a seq/all sets all its items, a choice exactly one branch. */
function groupBodyArbitrary(ctx: Context, p: GroupParticle, level: number): fc.Arbitrary<Rec> {
  if (p.k !== 'choice') return allOf(p.items.map((item) => particleArbitrary(ctx, item, level)));
  if (level === 0) {
    // the cheapest branch, so that recursive types end
    const costs = p.items.map((item) => particleCostIn(ctx, item));
    return particleArbitrary(ctx, p.items[costs.indexOf(Math.min(...costs))]!, level);
  }
  const branches = p.items.map((item) => particleArbitrary(ctx, item, level));
  return branches.length === 1 ? branches[0]! : fc.oneof(...branches);
}

function particleCostIn(ctx: Context, p: Particle): number {
  if (p.min === 0) return 0;
  if (p.k === 'any') return p.min;
  if (p.k === 'el') return p.min * ('c' in p.type ? ctx.cost.get(p.type.c) ?? Infinity : 1);
  const parts = p.items.map((item) => particleCostIn(ctx, item));
  return p.min * (p.k === 'choice' ? Math.min(...parts) : parts.reduce((a, b) => a + b, 0));
}

function elementValueArbitrary(ctx: Context, ref: TypeRef, level: number): fc.Arbitrary<unknown> {
  if ('s' in ref) return simpleArbitrary(ctx, simpleMeta(ctx.schema, ref.s));
  if ('c' in ref) return complexArbitrary(ctx, ref.c, level - 1);
  return anyContentArbitrary(ctx);
}

// ---------------------------------------------------------------------------------------
// Untyped content (xs:anyType) and wildcards (xs:any)
// ---------------------------------------------------------------------------------------

/** Exactly what the runtime's escapeText writes. */
function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Exactly what the runtime's escapeAttribute writes. */
function escapeAttribute(s: string): string {
  const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
  return s.replace(/[&<>"\t\n\r]/g, (c) => map[c]!);
}

const xmlNameArb = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_é'), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-._'), maxLength: 6 }))
  .map(([a, b]) => a + b)
  .filter((n) => !n.toLowerCase().startsWith('xml'));

let attributesMemo: fc.Arbitrary<Record<string, string>> | undefined;
/** 1..3 attributes with distinct names, in a fixed order. */
function attributesArb(): fc.Arbitrary<Record<string, string>> {
  return (attributesMemo ??= fc
    .uniqueArray(fc.tuple(xmlNameArb, plainString('preserve', 0, 8)), { selector: ([k]) => k, minLength: 1, maxLength: 3 })
    .map((entries) => Object.fromEntries(entries)));
}

/** Canonical markup (as the decoder re-serializes it) of mixed content, `depth` levels deep. */
function markupArbitrary(depth: number): fc.Arbitrary<{ xml: string; elements: number }> {
  const text = plainString('preserve', 0, 10).map((s) => ({ xml: escapeText(s), elements: 0 }));
  if (depth === 0) return text;
  const element = fc
    .tuple(xmlNameArb, fc.option(attributesArb(), { nil: undefined, freq: 2 }), markupArbitrary(depth - 1))
    .map(([name, attrs, inner]) => {
      const open = `<${name}${Object.entries(attrs ?? {}).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('')}>`;
      return { xml: `${open}${inner.xml}</${name}>`, elements: inner.elements + 1 };
    });
  return fc
    .array(fc.oneof({ weight: 1, arbitrary: text }, { weight: 1, arbitrary: element }), { maxLength: 3 })
    .map((nodes) => ({ xml: nodes.map((n) => n.xml).join(''), elements: nodes.reduce((a, n) => a + n.elements, 0) }));
}

function anyContentArbitrary(ctx: Context): fc.Arbitrary<unknown> {
  if (!ctx.any) {
    const raw = fc
      .tuple(fc.option(attributesArb(), { nil: undefined, freq: 2 }), markupArbitrary(2))
      // without markup and attributes the decoder hands back the text as a string
      .filter(([attrs, m]) => attrs !== undefined || m.elements > 0)
      .map(([attrs, m]) => (attrs ? { attributes: attrs, xml: m.xml } : { xml: m.xml }));
    ctx.any = fc.oneof(plainString('preserve', 0, 12), raw);
  }
  return ctx.any;
}

function wildcardElementArbitrary(ctx: Context): fc.Arbitrary<Rec> {
  return fc
    .tuple(
      xmlNameArb.map((n) => `w-${n}`).filter((n) => !ctx.elementNames.has(n)),
      fc.option(attributesArb(), { nil: undefined, freq: 2 }),
      markupArbitrary(2),
    )
    .map(([name, attrs, m]) => (attrs ? { name, attributes: attrs, xml: m.xml } : { name, xml: m.xml }));
}

// ---------------------------------------------------------------------------------------
// Simple types
// ---------------------------------------------------------------------------------------

function simpleArbitrary(ctx: Context, meta: SimpleTypeMeta): fc.Arbitrary<unknown> {
  let arb = ctx.simple.get(meta);
  if (!arb) {
    arb = buildSimple(meta);
    ctx.simple.set(meta, arb);
  }
  return arb;
}

function buildSimple(meta: SimpleTypeMeta): fc.Arbitrary<unknown> {
  if (meta.union) return unionArbitrary(meta);
  if (meta.list) return listArbitrary(meta);
  if (meta.enum) {
    const values = meta.enum.map((e) => decodeLexical(meta, e)).filter((v) => isValidSimpleValue(meta, v));
    if (values.length === 0) throw new Error(`arbitrary-from-schema: no enumeration value of ${meta.name} passes its other facets`);
    return fc.constantFrom(...values);
  }
  const valid = (v: unknown) => isValidSimpleValue(meta, v);
  switch (meta.family) {
    case 'boolean':
      return fc.boolean();
    case 'int':
    case 'bigint':
      return integerArbitrary(meta).filter(valid);
    case 'double':
      return doubleArbitrary(meta).filter(valid);
    case 'decimal':
      return decimalArbitrary(meta).filter(valid);
    default:
      return stringArbitrary(meta).filter(valid);
  }
}

function unionArbitrary(meta: SimpleTypeMeta): fc.Arbitrary<unknown> {
  const members = meta.union!;
  // a value of member i survives only if member i is the first to accept its text
  const arbs = members.map((member, i) =>
    buildSimple(member).filter((v) => {
      const text = lexicalOf(member, v);
      if (text === undefined || applyWhiteSpace(text, meta.ws) !== text) return false;
      return members.findIndex((m) => acceptsLexical(m, text)) === i && acceptsLexical(meta, text);
    }),
  );
  return fc.oneof(...arbs);
}

function listArbitrary(meta: SimpleTypeMeta): fc.Arbitrary<unknown> {
  const item = buildSimple(meta.list!).filter((v) => {
    const text = lexicalOf(meta.list!, v);
    return text !== undefined && text !== '' && !/[ \t\n\r]/.test(text);
  });
  const minLength = meta.length ?? meta.minLength ?? 0;
  const maxLength = meta.length ?? Math.min(meta.maxLength ?? Infinity, minLength + MAX_REPEAT);
  return fc.array(item, { minLength, maxLength }).filter((v) => isValidSimpleValue(meta, v));
}

// --- integers ---

/** An integer bound (inclusive) from the facets, or undefined when unbounded. */
function integerBounds(meta: SimpleTypeMeta): { lo: bigint | undefined; hi: bigint | undefined } {
  const ceil = (s: string) => {
    const [w = '0', f = ''] = s.split('.');
    const b = BigInt(w);
    return /[1-9]/.test(f) && !w.startsWith('-') ? b + 1n : b;
  };
  const floor = (s: string) => {
    const [w = '0', f = ''] = s.split('.');
    const b = BigInt(w);
    return /[1-9]/.test(f) && w.startsWith('-') ? b - 1n : b;
  };
  const isInt = (s: string) => /^[+-]?[0-9]+$/.test(s);
  const lows: bigint[] = [];
  const highs: bigint[] = [];
  if (meta.minInclusive !== undefined) lows.push(ceil(meta.minInclusive));
  if (meta.maxInclusive !== undefined) highs.push(floor(meta.maxInclusive));
  if (meta.minExclusive !== undefined) lows.push(isInt(meta.minExclusive) ? BigInt(meta.minExclusive) + 1n : ceil(meta.minExclusive));
  if (meta.maxExclusive !== undefined) highs.push(isInt(meta.maxExclusive) ? BigInt(meta.maxExclusive) - 1n : floor(meta.maxExclusive));
  const lo = lows.length > 0 ? lows.reduce((a, b) => (a > b ? a : b)) : undefined;
  const hi = highs.length > 0 ? highs.reduce((a, b) => (a < b ? a : b)) : undefined;
  return { lo, hi };
}

function integerArbitrary(meta: SimpleTypeMeta): fc.Arbitrary<number | bigint> {
  const { lo, hi } = integerBounds(meta);
  const max = (a: bigint, b: bigint) => (a > b ? a : b);
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  const choices: fc.WeightedArbitrary<number | bigint>[] = [];
  const safeLo = max(lo ?? -MAX_SAFE, -MAX_SAFE);
  const safeHi = min(hi ?? MAX_SAFE, MAX_SAFE);
  if (safeLo <= safeHi) {
    const smallLo = max(safeLo, -1000n);
    const smallHi = min(safeHi, 1000n);
    if (smallLo <= smallHi) choices.push({ weight: 4, arbitrary: fc.bigInt({ min: smallLo, max: smallHi }).map(Number) });
    choices.push({ weight: 4, arbitrary: fc.bigInt({ min: safeLo, max: safeHi }).map(Number) });
    choices.push({ weight: 1, arbitrary: fc.constantFrom(Number(safeLo), Number(safeHi)) });
  }
  if (meta.family === 'bigint' && meta.big) {
    // integers: "bigint": every value a bigint, beyond ±(2^53 - 1) too
    const highLo = max(lo ?? MAX_SAFE + 1n, MAX_SAFE + 1n);
    const highHi = hi ?? UNBOUNDED_BIG;
    if (highLo <= highHi) choices.push({ weight: 2, arbitrary: fc.bigInt({ min: highLo, max: highHi }) });
    const lowLo = lo ?? -UNBOUNDED_BIG;
    const lowHi = min(hi ?? -MAX_SAFE - 1n, -MAX_SAFE - 1n);
    if (lowLo <= lowHi) choices.push({ weight: 2, arbitrary: fc.bigInt({ min: lowLo, max: lowHi }) });
  }
  if (choices.length === 0) throw new Error(`arbitrary-from-schema: the integer type ${meta.name} has an empty value space`);
  const any = fc.oneof(...choices);
  // integers: "number" (the default) holds numbers only: the safe range; "bigint", bigints only
  return meta.family === 'bigint' && meta.big ? any.map((v) => BigInt(v)) : any;
}

// --- doubles and decimals ---

function doubleArbitrary(meta: SimpleTypeMeta): fc.Arbitrary<number> {
  const bounded = [meta.minInclusive, meta.maxInclusive, meta.minExclusive, meta.maxExclusive].some((b) => b !== undefined);
  const lo = meta.minInclusive ?? meta.minExclusive;
  const hi = meta.maxInclusive ?? meta.maxExclusive;
  return fc
    .double({
      noNaN: bounded,
      ...(lo !== undefined ? { min: Number(lo) } : {}),
      ...(hi !== undefined ? { max: Number(hi) } : {}),
    })
    .filter((v) => !Object.is(v, -0));
}

function decimalArbitrary(meta: SimpleTypeMeta): fc.Arbitrary<string> {
  const digit = fc.constantFrom(...'0123456789');
  const wholeMax = Math.max(1, Math.min(meta.totalDigits ?? 12, 12));
  const fractionMax = Math.min(meta.fractionDigits ?? 6, 6);
  return fc
    .tuple(
      fc.constantFrom('', '', '', '-', '+'),
      fc.string({ unit: digit, minLength: 1, maxLength: wholeMax }),
      fractionMax > 0 ? fc.option(fc.string({ unit: digit, maxLength: fractionMax }), { nil: undefined }) : fc.constant(undefined),
    )
    .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
}

// --- strings ---

const ASCII_COMMON = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@';
/** Characters that XML or the escaping code treat specially, and a few non-ASCII ones. */
const SPECIAL = ['&', '<', '>', '"', "'", ']', ';', '#', '=', 'é', '€', 'ß', '中', '😀', '\u00A0', '\u0085', '\u2028', '\uFEFF', '\uFFFD', '\uFDD0', '\u{10FFFF}'];
/** Multi-character runs worth trying in text. */
const SNIPPETS = [']]>', '&amp;', '&#38;', '<![CDATA[', '<!--', '-->', '<a>', '\r\n', '😀😀', '&lt;x&gt;', '"\'"'];

function unitArbitrary(ws: WhiteSpace): fc.Arbitrary<string> {
  const units: fc.WeightedArbitrary<string>[] = [
    { weight: 14, arbitrary: fc.constantFrom(...ASCII_COMMON) },
    { weight: 3, arbitrary: fc.constant(' ') },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
    { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCodePoint(c)) },
    { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCodePoint(c)) },
    { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
  ];
  if (ws === 'preserve') units.push({ weight: 3, arbitrary: fc.constantFrom('\t', '\n', '\r') });
  return fc.oneof(...units);
}

/** Strings that are already in the normal form of the whiteSpace rule, `minCp`..`maxCp` code points long. */
function plainString(ws: WhiteSpace, minCp: number, maxCp: number): fc.Arbitrary<string> {
  const unit = unitArbitrary(ws);
  const maxLength = Math.max(minCp, Math.min(maxCp, minCp + 20));
  const plain = fc.string({ unit, minLength: minCp, maxLength });
  const withSnippet = fc
    .tuple(fc.string({ unit, maxLength: 4 }), fc.constantFrom(...SNIPPETS), fc.string({ unit, maxLength: 4 }))
    .map(([a, b, c]) => a + b + c);
  return fc
    .oneof({ weight: 5, arbitrary: plain }, { weight: 1, arbitrary: withSnippet })
    .map((s) => applyWhiteSpace(s, ws))
    .filter((s) => {
      const n = codePoints(s);
      return n >= minCp && n <= maxCp;
    });
}

function stringArbitrary(meta: SimpleTypeMeta): fc.Arbitrary<string> {
  const minCp = meta.length ?? meta.minLength ?? 0;
  const maxCp = meta.length ?? meta.maxLength ?? Infinity;
  let base: fc.Arbitrary<string>;
  if (meta.patterns && meta.patterns.length > 0) {
    const first = meta.patterns[0]!.map((pattern) => fc.stringMatching(regExpOf(pattern.re)));
    base = first.length === 1 ? first[0]! : fc.oneof(...first);
  } else if (meta.lexical !== undefined) {
    base = lexicalArbitrary(meta);
  } else {
    base = plainString(meta.ws, minCp, maxCp);
  }
  return base.map((s) => applyWhiteSpace(s, meta.ws)).filter((s) => isXmlText(s));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const timezone = fc.constantFrom('', '', 'Z', '+05:30', '-11:00', '+00:00');

function lexicalArbitrary(meta: SimpleTypeMeta): fc.Arbitrary<string> {
  const year = fc.integer({ min: 1000, max: 9999 }).map((y) => String(y));
  const month = fc.integer({ min: 1, max: 12 }).map((m) => pad(m));
  const day = fc.integer({ min: 1, max: 28 }).map((d) => pad(d));
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }))
    .map(([h, m, s, ms]) => `${pad(h)}:${pad(m)}:${pad(s)}${ms === undefined ? '' : `.${pad(ms, 3)}`}`);
  const bytes = fc.uint8Array({
    minLength: meta.length ?? meta.minLength ?? 0,
    maxLength: meta.length ?? Math.min(meta.maxLength ?? 12, (meta.minLength ?? 0) + 12),
  });
  switch (meta.lexical) {
    case 'date':
      return fc.tuple(year, month, day, timezone).map(([y, m, d, z]) => `${y}-${m}-${d}${z}`);
    case 'dateTime':
      return fc.tuple(year, month, day, time, timezone).map(([y, m, d, t, z]) => `${y}-${m}-${d}T${t}${z}`);
    case 'time':
      return fc.tuple(time, timezone).map(([t, z]) => t + z);
    case 'gYear':
      return fc.tuple(year, timezone).map(([y, z]) => y + z);
    case 'gYearMonth':
      return fc.tuple(year, month, timezone).map(([y, m, z]) => `${y}-${m}${z}`);
    case 'gMonth':
      return fc.tuple(month, timezone).map(([m, z]) => `--${m}${z}`);
    case 'gMonthDay':
      return fc.tuple(month, day, timezone).map(([m, d, z]) => `--${m}-${d}${z}`);
    case 'gDay':
      return fc.tuple(day, timezone).map(([d, z]) => `---${d}${z}`);
    case 'duration':
      return fc
        .tuple(fc.boolean(), fc.nat(99), fc.nat(11), fc.nat(30), fc.nat(23), fc.nat(59), fc.nat(59))
        .map(([neg, y, mo, d, h, mi, s]) => `${neg ? '-' : ''}P${y}Y${mo}M${d}DT${h}H${mi}M${s}S`);
    case 'base64Binary':
      return bytes.map((b) => Buffer.from(b).toString('base64'));
    case 'hexBinary':
      return bytes.map((b) => Buffer.from(b).toString('hex').toUpperCase());
    case 'language':
      return fc.stringMatching(/^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,2}$/);
    case 'Name':
      return fc.tuple(xmlNameArb, fc.option(xmlNameArb, { nil: undefined })).map(([a, b]) => (b === undefined ? a : `${a}:${b}`));
    case 'NCName':
      return xmlNameArb;
    case 'NMTOKEN':
      return fc.string({ unit: fc.constantFrom(...'abcXYZ0123456789-._:é'), minLength: 1, maxLength: 10 });
    case 'QName':
      return fc.tuple(fc.option(xmlNameArb, { nil: undefined }), xmlNameArb).map(([p, l]) => (p === undefined ? l : `${p}:${l}`));
    default:
      throw new Error(`arbitrary-from-schema: unsupported lexical space ${meta.lexical} (${meta.name})`);
  }
}

// ---------------------------------------------------------------------------------------
// An independent statement of the lexical rules and facets (used as the final filter)
// ---------------------------------------------------------------------------------------

function applyWhiteSpace(s: string, ws: WhiteSpace): string {
  if (ws === 'preserve') return s;
  const replaced = s.replace(/[\t\n\r]/g, ' ');
  return ws === 'replace' ? replaced : replaced.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;
const DOUBLE = /^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|-?INF|NaN)$/;
const LEXICAL: Record<string, RegExp> = {
  date: /^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  dateTime: /^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  time: /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gYear: /^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gYearMonth: /^-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gMonth: /^--(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gMonthDay: /^--(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  gDay: /^---(0[1-9]|[12][0-9]|3[01])(Z|[+-][0-9]{2}:[0-9]{2})?$/,
  duration: /^-?P(?=[0-9T])([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$/,
  base64Binary: /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  hexBinary: /^([0-9a-fA-F]{2})*$/,
  language: /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/,
  Name: /^[\p{L}_:][\p{L}\p{N}\p{M}_:.\-\u00B7]*$/u,
  NCName: /^[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*$/u,
  NMTOKEN: /^[\p{L}\p{N}\p{M}_:.\-\u00B7]+$/u,
  QName: /^([\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*:)?[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*$/u,
};

/** The value the decoder makes of an already whitespace-processed lexical form. */
function decodeLexical(meta: SimpleTypeMeta, text: string): unknown {
  switch (meta.family) {
    case 'boolean':
      return text === 'true' || text === '1';
    case 'int':
      return Number(text);
    case 'bigint': {
      const big = BigInt(text);
      return big <= MAX_SAFE && big >= -MAX_SAFE ? Number(big) : big;
    }
    case 'double':
      return text === 'INF' ? Infinity : text === '-INF' ? -Infinity : Number(text);
    default:
      return text;
  }
}

/**
 * The lexical form of a value if the value is in the decoder's normal form for the type
 * (a string already whitespace-normalized, a number where the decoder yields a number ...),
 * otherwise undefined.
 */
function lexicalOf(meta: SimpleTypeMeta, value: unknown): string | undefined {
  if (meta.union) {
    for (const member of meta.union) {
      const text = lexicalOf(member, value);
      if (text !== undefined && acceptsLexical(member, text)) return text;
    }
    return undefined;
  }
  if (meta.list) {
    if (!Array.isArray(value)) return undefined;
    const items = value.map((v) => lexicalOf(meta.list!, v));
    return items.every((t) => t !== undefined && t !== '' && !/[ \t\n\r]/.test(t)) ? items.join(' ') : undefined;
  }
  switch (meta.family) {
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : undefined;
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
    case 'bigint':
      if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
      if (typeof value === 'bigint') return value > MAX_SAFE || value < -MAX_SAFE ? value.toString() : undefined;
      return undefined;
    case 'double':
      if (typeof value !== 'number' || Object.is(value, -0)) return undefined;
      return value === Infinity ? 'INF' : value === -Infinity ? '-INF' : String(value);
    case 'decimal':
      return typeof value === 'string' && DECIMAL.test(value) ? value : undefined;
    default:
      return typeof value === 'string' && isXmlText(value) && applyWhiteSpace(value, meta.ws) === value ? value : undefined;
  }
}

function compareDecimal(value: bigint | number, bound: string): number {
  if (INTEGER.test(bound) && (typeof value === 'bigint' || Number.isInteger(value))) {
    const a = BigInt(value);
    const b = BigInt(bound);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const a = Number(value);
  const b = Number(bound);
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
}

/** Whether the lexical form `raw` is valid for the type (whitespace rule applied first). */
function acceptsLexical(meta: SimpleTypeMeta, raw: string): boolean {
  const text = applyWhiteSpace(raw, meta.ws);
  if (!isXmlText(text)) return false;
  if (meta.union) return meta.union.some((m) => acceptsLexical(m, text));
  if (meta.list) {
    const items = text === '' ? [] : text.split(' ');
    if (!items.every((item) => acceptsLexical(meta.list!, item))) return false;
    return lengthOk(meta, items.length) && (!meta.enum || meta.enum.includes(text)) && patternsOk(meta, text);
  }
  let numeric: number | bigint | undefined;
  switch (meta.family) {
    case 'boolean':
      if (!/^(true|false|1|0)$/.test(text)) return false;
      break;
    case 'int':
    case 'bigint':
      if (!INTEGER.test(text)) return false;
      numeric = BigInt(text);
      break;
    case 'double':
      if (!DOUBLE.test(text)) return false;
      numeric = text === 'INF' ? Infinity : text === '-INF' ? -Infinity : Number(text);
      break;
    case 'decimal':
      if (!DECIMAL.test(text)) return false;
      numeric = Number(text);
      break;
    default:
      if (meta.lexical !== undefined && LEXICAL[meta.lexical] && !LEXICAL[meta.lexical]!.test(text)) return false;
  }
  if (meta.enum) {
    const ok =
      meta.family === 'string' || meta.family === 'decimal'
        ? meta.enum.includes(text)
        : meta.enum.some((e) => {
            const a = decodeLexical(meta, e);
            const b = decodeLexical(meta, text);
            return a === b || (Number.isNaN(a) && Number.isNaN(b));
          });
    if (!ok) return false;
  }
  if (!patternsOk(meta, text)) return false;
  if (meta.family === 'string') {
    const length = meta.lexical === 'base64Binary' ? Buffer.from(text, 'base64').length : meta.lexical === 'hexBinary' ? text.length / 2 : codePoints(text);
    if (!lengthOk(meta, length)) return false;
  }
  if (numeric !== undefined) {
    if (meta.minInclusive !== undefined && !(compareDecimal(numeric, meta.minInclusive) >= 0)) return false;
    if (meta.maxInclusive !== undefined && !(compareDecimal(numeric, meta.maxInclusive) <= 0)) return false;
    if (meta.minExclusive !== undefined && !(compareDecimal(numeric, meta.minExclusive) > 0)) return false;
    if (meta.maxExclusive !== undefined && !(compareDecimal(numeric, meta.maxExclusive) < 0)) return false;
  }
  if (meta.totalDigits !== undefined || meta.fractionDigits !== undefined) {
    const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
    const significantFraction = fraction.replace(/0+$/, '');
    if (meta.totalDigits !== undefined && (whole.replace(/^0+/, '') + significantFraction).length > meta.totalDigits) return false;
    if (meta.fractionDigits !== undefined && significantFraction.length > meta.fractionDigits) return false;
  }
  return true;
}

function lengthOk(meta: SimpleTypeMeta, length: number): boolean {
  if (meta.length !== undefined && length !== meta.length) return false;
  if (meta.minLength !== undefined && length < meta.minLength) return false;
  if (meta.maxLength !== undefined && length > meta.maxLength) return false;
  return true;
}

const compiledPatterns = new WeakMap<SimpleTypeMeta, RegExp[][]>();

function patternsOk(meta: SimpleTypeMeta, text: string): boolean {
  if (!meta.patterns) return true;
  let groups = compiledPatterns.get(meta);
  if (!groups) compiledPatterns.set(meta, (groups = meta.patterns.map((g) => g.map((pattern) => regExpOf(pattern.re)))));
  return groups.every((g) => g.some((re) => re.test(text)));
}
