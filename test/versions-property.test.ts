/**
 * The version of every packet, proven on random packets: for random valid requests of every
 * operation of each version of the two-set package (drawn from that version's tables), routed to
 * a server that speaks both versions, 1.6.6.0 alone or 1.6.9.1 alone, by the client's router:
 *
 * - a packet is sent only in a version that declares all of it: what goes out as 1.6.6.0 is valid
 *   under Plesk's 1.6.6.0 schemas (xmllint: the judge of 1.6.6.0), what goes out as 1.6.9.1 is
 *   read whole by the package's strict 1.6.9.1 decoder and written back the same (libxml2 cannot
 *   compile the 1.6.9.1 set, so the decoder is its judge);
 * - a packet is refused before the network only when the server's version cannot take it: the
 *   same judges refuse it in that version;
 * - to a server of both, every packet goes, in the newest version that takes it.
 *
 * Fixed seed and one sample per operation, so npm test stays quick.
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateAgainstPlesk } from './helpers/plesk-oracle.js';
import { isUnicodeTableDifference, samplesOf } from './helpers/whole-api.js';
import { importTwoSets, TWO_SETS } from './helpers/versions-package.js';

const SEED = 0x5eed_0025;
const RUNS = 1;
const HOSTS = [['1.6.6.0', '1.6.9.1'], ['1.6.6.0'], ['1.6.9.1']] as const;

interface Routed {
  label: string;
  drawn: string;
  host: readonly string[];
  value: Record<string, unknown>;
  sent?: { version: string; body: string };
  refused?: Error;
}

function throwsIn(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch {
    return true;
  }
}

test(`random packets of every operation of both versions go only in a version that declares all of them, and are refused only where the server's cannot (seed ${SEED})`, async (t) => {
  const { pkg, dir } = await importTwoSets();
  const { packetVersions } = await import(pathToFileURL(path.join(dir, 'src', 'runtime', 'client', 'version-router.ts')).href);
  const tables = packetVersions({ versions: pkg.PROTOCOL_VERSIONS, schemaOf: pkg.schemaOf, request: { c: 'RequestPacket' }, response: { c: 'ResponsePacket' } });
  const routers = HOSTS.map((host) => ({ host, router: tables.router({ pinned: undefined, hostVersions: host, ask: () => Promise.reject(new Error('never asked')), encode: (packet: unknown, version: string) => pkg.encodeRequestPacket(packet, version) }) }));

  const routed: Routed[] = [];
  for (const { protocolVersion } of TWO_SETS) {
    const samples = samplesOf(pkg.schemaOf(protocolVersion), RUNS, SEED).filter((s) => s.direction === 'request');
    for (const sample of samples) {
      // the version attribute is the router's to write
      const { version: _drawn, ...value } = sample.value;
      for (const { host, router } of routers) {
        const entry: Routed = { label: sample.label, drawn: protocolVersion, host, value };
        try {
          entry.sent = await router.route(value, {}, sample.label);
        } catch (error) {
          if (!(error instanceof pkg.PleskVersionError) && !(error instanceof pkg.XmlEncodeError)) throw error;
          entry.refused = error as Error;
        }
        routed.push(entry);
      }
    }
  }
  const failures: string[] = [];
  const fail = (entry: Routed, what: string) => failures.push(`${entry.label} (drawn from ${entry.drawn}, server ${entry.host.join('+')}): ${what}`);

  // to a server of both, every packet goes, in a version no older than the one it was drawn from
  for (const entry of routed.filter((e) => e.host.length === 2)) {
    if (!entry.sent) fail(entry, `refused: ${entry.refused!.message}`);
    else if (pkg.compareProtocolVersions(entry.sent.version, entry.drawn) < 0) fail(entry, `sent as ${entry.sent.version}`);
  }
  // what goes out names its version, and that version's judge takes all of it
  const sent = routed.filter((e) => e.sent);
  for (const entry of sent) {
    if (!entry.sent!.body.includes(`<packet version="${entry.sent!.version}">`)) fail(entry, 'the packet does not name the version it is sent in');
    if (!entry.host.includes(entry.sent!.version)) fail(entry, `sent as ${entry.sent!.version}, which the server does not speak`);
  }
  const judge = async (docs: Array<{ entry: Routed; xml: string; version: string }>) => {
    const older = docs.filter((d) => d.version === '1.6.6.0');
    const verdicts = await validateAgainstPlesk(older.map((d) => d.xml), 'agent_input.xsd', 'plesk-xsd');
    const valid = new Map<(typeof docs)[number], { valid: boolean; why: string }>();
    older.forEach((d, i) => valid.set(d, { valid: verdicts[i]!.valid, why: verdicts[i]!.errors.join('\n') }));
    for (const d of docs.filter((x) => x.version === '1.6.9.1')) {
      try {
        // read whole (strictly), and written back the same: the decoder met every part of it
        const decoded = pkg.decodeRequestPacket(d.xml, { protocolVersion: '1.6.9.1', unknownElements: 'error' });
        valid.set(d, { valid: pkg.encodeRequestPacket(decoded, '1.6.9.1') === d.xml, why: 'reads back as another packet' });
      } catch (error) {
        valid.set(d, { valid: false, why: (error as Error).message });
      }
    }
    return valid;
  };
  const accepted = await judge(sent.map((entry) => ({ entry, xml: entry.sent!.body, version: entry.sent!.version })));
  let unicode = 0;
  for (const [doc, verdict] of accepted) {
    if (verdict.valid) continue;
    if (isUnicodeTableDifference(`: invalid under Plesk's schema:\n${verdict.why}`)) unicode++;
    else fail(doc.entry, `sent as ${doc.version}, which does not take it: ${verdict.why.split('\n')[0]}`);
  }
  // what is refused for a version's lack, that version's judge refuses too (the packet as its own version writes it, naming the server's)
  const refused = routed.filter((e) => e.refused);
  const lacking = refused.filter((e) => e.refused instanceof pkg.PleskVersionError);
  const refusals = await judge(lacking.map((entry) => ({ entry, xml: pkg.encodeRequestPacket(entry.value, entry.drawn).replace('<packet>', `<packet version="${entry.host[0]}">`), version: entry.host[0]! })));
  for (const [doc, verdict] of refusals) if (verdict.valid) fail(doc.entry, `refused (${doc.entry.refused!.message.split(': ')[0]}), yet ${doc.version} takes it`);
  // the rest the server's version declares, and its encoder refuses the value: a value of the other version's type (a flag where one version has a string)
  for (const entry of refused.filter((e) => !lacking.includes(e))) {
    if (entry.host.length !== 1) fail(entry, `refused by the encoder with two versions to choose from: ${entry.refused!.message}`);
    else if (!throwsIn(() => pkg.encodeRequestPacket(entry.value, entry.host[0]))) fail(entry, `refused by the encoder, yet ${entry.host[0]} encodes it`);
  }

  const byVersion = (version: string) => sent.filter((e) => e.sent!.version === version).length;
  t.log(`${routed.length / HOSTS.length} packets × ${HOSTS.length} servers: ${byVersion('1.6.6.0')} sent as 1.6.6.0, ${byVersion('1.6.9.1')} as 1.6.9.1, ${lacking.length} refused naming the versions, ${refused.length - lacking.length} refused by the encoder of the only shared version; ${unicode} xmllint verdicts on characters newer than its Unicode tables`);
  t.deepEqual(failures.slice(0, 5), [], `${failures.length} failures`);
  t.true(refused.length > 100 && byVersion('1.6.6.0') > 100 && byVersion('1.6.9.1') > 100, 'every kind of outcome is met');
  t.true(unicode < sent.length / 20);
});
