/**
 * The whole-API package from Plesk's 2014 schemas at the call site: test/fixtures/call-site/calls.ts
 * (the README's client example and representative calls of thirteen operators, with `@ts-expect-error`
 * on wrong inputs) type-checks under --strict. tsc reports an `@ts-expect-error` that is not needed
 * (TS2578), so a wrong input the types accept fails the test; without the refinements it does.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writePackage } from '../generator/write.js';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function typeCheck(pleskRefinements: boolean): string {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir), undefined, { pleskRefinements });
  const out = path.join(ROOT, '.tmp', `call-site-${pleskRefinements ? 'refined' : 'plain'}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writePackage(out, files);
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'call-site', 'calls.ts'), path.join(out, 'calls.ts'));
  try {
    execFileSync(process.execPath, [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', path.join(out, 'calls.ts')], { stdio: 'pipe', cwd: ROOT });
    return '';
  } catch (error) {
    return (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
  }
}

test('calls of thirteen operators compile under --strict against the whole API, and every wrong input is refused', (t) => {
  t.is(typeCheck(true), '');
});

test('without the refinements the same file fails: untyped flags and ids accept what they should not', (t) => {
  const output = typeCheck(false);
  t.regex(output, /calls\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/);
  t.regex(output, /calls\.ts\(\d+,\d+\): error TS2322: Type 'true' is not assignable to type 'XmlAny/);
});
