/**
 * One command being run: what run-command.ts has worked out (the operation, its flags and
 * request, the output format, the secrets to mask) and what the rest of the command line shares
 * of it: a client for a target (credentials.ts) that reports its exchanges to --debug and its
 * schema drift to stderr or to a counter, and the output through which every line of the command
 * goes, the secrets masked.
 */
import type { OperationRow } from '../client/client-types.js';
import type { PleskDebugEvent } from '../client/debug.js';
import { maskSecrets } from '../client/secret-masking.js';
import type { SchemaDriftEvent } from '../codec/decode-options.js';
import type { SchemaMeta } from '../codec/meta.js';
import { CliClient, type CliPacket } from './cli-client.js';
import type { CliCodecs, CliIo, CliPackage } from './cli-types.js';
import type { Target } from './credentials.js';
import { debugText } from './debug-wire.js';
import type { GlobalValues } from './global-flags.js';
import { proxyFor } from './proxy-env.js';
import type { Format, Paint } from './render.js';

export interface Command {
  pkg: CliPackage;
  row: OperationRow;
  /** the command's output: every text masked with `secrets` */
  io: CliIo;
  globals: GlobalValues;
  schema: SchemaMeta;
  codecs: CliCodecs;
  format: Format;
  /** colours of stdout and of stderr */
  paint: Paint;
  paintErr: Paint;
  /** the credentials and the values of secret flags, masked in every output */
  secrets: string[];
  /** the request packet (its version is the client's to add) */
  packet: CliPacket;
  /** --timeout, in ms */
  timeoutMs: number | undefined;
  /** --interval (--watch's first pause), in ms */
  intervalMs: number | undefined;
  /** the packet/@version to send: undefined for the package's, null for none */
  protocolVersion: string | null | undefined;
}

/** An output that masks the secrets in every text it writes (the list may grow as they are read). */
export function maskedIo(io: CliIo, secrets: readonly string[]): CliIo {
  const mask = (text: string) => (secrets.length === 0 ? text : maskSecrets(text, secrets));
  return { ...io, stdout: (text) => io.stdout(mask(text)), stderr: (text) => io.stderr(mask(text)) };
}

export interface ClientHooks {
  /** each schema drift event (default: a note on stderr, once per path) */
  onDrift?: (event: SchemaDriftEvent) => void;
  /** each exchange (besides --debug's printing) */
  onExchange?: (event: PleskDebugEvent) => void;
  /** the label --debug prints beside each exchange (the host of a fleet) */
  label?: string;
}

/** A client for `target`, its secrets added to the masked ones. */
export function clientFor(cmd: Command, target: Target, hooks: ClientHooks = {}): CliClient {
  for (const secret of [target.password, target.secretKey]) if (secret && !cmd.secrets.includes(secret)) cmd.secrets.push(secret);
  const seen = new Set<string>();
  const onDrift = hooks.onDrift ?? ((event: SchemaDriftEvent) => {
    if (seen.has(event.path)) return;
    seen.add(event.path);
    cmd.io.stderr(`note: the answer has the ${event.kind} ${event.name} at ${event.path}, which the package's schema does not declare (a newer server?): kept, and left out of tables\n`);
  });
  const debug = cmd.globals['debug'] === true;
  const proxy = proxyFor(target.host, target.port, cmd.io.env);
  const version = cmd.protocolVersion !== undefined ? cmd.protocolVersion : target.protocolVersion;
  return new CliClient(
    {
      host: target.host,
      port: target.port,
      ...(target.secretKey !== undefined ? { secretKey: target.secretKey } : { login: target.login, password: target.password }),
      ...(target.ca !== undefined ? { ca: target.ca } : {}),
      ...(cmd.timeoutMs !== undefined && cmd.globals['watch'] !== true ? { timeoutMs: cmd.timeoutMs } : {}),
      ...(version !== undefined ? { protocolVersion: version } : {}),
      ...(proxy !== undefined ? { proxy } : {}),
      unknownElements: 'keep',
      onSchemaDrift: onDrift,
      ...(debug || hooks.onExchange
        ? {
            debug: (event: PleskDebugEvent) => {
              if (event.answer !== undefined) harvestXmlSecrets(event.answer, cmd.secrets);
              hooks.onExchange?.(event);
              if (debug) cmd.io.stderr(debugText(event, hooks.label));
            },
          }
        : {}),
    },
    cmd.pkg,
    cmd.codecs,
  );
}

const SECRET_PROPERTY = /passw(or)?d|secret|private[-_]?key/i;

/**
 * Adds the values of an answer's secret members (a stored FTP `password`, a `secretKey`) to the
 * secrets every output masks: the schema marks them by name only, and an answer is printed whole.
 */
export function harvestSecrets(value: unknown, secrets: string[], depth = 0): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) harvestSecrets(item, secrets, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && v.length >= 3 && SECRET_PROPERTY.test(key)) {
      if (!secrets.includes(v)) secrets.push(v);
    } else harvestSecrets(v, secrets, depth + 1);
  }
}

/** The same for the text of an answer, before it is decoded (what --debug prints): each secret element's text, its character references read. */
export function harvestXmlSecrets(xml: string, secrets: string[]): void {
  for (const match of xml.matchAll(/<([\w.-]*(?:passw(?:or)?d|secret|private[-_]?key)[\w.-]*)>([^<]{3,})<\/\1>/gi)) {
    const text = match[2]!.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, ref: string) => {
      const lower = ref.toLowerCase();
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : lower.startsWith('#') ? Number(lower.slice(1)) : undefined;
      if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : `&${ref};`;
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower]!;
    });
    if (!secrets.includes(text)) secrets.push(text);
  }
}

/** The version the command sends, from --protocol-version (`none`: no version). */
export function protocolVersionFlag(globals: GlobalValues): string | null | undefined {
  const given = globals['protocol-version'];
  if (typeof given !== 'string') return undefined;
  return given === 'none' ? null : given;
}
