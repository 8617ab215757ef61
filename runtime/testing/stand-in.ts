/**
 * The stand-in: the stub (stub-server.ts) playing a Plesk server with accounts and backups, for
 * the tests of a backup workflow. It answers
 *
 * - webspace/get and customer/get (subscriptions and customers, gen_info; stand-in-accounts.ts),
 *   when the package has those operators;
 * - every backup-manager operation, with state: a backup-* call starts a task that get-tasks-info
 *   reports `working`, then (after `finishAfterPolls` polls) `finished` with a file in the owner's
 *   local repository, which get-local-backup-list lists, download-file sends and remove-file
 *   removes; stop-backup stops a working task; import-file takes a file uploaded to the stub
 *   (`uploadFile`) into the owner's repository;
 * - a scenario: owners whose backups fail or stall, slow downloads, an upload limit.
 *
 * An unknown owner, task or file is error 1013, as Plesk answers. Handlers given in the options
 * replace the stand-in's own, operation by operation.
 */
import { own } from '../codec/own-properties.js';
import { customerGet, ownerElement, ownerOf, scenarioName, webspaceGet, type Accounts } from './stand-in-accounts.js';
import type { PleskStandIn, StandInBackup, StandInOptions, StandInTask } from './stand-in-types.js';
import { stubFile, stubOperationError } from './stub-answers.js';
import { startStub } from './stub-server.js';
import type { PleskStub, StubCodec } from './stub-types.js';

type Handlers = Record<string, Record<string, (input: unknown) => unknown>>;

const ok = { status: 'ok' } as const;

