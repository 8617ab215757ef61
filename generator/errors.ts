/**
 * The two kinds of failure the generator knows.
 *
 * A {@link SchemaError} is the user's to fix (a bad schema, a missing include, a construct the
 * generator does not support): it names the file, the line and the element path, says what is
 * wrong and how to fix it. Anything else that escapes is an {@link InternalError}: a bug of ours.
 */

/** Where in a schema file something was declared. */
export interface SourceLocation {
  /** the file as shown to users (relative to the generator's base directory, `/` separators) */
  file: string;
  line: number;
  column: number;
  /** the element path inside the schema, e.g. `xs:complexType[@name=BackupInputType]/xs:choice` */
  path: string;
}

/** The catalogue of user errors, by pipeline stage. */
export type SchemaErrorCode =
  // load
  | 'file-not-found'
  | 'xml-syntax'
  | 'not-a-schema'
  | 'include-missing'
  // model
  | 'duplicate-declaration'
  | 'unknown-type'
  | 'unknown-reference'
  | 'unsupported-construct'
  | 'invalid-facet'
  | 'invalid-pattern'
  // plesk conventions
  | 'packet-envelope';

export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    readonly code: SchemaErrorCode,
    readonly location: SourceLocation | { file: string; line?: undefined; column?: undefined; path?: undefined },
    readonly problem: string,
    readonly fix: string,
  ) {
    super(formatSchemaError(location, problem, fix));
  }
}

function formatSchemaError(loc: SchemaError['location'], problem: string, fix: string): string {
  const where = loc.line === undefined ? loc.file : `${loc.file}:${loc.line}:${loc.column}`;
  const path = loc.path ? ` (${loc.path})` : '';
  return `${where}${path}: ${problem}\n  fix: ${fix}`;
}

/** A failure that is not the user's: a bug in plesk-codegen. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
  constructor(message: string) {
    super(`internal error (a bug in plesk-codegen, please report it): ${message}`);
  }
}
