/** The whole project (generator, runtime, tests, examples) type-checks under the strict tsconfig. */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './helpers/project.js';

test('tsc --noEmit -p . reports no errors', (t) => {
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', ROOT], { stdio: 'pipe' });
    t.pass();
  } catch (error) {
    t.fail((error as { stdout?: Buffer }).stdout?.toString() ?? String(error));
  }
});
