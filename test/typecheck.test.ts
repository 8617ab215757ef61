/**
 * The whole project (generator, runtime, tests, examples) type-checks under the strict tsconfig,
 * and the runtime (copied into every generated package, compiled there with its users' flags)
 * under the strictest flags a user may set.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/project.js';
import { STRICT_FLAGS } from './helpers/strict-flags.js';

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function tsc(project: string): string | undefined {
  try {
    execFileSync(process.execPath, [TSC, '--noEmit', '-p', project], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
  }
}

test('tsc --noEmit -p . reports no errors', (t) => {
  const errors = tsc(ROOT);
  if (errors === undefined) t.pass();
  else t.fail(errors);
});

test('the runtime type-checks under every strict flag a user may set (tsconfig.runtime-strict.json)', (t) => {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.runtime-strict.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  for (const [flag, value] of Object.entries(STRICT_FLAGS)) t.is(config.compilerOptions[flag], value, `tsconfig.runtime-strict.json sets ${flag} as test/helpers/strict-flags.ts does`);
  const errors = tsc(path.join(ROOT, 'tsconfig.runtime-strict.json'));
  if (errors === undefined) t.pass();
  else t.fail(errors);
});
