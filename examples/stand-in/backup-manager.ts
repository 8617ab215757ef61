/**
 * The stand-in's backup-manager: tasks, local repositories and remote storage settings, kept in
 * memory, and one stub handler per operation (`handlers()`, typed by the generated
 * `PleskStubHandlers`) turning a decoded request into the result Plesk gives.
 *
 * A started backup is `working`; each get-tasks-info that reports it counts as a poll, and after
 * `finishAfterPolls` polls it is `finished` (a local backup then appears in its owner's
 * repository); stop-backup makes a working task `stopped`.
 */
import type * as T from '../../generated/src/index.js';
import { stubFile, stubOperationError, type PleskStubHandlers } from '../../generated/src/testing.js';
import { ownerElement, resolveOwner, UnknownOwner, type Owner, type OwnerInput } from './owners.js';

interface Task {
  id: number;
  owner: Owner;
  status: T.BackupTaskStatus;
  started: string;
  prefix: string;
  filename: string;
  protocol: string;
  description: string;
  polls: number;
}

export interface StoredFile {
  name: string;
  owner: string;
  created: number;
  description: string;
  content: Buffer;
}

const ok = { status: 'ok' } as const;

export class BackupManager {
  readonly tasks: Task[] = [];
  readonly files: StoredFile[] = [];
  readonly remote = new Map<string, T.BackupRemoteStorage>();
  #nextId = 1;
  #clock = Date.UTC(2026, 10, 28, 9, 0, 0);

  constructor(readonly finishAfterPolls = 2) {}

  /** One handler per backup-manager operation; an unknown owner, task or file is error 1013, as Plesk answers. */
  handlers(): NonNullable<PleskStubHandlers['backupManager']> {
    return {
      getTasksInfo: (input) => this.guard(() => this.tasksInfo(input)),
      backupServer: (input) => this.guard(() => this.start(input)),
      backupCustomer: (input) => this.guard(() => this.start(input)),
      backupReseller: (input) => this.guard(() => this.start(input)),
      backupWebspace: (input) => this.guard(() => this.start(input)),
      stopBackup: (input) => this.stop(String(input.taskId)),
      getLocalBackupList: (input) => this.guard(() => this.localList(input)),
      removeFile: (input) => this.guard(() => this.remove(input)),
      importFile: (input) => this.guard(() => this.importFile(input)),
      downloadFile: (input) => this.guard(() => {
        const file = this.find(input);
        return stubFile(file.content, file.name);
      }),
      getSupportedProtocols: () => ({ ...ok, protocol: ['ftp'] }),
      getRemoteStorageSettings: (input) => this.guard(() => this.remoteSettings(input)),
      setRemoteStorageSettings: (input) => this.guard(() => this.setRemote(input)),
    };
  }

  /** The stored file a download-file names (throws UnknownOwner / a not-found error). */
  find(input: { filename: string } & OwnerInput): StoredFile {
    const owner = resolveOwner(input);
    const file = this.files.find((f) => f.owner === owner.key && f.name === input.filename);
    if (!file) throw new NotFound(`backup file ${input.filename} does not exist`);
    return file;
  }

  private tasksInfo(input: T.BackupGetBackupStatusInput): T.BackupGetBackupStatusOutputResult {
    let tasks: Task[];
    if (input.taskId !== undefined) {
      const task = this.tasks.find((t) => String(t.id) === input.taskId);
      if (!task) throw new NotFound(`backup task ${input.taskId} does not exist`);
      tasks = [task];
    } else {
      const filter = Object.keys(input).length === 0 ? undefined : resolveOwner(input);
      tasks = filter ? this.tasks.filter((t) => t.owner.key === filter.key) : this.tasks;
    }
    for (const task of tasks) this.advance(task);
    const listed = tasks.map((t) => ({ ...ownerElement(t.owner), id: t.id, status: t.status, started: t.started, prefix: t.prefix, filename: t.filename, protocol: t.protocol }));
    return listed.length > 0 ? { ...ok, task: listed } : ok;
  }

