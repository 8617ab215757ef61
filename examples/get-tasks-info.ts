/**
 * Retrieve the status of backup tasks: start a server backup, wait for it, print the tasks.
 *
 *     npm run example
 *
 * Without settings it starts the local stand-in Plesk server (examples/stand-in/) and talks to it
 * over HTTPS. To talk to a real server instead, set
 *
 *     PLESK_HOST=plesk.example.com [PLESK_PORT=8443]
 *     PLESK_LOGIN=admin PLESK_PASSWORD=…    or    PLESK_SECRET_KEY=…
 *     [PLESK_CA_FILE=server-cert.pem]      (trust the server's self-signed certificate)
 *
 * Against a real server this starts a real backup of the whole server (into its local repository).
 */
import { readFileSync } from 'node:fs';
import { PleskClient, PleskOperationError, PleskSystemError, PleskTaskFailedError, PleskTaskTimeoutError, PleskTransportError, type PleskClientOptions } from '../generated/src/index.js';
import { startStandIn, type StandIn } from './stand-in/server.js';

async function connect(): Promise<{ options: PleskClientOptions; standIn?: StandIn }> {
  const env = process.env;
  if (!env.PLESK_HOST) {
    const standIn = await startStandIn();
    console.log(`No PLESK_HOST set: using the local stand-in Plesk server at https://${standIn.host}:${standIn.port}\n`);
    return { standIn, options: { host: standIn.host, port: standIn.port, login: standIn.login, password: standIn.password, ca: standIn.cert } };
  }
  const credentials = env.PLESK_SECRET_KEY ? { secretKey: env.PLESK_SECRET_KEY } : { login: env.PLESK_LOGIN ?? 'admin', password: env.PLESK_PASSWORD ?? '' };
  return {
    options: {
      host: env.PLESK_HOST,
      port: env.PLESK_PORT ? Number(env.PLESK_PORT) : 8443,
      ...credentials,
      ...(env.PLESK_CA_FILE ? { ca: readFileSync(env.PLESK_CA_FILE) } : {}),
    },
  };
}

function printTable(rows: Array<Record<string, string>>): void {
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => row[c]!)));
}

const { options, standIn } = await connect();
const client = new PleskClient(options);
try {
  const taskId = await client.backupManager.backupServer({ prefix: 'example', description: 'started by plesk-codegen example', local: true });
  if (taskId === undefined) throw new Error('the server accepted backup-server but sent no task-id');
  console.log(`Started server backup, task ${taskId}; waiting for it…`);
  const task = await client.backupManager.waitForTask(taskId, {
    intervalMs: standIn ? 200 : 2_000,
    timeoutMs: 3_600_000,
    onProgress: (t) => console.log(`  task ${t.id}: ${t.status}`),
  });
  console.log(`Task ${task.id} ended ${task.status}${task.filename ? `, file ${task.filename}` : ''}.\n`);

  const tasks = await client.backupManager.getTasksInfo();
  printTable(tasks.map((t) => ({
    id: String(t.id),
    owner: t.server ? 'server' : t.customerId !== undefined ? `customer ${t.customerId}` : t.resellerId !== undefined ? `reseller ${t.resellerId}` : `webspace ${t.webspaceId}`,
    status: t.status,
    started: t.started,
    protocol: t.protocol,
    filename: t.filename || '—',
  })));
} catch (error) {
  if (error instanceof PleskSystemError) console.error(`The server refused the request: error ${error.code}: ${error.message}`);
  else if (error instanceof PleskOperationError) console.error(`${error.operation} failed with ${error.code}; all results: ${JSON.stringify(error.results)}`);
  else if (error instanceof PleskTransportError) console.error(`Could not talk to the server (${error.reason}): ${error.message}`);
  else if (error instanceof PleskTaskTimeoutError) console.error(`${error.message}; it may still be running on the server`);
  else if (error instanceof PleskTaskFailedError) console.error(error.message);
  else throw error;
  process.exitCode = 1;
} finally {
  client.close();
  await standIn?.close();
}
