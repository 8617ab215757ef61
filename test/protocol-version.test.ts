/**
 * Protocol versions: the generator records the version (--protocol-version) in the package, the
 * client sends it (or the override), version errors 1005 and 1017 say what was sent and what the
 * server supports, and supportedProtocols() sorts the server's versions numerically.
 */
import test from 'ava';
import path from 'node:path';
import { resolveGenerateArgs } from '../generator/cli-args.js';
import { ConfigError } from '../generator/config/config-error.js';
import { UsageError } from '../generator/errors.js';
import { NO_PROTOCOL_VERSION } from '../generator/emit/emit-protocol-version.js';
import { compareProtocolVersions, PleskSystemError, PROTOCOL_VERSION, sortProtocolVersions } from '../generated/src/index.js';
import { validateAgainstPlesk } from './helpers/plesk-oracle.js';
import { DEFAULT_ENTRIES, generateFrom, PROJECT_PACKAGE, ROOT, sharedDir } from './helpers/project.js';
import { clientOf, standIn, type StandIn } from './helpers/stand-in.js';

let server: StandIn;
test.before(async () => {
  server = await standIn();
});
test.after.always(async () => {
  await server?.close();
});

test('the project package states the version xsd/ was written for', (t) => {
  t.is(PROTOCOL_VERSION, PROJECT_PACKAGE.protocolVersion);
  t.is(PROJECT_PACKAGE.protocolVersion, '1.6.6.0');
  const { files, notices } = generateFrom(DEFAULT_ENTRIES);
  t.deepEqual(notices, []);
  t.regex(JSON.parse(files.get('package.json')!).description, /\(XML API protocol 1\.6\.6\.0\)$/);
  t.regex(files.get('README.md')!, /\*\*XML API protocol 1\.6\.6\.0\*\* \(exported as `PROTOCOL_VERSION`\)/);
  t.regex(files.get('src/protocol-version.ts')!, /^export const PROTOCOL_VERSION = '1\.6\.6\.0';$/m);
  t.regex(files.get('src/client.ts')!, /^ {2}protocolVersion: PROTOCOL_VERSION,$/m);
});

test('--protocol-version is recorded; without it the generator gives one notice and the package says it sends none', (t) => {
  const dir = sharedDir('plesk-xsd');
  const entries = [path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')];
  const pinned = generateFrom(entries, path.dirname(dir), undefined, '1.6.5.0');
  t.deepEqual(pinned.notices, []);
  t.regex(pinned.files.get('src/protocol-version.ts')!, /= '1\.6\.5\.0';/);
  const open = generateFrom(entries, path.dirname(dir));
  t.deepEqual(open.notices, [NO_PROTOCOL_VERSION]);
  t.regex(NO_PROTOCOL_VERSION, /without a version.*newest protocol.*--protocol-version 1\.6\.9\.0/);
  t.regex(open.files.get('src/protocol-version.ts')!, /^export const PROTOCOL_VERSION: string \| undefined = undefined;$/m);
  t.regex(open.files.get('README.md')!, /\*\*No protocol version\*\*/);
  t.notRegex(JSON.parse(open.files.get('package.json')!).description, /protocol/);
});

test('--protocol-version: checked on the command line and in the config file; the project config gives xsd/ its version', (t) => {
  const xsd = [path.join(ROOT, 'xsd', 'request.xsd')];
  const base = { packageName: 'p', packageVersion: '1.0.0', xsd, out: 'o' };
  t.is(resolveGenerateArgs({}, ROOT).packages[0]!.protocolVersion, PROJECT_PACKAGE.protocolVersion);
  t.is(PROJECT_PACKAGE.protocolVersion, '1.6.6.0');
  t.is(resolveGenerateArgs(base, ROOT).packages[0]!.protocolVersion, undefined);
  t.is(resolveGenerateArgs({ ...base, protocolVersion: '1.6' }, ROOT).packages[0]!.protocolVersion, '1.6');
  t.is(resolveGenerateArgs({ ...base, protocolVersion: '1.6.9.0' }, ROOT).packages[0]!.protocolVersion, '1.6.9.0');
  for (const bad of ['v1.6.9.0', '1', '1.6.9.0.1', '1..6', '01.6']) {
    const error = t.throws(() => resolveGenerateArgs({ ...base, protocolVersion: bad }, ROOT), { instanceOf: ConfigError });
    t.is(error.message, `--protocol-version: ${JSON.stringify(bad)}: it is not an XML API protocol version: give two to four dot-separated numbers, e.g. 1.6.9.0 (ls /usr/local/psa/admin/htdocs/schemas/rpc/ on the server lists them)\n  fix: give the version of the schema folder you copied from the server, e.g. 1.6.9.0`);
  }
  t.throws(() => resolveGenerateArgs({ ...base, protocolVersion: ['1.6', '1.7'] }, ROOT), { instanceOf: UsageError, message: '--protocol-version was given 2 times; give it once' });
  t.throws(() => resolveGenerateArgs({ protocolVersion: '1.6' }, ROOT), { instanceOf: UsageError, message: /^--protocol-version needs --xsd or --set: without them the packages come from the config file/ });
});

test.serial("the client sends the package's version by default, the option's instead, and none with null", async (t) => {
  const sent = () => /^<\?xml[^>]*\?>\n<packet( version="([^"]*)")?>/.exec(server.received.at(-1)!)?.[2];
  for (const [options, want] of [[{}, '1.6.6.0'], [{ protocolVersion: '1.6.9.0' }, '1.6.9.0'], [{ protocolVersion: null }, undefined]] as const) {
    const client = clientOf(server, options);
    t.is(client.protocolVersion, want);
    t.deepEqual(await client.backupManager.getSupportedProtocols(), ['ftp']);
    t.is(sent(), want, JSON.stringify(options));
    client.close();
  }
});

