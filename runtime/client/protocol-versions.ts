/**
 * XML API protocol versions: asking a server which it speaks (`<server><get_protos/></server>`,
 * which every version answers and which this file reads without any schema, so that every
 * generated client has `supportedProtocols()`), sorting them, and explaining the version errors
 * 1005 (version not supported) and 1017 (not supported by this version), and a packet refused
 * (1005, 1014, 1017) because the server's protocol lacks one of its operators (the generated
 * package's OPERATOR_PROTOCOLS: the versions in which Plesk documents each operator).
 */
import { XmlDecodeError } from '../codec/errors.js';
import { Tokenizer } from '../codec/tokenizer.js';
import { PleskSystemError, type PleskResult } from './plesk-errors.js';

/** The protocol versions of an operator, as Plesk documents them (a row of the package's OPERATOR_PROTOCOLS). */
export interface OperatorProtocols {
  /** the operator's element, `backup-manager` */
  operator: string;
  /** the first and the last protocol version Plesk documents it for, when known */
  documented?: readonly [string, string] | undefined;
  /** the first protocol version whose schemas no longer have it */
  absentFrom: string;
}

/** The element names a get_protos answer is read by (not secrets: an error shows them as they are). */
const KNOWN: ReadonlySet<string> = new Set(['packet', 'system', 'server', 'get_protos', 'result', 'status', 'errcode', 'errtext', 'protos', 'proto']);

/** The request listing the server's protocol versions: sent without a version, so that any server answers it. */
export const GET_PROTOS_PACKET = '<?xml version="1.0" encoding="UTF-8"?>\n<packet><server><get_protos/></server></packet>';

export interface ProtosAnswer {
  /** the packet-level error, if the server refused the packet */
  system?: PleskResult;
  /** the get_protos result */
  result?: PleskResult;
  protos: string[];
}

/**
 * Reads a get_protos answer: system error, result status, and every `proto`. Throws XmlDecodeError
 * when it is not well-formed XML, what it quotes of the answer shown through `redact`.
 */
export function readProtosAnswer(xml: string, redact?: (text: string) => string): ProtosAnswer {
  const path: string[] = [];
  let text = '';
  const answer: ProtosAnswer = { protos: [] };
  const report = (which: 'system' | 'result', field: string) => {
    const r = (answer[which] ??= { status: 'ok' }) as PleskResult;
    const value = text.trim();
    if (field === 'status') r.status = value === 'error' ? 'error' : 'ok';
    else if (field === 'errcode') r.errcode = Number(value);
    else if (field === 'errtext') r.errtext = value;
  };
  const tokenizer: Tokenizer = new Tokenizer({
    openTag(source, start, end) {
      const name = source.slice(start, end);
      path.push(name);
      text = '';
      return name;
    },
    text(source, start, end) {
      text += source.slice(start, end);
    },
    closeTag() {
      const at = path.join('/');
      if (at === 'packet/server/get_protos/result/protos/proto') answer.protos.push(text.trim());
      else if (/^packet\/system\/(status|errcode|errtext)$/.test(at)) report('system', path.at(-1)!);
      else if (/^packet\/server\/get_protos\/result\/(status|errcode|errtext)$/.test(at)) report('result', path.at(-1)!);
      path.pop();
      text = '';
    },
    notWellFormed(reason) {
      throw new XmlDecodeError(path.map((name) => (redact === undefined || KNOWN.has(name) ? name : redact(name))).join('/'), `not well-formed XML: ${reason}`, tokenizer.line, Math.max(1, tokenizer.column));
    },
    quote: (text, name) => (redact === undefined || (name && KNOWN.has(text)) ? text : redact(text)),
  });
  tokenizer.whole(xml);
  return answer;
}

/**
 * Compares two protocol versions numerically, part by part (`1.6.9.1` < `1.6.10.0`; a missing
 * part counts as 0, so `1.6` = `1.6.0.0`); parts that are not numbers compare as text.
 */
export function compareProtocolVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return nx - ny;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Versions in numeric order, each once (servers list them unsorted). */
export function sortProtocolVersions(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort(compareProtocolVersions);
}

