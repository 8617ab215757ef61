/**
 * The project's recorded answers and requests (test/fixtures/*.xml) read and written back byte for
 * byte: decode → encode gives the fixture itself, less the white space that indents its elements
 * (no text of the schema's, so no value: a packet is written without it). With the project's
 * package (xsd/) where it has the operator, and with the whole 2014 API's for all of them.
 * customer-get.response.xml lists gen_info (an xs:all) in the order Plesk sends it, not the
 * schema's (password after external-id): it comes back in that order; the same value built by
 * hand is written in schema order.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as project from '../generated/src/index.js';
import { parse, serialize, type XNode } from './helpers/drift-mutations.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { validateAgainstPlesk } from './helpers/plesk-oracle.js';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';

interface Codecs {
  encodeRequestPacket(value: unknown): string;
  decodeRequestPacket(xml: string): unknown;
  encodeResponsePacket(value: unknown): string;
  decodeResponsePacket(xml: string): unknown;
}

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const fixtures = readdirSync(FIXTURES).filter((f) => /\.(request|response)\.xml$/.test(f)).sort();

/** The fixture as its elements are: the white space between tags of element-only content dropped. */
function unindented(xml: string): string {
  const strip = (node: XNode): XNode => {
    const elements = node.children.some((c) => typeof c !== 'string');
    return { ...node, children: node.children.filter((c) => !(elements && typeof c === 'string' && c.trim() === '')).map((c) => (typeof c === 'string' ? c : strip(c))) };
  };
  return serialize(strip(parse(xml)));
}

const body = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\n/, '');

function roundTrip(codecs: Codecs, file: string): { written: string; expected: string } {
  const xml = readFileSync(path.join(FIXTURES, file), 'utf8');
  const request = file.endsWith('.request.xml');
  const value = request ? codecs.decodeRequestPacket(xml) : codecs.decodeResponsePacket(xml);
  return { written: body(request ? codecs.encodeRequestPacket(value) : codecs.encodeResponsePacket(value)), expected: unindented(xml) };
}

test('every fixture the project package reads is written back byte for byte', (t) => {
  const read = fixtures.filter((f) => !f.startsWith('customer-'));
  t.true(read.length >= 4);
  for (const file of read) {
    const { written, expected } = roundTrip(project as unknown as Codecs, file);
    t.is(written, expected, file);
  }
});

test("every fixture is written back byte for byte by the whole 2014 API's package, xs:all in the order read", async (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const whole = (await import(pathToFileURL(path.join(sharedPackageDir(files), 'src', 'index.ts')).href)) as Codecs;
  for (const file of fixtures) {
    const { written, expected } = roundTrip(whole, file);
    t.is(written, expected, file);
  }
  const xml = readFileSync(path.join(FIXTURES, 'customer-get.response.xml'), 'utf8');
  const [verdict] = await validateAgainstPlesk([xml], 'agent_output.xsd', 'plesk-xsd');
  t.true(verdict!.valid, verdict!.errors.join('\n'));
  t.regex(xml, /<external-id\/>\s*<description\/>\s*<password>/, 'Plesk writes password after external-id');
  const byHand = JSON.parse(JSON.stringify(whole.decodeResponsePacket(xml)));
  t.regex(whole.encodeResponsePacket(byHand), /<locale>en-US<\/locale><password>[^<]*<\/password><password_type>crypt<\/password_type><guid>/, 'a value built by hand: schema order');
});
