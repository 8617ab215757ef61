/**
 * The kinds of failure the generator knows.
 *
 * User errors, each saying what is wrong and how to fix it:
 * - {@link UsageError}: the command line is wrong (exit 2);
 * - {@link SchemaError}: a bad schema, a missing or unreadable include, a construct the generator
 *   does not support, a limit of limits.ts passed (a schema nested, chained or expanding past
 *   what the generator follows); it names the file, the line and the element path (exit 1);
 * - {@link OutputError}: the output folder cannot take the result (a file the user placed where
 *   a generated file goes, a symbolic link on the way, a write the system refused); it names the
 *   file (exit 1).
 * Anything else that escapes is an {@link InternalError}: a bug of ours.
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
  /** a schema file that is a folder, a device, a FIFO or a socket, too large, or not readable */
  | 'file-unreadable'
  | 'xml-syntax'
  | 'not-a-schema'
  | 'include-missing'
  /** an include or import outside the entry schema's folder, without allowOutsideIncludes */
  | 'include-outside'
  /** a limit of limits.ts passed: nesting, include chains, entities, particles */
  | 'limit-exceeded'
  // model
  | 'duplicate-declaration'
  | 'unknown-type'
  | 'unknown-reference'
  /** an xs:group that contains itself, directly or through other groups */
  | 'circular-group'
  | 'unsupported-construct'
  | 'invalid-name'
  | 'invalid-facet'
  | 'invalid-pattern'
  // plesk conventions
  | 'packet-envelope'
  /** the package option operators names an operator the packet envelope does not declare */
  | 'unknown-operator';

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

  /** The same error with its file named otherwise (absolute, or relative to the working directory). */
  withFile(file: string): SchemaError {
    return new SchemaError(this.code, { ...this.location, file }, this.problem, this.fix);
  }

  get file(): string {
    return this.location.file;
  }

  get line(): number | undefined {
    return this.location.line;
  }

  get column(): number | undefined {
    return this.location.column;
  }
}

function formatSchemaError(loc: SchemaError['location'], problem: string, fix: string): string {
  const where = loc.line === undefined ? loc.file : `${loc.file}:${loc.line}:${loc.column}`;
  const path = loc.path ? ` (${loc.path})` : '';
  return `${where}${path}: ${problem}\n  fix: ${fix}`;
}

/** The command line is wrong: an unknown flag, a missing or invalid value, a path that does not exist. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The output folder cannot take the generated package; `file` is the path shown to the user. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${file}: ${problem}\n  fix: ${fix}`);
  }
}

/** A failure that is not the user's: a bug in plesk-codegen. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
  constructor(message: string) {
    super(`internal error (a bug in plesk-codegen, please report it): ${message}`);
  }
}
