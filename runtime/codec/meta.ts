/**
 * The metadata tables that generated code hands to the runtime.
 *
 * The generator turns every XSD type into one of these plain objects; the runtime's
 * encoder and decoder read nothing else. Order lives in arrays (`attrs`, `items`), never in
 * object keys. Type references are names looked up in a {@link SchemaMeta}, so recursive
 * types need no special treatment.
 */

/** What a simple type's lexical space reduces to before facets are checked. */
export type SimpleFamily =
  /** any string; `lexical` may restrict it further */
  | 'string'
  /** xs:boolean: true|false|1|0, decoded to a JS boolean */
  | 'boolean'
  /** an integer that always fits a JS number (int, short, unsignedInt ...) */
  | 'int'
  /** an integer that may exceed 2^53 (integer, long, unsignedLong, positiveInteger ...): a number (one beyond 2^53 − 1 fails to decode) or, with `big`, a bigint */
  | 'bigint'
  /** xs:double / xs:float: a JS number, INF, -INF and NaN included */
  | 'double'
  /** xs:decimal: kept as its string, validated */
  | 'decimal';

/**
 * An xs:pattern facet: its text as the schema gives it (for messages) and its syntax tree, which
 * the generator has checked (docs/patterns.md). The runtime matches it in time linear in the value.
 */
export interface PatternMeta {
  source: string;
  re: RegexNode;
}

/**
 * An XSD regular expression, anchored at both ends: one character of a set, literal characters,
 * a sequence, alternatives, or a repetition (`max` -1 when unbounded).
 */
export type RegexNode =
  | { set: CharSet }
  | { text: string }
  | { seq: readonly RegexNode[] }
  | { alt: readonly RegexNode[] }
  | { rep: RegexNode; min: number; max: number };

/**
 * A set of code points: those in `ranges` (pairs `[from, to, from, to …]`, inclusive), in a Unicode
 * general category of `cats` (`L`, `Nd` …, as the JavaScript engine's `\p{…}` knows them) or in one
 * of `sets`; all that complemented when `not`; less the code points of `minus`.
 */
export interface CharSet {
  ranges?: readonly number[];
  cats?: readonly string[];
  sets?: readonly CharSet[];
  not?: boolean;
  minus?: CharSet;
}

/** The whiteSpace facet. */
export type WhiteSpace = 'preserve' | 'replace' | 'collapse';

/** A simple type with all facets of its derivation chain folded in. */
export interface SimpleTypeMeta {
  /** the XSD name, for error messages (`BackupTaskIdType`, `xs:string`, `anonymous`) */
  name: string;
  family: SimpleFamily;
  ws: WhiteSpace;
  /** a named lexical check for string-family built-ins (date, dateTime, base64Binary ...) */
  lexical?: string;
  /** allowed values, compared after whitespace processing */
  enum?: readonly string[];
  /**
   * a string enumeration an answer may carry (its type is reachable from the response packet): its
   * TypeScript type is open ({@link UnknownValue}), so unknownElements 'keep' keeps a value it
   * does not list; a request-only enumeration stays closed
   */
  open?: boolean;
  /** xs:pattern facets, one inner list per derivation step: the value must match one pattern of every list */
  patterns?: ReadonlyArray<readonly PatternMeta[]>;
  length?: number;
  minLength?: number;
  maxLength?: number;
  /** inclusive / exclusive bounds as decimal strings (exact for big integers) */
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
  /**
   * family `bigint` only: decoded as a bigint whatever its size (the package option `integers:
   * "bigint"`); without it such a value is a number, and one beyond 2^53 − 1 fails to decode
   */
  big?: true;
  /** xs:union: the value is the first member that accepts it */
  union?: readonly SimpleTypeMeta[];
  /** xs:list: a whitespace-separated list of items */
  list?: SimpleTypeMeta;
}

/** How a particle's or attribute's type is found: a named simple type, a complex type, or untyped content. */
export type TypeRef =
  | { s: string }
  | { c: string }
  /** xs:anyType: any content, kept losslessly as {@link XmlAny} */
  | { any: true };

export interface AttributeMeta {
  /** the XML attribute name */
  name: string;
  /** the property of the record that holds it */
  prop: string;
  type: string;
  required: boolean;
}

