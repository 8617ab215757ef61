/**
 * The packed package's command from npx in a fresh project: generated/ built (tsc, as its prepare
 * script does) and packed, the tarball installed into a project outside the checkout with nothing
 * else, then `npx plesk-backup` run there as a user would: its help, a dry run, and a read from the
 * stub of the package's own /testing entry. No dependency is installed with it.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifest } from '../generator/manifest.js';
import { createPleskStub } from '../generated/src/testing.js';
import { cleanEnv, run, runStatus } from './helpers/npm.js';
import { ROOT } from './helpers/project.js';
import { tempDir } from './helpers/cli.js';

test('npx plesk-backup works in a fresh project with the packed package alone', async (t) => {
  t.timeout(5 * 60_000);
  const work = mkdtempSync(path.join(os.tmpdir(), 'plesk-codegen-npx-'));
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  // built inside the checkout (its @types/node), installed outside it
  const pkg = path.join(tempDir('npx'), 'package');
  for (const rel of readManifest(path.join(ROOT, 'generated'))) {
    mkdirSync(path.dirname(path.join(pkg, rel)), { recursive: true });
    cpSync(path.join(ROOT, 'generated', rel), path.join(pkg, rel));
  }
  // what its prepare script does (`tsc -p tsconfig.json`), with the checkout's TypeScript
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(pkg, 'tsconfig.json')], { stdio: 'pipe' });
  const [packed] = JSON.parse(await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], pkg)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  t.true(packed!.files.some((f) => f.path === 'bin/plesk-backup.js'));
  t.true(packed!.files.some((f) => f.path === 'dist/cli.js'));

  const app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'ops-scripts', private: true }, null, 2)}\n`);
  await run('npm', ['install', path.join(work, packed!.filename), '--no-audit', '--no-fund', '--offline'], app);
  t.deepEqual(readdirSync(path.join(app, 'node_modules')).filter((n) => !['.bin', '.package-lock.json', '@plesk-codegen'].includes(n)), [], 'nothing else was installed');

  const help = await runStatus('npx', ['--no-install', 'plesk-backup', '--help'], app);
  t.is(help.code, 0, help.stderr);
  t.regex(help.stdout, /^plesk-backup: every operation of Plesk's XML API in @plesk-codegen\/backup-manager/);
  const dry = await runStatus('npx', ['--no-install', 'plesk-backup', 'backup-manager', 'backup-server', '--local', '--description', 'nightly', '--dry-run'], app);
  t.is(dry.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><backup-manager><backup-server><local/><description>nightly</description></backup-server></backup-manager></packet>\n');

  const stub = await createPleskStub({ handlers: { backupManager: { getSupportedProtocols: () => ({ status: 'ok', protocol: ['ftp'] }) } } });
  t.teardown(() => stub.close());
  writeFileSync(path.join(app, 'stub.pem'), stub.ca!);
  const env = { ...cleanEnv, PLESK_HOST: stub.host, PLESK_PORT: String(stub.port), PLESK_LOGIN: stub.login, PLESK_PASSWORD: stub.password, PLESK_CA: 'stub.pem' };
  // (asynchronously: the stub answers from this process)
  const read = await run('npx', ['--no-install', 'plesk-backup', 'backup-manager', 'get-supported-protocols', '-o', 'ndjson'], app, env);
  t.is(read, '"ftp"\n');
});
