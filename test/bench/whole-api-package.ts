/**
 * The package that decodes the second shape: the default package (generated/, from xsd/) holds
 * backup-manager only, so Plesk's whole API (../shared/plesk-xsd, read where it lies) is
 * generated into .tmp/bench-whole-api by `plesk-codegen generate` (bin/plesk-codegen.js: importing generator/cli.ts runs nothing) in a fresh process (the
 * generator's memory is not the bench's). Its runtime is the checkout's runtime/, copied as for
 * generated/, so it decodes with whatever runtime/codec/decode.ts is now.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLESK_XSD = path.resolve(ROOT, '..', 'shared', 'plesk-xsd');
const OUT = path.join(ROOT, '.tmp', 'bench-whole-api');

/** Generates the package; its folder, or why it could not be. Remove it with {@link removeWholeApiPackage}. */
export function generateWholeApiPackage(): { dir: string } | { skipped: string } {
  const entries = ['agent_input.xsd', 'agent_output.xsd'].map((f) => path.join(PLESK_XSD, f));
  if (!entries.every((e) => existsSync(e))) return { skipped: `${PLESK_XSD} is missing (CI lays ../shared beside the checkout)` };
  rmSync(OUT, { recursive: true, force: true });
  const args = [path.join(ROOT, 'bin', 'plesk-codegen.js'), 'generate', ...entries.flatMap((e) => ['--xsd', e]), '--out', OUT, '--quiet'];
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) return { skipped: `plesk-codegen generate failed: ${child.stderr.split('\n')[0]}` };
  return { dir: OUT };
}

export function removeWholeApiPackage(): void {
  rmSync(OUT, { recursive: true, force: true });
}
