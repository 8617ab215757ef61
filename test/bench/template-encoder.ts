/**
 * The encode floor: a hand-written template-string encoder for exactly this response shape.
 * It checks nothing and knows the element order by heart; it only escapes what needs it.
 * Its output is byte-identical to the generated encoder's (run.ts asserts that).
 */
import type { BackupGetBackupStatusOutputResultTask, ResponsePacket } from '../../generated/src/index.js';
import { tasksOf } from './inputs.js';

const SPECIAL = /[&<>]/;
const escape = (s: string): string => (SPECIAL.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);
const text = (name: string, s: string): string => (s === '' ? `<${name}/>` : `<${name}>${escape(s)}</${name}>`);

function encodeTask(t: BackupGetBackupStatusOutputResultTask): string {
  const owner = t.server ? '<server/>' : t.customerId !== undefined ? `<customer-id>${t.customerId}</customer-id>` : t.webspaceId !== undefined ? `<webspace-id>${t.webspaceId}</webspace-id>` : `<reseller-id>${t.resellerId}</reseller-id>`;
  return `<task>${owner}<id>${t.id}</id><status>${t.status}</status>${text('started', t.started)}${text('prefix', t.prefix)}${text('filename', t.filename)}${text('protocol', t.protocol)}</task>`;
}

export function templateEncode(packet: ResponsePacket): string {
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="${packet.version}"><backup-manager><get-tasks-info><result><status>ok</status>`;
  for (const t of tasksOf(packet)) out += encodeTask(t);
  return `${out}</result></get-tasks-info></backup-manager></packet>`;
}
