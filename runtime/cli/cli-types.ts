/**
 * The shapes the command line shares with the generated package: what the generated `cli.ts`
 * hands the runtime (`CliPackage`: the bin's name, the operation table, the operators, and loaders
 * of the metadata, the codecs and the documentation, imported only when a command needs them),
 * where the command reads and writes (`CliIo`), its exit codes, and the error that carries one.
 *
 * For a package generated with a client, `src/cli.ts` holds
 *   export const CLI: CliPackage = { bin: 'plesk-backup', operations: OPERATIONS, …,
 *     load: { schema: () => import('./metadata.js'), codecs: () => import('./codecs.js'), docs: … } };
 * and `bin/plesk-backup.js` runs `main(process.argv.slice(2))` of its compiled form.
 */
import type { OperationRow, PacketVersions } from '../client/client-types.js';
import type { DocumentDecoder } from '../codec/decode.js';
import type { DecodeOptions } from '../codec/decode-options.js';
import type { SchemaMeta } from '../codec/meta.js';

/** The exit codes of every command, documented in the package's README and in --help. */
export const EXIT = {
  /** everything asked for was done */
  ok: 0,
  /** an operation of the answer failed (an error `<result>`) */
  operation: 1,
  /** the command line was wrong: nothing was sent */
  usage: 2,
  /** --watch: the task failed or was stopped */
  task: 3,
  /** the call or the wait ran out of time */
  timeout: 4,
  /** no usable answer (connection, TLS, HTTP, a refused packet), or a local system error */
  transport: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the command reports in one message and ends with `exit` (a usage error unless said otherwise). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exit: ExitCode = EXIT.usage,
  ) {
    super(message);
  }
}

/** An operator of the package, in schema order, with its documentation. */
export interface CliOperator {
  name: string;
  doc?: string;
}

/** The codecs the command line uses (the package's codecs.ts). */
export interface CliCodecs {
  /** a package of several protocol versions: each packet's version chosen by the client core (runtime/client/version-router.ts) */
  versions?: PacketVersions;
  encodeRequestPacket(packet: never): string;
  decodeRequestPacket(xml: string): unknown;
  decodeResponsePacket(xml: string, options?: DecodeOptions): unknown;
  startDecodingResponsePacket(options?: DecodeOptions): DocumentDecoder<unknown>;
}

/** The schema's documentation, for --help (the package's cli-docs.ts). */
export interface CliDocs {
  /** by `operator/operation` */
  operations: { readonly [key: string]: string };
  /** by type (metadata key), then by element or attribute name (`@name`) */
  members: { readonly [type: string]: { readonly [name: string]: string } };
  /** by type (metadata key), simple and complex */
  types: { readonly [type: string]: string };
}

/** What a generated package tells the command line about itself. */
export interface CliPackage {
  /** the command's name (package.json `bin`) */
  bin: string;
  packageName: string;
  packageVersion: string;
  /** PROTOCOL_VERSION: sent as packet/@version */
  protocolVersion: string | undefined;
  /** the package's one operation table (operations.ts) */
  operations: readonly OperationRow[];
  operators: readonly CliOperator[];
  /** the metadata keys of the request and response packet types */
  packets: { request: string; response: string };
  /** the heavy parts, imported when a command needs them (--help of the whole command loads none) */
  load: {
    /** the tables a command reads its flags from (in a package of several protocol versions: those of the newest version that has the row's operation) */
    schema(row?: OperationRow): Promise<{ schema: SchemaMeta }>;
    codecs(): Promise<CliCodecs>;
    docs(): Promise<{ DOCS: CliDocs }>;
  };
}

/** Where the command reads and writes; tests give their own, the bin gives the process's. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** bytes to stdout (a downloaded file without -O), resolved once written */
  stdoutBytes?(chunk: Uint8Array): Promise<void>;
  /** for `--input -`, `--password-stdin`, `--secret-key-stdin` */
  stdin?: AsyncIterable<string | Uint8Array>;
  env: { readonly [name: string]: string | undefined };
  cwd: string;
  /** stdout is a terminal: tables by default, colour */
  stdoutIsTTY?: boolean;
  /** stderr is a terminal: progress bars */
  stderrIsTTY?: boolean;
  /** the terminal's width */
  columns?: number;
}

/** The process's own streams, environment and folder. A reader that went away (`| head`) ends the command quietly. */
export function processIo(): CliIo {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') === 0) stream.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : undefined));
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutBytes: (chunk) => new Promise<void>((resolve, reject) => void process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()))),
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}
