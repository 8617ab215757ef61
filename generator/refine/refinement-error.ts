/**
 * An entry of the user's refinement file does not fit the schemas: it matches no element, or
 * refines to a type the schemas do not have. Judged once the schemas are read (exit 1). It names
 * the file, the entry and the fix.
 */
export class RefinementError extends Error {
  override readonly name = 'RefinementError';
  constructor(
    /** the refinement file, as given */
    readonly file: string,
    /** `refinements[3]` */
    readonly key: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${file}: ${key}: ${problem}\n  fix: ${fix}`);
  }
}
