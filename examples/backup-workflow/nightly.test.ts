// The nightly job against the stand-in of plesk-backup/testing (node --test): every subscription
// backed up and downloaded with progress, a failing and a stalled one reported, and one AbortSignal
// cancelling the run with nothing left on disk.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PleskClient } from 'plesk-backup';
import { createPleskStandIn, type PleskStandInOptions } from 'plesk-backup/testing';
import { formatReport, runNightly } from './nightly.js';

async function withStandIn(options: PleskStandInOptions, run: (client: PleskClient, standIn: Awaited<ReturnType<typeof createPleskStandIn>>, folder: string) => Promise<void>): Promise<void> {
  const standIn = await createPleskStandIn(options);
  const client = new PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: standIn.password });
  const folder = mkdtempSync(path.join(os.tmpdir(), 'nightly-'));
  try {
    await run(client, standIn, folder);
  } finally {
    client.close();
    await standIn.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

test('every subscription: saved with progress, failed, or stalled then stopped; the report says which', async () => {
  await withStandIn({ backupBytes: 100_000, scenario: { failing: ['shop.example.com'], stalled: ['acme.test'] } }, async (client, standIn, folder) => {
    const log: string[] = [];
    const report = await runNightly(client, { folder, intervalMs: 0, taskTimeoutMs: 300, log: (line) => log.push(line) });
    assert.deepEqual(report.map((e) => [e.subscription, e.outcome]), [['example.com', 'saved'], ['shop.example.com', 'failed'], ['acme.test', 'timed-out']]);
    const saved = report[0]!;
    assert.equal(saved.file, path.join(folder, 'backup_example.com_1.tar'));
    assert.equal(saved.bytes, 100_000);
    assert.deepEqual(readFileSync(saved.file!), standIn.backups[0]!.content);
    assert.deepEqual(readdirSync(folder), ['backup_example.com_1.tar'], 'only the saved file');
    assert.match(report[1]!.reason!, /^backup task 2 ended failed; Plesk's XML API gives no reason for a failed task/);
    assert.deepEqual(standIn.tasks.map((t) => t.status), ['finished', 'failed', 'stopped'], 'the stalled task was stopped on the server');
    const progress = log.filter((l) => l.startsWith('example.com: backup_example.com_1.tar'));
    const percents = progress.map((l) => Number(/(\d+)%/.exec(l)![1]));
    assert.ok(percents.length > 1 && percents.every((p, i) => i === 0 || p > percents[i - 1]!), `progress in steps: ${percents.join(', ')}`);
    assert.match(progress.at(-1)!, /100% \(100000 of 100000 bytes\)$/);
    assert.deepEqual(formatReport(report).split('\n').map((line) => line.slice(0, 29)), ['example.com       saved      ', 'shop.example.com  failed     ', 'acme.test         timed-out  ']);
  });
});

test('one AbortSignal cancels the run: the download in progress leaves no file, no other backup starts', async () => {
  await withStandIn({ backupBytes: 64_000, finishAfterPolls: 0, scenario: { slowDownload: { delayMs: 2, chunkBytes: 1000 } } }, async (client, standIn, folder) => {
    const controller = new AbortController();
    const report = await runNightly(client, {
      folder,
      signal: controller.signal,
      intervalMs: 0,
      log: (line) => {
        if (line.includes('25%')) controller.abort();
      },
    });
    assert.deepEqual(report.map((e) => [e.subscription, e.outcome]), [['example.com', 'cancelled'], ['shop.example.com', 'cancelled'], ['acme.test', 'cancelled']]);
    assert.deepEqual(readdirSync(folder), [], 'nothing left on disk');
    assert.equal(standIn.tasks.length, 1, 'no backup started after the abort');
  });
});

test('cancelled while a task is working: the task is stopped on the server', async () => {
  await withStandIn({ scenario: { stalled: ['example.com'] } }, async (client, standIn, folder) => {
    const controller = new AbortController();
    const report = await runNightly(client, { folder, signal: controller.signal, intervalMs: 0, log: (line) => line.endsWith('started') && setTimeout(() => controller.abort(), 20) });
    assert.equal(report[0]!.outcome, 'cancelled');
    assert.deepEqual(standIn.tasks.map((t) => t.status), ['stopped']);
  });
});
