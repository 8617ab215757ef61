/** Runs the plesk-codegen command as a process, and snapshots folders, for the CLI tests. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './project.js';

export const BIN = path.join(ROOT, 'bin', 'plesk-codegen.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node bin/plesk-codegen.js ...args` in `cwd`; resolves with the exit code whatever it is. */
export function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
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
