/**
 * `npm run stand-in` (examples/stand-in/main.ts) on its own: it prints the URL, the CA file and
 * the credentials, serves a client that trusts that CA file, and on SIGTERM closes, removes the
 * CA file and exits 0.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PleskClient } from '../generated/src/index.js';
import { ROOT } from './helpers/project.js';

test('npm run stand-in prints the URL, CA file and credentials, serves them, and stops cleanly on SIGTERM', async (t) => {
  const child = spawn(process.execPath, ['--import=tsx', path.join(ROOT, 'examples', 'stand-in', 'main.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      if (output.includes('Ctrl-C stops it.')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const url = new URL(/^ {2}url {10}(\S+)$/m.exec(output)![1]!);
  const caFile = /^ {2}CA file {6}(\S+)$/m.exec(output)![1]!;
  const [, login, password] = /^ {2}login {8}(\S+) \/ (\S+)$/m.exec(output)!;
  t.is(url.pathname, '/enterprise/control/agent.php');
  t.regex(output, /^ {2}secret key {3}\S+$/m);
  const client = new PleskClient({ host: url.hostname, port: Number(url.port), login: login!, password: password!, ca: readFileSync(caFile) });
  t.teardown(() => client.close());
  t.deepEqual(await client.backupManager.getSupportedProtocols(), ['ftp']);
  child.kill('SIGTERM');
  t.is(await exited, 0);
  t.regex(output, /stand-in stopped\n$/);
  t.false(existsSync(caFile), 'the CA file is removed');
});
