/** A stand-in Plesk server per test file, and clients for it. */
import { startStandIn, type StandIn, type StandInOptions } from '../../examples/stand-in/server.js';
import { PleskClient, type PleskClientOptions } from '../../generated/src/index.js';

export type { StandIn };

export async function standIn(options: StandInOptions = {}): Promise<StandIn> {
  return startStandIn({ finishAfterPolls: 2, ...options });
}

/** A client that trusts the stand-in's certificate and logs in with its password (override anything). */
export function clientOf(server: StandIn, options: Partial<PleskClientOptions> = {}): PleskClient {
  const credentials = options.secretKey !== undefined ? {} : { login: server.login, password: server.password };
  return new PleskClient({ host: server.host, port: server.port, ca: server.cert, timeoutMs: 10_000, ...credentials, ...options } as PleskClientOptions);
}

/** A response packet as the server would send it (for scripted answers). */
export function packet(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.0">${inner}</packet>`;
}
