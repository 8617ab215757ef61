/**
 * The project's stand-in Plesk server: `createPleskStub` of the generated package (its
 * `./testing` entry) with the backup-manager handlers of backup-manager.ts, so it answers as
 * Plesk does (credentials 1001 / 11003 / 1029, schema errors 1014, versions 1005, error results,
 * download-file as a file) and keeps backups in memory. What our xsd/ does not describe is
 * answered beside the schema (protocols.ts): `<server><get_protos/>` (the versions, unsorted, as
 * Plesk lists them), `<db_server><get>`, and 1017 for an operation newer than the packet's version.
 *
 * Tests queue faults for the next requests (`faults.push('drop')`), as the stub's fault picker:
 * `drop` handles the packet then closes the connection without answering, `hang` never answers,
 * `html-502` answers a proxy's HTML error page, `html-200` a login page with status 200,
 * `{ xml }` answers that text, `file-stall` starts sending a file and stops, `file-cut` closes
 * the connection in the middle of a file. `{ fault, match }` waits for a request whose body
 * contains `match`.
 */
import { createPleskStub, type PleskStub, type StubCredentials, type StubFault } from '../../generated/src/testing.js';
import { BackupManager } from './backup-manager.js';
import { answerOutsideSchema, isSupportedVersion, NEWEST_VERSION, SUPPORTED_VERSIONS, unsupportedOperation } from './protocols.js';

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

export { SUPPORTED_VERSIONS } from './protocols.js';

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
    protocolVersion: NEWEST_VERSION,
    ...(options.port !== undefined ? { port: options.port } : {}),
    faultFor: ({ xml, credentials }) => {
      const index = faults.findIndex((f) => typeof f !== 'object' || !('match' in f) || xml.includes(f.match));
      if (index < 0) return beside(xml, credentials);
      const [entry] = faults.splice(index, 1);
      const fault = typeof entry === 'object' && 'match' in entry ? entry.fault : entry!;
      return typeof fault === 'object' ? { kind: 'xml', xml: fault.xml } : AS_STUB_FAULT[fault];
    },
  });
  /** What the stand-in answers beside the schema, once the credentials are right. */
  function beside(xml: string, credentials: StubCredentials): StubFault | undefined {
    const right = credentials.secretKey !== undefined ? credentials.secretKey === stub.secretKey : credentials.login === stub.login && credentials.password === stub.password;
    if (!right) return undefined;
    const outside = answerOutsideSchema(xml);
    if (outside !== undefined) return { kind: 'xml', xml: outside };
    const version = /^(?:<\?xml[^>]*\?>\s*)?<packet[^>]*\sversion="([^"]*)"/.exec(xml)?.[1] ?? NEWEST_VERSION;
    if (!isSupportedVersion(version)) return undefined; // the stub answers 1005
    const tooNew = unsupportedOperation(version, [...xml.matchAll(/<([a-z][\w-]*)[\s/>]/g)].map((m) => m[1]!));
    return tooNew === undefined ? undefined : { kind: 'system-error', code: 1017, text: `The operation ${tooNew} is not supported by protocol version ${version}.` };
  }
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
