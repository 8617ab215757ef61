/**
 * The project's stand-in Plesk server: `createPleskStub` of the generated package (its
 * `./testing` entry) with the backup-manager handlers of backup-manager.ts, so it answers as
 * Plesk does (credentials 1001 / 11003 / 1029, schema errors 1014, versions 1005, error results,
 * download-file as a file) and keeps backups in memory.
 *
 * Tests queue faults for the next requests (`faults.push('drop')`), as the stub's fault picker:
 * `drop` handles the packet then closes the connection without answering, `hang` never answers,
 * `html-502` answers a proxy's HTML error page, `html-200` a login page with status 200,
 * `{ xml }` answers that text, `file-stall` starts sending a file and stops, `file-cut` closes
 * the connection in the middle of a file. `{ fault, match }` waits for a request whose body
 * contains `match`.
 */
import { createPleskStub, type PleskStub, type StubFault } from '../../generated/src/testing.js';
import { BackupManager } from './backup-manager.js';

export type Fault = 'drop' | 'hang' | 'html-502' | 'html-200' | 'file-stall' | 'file-cut' | { xml: string };

/** A fault for the next request, or for the next request whose body contains `match`. */
export type QueuedFault = Fault | { fault: Fault; match: string };

export interface StandInOptions {
  login?: string;
  password?: string;
  secretKey?: string;
  /** get-tasks-info polls after which a started backup is finished (default 2) */
  finishAfterPolls?: number;
  /** default: any free port */
  port?: number;
}

export interface StandIn {
  host: string;
  port: number;
  /** the server's certificate (PEM), to pass as the client's `ca` */
  cert: string;
  login: string;
  password: string;
  secretKey: string;
  backupManager: BackupManager;
  /** the stub underneath: its calls, requests and faults */
  stub: PleskStub;
  /** faults for the next requests, first first */
  faults: QueuedFault[];
  /** requests received at the agent */
  readonly requests: number;
  /** every request body received at the agent, for validation against Plesk's agent_input.xsd */
  readonly received: string[];
  /** every XML packet answered (scripted `{ xml }` faults aside), for validation against Plesk's agent_output.xsd */
  readonly responses: string[];
  close(): Promise<void>;
}

export const SUPPORTED_VERSIONS = ['1.5.2.0', '1.6.0.0', '1.6.3.0', '1.6.5.0', '1.6.6.0', '1.6.7.0', '1.6.8.0', '1.6.9.0'];

const AS_STUB_FAULT: Record<Exclude<Fault, { xml: string }>, StubFault> = {
  'drop': { kind: 'drop' },
  'hang': { kind: 'hang' },
  'html-502': { kind: 'html', status: 502, title: 'Bad Gateway' },
  'html-200': { kind: 'html', status: 200, title: 'Log in to Plesk' },
  'file-stall': { kind: 'file-stall' },
  'file-cut': { kind: 'file-cut' },
};

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const backupManager = new BackupManager(options.finishAfterPolls ?? 2);
  const faults: QueuedFault[] = [];
  const stub = await createPleskStub({
    handlers: { backupManager: backupManager.handlers() },
    login: options.login ?? 'admin',
    password: options.password ?? 'stand-in-password',
    secretKey: options.secretKey ?? 'stand-in-secret-key',
    protocolVersions: SUPPORTED_VERSIONS,
    protocolVersion: SUPPORTED_VERSIONS.at(-1)!,
    ...(options.port !== undefined ? { port: options.port } : {}),
    faultFor: ({ xml }) => {
      const index = faults.findIndex((f) => typeof f !== 'object' || !('match' in f) || xml.includes(f.match));
      if (index < 0) return undefined;
      const [entry] = faults.splice(index, 1);
      const fault = typeof entry === 'object' && 'match' in entry ? entry.fault : entry!;
      return typeof fault === 'object' ? { kind: 'xml', xml: fault.xml } : AS_STUB_FAULT[fault];
    },
  });
  return {
    host: stub.host,
    port: stub.port,
    cert: stub.ca!,
    login: stub.login,
    password: stub.password,
    secretKey: stub.secretKey,
    backupManager,
    stub,
    faults,
    get requests() {
      return stub.requests.length;
    },
    get received() {
      return stub.requests.map((r) => r.xml);
    },
    get responses() {
      return stub.requests.filter((r) => r.answer !== undefined && r.fault !== 'xml').map((r) => r.answer!);
    },
    close: () => stub.close(),
  };
}
