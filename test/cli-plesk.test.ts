/** The command on Plesk's whole API: progress lines with the counts of what it read and emitted. */
import test from 'ava';
import { readFileSync, rmSync } from 'node:fs';
import { NO_PROTOCOL_VERSION } from '../generator/emit/emit-protocol-version.js';
import path from 'node:path';
import { loadSchemaSets } from '../generator/load/load-schemas.js';
import { runCli, tempDir } from './helpers/cli.js';
import { generateFrom, sharedDir } from './helpers/project.js';

test("generating Plesk's whole API prints how many schemas it read and files it emitted", async (t) => {
  const dir = sharedDir('plesk-xsd');
  const entries = ['agent_input.xsd', 'agent_output.xsd'].map((f) => path.join(dir, f));
  const cwd = tempDir('cli-plesk');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const { code, stderr } = await runCli([...entries.flatMap((e) => ['--xsd', e]), '--out', 'api', '--package-name', 'plesk-api'], cwd);
  t.is(code, 0, stderr);
  const schemas = new Set(loadSchemaSets(entries, { baseDir: cwd }).flatMap((s) => s.documents.map((d) => d.absPath)));
  const { files } = generateFrom(entries);
  t.true(schemas.size > 50, `${schemas.size} schemas`);
  const notice = `notice: ${NO_PROTOCOL_VERSION}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  t.regex(stderr, new RegExp(`^plesk-api: read ${schemas.size} schemas\\nplesk-api: refined \\d+ elements with \\d+ refinements \\(\\d+ of plesk-codegen's refinements for Plesk, 0 skipped: not in these schemas\\)\\n${notice}\\nemitted ${files.size} files in \\d+\\.\\d s \\(${files.size} written, 0 unchanged, 0 removed\\) into api\\n$`));
  // with the version: no notice; the version is recorded in protocol-version.ts, the README and package.json
  const pinned = await runCli([...entries.flatMap((e) => ['--xsd', e]), '--out', 'api', '--package-name', 'plesk-api', '--protocol-version', '1.6.6.0'], cwd);
  t.is(pinned.code, 0, pinned.stderr);
  // what the version changes: protocol-version.ts and its JavaScript and declarations, the README, package.json
  const versioned = generateFrom(entries, undefined, undefined, '1.6.6.0').files;
  const changed = [...versioned].filter(([rel, text]) => files.get(rel) !== text).map(([rel]) => rel);
  t.deepEqual(changed, ['README.md', 'dist/protocol-version.d.ts', 'dist/protocol-version.d.ts.map', 'dist/protocol-version.js', 'package.json', 'src/protocol-version.ts']);
  t.regex(pinned.stderr, new RegExp(`^plesk-api: read ${schemas.size} schemas\\nplesk-api: refined \\d+ elements with \\d+ refinements \\(\\d+ of plesk-codegen's refinements for Plesk, 0 skipped: not in these schemas\\)\\nemitted ${files.size} files in \\d+\\.\\d s \\(${changed.length} written, ${files.size - changed.length} unchanged, 0 removed\\) into api\\n$`));
  t.regex(readFileSync(path.join(cwd, 'api', 'src', 'protocol-version.ts'), 'utf8'), /^export const PROTOCOL_VERSION = '1\.6\.6\.0';$/m);
});
