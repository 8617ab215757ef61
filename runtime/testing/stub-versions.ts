/**
 * The stub of a package of several protocol versions plays a server that speaks a given list of
 * versions (its option `protocolVersions`, default the package's): each packet is read and
 * answered with the tables of the version it names, as Plesk validates each packet against that
 * version's schemas, so one stub can be an old and a new server at once.
 *
 * - a packet naming a version the server does not speak → 1005, before it is read (in its newest);
 * - a packet naming none → the server's newest version;
 * - a version the server speaks but the package has no schemas of → the package's newest older
 *   version (or its oldest), the nearest the package has;
 * - `<server><get_protos/></server>` without a handler for it → the versions it speaks, in the
 *   version the packet names (stub-protos.ts, for a package of one version too).
 */
import { compareProtocolVersions } from '../client/protocol-versions.js';
import { namedVersion } from '../client/version-availability.js';
import type { StubReading, StubVersions } from './stub-types.js';

/** The stub's side of a package of several versions, from its codecs (the generated testing.ts). */
export function stubVersions<Req, Res>(codecs: { versions: readonly string[]; decodeRequest(xml: string, version: string): Req; encodeResponse(packet: Res, version: string): string }): StubVersions<Req, Res> {
  return {
    versions: codecs.versions,
    reading: (body, speaks) => readingOf(body, speaks, codecs.versions),
    decodeRequest: (xml, tables) => codecs.decodeRequest(xml, tables),
    encodeResponse: (packet, tables) => codecs.encodeResponse(packet, tables),
  };
}

export function readingOf(body: string, speaks: readonly string[] | undefined, own: readonly string[]): StubReading {
  const spoken = [...(speaks ?? own)].sort(compareProtocolVersions);
  const named = namedVersion(body);
  // Plesk takes a partial version (1.6) for the first it speaks that starts with it
  const version = named === undefined ? spoken.at(-1)! : spoken.find((v) => v === named || v.startsWith(`${named}.`));
  const tables = (v: string) => own.filter((o) => compareProtocolVersions(o, v) <= 0).at(-1) ?? own[0]!;
  if (version === undefined) return { version: spoken.at(-1)!, tables: tables(spoken.at(-1)!), unsupported: named! };
  return { version: named ?? version, tables: tables(version) };
}