test.serial('1005: the message names the version sent and the versions the server supports, in numeric order', async (t) => {
  const client = clientOf(server, { protocolVersion: '1.4.2.0' });
  try {
    const error = await t.throwsAsync(client.backupManager.getTasksInfo(), { instanceOf: PleskSystemError });
    t.is(error.code, 1005);
    t.is(error.protocolVersion, '1.4.2.0');
    const supported = ['1.5.2.0', '1.6.0.0', '1.6.3.0', '1.6.5.0', '1.6.6.0', '1.6.7.0', '1.6.8.0', '1.6.9.0', '1.6.9.1', '1.6.10.0'];
    t.deepEqual(error.supportedVersions, supported);
    t.is(error.message, `Plesk refused the request packet: error 1005 (XML API version not supported by this server): Unsupported protocol version 1.4.2.0.; the packet was sent with version="1.4.2.0"; it supports ${supported.join(', ')}. Fix: pass the client option protocolVersion with one of them, or generate the package from that version's schemas (--protocol-version)`);
    t.regex(server.received.at(-1)!, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<packet><server><get_protos\/><\/server><\/packet>$/, 'asked without a version');
    // request() too
    const whole = await t.throwsAsync(client.request({ version: '1.3', operators: [{ backupManager: { operations: [{ getSupportedProtocols: true }] } }] }), { instanceOf: PleskSystemError });
    t.regex(whole.message, /sent with version="1\.3"; it supports 1\.5\.2\.0, /);
  } finally {
    client.close();
  }
});

test.serial('1017: the message names the version sent and what to do', async (t) => {
  const client = clientOf(server, { protocolVersion: '1.6.0.0' });
  try {
    const error = await t.throwsAsync(client.backupManager.getSupportedProtocols(), { instanceOf: PleskSystemError });
    t.is(error.code, 1017);
    t.is(error.protocolVersion, '1.6.0.0');
    t.is(error.supportedVersions, undefined);
    t.regex(error.message, /^Plesk refused the request packet: error 1017 \(not supported by this XML API version\): The operation get-supported-protocols is not supported by protocol version 1\.6\.0\.0\.; the packet was sent with version="1\.6\.0\.0", which does not have this operation or one of its elements\. Fix: use a newer version/);
  } finally {
    client.close();
  }
});

test.serial('supportedProtocols() lists the versions numerically (1.6.10.0 after 1.6.9.1), whatever the client pins', async (t) => {
  const client = clientOf(server, { protocolVersion: '1.0' });
  try {
    const versions = await client.supportedProtocols();
    t.deepEqual(versions.slice(-3), ['1.6.9.0', '1.6.9.1', '1.6.10.0']);
    t.is(versions.length, 10);
    const bad = clientOf(server, { password: 'wrong' });
    t.like(await t.throwsAsync(bad.supportedProtocols(), { instanceOf: PleskSystemError }), { code: 1001 });
    bad.close();
  } finally {
    client.close();
  }
});

test('compareProtocolVersions: part by part, numerically', (t) => {
  t.deepEqual(sortProtocolVersions(['1.6.10.0', '1.6.9.1', '1.6', '1.10.0.0', '1.6.9.1', '1.5.2.0', '1.6.0.1']), ['1.5.2.0', '1.6', '1.6.0.1', '1.6.9.1', '1.6.10.0', '1.10.0.0']);
  t.true(compareProtocolVersions('1.6.9.1', '1.6.10.0') < 0);
  t.is(compareProtocolVersions('1.6.9.0', '1.6.9.0'), 0);
});

test.serial('every request the stand-in received and every answer it gave is valid under Plesk\'s 2014 schemas', async (t) => {
  const requests = await validateAgainstPlesk(server.received, 'agent_input.xsd');
  t.deepEqual(requests.flatMap((r, i) => (r.valid ? [] : [`${server.received[i]}\n${r.errors.join('\n')}`])), []);
  const answers = await validateAgainstPlesk(server.responses, 'agent_output.xsd');
  t.deepEqual(answers.flatMap((r, i) => (r.valid ? [] : [`${server.responses[i]}\n${r.errors.join('\n')}`])), []);
});
