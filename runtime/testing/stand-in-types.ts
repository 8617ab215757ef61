/**
 * The shapes of the stand-in (`createPleskStandIn` of a package with backup-manager): the accounts
 * it hosts, the scenario it plays, and what it keeps (tasks, backup files) for a test to look at.
 */
import type { PleskStub, PleskStubOptions } from './stub-types.js';

/** A customer account: its `login` is what `customerLogin` and the scenario name it by. */
export interface StandInCustomer {
  id: number;
  login: string;
  /** the contact name (`pname`; default: the login) */
  name?: string | undefined;
}

/** A subscription (webspace): its `name` (the domain) is what `webspaceName` and the scenario name it by. */
export interface StandInWebspace {
  id: number;
  name: string;
  /** the login of the customer that owns it (default: the administrator) */
  owner?: string | undefined;
}

/**
 * What goes wrong, and where. Owners are named as the scenario's lists take them: a webspace by
 * its name (`example.com`), a customer by its login, a reseller by its login, the server as `server`.
 */
export interface StandInScenario {
  /** backups of these owners end `failed` (as Plesk reports it: no reason given) */
  failing?: readonly string[] | undefined;
  /** backups of these owners stay `working` until stop-backup stops them */
  stalled?: readonly string[] | undefined;
  /** every download-file answer arrives slowly: `chunkBytes` (default 1024) every `delayMs` */
  slowDownload?: { delayMs: number; chunkBytes?: number | undefined } | undefined;
  /** an upload over this many bytes is refused with error 1023 (the panel's upload_max_filesize; default 64 MiB) */
  maxUploadBytes?: number | undefined;
}

/** The options of the stand-in: those of the stub (handlers given here replace the stand-in's own, operation by operation), and its world. */
export interface StandInOptions<H, K extends string = string> extends Omit<PleskStubOptions<H, K>, 'maxUploadBytes'> {
  /** default: jdoe (1) and acme (2) */
  customers?: readonly StandInCustomer[] | undefined;
  /** default: example.com (1) and shop.example.com (2) of jdoe, acme.test (3) of acme */
  webspaces?: readonly StandInWebspace[] | undefined;
  /** resellers by login (default: none) */
  resellers?: readonly StandInCustomer[] | undefined;
  /** get-tasks-info answers a backup as working this many times, then as ended (default 2) */
  finishAfterPolls?: number | undefined;
  /** the size of each backup file a finished task makes, in bytes (default 65536) */
  backupBytes?: number | undefined;
  scenario?: StandInScenario | undefined;
}

/** A backup task as the stand-in keeps it. */
export interface StandInTask {
  id: number;
  /** `server`, `webspace:example.com`, `customer:jdoe`, `reseller:…` */
  owner: string;
  status: 'working' | 'finished' | 'failed' | 'stopped';
  started: string;
  prefix: string;
  description: string;
  /** the backup file, once the task finished */
  filename: string;
  /** get-tasks-info answers that reported it */
  polls: number;
}

/** A file of an owner's local backup repository. */
export interface StandInBackup {
  owner: string;
  name: string;
  /** Unix seconds */
  created: number;
  description: string;
  content: Buffer;
}

/** The stub playing a Plesk server with accounts and backups, and what it holds now. */
export interface PleskStandIn<K extends string = string> extends PleskStub<K> {
  readonly customers: readonly StandInCustomer[];
  readonly webspaces: readonly StandInWebspace[];
  /** every backup task started, in order */
  readonly tasks: readonly StandInTask[];
  /** every file of every local repository (finished backups, imported uploads), in order */
  readonly backups: readonly StandInBackup[];
}
