/**
 * Schema drift as a service can act on it: the client's decoder keeps what a newer server sends
 * beyond the package's schemas (codec/decode-options.ts) and reports each piece; here the
 * reports are added up per kind and path (`client.driftReport()`: one line per kind of drift, how
 * often, the first example, when first and last seen), and, without an `onSchemaDrift` listener,
 * each kind of drift at each path becomes one process warning (`PleskSchemaDrift`).
 *
 * Everything here comes from the decoder's events, whose names and values were shown through the
 * client's masking already; the report keeps at most {@link MAX_DRIFT_ENTRIES} kinds-and-paths
 * (a server sending ever new names cannot grow it without bound): beyond, the rest of each kind is
 * counted under the path `(other paths)`.
 */
import type { SchemaDriftEvent, SchemaDriftKind } from '../codec/decode-options.js';

/** One kind of drift at one path, over every answer the client decoded. */
export interface SchemaDriftSummary {
  kind: SchemaDriftKind;
  /** the path (`packet/…/task/status`, `…/@name` for an attribute), or `(other paths)` */
  path: string;
  /** how many times it was seen */
  count: number;
  /** the first one seen: its name, value and reason (masked as every text from the server is), line and column in its answer */
  firstExample: SchemaDriftEvent;
  firstSeen: Date;
  lastSeen: Date;
}

/** Kinds-and-paths a drift report holds at most. */
export const MAX_DRIFT_ENTRIES: number = 1_000;
const OTHER_PATHS = '(other paths)';

interface Entry {
  kind: SchemaDriftKind;
  path: string;
  count: number;
  first: SchemaDriftEvent;
  firstSeen: number;
  lastSeen: number;
}

/** The drift a client has seen, added up per kind and path, in the order first seen. */
export class DriftLog {
  readonly #entries = new Map<string, Entry>();

  record(event: SchemaDriftEvent, now: number = Date.now()): void {
    let path = event.path;
    let key = `${event.kind} ${path}`;
    let entry = this.#entries.get(key);
    if (entry === undefined && this.#entries.size >= MAX_DRIFT_ENTRIES) {
      path = OTHER_PATHS;
      key = `${event.kind} ${path}`;
      entry = this.#entries.get(key);
    }
    if (entry === undefined) this.#entries.set(key, { kind: event.kind, path, count: 1, first: { ...event }, firstSeen: now, lastSeen: now });
    else {
      entry.count++;
      entry.lastSeen = now;
    }
  }

  /** Every kind of drift at every path, in the order first seen; `reset` starts a new report. */
  report(reset: boolean = false): SchemaDriftSummary[] {
    const out = [...this.#entries.values()].map((e) => ({ kind: e.kind, path: e.path, count: e.count, firstExample: { ...e.first }, firstSeen: new Date(e.firstSeen), lastSeen: new Date(e.lastSeen) }));
    if (reset) this.#entries.clear();
    return out;
  }
}

/** Without onSchemaDrift: one process warning per kind of drift and path. */
export function driftWarning(mask: (text: string) => string): (event: SchemaDriftEvent & { declaredIn?: string[] }) => void {
  const seen = new Set<string>();
  return (event) => {
    const key = `${event.kind} ${event.path}`;
    if (seen.has(key) || seen.size >= MAX_DRIFT_ENTRIES) return;
    seen.add(key);
    // the name and value are the server's (the path before the name is the schema's known elements)
    const name = mask(event.name);
    const path = `${event.path.slice(0, event.path.length - event.name.length)}${name}`;
    process.emitWarning(`${driftText(event, name, path, mask)}; pass onSchemaDrift to the client to handle such reports, or read client.driftReport()`, { type: 'PleskSchemaDrift' });
  };
}

/**
 * The warning's text. In a package of several protocol versions, drift another version of the
 * package declares (`declaredIn`) is not a newer server's: the answer came in a version that lacks it.
 */
function driftText(event: SchemaDriftEvent & { declaredIn?: string[] }, name: string, path: string, mask: (text: string) => string): string {
  const elsewhere = event.declaredIn ? ` in the protocol version the packet was sent in (protocol ${event.declaredIn.join(', ')} of the package declares it)` : ' (a newer server?)';
  switch (event.kind) {
    case 'attribute': return `the answer has the attribute ${name} at ${path}, which the package's schemas do not declare${elsewhere}: it was kept`;
    case 'extra': return `the answer has one <${name}> more than the package's schemas allow at ${path} (a newer server?): it was kept`;
    case 'misplaced': return `the answer has <${name}> where the package's schemas do not place it, at ${path} (a newer server?): it was kept`;
    case 'value': return `the answer has the value ${JSON.stringify(mask(event.value ?? ''))} at ${path}, which the package's schemas do not allow (${mask(event.reason ?? '')}; ${event.declaredIn ? `protocol ${event.declaredIn.join(', ')} of the package allows it, not the one the packet was sent in` : 'a newer server?'}): it was kept as read`;
    default: return `the answer has the element <${name}> at ${path}, which the package's schemas do not declare${elsewhere}: it was kept`;
  }
}