export async function startStandIn<Req, Res, H, K extends string>(options: StandInOptions<H, K>, codec: StubCodec<Req, Res>): Promise<PleskStandIn<K>> {
  const accounts: Accounts = {
    customers: options.customers ?? [{ id: 1, login: 'jdoe', name: 'John Doe' }, { id: 2, login: 'acme', name: 'ACME Ltd' }],
    webspaces: options.webspaces ?? [{ id: 1, name: 'example.com', owner: 'jdoe' }, { id: 2, name: 'shop.example.com', owner: 'jdoe' }, { id: 3, name: 'acme.test', owner: 'acme' }],
    resellers: options.resellers ?? [],
  };
  const finishAfter = options.finishAfterPolls ?? 2;
  const size = options.backupBytes ?? 64 * 1024;
  const scenario = options.scenario ?? {};
  const tasks: StandInTask[] = [];
  const backups: StandInBackup[] = [];
  const remote = new Map<string, unknown>();
  let clock = Date.UTC(2026, 0, 15, 2, 0, 0);
  const tick = () => Math.floor((clock += 60_000) / 1000);
  let stub: PleskStub<K> | undefined;

  const start = (input: unknown) => {
    const owner = ownerOf(input, accounts, 'server');
    if (own(input as object, 'remote') !== undefined && !remote.has(owner)) throw stubOperationError(1023, 'Remote storage is not configured.');
    const task: StandInTask = { id: tasks.length + 1, owner, status: 'working', started: new Date(tick() * 1000).toISOString().replace('T', ' ').slice(0, 19), prefix: String(own(input as object, 'prefix') ?? ''), description: String(own(input as object, 'description') ?? ''), filename: '', polls: 0 };
    tasks.push(task);
    return { ...ok, taskId: String(task.id) };
  };
  const advance = (task: StandInTask) => {
    if (task.status !== 'working' || ++task.polls <= finishAfter) return;
    const name = scenarioName(task.owner);
    if (scenario.stalled?.includes(name)) return;
    if (scenario.failing?.includes(name)) {
      task.status = 'failed';
      return;
    }
    task.status = 'finished';
    task.filename = `${task.prefix ? `${task.prefix}_` : ''}backup_${name}_${task.id}.tar`;
    const head = Buffer.from(`plesk stand-in backup ${task.id} of ${task.owner}\n`);
    const content = Buffer.alloc(Math.max(size, head.length), 0x2e);
    head.copy(content);
    backups.push({ owner: task.owner, name: task.filename, created: tick(), description: task.description, content });
  };
  const fileOf = (input: unknown) => {
    const owner = ownerOf(input, accounts);
    const name = own(input as object, 'filename');
    const file = backups.find((b) => b.owner === owner && b.name === name);
    if (!file) throw stubOperationError(1013, `File ${String(name)} does not exist.`);
    return file;
  };

  const handlers: Handlers = {
    webspace: { get: (input) => webspaceGet(input, accounts) },
    customer: { get: (input) => customerGet(input, accounts) },
    backupManager: {
      backupServer: start,
      backupReseller: start,
      backupCustomer: start,
      backupWebspace: start,
      getTasksInfo: (input) => {
        const id = own(input as object, 'taskId');
        let listed: StandInTask[];
        if (id !== undefined) {
          const task = tasks.find((t) => String(t.id) === String(id));
          if (!task) throw stubOperationError(1013, `Backup task ${String(id)} does not exist.`);
          listed = [task];
        } else {
          const owner = Object.keys(input as object).length === 0 ? undefined : ownerOf(input, accounts);
          listed = tasks.filter((t) => owner === undefined || t.owner === owner);
        }
        for (const task of listed) advance(task);
        const task = listed.map((t) => ({ ...ownerElement(t.owner, accounts), id: t.id, status: t.status, started: t.started, prefix: t.prefix, filename: t.filename, protocol: 'local' }));
        return task.length > 0 ? { ...ok, task } : ok;
      },
      stopBackup: (input) => {
        const id = String(own(input as object, 'taskId'));
        const task = tasks.find((t) => String(t.id) === id);
        if (!task) throw stubOperationError(1013, `Backup task ${id} does not exist.`);
        if (task.status !== 'working') throw stubOperationError(1025, `Backup task ${id} is ${task.status}, not working.`);
        task.status = 'stopped';
        return ok;
      },
      getLocalBackupList: (input) => {
        const owner = ownerOf(input, accounts);
        const backup = backups.filter((b) => b.owner === owner).map((b) => ({ file: [{ name: b.name, creationDate: b.created, description: b.description || null, size: b.content.length }] }));
        return backup.length > 0 ? { ...ok, backup } : ok;
      },
      downloadFile: (input) => {
        const file = fileOf(input);
        return stubFile(file.content, file.name);
      },
      removeFile: (input) => {
        backups.splice(backups.indexOf(fileOf(input)), 1);
        return ok;
      },
      importFile: (input) => {
        const owner = ownerOf(input, accounts);
        const path = String(own(input as object, 'tmpFilename'));
        const upload = stub?.uploads.find((u) => u.file === path);
        if (!upload) throw stubOperationError(1013, 'File does not exist.');
        backups.push({ owner, name: upload.name, created: tick(), description: 'imported', content: upload.content });
        return ok;
      },
      getSupportedProtocols: () => ({ ...ok, protocol: ['ftp'] }),
      getRemoteStorageSettings: (input) => {
        const settings = remote.get(ownerOf(input, accounts, 'server'));
        return settings === undefined ? ok : { ...ok, settings };
      },
      setRemoteStorageSettings: (input) => {
        remote.set(ownerOf(input, accounts, 'server'), own(input as object, 'settings'));
        return ok;
      },
    },
  };
  const given = (options.handlers ?? {}) as Handlers;
  for (const [operator, operations] of Object.entries(given)) handlers[operator] = { ...handlers[operator], ...operations };

  const { customers: _c, webspaces: _w, resellers: _r, finishAfterPolls: _f, backupBytes: _b, scenario: _s, handlers: _h, faultFor, ...stubOptions } = options;
  const slow = scenario.slowDownload;
  stub = await startStub({
    ...stubOptions,
    handlers: handlers as H,
    maxUploadBytes: scenario.maxUploadBytes,
    faultFor: (request) => faultFor?.(request) ?? (slow && request.operations.some((o) => o.endsWith('.downloadFile')) ? { kind: 'file-slow', delayMs: slow.delayMs, ...(slow.chunkBytes !== undefined ? { chunkBytes: slow.chunkBytes } : {}) } : undefined),
  }, codec);
  return Object.assign(stub, { customers: accounts.customers, webspaces: accounts.webspaces, tasks, backups });
}
