/**
 * The JSDoc of a generated property: its XML name, whether it is optional, its type and the facts
 * of that type (values, pattern, lengths, range) and where the schema declares it; and no generated
 * text anywhere holds a value printed as an object (`[object Object]`) or `undefined` in a doc.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';

/** The JSDoc block just before `name?: …` or `name: …` in a types file's text. */
function docOf(text: string, property: string): string {
  const at = text.search(new RegExp(`\\n {2}(readonly )?${property}\\??: `));
  if (at < 0) throw new Error(`no property ${property}`);
  const start = text.lastIndexOf('/**', at);
  return text.slice(start, at).replace(/\n\s*\* ?/g, '\n').trim();
}

test('a property with a pattern and a length: its XML name, its type, the pattern as the schema writes it, where it is declared', (t) => {
  const types = readFileSync(path.join(ROOT, 'generated', 'src', 'types.ts'), 'utf8');
  const doc = docOf(types, 'taskId');
  t.true(doc.includes('`<task-id>` (optional) · type BackupTaskIdType · pattern `[\\-]?[0-9]+` · length 1..∞'), doc);
  t.regex(doc, /@xsd element task-id \(backup\.xsd:\d+\)/);
  const status = docOf(types.slice(types.indexOf('export type BackupGetBackupStatusOutputResultTask = {')), 'status');
  t.true(status.includes("`<status>` · type BackupTaskStatus · one of `working`, `stopped`, `failed`, `finished`"), status);
});

test('no generated file of the whole 2014 API prints an object or undefined into its text', (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir), undefined, '1.6.6.0');
  let patterns = 0;
  for (const [name, text] of files) {
    t.false(text.includes('[object Object]'), `${name} holds [object Object]`);
    t.false(/\* .*\bundefined\b.*·|· undefined\b/.test(text), `${name} holds undefined in a doc`);
    patterns += text.split('· pattern `').length - 1;
  }
  t.true(patterns > 0, `${patterns} property docs state a pattern`);
});
