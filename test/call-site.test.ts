/**
 * The whole-API package from Plesk's 2014 schemas at the call site: test/fixtures/call-site/calls.ts
 * (the README's client example and representative calls of thirteen operators, with `@ts-expect-error`
 * on wrong inputs) type-checks under --strict, in one tsc run with the package's own sources under
 * the package's own tsconfig.json (so this is also the test that the whole 2014 API compiles, and
 * that its dist/ holds what tsc emits from its src/; the 2020 API's are in plesk-schemas.test.ts). tsc reports an `@ts-expect-error` that is not needed
 * (TS2578), so a wrong input the types accept fails the test; without the refinements it does.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writePackage } from '../generator/write.js';
import { compareWithTsc } from './helpers/compiled-like-tsc.js';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * Writes the whole-API package with calls.ts beside it and runs tsc once under the package's own
 * tsconfig.json (strict, NodeNext) extended to calls.ts: the package's sources and the calls in
 * one program. Gives tsc's output ('' when clean).
 */
function typeCheck(pleskRefinements: boolean, compare?: (dist: string, emitted: string) => void): string {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir), undefined, { pleskRefinements });
  const out = path.join(ROOT, '.tmp', `call-site-${pleskRefinements ? 'refined' : 'plain'}-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writePackage(out, files);
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'call-site', 'calls.ts'), path.join(out, 'calls.ts'));
  // with `compare`, tsc also emits (JavaScript and declarations) into emitted/, for the package's dist/ to be compared with
  const emit = compare ? { noEmit: false, outDir: 'emitted', isolatedDeclarations: false } : { noEmit: true };
  writeFileSync(path.join(out, 'tsconfig.call-site.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { ...emit, rootDir: '.' }, include: ['src', 'calls.ts'] }));
  try {
    execFileSync(process.execPath, [TSC, '-p', path.join(out, 'tsconfig.call-site.json')], { stdio: 'pipe', cwd: ROOT });
    compare?.(path.join(out, 'dist'), path.join(out, 'emitted', 'src'));
    return '';
  } catch (error) {
    return (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test("the whole API of plesk-xsd compiles under its own strict tsconfig, its dist/ is what tsc emits, calls of thirteen operators compile against it, and every wrong input is refused", (t) => {
  let compared = 0;
  t.is(
    typeCheck(true, (dist, emitted) => {
      const result = compareWithTsc(dist, emitted);
      t.deepEqual(result.differences, [], "the JavaScript and declarations the generator wrote hold the same tokens as tsc's");
      compared = result.compared;
    }),
    '',
  );
  t.true(compared > 80, `${compared} files compared`);
});

test('without the refinements the same file fails: untyped flags and ids accept what they should not', (t) => {
  const output = typeCheck(false);
  t.regex(output, /calls\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/);
  t.regex(output, /calls\.ts\(\d+,\d+\): error TS2322: Type 'true' is not assignable to type 'XmlAny/);
});
