/**
 * The rules for the generated package's name and version, shared by the command line, the config
 * file and the programmatic API.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** semver.org's regular expression for a version (no leading `v`, no build-less shortcuts). */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** What npm's rules for a new package's name (validate-npm-package-name) say is wrong, if anything. */
export function npmNameProblem(name: string): string | undefined {
  if (name.length > 214) return 'it is longer than 214 characters';
  if (name !== name.trim()) return 'it has leading or trailing spaces';
  if (name.toLowerCase() !== name) return 'it has capital letters';
  const match = /^(?:@([^/]+)\/)?([^/]+)$/.exec(name);
  if (!match) return 'it has a "/" that is not the one of a scope (@scope/name)';
  const [, scope, bare] = match as unknown as [string, string | undefined, string];
  for (const part of scope === undefined ? [bare] : [scope, bare]) {
    if (part.startsWith('.') || part.startsWith('_')) return 'a name cannot start with "." or "_"';
    if (!/^[a-z0-9\-._~]+$/.test(part)) return 'only lowercase letters, digits and - . _ ~ are allowed (and one @scope/)';
  }
  if (scope === undefined && (bare === 'node_modules' || bare === 'favicon.ico')) return `"${bare}" is a reserved name`;
  if (scope === undefined && builtinModules.includes(bare)) return `"${bare}" is the name of a Node.js core module`;
  return undefined;
}

/** What is wrong with a version for the generated package, if anything. */
export function semverProblem(version: string): string | undefined {
  return SEMVER.test(version) ? undefined : 'it is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0 or 1.0.0-beta.1)';
}

/**
 * The package name used when none is given: the output folder's name (`--out plesk-api` →
 * `plesk-api`), when npm would take it as a name.
 */
export function packageNameFromOut(out: string): string | undefined {
  const name = path.basename(path.resolve(out));
  return npmNameProblem(name) === undefined ? name : undefined;
}

/** An XML API protocol version: 1.6.9.0, or a partial one such as 1.6 (Plesk accepts both). */
export const PROTOCOL_VERSION = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){1,3}$/;

/** What is wrong with an XML API protocol version, if anything. */
export function protocolVersionProblem(version: string): string | undefined {
  return PROTOCOL_VERSION.test(version) ? undefined : 'it is not an XML API protocol version: give two to four dot-separated numbers, e.g. 1.6.9.0 (ls /usr/local/psa/admin/htdocs/schemas/rpc/ on the server lists them)';
}

/**
 * The command a package with a client installs (its package.json `bin`) when none is given: the
 * package name without its scope (`@acme/plesk-api` → `plesk-api`).
 */
export function defaultCliName(packageName: string): string {
  return packageName.slice(packageName.lastIndexOf('/') + 1);
}

/** What is wrong with a command name for the package's `bin`, if anything. */
export function cliNameProblem(name: string): string | undefined {
  if (name.length > 214) return 'it is longer than 214 characters';
  if (!/^[a-z0-9][a-z0-9\-._~]*$/.test(name)) return 'a command name is lowercase letters, digits and - . _ ~, starting with a letter or digit (it becomes a file name in node_modules/.bin)';
  return undefined;
}