/** An element declaration inside a content model. */
export interface ElementParticle {
  k: 'el';
  name: string;
  prop: string;
  type: TypeRef;
  min: number;
  /** -1 for unbounded */
  max: number;
  nillable?: boolean;
  /** the value an empty element takes (XSD `default`) */
  dflt?: string;
}

/** A model group. A group with `max` > 1 (or -1) holds its iterations in the array property `prop`. */
export interface GroupParticle {
  k: 'seq' | 'choice' | 'all';
  min: number;
  max: number;
  prop?: string;
  items: readonly Particle[];
}

/** An element wildcard (xs:any): matched elements are kept as {@link AnyElement} values in `prop`. */
export interface WildcardParticle {
  k: 'any';
  prop: string;
  min: number;
  max: number;
}

export type Particle = ElementParticle | GroupParticle | WildcardParticle;

export interface ComplexTypeMeta {
  /** the XSD name, for error messages */
  name: string;
  attrs: readonly AttributeMeta[];
  /** `empty` with no attributes is a flag: its value is `true` */
  content: 'empty' | 'simple' | 'elements';
  /** simple content: its type and the property that holds the text */
  text?: { type: string; prop: string };
  model?: Particle;
}

/** Everything the runtime needs for one schema set. */
export interface SchemaMeta {
  simple: Record<string, SimpleTypeMeta>;
  complex: Record<string, ComplexTypeMeta>;
}

/** `T` read-only all the way down: what {@link frozenSchema} makes of the tables. */
export type Frozen<T> = T extends ReadonlyArray<infer U> ? ReadonlyArray<Frozen<U>> : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;

/**
 * The tables frozen all the way down, as a generated package exports them (`schema` of
 * metadata.ts): every caller in the process shares them, so none may change them (pushing a value
 * into an enumeration would change validation for all). The runtime only reads them.
 */
export function frozenSchema(schema: SchemaMeta): Frozen<SchemaMeta> {
  freezeAll(schema);
  return schema;
}

function freezeAll(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) freezeAll((value as Record<string, unknown>)[key]);
}

declare const unknownValue: unique symbol;

/**
 * A value of an enumeration that the package's schemas do not list: a newer server's (a new task
 * status). Response-side enumerations include it (`'working' | 'finished' | UnknownValue`), so
 * the types say that other values may arrive; it is a string, but no string literal is one (only
 * the decoder makes them, with unknownElements 'keep'), so a `switch` over the known values can
 * still be checked for exhaustiveness: in its `default`, `status satisfies UnknownValue` compiles
 * only when every known value has its `case`.
 */
export type UnknownValue = string & { readonly [unknownValue]: 'a value the schemas do not list' };

/** The content of an untyped (xs:anyType) element: text-only content is a string, anything else {@link RawXml}. */
export type XmlAny = string | RawXml;

/** Element content kept as well-formed XML: its attributes and its inner markup, re-serialized. */
export interface RawXml {
  attributes?: Record<string, string>;
  xml: string;
}

/** An element matched by a wildcard (xs:any). */
export interface AnyElement extends RawXml {
  name: string;
}

/** Exactly one property of `T` (an xs:choice): `OneOf<{ a: A; b: B }>` is `{ a: A; b?: never } | { b: B; a?: never }`. */
export type OneOf<T> = { [K in keyof T]-?: { [P in K]-?: T[P] } & { [P in Exclude<keyof T, K>]?: never } }[keyof T];

/** At most one property of `T` (an optional xs:choice). */
export type AtMostOneOf<T> = OneOf<T> | { [P in keyof T]?: never };

/**
 * Exactly one of the shapes of `T` (an xs:choice of groups): each shape with the properties of the
 * others `?: never`; `OneOfShapes<[{ a: A }, { b: B; c: C }]>` is
 * `{ a: A; b?: never; c?: never } | { b: B; c: C; a?: never }`.
 */
export type OneOfShapes<T extends readonly object[]> = { [I in keyof T]: T[I] & { [K in Exclude<KeysOfShapes<T[number]>, keyof T[I]>]?: never } }[number];

type KeysOfShapes<U> = U extends unknown ? keyof U : never;
