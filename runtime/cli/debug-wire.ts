/**
 * `--debug`: every exchange on stderr as the client's debug hook reports it, the packets as sent
 * and answered with the credentials masked by the client (and every output of the command masked
 * again, with the secrets of its flags), one block per attempt:
 *
 *   > POST https://plesk.example.com:8443/enterprise/control/agent.php  backupManager.getTasksInfo (attempt 1)
 *   > <?xml version="1.0" encoding="UTF-8"?> <packet version="1.6.6.0">…</packet>
 *   < HTTP 200 after 41 ms
 *   < <?xml version="1.0"?><packet version="1.6.6.0">…</packet>
 */
import type { PleskDebugEvent } from '../client/debug.js';
import { bytes } from './columns.js';

export function debugText(event: PleskDebugEvent, host?: string): string {
  const lines = [`> POST ${event.url}  ${event.operations.join(' ')} (attempt ${event.attempt})${host ? ` [${host}]` : ''}`, ...quoted('>', event.request)];
  const took = `after ${Math.round(event.durationMs)} ms`;
  if (event.status !== undefined) lines.push(`< HTTP ${event.status} ${took}`);
  if (event.answer !== undefined) lines.push(...quoted('<', event.answer));
  if (event.file) lines.push(`< a file: ${event.file.contentType}${event.file.filename ? `, ${event.file.filename}` : ''}, ${bytes(event.file.received)} received${event.file.length !== undefined ? ` of ${bytes(event.file.length)}` : ''}`);
  if (event.error) lines.push(`! ${event.error.name}: ${event.error.message}${event.status === undefined ? ` (${took})` : ''}`);
  return `${lines.join('\n')}\n`;
}

function quoted(mark: string, text: string): string[] {
  return text.split('\n').map((line) => `${mark} ${line}`);
}
