/** Runs npm and other commands as a user would in a project outside this checkout, for the install tests. */
import { execFile } from 'node:child_process';

/** The environment without the npm_* variables of the `npm test` that runs us, so the inner npm is a plain one. */
export const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

/** Resolves with stdout; rejects with the command, folder and output (saying so when the npm registry is unreachable). */
export async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv): Promise<string> {
  return (await runOutputs(command, args, cwd, { env })).stdout;
}

/**
 * Like {@link run}, with both outputs; `timeoutMs`: the command is killed after that long and the
 * promise rejects saying something was left open.
 */
export function runOutputs(command: string, args: string[], cwd: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: options.env ?? cleanEnv, encoding: 'utf8', maxBuffer: 64 << 20, ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr });
      const output = `${stdout}\n${stderr}`;
      const offline = /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH)|network/i.test(output) && (command === 'npm' || command === 'npx');
      const what = `${command} ${args.join(' ')} (in ${cwd})`;
      if (error.killed) return reject(new Error(`${what} did not end within ${options.timeoutMs! / 1000} s: something was left open\n${output}`));
      reject(new Error(offline ? `the npm registry is unreachable: ${what} failed. This test installs packages into a fresh project and needs the registry.\n${output}` : `${what} failed:\n${output}`));
    });
  });
}

/** Like {@link run}, but resolves with the exit code and both outputs whatever the code. */
export function runStatus(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

export const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], cwd);
/** npm with both outputs (what it warns about goes to stderr). */
export const npmOutputs = (args: string[], cwd: string) => runOutputs('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], cwd);
