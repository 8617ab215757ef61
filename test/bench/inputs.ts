/**
 * The benchmark inputs: get-tasks-info responses with n tasks, deterministic, with text that
 * needs escaping (`&`, `<`, `>`) and empty elements (`<server/>`, `<prefix/>`, `<filename/>`)
 * in them. One value per size, and the same value in the shape each alternative takes.
 */
import type { BackupGetBackupStatusOutputResultTask, ResponsePacket } from '../../generated/src/index.js';

const STATUSES = ['working', 'stopped', 'failed', 'finished'] as const;
const PREFIXES = ['', 'nightly', 'R&D <ops>'];

/** Task `i` (0-based): the owner choice, status and prefix cycle with different periods. */
export function task(i: number): BackupGetBackupStatusOutputResultTask {
  const prefix = PREFIXES[i % 3]!;
  const owner = i % 4;
  const common = {
    id: i + 1,
    status: STATUSES[(i >> 1) % 4]!,
    started: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')} 03:${String(i % 60).padStart(2, '0')}:19`,
    prefix,
    filename: prefix === '' ? '' : `${prefix}_backup_${1_700_000_000 + i}.tar`,
    protocol: i % 2 === 0 ? 'local' : 'ftp',
  };
  if (owner === 0) return { server: true, ...common };
  if (owner === 1) return { customerId: 1000 + i, ...common };
  if (owner === 2) return { webspaceId: 2000 + i, ...common };
  return { resellerId: 3000 + i, ...common };
}

/** The typed response value with `n` tasks (keys deliberately not in schema order: the encoder orders them). */
export function responseValue(n: number): ResponsePacket {
  const tasks = Array.from({ length: n }, (_, i) => task(i));
  return { version: '1.6.9.0', operators: [{ backupManager: { operations: [{ getTasksInfo: { result: [{ status: 'ok', task: tasks }] } }] } }] };
}

/** The tasks of a value built by {@link responseValue}. */
export function tasksOf(packet: ResponsePacket): BackupGetBackupStatusOutputResultTask[] {
  return packet.operators![0]!.backupManager!.operations[0]!.getTasksInfo!.result[0]!.task!;
}

/**
 * The same response as the plain object fast-xml-parser's XMLBuilder takes (attributes prefixed
 * `@_`, arrays for repeated elements, `''` for an empty element), keys in document order.
 */
export function builderObject(packet: ResponsePacket): Record<string, unknown> {
  const tasks = tasksOf(packet).map((t) => {
    const owner = t.server ? { server: '' } : t.customerId !== undefined ? { 'customer-id': t.customerId } : t.webspaceId !== undefined ? { 'webspace-id': t.webspaceId } : { 'reseller-id': t.resellerId };
    return { ...owner, id: t.id, status: t.status, started: t.started, prefix: t.prefix, filename: t.filename, protocol: t.protocol };
  });
  return { packet: { '@_version': packet.version, 'backup-manager': { 'get-tasks-info': { result: { status: 'ok', task: tasks } } } } };
}
