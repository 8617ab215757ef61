/**
 * XML API protocol versions: asking a server which it speaks (`<server><get_protos/></server>`,
 * which every version answers and which this file reads without any schema, so that every
 * generated client has `supportedProtocols()`), sorting them, and explaining the version errors
 * 1005 (version not supported) and 1017 (not supported by this version).
 */
import { XmlDecodeError } from '../codec/errors.js';
import { Tokenizer } from '../codec/tokenizer.js';
import type { PleskResult } from './plesk-errors.js';

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
