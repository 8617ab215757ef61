/**
 * Measures what writing Plesk's XML by hand lets through, for the README's comparison.
 *
 * Takes the request packets our encoder refuses (test/helpers/negative-encode-cases.ts), writes
 * each the way hand-written code does (a template per element: property names in kebab case, in
 * the object's key order, text escaped, `true` as an empty element; nothing checked), and
 * validates that XML with xmllint against Plesk's own agent_input.xsd (../shared/plesk-xsd).
 * Prints, per case, whether the hand-written XML goes out (always), and whether Plesk's schema
 * would refuse it (an error from the server at run time) or accept it (a wrong request the
 * server acts on). Run: npx tsx scripts/measure-hand-written-xml.ts
 */
import { encodeRequestPacket, XmlEncodeError } from '../generated/src/index.js';
import { encodeCases } from '../test/helpers/negative-encode-cases.js';
import { validateAgainstPlesk } from '../test/helpers/plesk-oracle.js';

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The hand-written way: `operators`/`operations` arrays hold elements; every other key is one. */
function handWritten(value: unknown): string {
  if (Array.isArray(value)) return value.map(handWritten).join('');
  if (typeof value !== 'object' || value === null) return escape(String(value));
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => {
      if (key === 'operators' || key === 'operations') return handWritten(v);
      if (v === true) return `<${kebab(key)}/>`;
      return `<${kebab(key)}>${handWritten(v)}</${kebab(key)}>`;
    })
    .join('');
}

const rows = encodeCases.map(([name, { given }]) => {
  let refusedByEncoder = false;
  try {
    encodeRequestPacket(given);
  } catch (error) {
    refusedByEncoder = error instanceof XmlEncodeError;
  }
  return { name, refusedByEncoder, xml: `<packet>${handWritten(given)}</packet>` };
});
const verdicts = await validateAgainstPlesk(rows.map((r) => r.xml), 'agent_input.xsd');
for (const [i, row] of rows.entries()) {
  const verdict = verdicts[i]!.valid ? 'ACCEPTED by Plesk\'s schema' : 'refused by Plesk\'s schema';
  console.log(`${row.refusedByEncoder ? 'encoder refuses' : 'ENCODER SENDS'} | hand-written sends | ${verdict} | ${row.name}\n    ${row.xml}`);
}
const accepted = verdicts.filter((v) => v.valid).length;
console.log(`\n${rows.length} faulty requests: the encoder refuses ${rows.filter((r) => r.refusedByEncoder).length}; hand-written XML sends all ${rows.length}; Plesk's schema refuses ${rows.length - accepted} of them (errors at run time) and accepts ${accepted} (wrong requests the server acts on)`);