  private advance(task: Task): void {
    if (task.status !== 'working' || ++task.polls < this.finishAfterPolls) return;
    task.status = 'finished';
    task.filename = `${task.prefix}${task.prefix ? '_' : ''}backup_${task.owner.key.replace(':', '-')}_${task.id}.tar`;
    if (task.protocol === 'local') {
      const content = Buffer.from(`stand-in backup ${task.id} of ${task.owner.key}\n${'\u0000\u00ff'.repeat(64)}`, 'latin1');
      this.files.push({ name: task.filename, owner: task.owner.key, created: this.tick(), description: task.description, content });
    }
  }

  private start(input: T.BackupServerInput & OwnerInput): T.BackupCommandOutputResult {
    const owner = resolveOwner(input, { kind: 'server', key: 'server' });
    if (input.remote !== undefined && !this.remote.has(owner.key)) throw stubOperationError(1023, 'remote storage is not configured for this owner');
    const task: Task = {
      id: this.#nextId++, owner, status: 'working', started: new Date(this.tick() * 1000).toISOString().replace('T', ' ').slice(0, 19),
      prefix: input.prefix ?? '', filename: '', protocol: input.remote !== undefined ? 'ftp' : 'local', description: input.description, polls: 0,
    };
    this.tasks.push(task);
    return { ...ok, taskId: String(task.id) };
  }

  private stop(taskId: string): T.ResultType {
    const task = this.tasks.find((t) => String(t.id) === taskId);
    if (!task) throw stubOperationError(1013, `backup task ${taskId} does not exist`);
    if (task.status !== 'working') throw stubOperationError(1025, `backup task ${taskId} is ${task.status}, not working`);
    task.status = 'stopped';
    return ok;
  }

  private localList(input: OwnerInput): T.BackupGetLocalBackupListOutputResult {
    const owner = resolveOwner(input);
    const files = this.files.filter((f) => f.owner === owner.key);
    const backup = files.map((f) => ({ file: [{ name: f.name, creationDate: f.created, description: f.description || null, size: f.content.length }] }));
    return backup.length > 0 ? { ...ok, backup } : ok;
  }

  private remove(input: T.BackupRemoveFileInput & OwnerInput): T.ResultType {
    const file = this.find(input);
    this.files.splice(this.files.indexOf(file), 1);
    return ok;
  }

  private importFile(input: T.BackupImportFileInput & OwnerInput): T.ResultType {
    const owner = resolveOwner(input);
    const name = input.tmpFilename.split('/').pop()!;
    if (!input.tmpFilename.startsWith('/tmp/')) throw new NotFound(`uploaded file ${input.tmpFilename} does not exist`);
    this.files.push({ name, owner: owner.key, created: this.tick(), description: 'imported', content: Buffer.from(`imported ${name}\n`) });
    return ok;
  }

  private remoteSettings(input: OwnerInput): T.BackupGetRemoteStorageSettingsOutputResult {
    const settings = this.remote.get(resolveOwner(input, { kind: 'server', key: 'server' }).key);
    return settings ? { ...ok, settings } : ok;
  }

  private setRemote(input: T.BackupSetRemoteStorageInput & OwnerInput): T.ResultType {
    this.remote.set(resolveOwner(input, { kind: 'server', key: 'server' }).key, input.settings);
    return ok;
  }

  /** Runs a handler; an unknown owner, task or file becomes the error result Plesk gives (1013). */
  private guard<R>(run: () => R): R {
    try {
      return run();
    } catch (error) {
      if (error instanceof UnknownOwner || error instanceof NotFound) throw stubOperationError(1013, error.message);
      throw error;
    }
  }

  private tick(): number {
    this.#clock += 60_000;
    return Math.floor(this.#clock / 1000);
  }
}

export class NotFound extends Error {}
