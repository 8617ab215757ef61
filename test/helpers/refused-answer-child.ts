/**
 * The child process of test/client-memory.test.ts: a client (the generated package) asks a server
 * (in the parent, which sends a chunked answer longer than the client's maxResponseBytes) and must
 * be refused; this process reports how much it grew meanwhile. Run with --expose-gc, so that the
 * baseline is taken after a full collection. Its one line of output is JSON: the error's reason,
 * the RSS before the call and the process's peak RSS (getrusage's high-water mark) after it, in
 * bytes.
 *
 * argv: port, certificate (PEM, base64), maxResponseBytes.
 */
import { PleskClient } from '../../generated/src/index.js';

const [port, cert, limit] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const client = new PleskClient({ host: '127.0.0.1', port: Number(port), ca: Buffer.from(cert!, 'base64').toString(), login: 'admin', password: 'secret', maxResponseBytes: Number(limit), timeoutMs: 120_000, retries: 0 });
// warm up: the modules, TLS, the decoder (a first small answer)
await client.backupManager.getTasksInfo({ server: true }).catch(() => undefined);
gc();
gc();
const before = process.memoryUsage().rss;
let reason: string | undefined;
try {
  await client.backupManager.getTasksInfo({ server: true });
} catch (error) {
  reason = (error as { reason?: string }).reason ?? (error as Error).message;
}
const peak = process.resourceUsage().maxRSS * 1024;
client.close();
process.stdout.write(`${JSON.stringify({ reason, before, peak })}\n`);