/** What a version error (1005, 1017) adds to the message: the version sent and, for 1005, the versions the server speaks. */
export function versionErrorHint(code: number, sent: string | undefined, supported: string[] | undefined): string {
  const version = sent === undefined ? 'without a version (the server\'s newest protocol)' : `with version="${sent}"`;
  if (code === 1005) {
    const list = supported === undefined ? 'the versions it supports could not be asked for (client.supportedProtocols())' : supported.length === 0 ? 'it lists no supported versions' : `it supports ${supported.join(', ')}`;
    return `the packet was sent ${version}; ${list}. Fix: pass the client option protocolVersion with one of them, or generate the package from that version's schemas (--protocol-version)`;
  }
  return `the packet was sent ${version}, which does not have this operation or one of its elements. Fix: use a newer version (client option protocolVersion; client.supportedProtocols() lists the server's), generated from that version's schemas`;
}

/** `documented for XML API protocols 1.5.2.0 – 1.6.9.0 and absent from 1.6.9.1 on` */
export function operatorProtocolsText(row: OperatorProtocols): string {
  if (row.documented === undefined) return `absent from XML API protocol ${row.absentFrom} on`;
  return `documented for XML API protocols ${row.documented[0]} – ${row.documented[1]} and absent from ${row.absentFrom} on`;
}

export interface RefusedPacket {
  code: number;
  /** the server's errtext, masked */
  errtext: string;
  /** packet/@version as sent (undefined: none, so the server used its newest) */
  sent: string | undefined;
  /** packet/@version of the answer (the server's protocol for a packet sent without one) */
  answered: string | undefined;
  /** 1005: the versions the server supports, in numeric order */
  supported: string[] | undefined;
  /** the operators of the packet (elements) */
  operators: readonly string[];
  table: readonly OperatorProtocols[];
}

/**
 * The error of a packet refused as a whole (`<system>`): a version error (1005, 1017) names the
 * version sent and, for 1005, the versions the server supports; a refusal because the protocol
 * lacks an operator of the packet (1014 or 1017 naming it, or 1005 from a server whose every
 * protocol lacks it) says so, and what to generate instead.
 */
export function refusedPacketError(refused: RefusedPacket): PleskSystemError {
  const { code, errtext, sent, supported } = refused;
  const absent = absentOperatorHint(refused);
  if (code !== 1005 && code !== 1017 && absent === undefined) return new PleskSystemError(code, errtext);
  const hint = code === 1014 ? absent! : `${versionErrorHint(code, sent, supported)}${absent === undefined ? '' : `. ${absent}`}`;
  return new PleskSystemError(code, errtext, { protocolVersion: sent, ...(supported ? { supportedVersions: supported } : {}), hint });
}

function absentOperatorHint({ code, errtext, sent, answered, supported, operators, table }: RefusedPacket): string | undefined {
  for (const row of table) {
    if (!operators.includes(row.operator)) continue;
    let lacking: string | undefined;
    if (code === 1014 && errtext.includes(`Element '${row.operator}'`)) lacking = `the server's protocol ${sent ?? answered ?? '(its newest)'} lacks <${row.operator}>`;
    else if (code === 1017 && errtext.includes(row.operator)) lacking = `the server's protocol ${sent ?? answered ?? '(its newest)'} lacks <${row.operator}>`;
    else if (code === 1005 && supported !== undefined && supported.length > 0 && supported.every((v) => compareProtocolVersions(v, row.absentFrom) >= 0)) lacking = `none of the protocols this server supports has <${row.operator}>: it cannot be used on this server through the XML API`;
    if (lacking === undefined) continue;
    if (code === 1005) return `<${row.operator}> is ${operatorProtocolsText(row)}; ${lacking} (use the server's command line instead)`;
    const range = row.documented === undefined ? `before ${row.absentFrom}` : `from ${row.documented[0]} to ${row.documented[1]}`;
    return `<${row.operator}> is ${operatorProtocolsText(row)}; ${lacking}. Fix: generate the package from the schemas of a protocol ${range} that the server lists (client.supportedProtocols(); on the server, ls /usr/local/psa/admin/htdocs/schemas/rpc/), with protocolVersion set to that version`;
  }
  return undefined;
}
