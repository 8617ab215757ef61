// One generation of Plesk's whole API by an installed plesk-codegen, in this fresh process, each
// step timed: `node phase-child.mjs <installed package folder> <plesk-xsd folder> <out folder>`.
// Prints JSON: milliseconds of start-up (Node.js and the imports, from the process's start),
// load + model, emit, compile and write. Plain JavaScript, so nothing but Node.js runs before it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [installed, pleskXsd, out] = process.argv.slice(2);
const { generatePackage } = await import(pathToFileURL(path.join(installed, 'dist', 'generator', 'generate-package.js')).href);
const startup = performance.now();
const result = generatePackage({
  xsd: ['agent_input.xsd', 'agent_output.xsd'].map((f) => path.join(pleskXsd, f)),
  out,
  packageName: 'plesk-api',
  packageVersion: '1.0.0',
  protocolVersion: '1.6.6.0',
  pleskRefinements: true,
});
const t = result.timings;
process.stdout.write(`${JSON.stringify({ startup, loadModel: t.load + t.model, emit: t.emit, compile: t.compile, write: t.write })}\n`);
