/**
 * The stand-in Plesk server on its own, for manual testing:
 *
 *     npm run stand-in                 # any free port
 *     npm run stand-in -- --port 8443
 *
 * Prints the agent's URL, the file its certificate was written to (pass it as the client's `ca`,
 * or to curl --cacert) and the credentials it accepts, then serves until Ctrl-C (or SIGTERM),
 * when it closes and removes the certificate file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startStandIn } from './server.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'finish-after-polls': { type: 'string' } } });
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
  console.error(`stand-in: --port must be an integer from 0 to 65535, not ${values.port}`);
  process.exit(2);
}
const standIn = await startStandIn({
  ...(port !== undefined ? { port } : {}),
  ...(values['finish-after-polls'] !== undefined ? { finishAfterPolls: Number(values['finish-after-polls']) } : {}),
});
const folder = mkdtempSync(path.join(os.tmpdir(), 'plesk-stand-in-'));
const caFile = path.join(folder, 'stand-in-ca.pem');
writeFileSync(caFile, standIn.cert);

console.log(`Plesk stand-in (backup-manager) listening
  url          ${standIn.stub.url}
  CA file      ${caFile}
  login        ${standIn.login} / ${standIn.password}
  secret key   ${standIn.secretKey}

Try it:
  PLESK_HOST=${standIn.host} PLESK_PORT=${standIn.port} PLESK_LOGIN=${standIn.login} PLESK_PASSWORD=${standIn.password} PLESK_CA_FILE=${caFile} npm run example
  curl --cacert ${caFile} -H 'HTTP_AUTH_LOGIN: ${standIn.login}' -H 'HTTP_AUTH_PASSWD: ${standIn.password}' -H 'Content-Type: text/xml' \\
       --data '<packet><backup-manager><get-tasks-info/></backup-manager></packet>' ${standIn.stub.url}
Ctrl-C stops it.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await standIn.close();
  rmSync(folder, { recursive: true, force: true });
  console.log('stand-in stopped');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
