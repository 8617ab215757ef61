/**
 * The notice for an operator file given alone (Plesk's backup.xsd): it declares the operator's
 * types but not the packet envelope, so its package has codecs and no client. The notice says so,
 * why, and the exact package that gives a client: the envelope schemas beside it (agent_input.xsd
 * and agent_output.xsd of the same folder, or any pair declaring <packet>), found by reading the
 * folder's schema files as text (regular files within the size limit; their includes are not
 * followed), with the operators whose types the file declares. Only for Plesk's schemas: a file
 * beside an envelope that gives its types to operators, a type Plesk's envelope gives an operator
 * (KNOWN_OPERATOR_TYPES), or a set that includes plesk_common.xsd.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { PackageSpec } from '../config/package-spec.js';
import { MAX_SCHEMA_BYTES } from '../limits.js';
import type { IrSchema } from '../model/ir.js';
import { KNOWN_OPERATOR_TYPES } from '../passes/apply-plesk-conventions.js';
import { isPleskSchemaSet } from '../passes/apply-refinements.js';
import { compareCodePoints } from '../passes/names.js';
import { readRegularFile } from '../regular-file.js';

interface Envelope {
  input?: string;
  output?: string;
  /** operators whose type the entry schemas declare, in the input envelope's order */
  operators: string[];
}

/** The notice, or undefined when the schemas have an envelope or declare no complex type. */
export function operatorFileNotice(ir: IrSchema, spec: PackageSpec, show: (absPath: string) => string): string | undefined {
  if (ir.packets.request || ir.packets.response || spec.operators !== undefined) return undefined;
  const types = new Set(ir.complexTypes.flatMap((t) => (t.xsdName ? [t.xsdName] : [])));
  if (types.size === 0) return undefined;
  const folder = path.dirname(spec.xsd[0]!);
  const found = envelopeIn(folder, types);
  const entries = spec.xsd.map((f) => path.basename(f)).join(', ');
  const known = KNOWN_OPERATOR_TYPES.filter((k) => types.has(k.type)).map((k) => k.operator);
  // a schema of Plesk's (or an operator file beside its envelope); any other schema is no concern of this notice
  if (found.operators.length === 0 && known.length === 0 && !isPleskSchemaSet(ir)) return undefined;
  const operators = found.operators.length > 0 ? found.operators : known;
  const input = found.input ?? path.join(folder, 'agent_input.xsd');
  const output = found.output ?? path.join(folder, 'agent_output.xsd');
  const quoted = (list: string[]) => list.map((s) => JSON.stringify(s)).join(', ');
  const config = `{ "xsd": [${quoted([show(input), show(output)])}], "operators": [${operators.length > 0 ? quoted(operators) : '"<operator>"'}], "out": ${JSON.stringify(show(spec.out))}, "packageName": ${JSON.stringify(spec.packageName)}${spec.protocolVersion !== undefined ? `, "protocolVersion": ${JSON.stringify(spec.protocolVersion)}` : ''} }`;
  const flags = `--xsd ${show(input)} --xsd ${show(output)}${(operators.length > 0 ? operators : ['<operator>']).map((o) => ` --operator ${o}`).join('')}`;
  const where = found.input && found.output
    ? `The envelope is in ${path.basename(input)} and ${path.basename(output)} beside it, which include it`
    : `The envelope schemas are not beside it: copy the whole schema folder of the server (/usr/local/psa/admin/htdocs/schemas/rpc/<version>/), whose agent_input.xsd and agent_output.xsd include it`;
  return `${entries} declares no Plesk packet envelope (no global <packet>), so this package has codecs only (encodeType, decodeType): no PleskClient, no ./testing stub, no waitForTask. ${where}; for a client of ${operators.length > 0 ? operators.map((o) => `<${o}>`).join(', ') : 'its operator'} alone, generate this package instead:\n  ${config}\n(on the command line: ${flags})`;
}

/** The envelope schemas of a folder, and the operators they give `types`. */
function envelopeIn(folder: string, types: ReadonlySet<string>): Envelope {
  const envelope: Envelope = { operators: [] };
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.xsd')).sort(compareCodePoints);
  } catch {
    return envelope;
  }
  // Plesk's names first, then any other pair
  names.sort((a, b) => Number(!a.startsWith('agent_')) - Number(!b.startsWith('agent_')));
  for (const name of names) {
    const read = readRegularFile(path.join(folder, name), { maxBytes: MAX_SCHEMA_BYTES });
    if (!read.ok || !/<(?:\w+:)?element\s+name="packet"/.test(read.text)) continue;
    const response = /<(?:\w+:)?element\s+name="system"/.test(read.text);
    if (response) envelope.output ??= path.join(folder, name);
    else if (envelope.input === undefined) {
      envelope.input = path.join(folder, name);
      for (const match of read.text.matchAll(/<(?:\w+:)?element\s+name="([^"]+)"\s+type="([^"]+)"/g)) {
        if (types.has(match[2]!) && !envelope.operators.includes(match[1]!)) envelope.operators.push(match[1]!);
      }
    }
  }
  return envelope;
}
