/**
 * Whether a generated package's dist/ is what tsc makes of its src/: tsc type-checks the sources
 * with the package's own tsconfig.json (strict, isolatedDeclarations, verbatimModuleSyntax) and
 * emits JavaScript and declarations into a temporary folder; every dist/ file of the package must
 * then hold the same tokens as tsc's (layout aside, see tokens.ts), and tsc must emit no file
 * that dist/ lacks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstDifference, layoutFreeTokens } from './tokens.js';
import { ROOT } from './project.js';

export const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs tsc; the compiler's report when it fails. */
export function tsc(args: string[]): string | undefined {
  try {
    execFileSync(process.execPath, [TSC, ...args], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const e = error as { stdout?: Buffer; message: string };
    return (e.stdout?.toString() || e.message).slice(0, 4000);
  }
}

/** The differences between `<dir>/dist` and tsc's output for `<dir>/src` (none: an empty list), or tsc's errors. */
export function differencesFromTsc(dir: string): { errors?: string; differences: string[]; compared: number } {
  const out = mkdtempSync(path.join(os.tmpdir(), 'plesk-codegen-tsc-'));
  try {
    const errors = tsc(['-p', path.join(dir, 'tsconfig.json'), '--noEmit', 'false', '--declaration', '--rootDir', path.join(dir, 'src'), '--outDir', out]);
    if (errors) return { errors, differences: [], compared: 0 };
    return compareWithTsc(path.join(dir, 'dist'), out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The differences between a package's `dist` folder and `emitted`, what tsc emitted from its src/ (every .js and .d.ts compared). */
export function compareWithTsc(dist: string, emitted: string): { differences: string[]; compared: number } {
  const files = (readdirSync(emitted, { recursive: true }) as string[]).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts')).sort();
  const differences: string[] = [];
  for (const rel of files) {
    const ours = path.join(dist, rel);
    if (!existsSync(ours)) {
      differences.push(`dist/${rel} is missing`);
      continue;
    }
    const difference = firstDifference(layoutFreeTokens(readFileSync(ours, 'utf8')), layoutFreeTokens(readFileSync(path.join(emitted, rel), 'utf8')));
    if (difference) differences.push(`dist/${rel} differs from tsc's at ${difference}`);
  }
  return { differences, compared: files.length };
}
