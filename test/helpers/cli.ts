/**
 * Runs the plesk-codegen command for the CLI tests — in this process through its main() (what it
 * prints and its exit code, as the process would give them), or as a real process where the
 * process itself is under test — and snapshots folders.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../generator/cli.js';
import { ROOT } from './project.js';

export const BIN = path.join(ROOT, 'bin', 'plesk-codegen.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The command's main() on `args` in `cwd`, in this process: resolves with the exit code and what
 * it wrote to stdout and stderr. An error main() does not turn into an exit code (a bug) rejects.
 */
export async function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd });
  return { code, stdout, stderr };
}

/** `node bin/plesk-codegen.js ...args` in `cwd`, as a process; resolves with the exit code whatever it is. */
export function runCliProcess(args: string[], cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** A fresh folder under the checkout's .tmp/ (gitignored). */
export function tempDir(name: string): string {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  return mkdtempSync(path.join(ROOT, '.tmp', `${name}-`));
}

/** Every file and folder under `dir` (hidden ones too), by relative path: a sha-256 of each file, `dir` for folders, `link <target>` for symbolic links (not followed). */
export function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        result[child] = `link ${readlinkSync(path.join(dir, child))}`;
      } else if (entry.isDirectory()) {
        result[child] = 'dir';
        walk(child);
      } else {
        result[child] = createHash('sha256').update(readFileSync(path.join(dir, child))).digest('hex');
      }
    }
  };
  walk('');
  return result;
}
