/** Runs npm and other commands as a user would in a project outside this checkout, for the install tests. */
import { execFile } from 'node:child_process';

/** The environment without the npm_* variables of the `npm test` that runs us, so the inner npm is a plain one. */
export const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

/** Resolves with stdout; rejects with the command, folder and output (saying so when the npm registry is unreachable). */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const output = `${stdout}\n${stderr}`;
      const offline = /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH)|network/i.test(output) && (command === 'npm' || command === 'npx');
      const what = `${command} ${args.join(' ')} (in ${cwd})`;
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
