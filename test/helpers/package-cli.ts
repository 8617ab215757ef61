/**
 * Runs a generated package's command line in the test's process, through the `main(argv, io)` of
 * its src/cli.ts (the bin calls the same function): what it printed on stdout and stderr, the
 * bytes it wrote to stdout, and its exit code. Also: stubs whose certificates are written to files
 * (the command reads PLESK_CA and profiles' `ca` from files), and the environment that points the
 * command at one stub.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { main as backupMain } from '../../generated/src/cli.js';
import type { CliIo } from '../../generated/src/runtime/cli/cli-types.js';
import type { PleskStub } from '../../generated/src/testing.js';

export type CliMain = (argv: readonly string[], io?: CliIo) => Promise<number>;

export interface PackageCliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** what was written to stdout as bytes (a downloaded file) */
  bytes: Buffer;
}

export interface PackageCliOptions {
  env?: Record<string, string | undefined>;
  /** stdin's text; none: no stdin */
  stdin?: string;
  /** stdout and stderr are terminals */
  tty?: boolean;
  cwd?: string;
  main?: CliMain;
}

export async function runPackageCli(args: readonly string[], options: PackageCliOptions = {}): Promise<PackageCliResult> {
  let stdout = '';
  let stderr = '';
  const bytes: Buffer[] = [];
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdoutBytes: async (chunk) => void bytes.push(Buffer.from(chunk)),
    ...(options.stdin !== undefined ? { stdin: chunks(options.stdin) } : {}),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdoutIsTTY: options.tty === true,
    stderrIsTTY: options.tty === true,
    columns: 120,
  };
  const code = await (options.main ?? backupMain)(args, io);
  return { code, stdout, stderr, bytes: Buffer.concat(bytes) };
}

/** Writes the stub's certificate into `dir` (as `name`) and returns the file's path. */
export function caFile(stub: PleskStub, dir: string, name = 'stub-ca.pem'): string {
  const file = path.join(dir, name);
  writeFileSync(file, stub.ca!);
  return file;
}

/** The environment that points the command at `stub` with its login and password. */
export function stubEnv(stub: PleskStub, dir: string): Record<string, string> {
  return { PLESK_HOST: stub.host, PLESK_PORT: String(stub.port), PLESK_LOGIN: stub.login, PLESK_PASSWORD: stub.password, PLESK_CA: caFile(stub, dir) };
}

async function* chunks(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text);
}
