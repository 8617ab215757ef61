/**
 * A client's options from the environment, for the examples' command lines:
 *
 *     PLESK_HOST=plesk.example.com [PLESK_PORT=8443]
 *     PLESK_LOGIN=admin PLESK_PASSWORD=…    or    PLESK_SECRET_KEY=…
 *     [PLESK_CA_FILE=plesk.pem]           (the server's self-signed certificate: verification stays on)
 *
 * With a prefix (`PLESK_B_`) for a second server. Undefined when the host is not set.
 */
import { readFileSync } from 'node:fs';
import type { PleskClientOptions } from 'plesk-backup';

export function clientOptionsFromEnv(prefix = 'PLESK_'): PleskClientOptions | undefined {
  const env = (name: string) => process.env[`${prefix}${name}`];
  const host = env('HOST');
  if (!host) return undefined;
  const key = env('SECRET_KEY');
  const caFile = env('CA_FILE');
  return {
    host,
    port: env('PORT') === undefined ? undefined : Number(env('PORT')),
    ...(key ? { secretKey: key } : { login: env('LOGIN') ?? 'admin', password: env('PASSWORD') ?? '' }),
    ca: caFile ? readFileSync(caFile) : undefined,
  };
}
