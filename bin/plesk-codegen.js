#!/usr/bin/env node
// The plesk-codegen command. Installed, it runs the compiled JavaScript in dist/generator/; in a
// checkout of plesk-codegen (where generator/*.ts sit beside this file) it runs the sources
// through tsx, so that an edit needs no build. Nothing is imported before the Node.js check, so an
// older Node says what it needs instead of failing on syntax inside a dependency. The CLI module
// runs nothing when imported: its main() is called here.
import { existsSync } from 'node:fs';

const NEEDED_MAJOR = 20;
const major = Number(process.versions.node.split('.')[0]);
if (!(major >= NEEDED_MAJOR)) {
  process.stderr.write(`plesk-codegen needs Node.js >= ${NEEDED_MAJOR} (this is ${process.versions.node})\n`);
  process.exit(1);
}

const sources = new URL('../generator/cli.ts', import.meta.url);
let cli;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(sources.href);
} else {
  cli = await import('../dist/generator/cli.js');
}
process.exitCode = await cli.main(process.argv.slice(2));
