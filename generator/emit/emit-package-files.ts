/**
 * The non-code files of the generated package: README.md and .gitignore rendered from the
 * Handlebars templates in templates/ with `strict` (a missing field throws) and `noEscape` (the
 * output is not HTML), every schema-given text in them on one line (see comments.ts); package.json
 * and tsconfig.json written through JSON.stringify (emit-json-files.ts).
 */
import Handlebars from 'handlebars';
import type { IrElement, IrSchema } from '../model/ir.js';
import { clientOperators } from '../passes/analyse-operations.js';
import { printContext, printValue } from './type-expressions.js';
import { InternalError } from '../errors.js';
import { oneLine } from './comments.js';
import { packageJson, tsconfigJson } from './emit-json-files.js';
import { BANNER } from './print.js';

export interface PackageOptions {
  packageName: string;
  packageVersion: string;
  /**
   * The XML API protocol version the schemas are of (`1.6.9.0`): exported as PROTOCOL_VERSION,
   * named in the README and package.json, and sent by the client as packet/@version. Without it
   * packets go without a version and the server answers in its newest protocol.
   */
  protocolVersion?: string;
  /** the TypeScript type of unbounded integer types: number (default; a value beyond 2^53 − 1 fails to decode) or bigint */
  integers?: 'number' | 'bigint';
}

export function emitPackageFiles(ir: IrSchema, templates: Map<string, string>, options: PackageOptions): Map<string, string> {
  const callable = clientOperators(ir);
  const withClient = callable.length > 0;
  const operators = readmeOperators(ir, callable);
  const packets = ir.packets;
  const context = {
    ...options,
    protocolVersion: options.protocolVersion ?? '',
    hasProtocolVersion: options.protocolVersion !== undefined,
    sourceList: oneLine(ir.entries.join(', ')),
    operators,
    hasPackets: operators.length > 0,
    hasClient: withClient,
    hasRequestPacket: packets.request !== undefined,
    hasResponsePacket: packets.response !== undefined,
    bigIntegers: options.integers === 'bigint',
    hasBackupManager: operators.some((o) => o.element === 'backup-manager'),
    typeCount: ir.complexTypes.length,
    /** the first operation the client calls, for the README's example */
    firstOperationKey: callable[0] ? `${callable[0].clientProp}.${callable[0].calls[0]!.method}` : '',
  };
  const out = new Map<string, string>();
  out.set('package.json', packageJson({ ...options, sources: ir.entries, hasClient: withClient }));
  out.set('tsconfig.json', tsconfigJson(BANNER, ir.entries));
  for (const [name, text] of templates) {
    if (!name.endsWith('.hbs')) continue;
    try {
      out.set(name.slice(0, -4), Handlebars.compile(text, { strict: true, noEscape: true })(context));
    } catch (error) {
      throw new InternalError(`template ${name}: ${(error as Error).message}`);
    }
  }
  return out;
}

/**
 * Operators and their operations, for the README's table: `method` only for an operation the
 * client has, `returns` as the README prints it.
 */
function readmeOperators(ir: IrSchema, callable: ReturnType<typeof clientOperators>) {
  const ctx = printContext('', 'true', 'generic');
  return ir.operators.map((op) => {
    const methods = new Set(callable.find((c) => c.name === op.name)?.calls.map((o) => o.name));
    return {
      element: op.name,
      prop: op.clientProp || op.prop,
      inClient: methods.size > 0,
      noMethods: op.packets.length < 2 ? `it is only in the ${op.packets[0]} packet` : op.operations.length === 0 ? 'its content is not a choice of operations' : 'none of its operations is in both packets',
      operations: op.operations.map((o) => ({
        name: o.name,
        ...(methods.has(o.name) ? { method: o.method } : {}),
        ...(o.request ? { request: requestTypeName(o.request.element) } : {}),
        ...(o.response ? { response: o.response.answer.tsName, returns: o.binary ? 'DownloadedFile' : printValue(o.response.returns, ctx).replace(/\|/g, '\\|') } : {}),
      })),
    };
  });
}

/** The name of an operation's request type, as the README's table gives it. */
function requestTypeName(element: IrElement): string {
  return element.type.kind === 'any' ? 'XmlAny' : element.type.type.tsName;
}
