/**
 * The limits the generator puts on what it reads, so that no schema (or output folder) can make
 * it hang, exhaust memory or overflow the stack. Each is far above what Plesk's schemas need (the
 * numbers in brackets: the most that protocol 1.6.6.0, 1.6.9.1 and the project's xsd/ reach) and
 * each, when passed, is a SchemaError naming the file, the line and the fix. docs/untrusted-input.md
 * explains them to users.
 *
 * Why limits and not explicit work lists everywhere: a limit bounds memory and time as well as
 * the stack, and a schema that passes one is not one a person wrote. The include graph is walked
 * with a work list all the same; the element tree of one file, the content models and the
 * derivations are walked recursively, within these limits.
 */

/** The largest schema file read, in bytes (Plesk's largest: 35 KB; the project's backup.xsd: 50 KB). */
export const MAX_SCHEMA_BYTES = 8 * 1024 * 1024;

/** How deep elements may nest in one schema file, xs:schema being level 1 (22). */
export const MAX_ELEMENT_DEPTH = 100;

/** How long a chain of xs:include / xs:import may be, the entry schema being file 1 (5). */
export const MAX_INCLUDE_DEPTH = 100;

/**
 * How deep model groups (xs:sequence, xs:choice, xs:all, and the groups xs:group refers to) may
 * nest in one content model (4).
 */
export const MAX_CONTENT_MODEL_DEPTH = 100;

/**
 * How many particles (elements, wildcards, groups) the content models of one schema set may hold,
 * counting each use of an xs:group anew: a group used twice in a group used twice … doubles at
 * each level (Plesk's whole API, protocol 1.6.6.0: 5,333).
 */
export const MAX_PARTICLES = 100_000;

/**
 * How many types may be under construction one inside the other: each derives from, lists or
 * unites the next (a restriction's base, an extension's base, a list's item type, a union's
 * member types) (2).
 */
export const MAX_DERIVATION_DEPTH = 100;

/** The XML reader's limits on DTD entities (XML Schemas need none; Plesk's use none). */
export const MAX_ENTITY_SIZE = 10_000;
export const MAX_ENTITY_COUNT = 1_000;
export const MAX_EXPANDED_LENGTH = 100_000;

/** The largest manifest read from an output folder (a whole Plesk package's: 3 KB). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** "8 MiB", "1,234 bytes": a size for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}
