/**
 * The protocol versions of a package of several (the generated client hands `packetVersions(…)`
 * to the core as `CODEC.versions`): which version each packet goes in.
 *
 * A client learns its server's versions once — the option `protocolVersions`, or `get_protos`
 * asked on the first call and kept (a failed ask is not kept) — and sends each packet in the
 * newest version that the package and the server share and that declares everything the packet
 * holds (version-availability.ts) and accepts it: `backupManager.getTasksInfo()` goes as 1.6.6.0
 * and an `extension` call as 1.6.9.1 to the same server. A packet no shared version can carry is
 * refused before anything is sent with a {@link PleskVersionError}; one that every version
 * declaring it refuses fails with the encoder's error of the newest, as in a package of one version.
 * The option `protocolVersion` pins every packet to one of the package's versions.
 *
 * Answers are decoded with the tables of the version sent; an element they do not declare is
 * reported (`'keep'`) with the package's other versions that declare it (`declaredIn`).
 */
import type { DecodeOptions, SchemaDriftEvent } from '../codec/decode-options.js';
import { XmlEncodeError } from '../codec/errors.js';
import type { SchemaMeta, TypeRef } from '../codec/meta.js';
import type { CallOptions, PacketRouter, PacketVersions, RouterSetup } from './client-types.js';
import { PleskVersionError } from './plesk-version-error.js';
import { compareProtocolVersions, sortProtocolVersions } from './protocol-versions.js';
import { declaresNames, declaresProps, firstUndeclared, type Undeclared } from './version-availability.js';

/** What the generated client says of its package's versions. */
export interface VersionTables {
  /** oldest first */
  versions: readonly string[];
  schemaOf(version: string): SchemaMeta;
  /** the request and response packets' types in the tables */
  request: TypeRef;
  response: TypeRef;
}

export function packetVersions(tables: VersionTables): PacketVersions {
  return { versions: tables.versions, router: (setup) => new VersionRouter(tables, setup) };
}

const same = (a: string, b: string) => compareProtocolVersions(a, b) === 0;

class VersionRouter implements PacketRouter {
  readonly #tables: VersionTables;
  readonly #setup: RouterSetup;
  #host: Promise<string[]> | undefined;

  constructor(tables: VersionTables, setup: RouterSetup) {
    const list = tables.versions.join(', ');
    if (setup.pinned === null) throw new TypeError(`PleskClient: option protocolVersion cannot be null in a package of several protocol versions (${list}): each packet names the version it is sent in`);
    if (setup.pinned !== undefined && !tables.versions.includes(setup.pinned)) throw new TypeError(`PleskClient: option protocolVersion ${JSON.stringify(setup.pinned)} is not a version of this package; give one of ${list}, or leave it out to choose per packet`);
    const host = setup.hostVersions;
    if (host !== undefined && (!Array.isArray(host) || host.some((v) => typeof v !== 'string' || v === ''))) throw new TypeError('PleskClient: option protocolVersions must be an array of protocol versions, such as [\'1.6.6.0\', \'1.6.9.1\']');
    this.#tables = tables;
    this.#setup = { ...setup, ...(host !== undefined ? { hostVersions: sortProtocolVersions(host) } : {}) };
  }

  async route(packet: { version?: string }, options: CallOptions, call: string): Promise<{ version: string; body: string }> {
    const { versions } = this.#tables;
    const pinned = this.#setup.pinned ?? (packet.version !== undefined && versions.includes(packet.version) ? packet.version : undefined);
    const host = pinned !== undefined ? undefined : (this.#setup.hostVersions ?? (await this.#learn(options)));
    const candidates = (pinned !== undefined ? [pinned] : versions.filter((v) => host!.some((h) => same(h, v)))).slice().reverse();
    const undeclared: Array<{ version: string; part: Undeclared }> = [];
    let refused: unknown;
    for (const version of candidates) {
      const part = firstUndeclared(this.#tables.schemaOf(version), this.#tables.request, packet);
      if (part) {
        undeclared.push({ version, part });
        continue;
      }
      try {
        return { version, body: this.#setup.encode({ ...packet, version }, version) };
      } catch (error) {
        if (!(error instanceof XmlEncodeError)) throw error;
        refused ??= error;
      }
    }
    if (refused !== undefined) throw refused;
    if (candidates.length === 0) {
      throw new PleskVersionError(call, 'the packet', 'packet', versions, host, versions, pinned);
    }
    const first = undeclared[0]!;
    const having = this.#having(first.part);
    // declared nowhere: not a question of versions, the encoder says what is wrong with it
    if (having.versions.length === 0) this.#setup.encode({ ...packet, version: first.version }, first.version);
    const shared = having.versions.filter((v) => candidates.includes(v));
    const other = shared.length > 0 ? undeclared.find((u) => shared.includes(u.version)) : undefined;
    const otherPart = other && this.#having(other.part);
    throw new PleskVersionError(call, having.shown, having.path, having.versions, host, versions, pinned, otherPart && { element: otherPart.shown, versions: otherPart.versions });
  }

  decodeOptions(options: DecodeOptions, version: string): DecodeOptions & { protocolVersion: string } {
    const report = options.onUnknown;
    if (!report) return { ...options, protocolVersion: version };
    return {
      ...options,
      protocolVersion: version,
      onUnknown: (event: SchemaDriftEvent) => {
        // an unknown element or attribute, or a value not listed, that another version declares (not an extra or misplaced one: every version knows those)
        const declaredIn = event.kind === 'extra' || event.kind === 'misplaced' ? [] : this.#tables.versions.filter((v) => v !== version && declaresNames(this.#tables.schemaOf(v), this.#tables.response, event.path, event.kind === 'value' ? event.value ?? '' : undefined));
        report(declaredIn.length > 0 ? ({ ...event, declaredIn } as SchemaDriftEvent) : event);
      },
    };
  }

  /** The server's versions, asked once per client (a failure is not kept: the next call asks again). */
  #learn(options: CallOptions): Promise<string[]> {
    this.#host ??= this.#setup.ask(options).catch((error: unknown) => {
      this.#host = undefined;
      throw error;
    });
    return this.#host;
  }

  /** The package's versions that declare a part of a packet, and how the message names it (by a declaring version's names). */
  #having(part: Undeclared): { versions: string[]; shown: string; path: string } {
    let names: string[] | undefined;
    const versions = this.#tables.versions.filter((v) => {
      const found = declaresProps(this.#tables.schemaOf(v), this.#tables.request, part.props, part.kind === 'value' ? part.value : undefined);
      if (found.declared) names ??= found.names;
      return found.declared;
    });
    const last = names?.at(-1);
    const name = last === undefined ? `the property ${part.props.at(-1)}` : last.startsWith('@') ? `attribute ${last.slice(1)}` : `<${last}>`;
    const path = ['packet', ...(names ?? part.names)].join('/');
    return { versions, shown: part.kind === 'value' ? `the value ${JSON.stringify(part.value)} of ${name}` : name, path };
  }
}
