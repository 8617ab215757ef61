/**
 * The generated sources under a user's strictest settings: a project whose tsconfig has no
 * `include` (so tsc compiles every .ts in the folder, the generated packages' sources too, with the
 * user's flags) and turns on strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess,
 * noImplicitOverride, noPropertyAccessFromIndexSignature, verbatimModuleSyntax and isolatedModules.
 * Three packages: the checkout's generated/, Plesk's backup-manager, webspace and customer, and
 * Plesk's backup-manager alone (the quick start's). A
 * user file passes options along as code under exactOptionalPropertyTypes does (`signal:
 * options.signal`, possibly undefined) to the client, waitForTask, downloads, uploads and the stub.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './helpers/cli.js';
import { generateFrom, ROOT, sharedDir } from './helpers/project.js';
import { writePackage } from '../generator/write.js';
import { STRICT_FLAGS } from './helpers/strict-flags.js';

const run = promisify(execFile);
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const USE = `// what a user writes, with options that may be undefined passed along
import { PleskClient, PleskTaskFailedError, type CallOptions } from './packages/plesk-backup/src/index.js';
import { createPleskStandIn, createPleskStub } from './packages/plesk-backup/src/testing.js';
import { PleskOperationError as OtherOperationError } from './packages/backup-manager/src/index.js';

export interface JobOptions { signal?: AbortSignal | undefined; timeoutMs?: number | undefined; toFile?: string | undefined }

export async function nightly(client: PleskClient, options: JobOptions = {}): Promise<string[]> {
  const call: CallOptions = { signal: options.signal, timeoutMs: options.timeoutMs };
  const webspaces = await client.webspace.get({ filter: {}, dataset: { genInfo: true } }, call);
  const done: string[] = [];
  for (const webspace of webspaces) {
    const name = webspace.data?.genInfo?.name;
    if (name === undefined) continue;
    const taskId = await client.backupManager.backupWebspace({ webspaceName: name, description: 'nightly', local: true }, call);
    try {
      const task = await client.backupManager.waitForTask(taskId!, { signal: options.signal, timeoutMs: options.timeoutMs, intervalMs: undefined });
      const saved = await client.backupManager.downloadFile({ webspaceName: name, filename: task.filename }, { toFile: \`\${name}.tar\`, signal: options.signal, onProgress: undefined });
      const either = await client.backupManager.downloadFile({ webspaceName: name, filename: task.filename }, { toFile: options.toFile });
      done.push(\`\${saved.path} \${saved.length} \${'path' in either ? either.path : either.contentType}\`);
    } catch (error) {
      if (error instanceof PleskTaskFailedError || error instanceof OtherOperationError) done.push(error.message);
      else throw error;
    }
  }
  const uploaded = await client.uploadFile(Buffer.from('x'), { filename: undefined, signal: options.signal, onProgress: ({ bytes, total }) => void [bytes, total] });
  await client.backupManager.importFile({ server: true, tmpFilename: uploaded.file });
  return done;
}

export async function stubs(port: number | undefined): Promise<void> {
  const stub = await createPleskStub({ port, login: undefined, handlers: { backupManager: { getTasksInfo: () => ({ status: 'ok' }) } } });
  const standIn = await createPleskStandIn({ port, scenario: { failing: ['example.com'], stalled: undefined, maxUploadBytes: 10 } });
  await Promise.all([stub.close(), standIn.close()]);
}
`;

test('the generated sources compile under every strict flag when a user tsconfig without include picks them up', async (t) => {
  t.timeout(5 * 60_000);
  const PLESK = sharedDir('plesk-xsd');
  const dir = tempDir('strict-settings');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const backup = generateFrom([path.join(PLESK, 'agent_input.xsd'), path.join(PLESK, 'agent_output.xsd')], PLESK, undefined, { protocolVersion: '1.6.6.0', operators: ['backup-manager', 'webspace', 'customer'] });
  mkdirSync(path.join(dir, 'packages'));
  writePackage(path.join(dir, 'packages', 'plesk-backup'), backup.files, { display: (p) => p });
  // the quick start's package: backup-manager alone (what select-operators keeps must suffice)
  const backupOnly = generateFrom([path.join(PLESK, 'agent_input.xsd'), path.join(PLESK, 'agent_output.xsd')], PLESK, undefined, { protocolVersion: '1.6.6.0', operators: ['backup-manager'] });
  writePackage(path.join(dir, 'packages', 'backup-only'), backupOnly.files, { display: (p) => p });
  cpSync(path.join(ROOT, 'generated', 'src'), path.join(dir, 'packages', 'backup-manager', 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "user-project", "private": true, "type": "module" }\n');
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', ...STRICT_FLAGS, noEmit: true, types: ['node'] } }, null, 2)}\n`);
  writeFileSync(path.join(dir, 'use.ts'), USE);
  try {
    await run(process.execPath, [TSC, '-p', dir], { cwd: dir });
    t.pass();
  } catch (error) {
    t.fail(`tsc under the user's flags failed:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
});
