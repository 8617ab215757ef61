// The migration against two stand-ins of plesk-backup/testing (node --test): a subscription's
// backup downloaded from A, uploaded to B and imported there byte for byte; B's upload limit
// refusing it with a typed error, the file kept on disk, nothing imported.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PleskClient, PleskUploadTooLargeError, type TransferProgress } from 'plesk-backup';
import { createPleskStandIn, type PleskStandInOptions } from 'plesk-backup/testing';
import { migrate } from './migration.js';

async function twoServers(b: PleskStandInOptions, run: (servers: Array<Awaited<ReturnType<typeof createPleskStandIn>>>, clients: PleskClient[], folder: string) => Promise<void>): Promise<void> {
  const servers = await Promise.all([createPleskStandIn({ backupBytes: 150_000 }), createPleskStandIn(b)]);
  const clients = servers.map((s) => new PleskClient({ host: s.host, port: s.port, ca: s.ca, login: s.login, password: s.password }));
  const folder = mkdtempSync(path.join(os.tmpdir(), 'migration-'));
  try {
    await run(servers, clients, folder);
  } finally {
    for (const client of clients) client.close();
    await Promise.all(servers.map((s) => s.close()));
    rmSync(folder, { recursive: true, force: true });
  }
}

test('a backup of example.com goes from server A to server B\'s repository, byte for byte, with progress both ways', async () => {
  await twoServers({}, async ([a, b], [from, to], folder) => {
    const steps: Array<['download' | 'upload', TransferProgress]> = [];
    const result = await migrate(from!, to!, { subscription: 'example.com', folder, intervalMs: 0, onProgress: (step, p) => steps.push([step, { ...p }]) });
    assert.deepEqual(result, { file: path.join(folder, 'backup_example.com_1.tar'), bytes: 150_000, imported: 'backup_example.com_1.tar' });
    assert.deepEqual(b!.backups.map((f) => [f.owner, f.name]), [['server', 'backup_example.com_1.tar']]);
    assert.deepEqual(b!.backups[0]!.content, a!.backups[0]!.content);
    for (const step of ['download', 'upload'] as const) {
      const events = steps.filter(([s]) => s === step).map(([, p]) => p);
      assert.ok(events.every((p, i) => i === 0 || p.bytes > events[i - 1]!.bytes), `${step}: monotonic`);
      assert.deepEqual(events.at(-1), { bytes: 150_000, total: 150_000 });
    }
    assert.equal(b!.requests.filter((r) => r.kind === 'upload').length, 1);
  });
});

test('server B refuses a file over its upload limit: PleskUploadTooLargeError, sent once, the file kept on disk, nothing imported', async () => {
  await twoServers({ scenario: { maxUploadBytes: 100_000 } }, async ([, b], [from, to], folder) => {
    const error = await migrate(from!, to!, { subscription: 'example.com', folder, intervalMs: 0 }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof PleskUploadTooLargeError, String(error));
    assert.equal(error.code, 1023);
    assert.equal(b!.requests.length, 1, 'one upload request, never resent');
    assert.deepEqual(b!.backups, []);
    assert.ok(existsSync(path.join(folder, 'backup_example.com_1.tar')));
  });
});
