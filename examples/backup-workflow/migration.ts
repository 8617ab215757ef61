/**
 * Moving a subscription's backup from one server to another: back it up on server A, wait,
 * download the file (with progress), upload it to server B, and import it into B's repository,
 * where B's administrator restores it (the XML API has no restore operation in any version).
 *
 *     node out/migration.js example.com     # A from PLESK_*, B from PLESK_B_* (see connect.ts)
 *     node out/migration.js                 # without PLESK_HOST: between two stand-ins
 *
 * The file stays in the working folder: if B refuses it as too large (its panel's PHP
 * upload_max_filesize), it can be moved another way.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PleskClient, PleskUploadTooLargeError, type TransferProgress } from 'plesk-backup';
import { createPleskStandIn } from 'plesk-backup/testing';
import { clientOptionsFromEnv } from './connect.js';

export interface MigrationOptions {
  /** the subscription (webspace) to move */
  subscription: string;
  /** where the file is kept on the way */
  folder: string;
  signal?: AbortSignal | undefined;
  /** the first pause between two polls of the backup task (default 2 s) */
  intervalMs?: number | undefined;
  /** the progress of the download, then of the upload */
  onProgress?: ((step: 'download' | 'upload', progress: TransferProgress) => void) | undefined;
}

export interface Migration {
  /** the backup file on the way, on disk */
  file: string;
  bytes: number;
  /** where B keeps it: the file name in its server repository */
  imported: string;
}

export async function migrate(from: PleskClient, to: PleskClient, options: MigrationOptions): Promise<Migration> {
  const { signal } = options;
  mkdirSync(options.folder, { recursive: true });
  const taskId = await from.backupManager.backupWebspace({ webspaceName: options.subscription, description: `migration of ${options.subscription}`, local: true }, { signal });
  if (taskId === undefined) throw new Error(`server A started no backup task for ${options.subscription}`);
  const task = await from.backupManager.waitForTask(taskId, { signal, intervalMs: options.intervalMs });
  const saved = await from.backupManager.downloadFile({ webspaceName: options.subscription, filename: task.filename }, {
    toFile: path.join(options.folder, task.filename),
    signal,
    onProgress: (p) => options.onProgress?.('download', p),
  });
  const uploaded = await to.uploadFile(saved.path, { signal, onProgress: (p) => options.onProgress?.('upload', p) });
  await to.backupManager.importFile({ server: true, tmpFilename: uploaded.file }, { signal });
  // (Plesk's schema leaves this `server` untyped, so it takes an element's content: '' is <server/>)
  const listed = (await to.backupManager.getLocalBackupList({ server: '' }, { signal })).flatMap((b) => b.file.map((f) => f.name));
  if (!listed.includes(uploaded.name)) throw new Error(`server B does not list ${uploaded.name} after the import`);
  return { file: saved.path, bytes: saved.length, imported: uploaded.name };
}

async function main(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const a = clientOptionsFromEnv('PLESK_');
  const b = clientOptionsFromEnv('PLESK_B_');
  if ((a === undefined) !== (b === undefined)) throw new Error('set both PLESK_HOST (server A) and PLESK_B_HOST (server B), or neither for the stand-ins');
  const standIns = a && b ? [] : await Promise.all([createPleskStandIn(), createPleskStandIn()]);
  const clients = standIns.length > 0 ? standIns.map((s) => new PleskClient({ host: s.host, port: s.port, ca: s.ca, login: s.login, password: s.password })) : [new PleskClient(a!), new PleskClient(b!)];
  try {
    const result = await migrate(clients[0]!, clients[1]!, {
      subscription: process.argv[2] ?? 'example.com',
      folder: 'migration',
      signal: controller.signal,
      ...(standIns.length > 0 ? { intervalMs: 10 } : {}),
      onProgress: (step, { bytes, total }) => {
        if (bytes === total) console.log(`${step}: ${bytes} bytes`);
      },
    });
    console.log(`moved ${result.file} (${result.bytes} bytes): server B has ${result.imported} in its repository`);
  } catch (error) {
    if (!(error instanceof PleskUploadTooLargeError)) throw error;
    console.error(`${error.message}\nthe file is still in migration/`);
    process.exitCode = 1;
  } finally {
    for (const client of clients) client.close();
    await Promise.all(standIns.map((s) => s.close()));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
