/**
 * Request packets the schema forbids, with where and why the encoder refuses them: given → want.
 * Shared by test/negative.test.ts and scripts/measure-hand-written-xml.ts.
 */
import type { RequestPacket } from '../../generated/src/index.js';

const op = (operation: unknown) => ({ operators: [{ backupManager: { operations: [operation] } }] }) as unknown as RequestPacket;

export const encodeCases: Array<[string, { given: RequestPacket; path: string; want: string }]> = [
  ['two members of one choice', {
    given: op({ getTasksInfo: { taskId: '7', server: true } }),
    path: 'packet/backup-manager/get-tasks-info',
    want: 'properties server and taskId belong to different members of one choice (<webspace-id>, <webspace-name>, <customer-id>, <customer-login>, <reseller-id>, <reseller-login>, <server>, <task-id>): give exactly one',
  }],
  ['a missing required element', {
    given: op({ backupServer: { local: true } }),
    path: 'packet/backup-manager/backup-server',
    want: 'the required element <description> (property description) is missing',
  }],
  ['a missing required choice', {
    given: op({ backupServer: { description: 'd' } }),
    path: 'packet/backup-manager/backup-server',
    want: 'one of <local>, <remote> is required (properties local, remote)',
  }],
  ['an unknown operation', {
    given: op({ getBackupStatus: { customerId: 7 } }),
    path: 'packet/backup-manager',
    want: 'unknown property getBackupStatus for operations[0]; expected one of getRemoteStorageSettings, setRemoteStorageSettings, backupWebspace, backupCustomer, backupReseller, backupServer, getTasksInfo, getLocalBackupList, importFile, downloadFile, getSupportedProtocols, stopBackup, removeFile',
  }],
  ['a pattern violation', {
    given: op({ stopBackup: { taskId: 'seven' } }),
    path: 'packet/backup-manager/stop-backup/task-id',
    want: '"seven" does not match the pattern [\\-]?[0-9]+ of BackupTaskIdType',
  }],
  ['an integer out of range', {
    given: op({ getTasksInfo: { customerId: 0 } }),
    path: 'packet/backup-manager/get-tasks-info/customer-id',
    want: '0 is less than the minimum 1 of id_type',
  }],
  ['an inexact number where an integer is expected', {
    given: op({ getTasksInfo: { customerId: 2 ** 60 } }),
    path: 'packet/backup-manager/get-tasks-info/customer-id',
    want: 'expected an integer (a safe-integer number or a bigint), got number 1152921504606847000',
  }],
  ['a flag that is not true', {
    given: op({ getTasksInfo: { server: 'yes' } }),
    path: 'packet/backup-manager/get-tasks-info/server',
    want: 'expected true (an empty element), got the string "yes"',
  }],
  ['a character XML cannot carry', {
    given: op({ backupServer: { local: true, description: 'bell\u0007' } }),
    path: 'packet/backup-manager/backup-server/description',
    want: 'contains the character U+0007 at index 4, which XML 1.0 does not allow',
  }],
  ['a domain name longer than 255 characters', {
    given: op({ getTasksInfo: { webspaceName: 'a'.repeat(256) } }),
    path: 'packet/backup-manager/get-tasks-info/webspace-name',
    want: `"${'a'.repeat(40)}…" is longer than the maximum length 255 of domainName`,
  }],
];
