/**
 * Hovers that fit on a screen: in the whole-API package from Plesk's 2014 schemas, the hover text
 * an editor shows (the language service's quick info, `noErrorTruncation` off) of the 20 most used
 * request types, and of every type their properties name, is at most 40 lines, never cut off with
 * `...`, and has no `?: never` line: each choice is `OneOf<{ … }>` or a named alias.
 */
import test from 'ava';
import path from 'node:path';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { hoverTexts, propertyTypeNames } from './helpers/hover.js';
import { generateFrom, sharedDir } from './helpers/project.js';

/** The request types of the 20 most used operations (the README lists them, with their operations). */
export const MOST_USED_REQUESTS = [
  'ClientTypeRequestGet', 'ClientTypeRequestAdd', 'ClientTypeRequestSet', // customer get, add, set
  'DomainTypeRequestGet', 'DomainTypeRequestAdd', 'DomainTypeRequestSet', // webspace get, add, set
  'SiteTypeRequestGet', 'SiteTypeRequestAdd', // site get, add
  'SubdomainGetInputType', // subdomain get
  'DNSInputTypeGetRec', 'DnsRecord', // dns get_rec, add_rec
  'MailTypeRequestGetInfo', 'MailTypeRequestCreate', // mail get_info, create
  'DatabaseGetDBInputType', 'DatabaseAddDbInputType', // database get-db, add-db
  'DBServerTypeRequestGet', // db_server get
  'CertificateActionRequestGetPool', // certificate get-pool
  'ServerGetRequest', // server get
  'BackupGetBackupStatusInput', 'BackupServerInput', // backup-manager get-tasks-info, backup-server
];

function wholeApi(): string {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
  const out = sharedPackageDir(files);
  return out;
}

test('the 20 most used request types, and the types their properties name, hover in at most 40 lines, whole, without ?: never', (t) => {
  const dir = wholeApi();
  const referenced = propertyTypeNames(dir, MOST_USED_REQUESTS);
  t.deepEqual(referenced.get('ClientTypeRequestGet'), ['ClientSelectionFilterType', 'ClientDatasetType'], 'the properties are followed one level down');
  const names = [...new Set([...MOST_USED_REQUESTS, ...[...referenced.values()].flat()])];
  const hovers = hoverTexts(dir, names);
  const problems: string[] = [];
  for (const name of names) {
    const text = hovers.get(name) ?? '';
    if (!new RegExp(`^(?:type|interface) ${name}\\b`).test(text)) problems.push(`${name}: no hover (${text.slice(0, 80)})`);
    const lines = text.split('\n').length;
    if (lines > 40) problems.push(`${name}: ${lines} lines`);
    if (text.includes('...')) problems.push(`${name}: cut off with ...`);
    if (/\?: never/.test(text)) problems.push(`${name}: spells out ?: never`);
  }
  t.deepEqual(problems, []);
  // given → want: the readable forms themselves
  t.is(hovers.get('ClientSelectionFilterType'), [
    'type ClientSelectionFilterType = AtMostOneOf<{',
    '    id: T.IdType[];',
    '    login: T.StringType[];',
    '    ownerId: T.Int[];',
    '    ownerLogin: T.StringType[];',
    '    guid: T.StringType[];',
    '    externalId: T.StringType[];',
    '}> & {}',
  ].join('\n'));
  t.regex(hovers.get('BackupServerInput')!, /^type BackupServerInput = \{\n[^]*\n\} & \(T\.BackupServerInputLocalOrRemote & T\.BackupServerInputOnlyHostingOrOnlyMail\)$/);
});
