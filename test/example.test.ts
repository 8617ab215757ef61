/**
 * examples/get-tasks-info.ts runs: on its own (it starts the stand-in), and against a server named
 * by PLESK_* variables (here a stand-in started by the test, trusted through PLESK_CA_FILE).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { ROOT } from './helpers/project.js';
import { standIn } from './helpers/stand-in.js';

const run = promisify(execFile);
/** The environment without any PLESK_* variable of the machine running the tests. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PLESK_')));
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const EXAMPLE = path.join(ROOT, 'examples', 'get-tasks-info.ts');

test('npm run example: starts the stand-in, waits for a server backup, prints the tasks', async (t) => {
  const { stdout } = await run(process.execPath, [TSX, EXAMPLE], { cwd: ROOT, env: cleanEnv, timeout: 60_000 });
  t.regex(stdout, /using the local stand-in Plesk server/);
  t.regex(stdout, /task 1: working\n {2}task 1: finished\n/);
  t.regex(stdout, /^id +owner +status +started +protocol +filename/m);
  t.regex(stdout, /^1 +server +finished +\S+ \S+ +local +example_backup_server_1\.tar/m);
});

test('the example talks to the server PLESK_HOST names, trusting PLESK_CA_FILE', async (t) => {
  const server = await standIn({ password: 'example-password' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plesk-example-'));
  try {
    const ca = path.join(dir, 'server.pem');
    writeFileSync(ca, server.cert);
    const env = { ...cleanEnv, PLESK_HOST: server.host, PLESK_PORT: String(server.port), PLESK_LOGIN: server.login, PLESK_PASSWORD: 'example-password', PLESK_CA_FILE: ca };
    const { stdout } = await run(process.execPath, [TSX, EXAMPLE], { cwd: ROOT, env, timeout: 60_000 });
    t.notRegex(stdout, /stand-in/);
    t.regex(stdout, /Task 1 ended finished/);
    t.is(server.backupManager.tasks.length, 1);
    const refused = await run(process.execPath, [TSX, EXAMPLE], { cwd: ROOT, env: { ...env, PLESK_PASSWORD: 'wrong' }, timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    t.is((refused as { code: number }).code, 1);
    t.regex((refused as { stderr: string }).stderr, /refused the request: error 1001/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
});
