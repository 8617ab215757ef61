/**
 * A package was described wrongly: in the config file, on the command line or in the options of
 * the programmatic API. It names the key as it was spelt there (`packages[1].out`, `--out`,
 * `packageName`), the file when there is one, what is wrong and the fix.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** the key as spelt where it was given: `packages[1].out`, `--out`, `packageName` */
    readonly key: string,
    readonly problem: string,
    readonly fix: string,
    /** the config file (as given or found), when the key is in one */
    readonly file?: string,
    /** position in the file, for a JSON syntax error */
    readonly line?: number,
    readonly column?: number,
  ) {
    const where = file === undefined ? '' : line === undefined ? `${file}: ` : `${file}:${line}:${column}: `;
    super(`${where}${key ? `${key}: ` : ''}${problem}\n  fix: ${fix}`);
  }
}
