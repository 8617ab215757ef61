/**
 * Every error a command can end with, as its exit code and the message printed on stderr:
 *
 *   CliError                              its own (2 for a usage error: nothing was sent)
 *   XmlEncodeError                        2: the request does not fit the schema (nothing was sent)
 *   PleskOperationError                   1: each failed result on its own line
 *   PleskTaskTimeoutError, a timeout      4
 *   PleskSystemError, PleskTransportError 5 (its hint for 1005/1017, the answer's excerpt)
 *   XmlDecodeError, a file system error   5
 *   anything else                         5, said to be a bug of the command, with its stack
 *
 * Errors are recognised by name, so that this module loads none of the client's code. The texts
 * the server sent in them were masked by the client; the command masks its own output on top.
 */
import { CliError, EXIT, type ExitCode } from './cli-types.js';

export interface Report {
  exit: ExitCode;
  message: string;
}

interface ResultLike {
  status?: unknown;
  errcode?: unknown;
  errtext?: unknown;
}

export function describeError(error: unknown, what = ''): Report {
  if (error instanceof CliError) return { exit: error.exit, message: error.message };
  if (!(error instanceof Error)) return { exit: EXIT.transport, message: `internal error (a bug of the command): ${String(error)}` };
  const prefix = what ? `${what}: ` : '';
  const e = error as Error & { reason?: string; code?: unknown; results?: ResultLike[]; operation?: string; excerpt?: string; path?: string };
  switch (error.name) {
    case 'XmlEncodeError':
      return { exit: EXIT.usage, message: `the request does not fit the schema, nothing was sent: ${error.message}` };
    case 'PleskOperationError':
      return { exit: EXIT.operation, message: operationErrorText(e.operation ?? what, e.results ?? []) };
    case 'PleskTaskTimeoutError':
      return { exit: EXIT.timeout, message: `${prefix}${error.message}` };
    case 'PleskTransportError':
      return { exit: e.reason === 'timeout' ? EXIT.timeout : EXIT.transport, message: `${prefix}${error.message}` };
    case 'PleskSystemError':
      return { exit: EXIT.transport, message: `${prefix}${error.message}${e.code === 1005 || e.code === 1017 ? ' (with this command: --protocol-version VERSION, or --protocol-version none for the server\'s newest)' : ''}` };
    case 'XmlDecodeError':
      return { exit: EXIT.transport, message: `${prefix}the answer does not fit the package's schema: ${error.message}${e.excerpt ? `\n  near: ${e.excerpt}` : ''}` };
  }
  // the client's checks of its options (a header that cannot carry a character, a port): nothing was sent
  if (error instanceof TypeError && error.message.startsWith('PleskClient: ')) return { exit: EXIT.usage, message: error.message.slice('PleskClient: '.length) };
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return { exit: EXIT.transport, message: `${prefix}${error.message}` };
  return { exit: EXIT.transport, message: `internal error (a bug of the command, please report it): ${error.stack ?? error.message}` };
}

/** One line per failed result: `error 1013 (result 2 of 3): Object not found.` */
export function operationErrorText(operation: string, results: readonly ResultLike[]): string {
  const failed = results.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 'error');
  const lines = failed.map(({ r, i }) => `  ${results.length > 1 ? `result ${i + 1} of ${results.length}: ` : ''}error ${typeof r.errcode === 'number' ? r.errcode : '(no code)'}${typeof r.errtext === 'string' && r.errtext !== '' ? `: ${r.errtext.replace(/\s+/g, ' ')}` : ''}`);
  return `${operation} failed${failed.length > 1 ? ` (${failed.length} of ${results.length} results)` : ''}:\n${lines.join('\n')}`;
}
