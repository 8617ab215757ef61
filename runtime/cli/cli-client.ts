/**
 * The client the command line talks through: the package's own client core (runtime/client), fed
 * the package's codecs and operation table, as the generated PleskClient is. A command sends its
 * one operation as a whole packet (`request()`: every result comes back, ok or not, to be printed
 * per result; reads are resent after a connection failure, nothing else ever is) and fetches a file
 * with the core's `download()` (download-file). It needs nothing of the generated client.ts.
 */
import type { OperationRow, PleskClientOptions } from '../client/client-types.js';
import type { DownloadedFile } from '../client/client-types.js';
import { PleskClientCore } from '../client/client.js';
import type { Entries } from '../client/packet-operations.js';
import type { CliCodecs, CliPackage } from './cli-types.js';

export interface CliPacket {
  version?: string;
  operators: Entries;
}

export class CliClient extends PleskClientCore<CliPacket, unknown> {
  constructor(options: PleskClientOptions, pkg: CliPackage, codecs: CliCodecs) {
    super(options, {
      encode: (packet) => codecs.encodeRequestPacket(packet as never),
      decode: (xml, decodeOptions) => codecs.decodeResponsePacket(xml, decodeOptions),
      startDecoding: (decodeOptions) => codecs.startDecodingResponsePacket(decodeOptions),
      protocolVersion: pkg.protocolVersion,
      operations: pkg.operations,
      ...(codecs.versions ? { versions: codecs.versions } : {}),
    });
  }

  /** An operation answered with a file on success (its body unread). */
  file(row: OperationRow, input: unknown, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<DownloadedFile> {
    // without toFile the core gives the file as a stream (a DownloadedFile), never a SavedFile
    return this.download(row, input, options) as Promise<DownloadedFile>;
  }
}

/** The packet holding one operation, as the client's methods send it. */
export function packetOf(row: OperationRow, input: unknown): CliPacket {
  const operation = { [row.operationProp]: input };
  return { operators: [{ [row.operatorProp]: row.single ? operation : { operations: [operation] } }] };
}
