/** What the schema rejects is rejected, with the path and the reason: given → want. */
import test from 'ava';
import { decodeRequestPacket, decodeResponsePacket, encodeRequestPacket, XmlDecodeError, XmlEncodeError } from '../generated/src/index.js';
import { encodeCases } from './helpers/negative-encode-cases.js';

const req = (ops: string) => `<packet>\n<backup-manager>${ops}</backup-manager>\n</packet>`;

const decodeCases: Array<[string, { given: string; path: string; want: string; line?: number }]> = [
  ['an unknown operation (the documentation\'s own <get-backup-status>)', {
    given: req('<get-backup-status><customer-id>7</customer-id></get-backup-status>'),
    path: 'packet/backup-manager/get-backup-status',
    want: 'unexpected element <get-backup-status>; expected one of get-remote-storage-settings, set-remote-storage-settings, backup-webspace, backup-customer, backup-reseller, backup-server, get-tasks-info, get-local-backup-list, import-file, download-file, get-supported-protocols, stop-backup, remove-file',
    line: 2,
  }],
  ['elements out of order', {
    given: req('<backup-server><description>d</description><local/></backup-server>'),
    path: 'packet/backup-manager/backup-server/description',
    want: 'unexpected element <description>; expected one of local, remote',
  }],
  ['a missing required element', {
    given: req('<backup-server><local/><prefix>p</prefix></backup-server>'),
    path: 'packet/backup-manager/backup-server',
    want: '<backup-server> ends too early; expected description',
  }],
  ['two members of one choice', {
    given: req('<get-tasks-info><task-id>7</task-id><server/></get-tasks-info>'),
    path: 'packet/backup-manager/get-tasks-info/server',
    want: 'unexpected element <server>; <get-tasks-info> allows no more elements',
  }],
  ['a value outside an enumeration', {
    given: '<packet><backup-manager><stop-backup><result><status>maybe</status></result></stop-backup></backup-manager></packet>',
    path: 'packet/backup-manager/stop-backup/result/status',
    want: '"maybe" is not one of the values allowed by result_status: ok, error',
  }],
  ['a pattern violation', {
    given: req('<get-tasks-info><task-id>7a</task-id></get-tasks-info>'),
    path: 'packet/backup-manager/get-tasks-info/task-id',
    want: '"7a" does not match the pattern [\\-]?[0-9]+ of BackupTaskIdType',
  }],
  ['an id that is not a positive integer', {
    given: req('<get-tasks-info><customer-id>0</customer-id></get-tasks-info>'),
    path: 'packet/backup-manager/get-tasks-info/customer-id',
    want: '0 is less than the minimum 1 of id_type',
  }],
  ['text where only elements belong', {
    given: req('<get-tasks-info>hello</get-tasks-info>'),
    path: 'packet/backup-manager/get-tasks-info',
    want: 'text "hello" found where only elements are allowed',
  }],
  ['an unknown attribute', {
    given: '<packet revision="2"><backup-manager><get-tasks-info/></backup-manager></packet>',
    path: 'packet',
    want: 'unknown attribute revision; allowed: version',
  }],
  ['a flag with content', {
    given: req('<get-tasks-info><server>yes</server></get-tasks-info>'),
    path: 'packet/backup-manager/get-tasks-info/server',
    want: 'text "yes" found where only elements are allowed',
  }],
  ['a document that is not well-formed (Plesk 9.3\'s sample without </packet>)', {
    given: '<packet><system><status>error</status></system>',
    path: 'packet',
    want: 'not well-formed XML: unclosed tag: packet',
  }],
  ['the wrong root element', {
    given: '<request><backup-manager/></request>',
    path: 'request',
    want: 'expected the root element <packet>, found <request>',
  }],
  ['a DOCTYPE (no entity expansion, no external fetch)', {
    given: '<!DOCTYPE packet [<!ENTITY x "y">]><packet/>',
    path: '',
    want: 'a document type declaration (DOCTYPE) is not allowed',
  }],
];

for (const [name, { given, path, want, line }] of decodeCases) {
  test(`decode rejects ${name}`, (t) => {
    const decode = given.includes('<result>') || given.includes('<system>') ? decodeResponsePacket : decodeRequestPacket;
    const error = t.throws(() => decode(given), { instanceOf: XmlDecodeError });
    t.is(error?.path, path);
    t.is(error?.reason, want);
    if (line !== undefined) t.is(error?.line, line);
    if (path !== '') t.is(typeof error?.column, 'number');
  });
}

for (const [name, { given, path, want }] of encodeCases) {
  test(`encode rejects ${name}`, (t) => {
    const error = t.throws(() => encodeRequestPacket(given), { instanceOf: XmlEncodeError });
    t.is(error?.path, path);
    t.is(error?.reason, want);
  });
}
