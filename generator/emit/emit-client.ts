/**
 * client.ts: the typed Plesk client of a schema set with a packet envelope.
 *
 * `PleskClient` extends the runtime's `PleskClientCore` (transport, errors, retries) with one
 * property per operator (`client.backupManager`) whose class has one method per operation
 * (`getTasksInfo(input, options)`), typed from the request and response types. Operations that
 * answer with a file get a method returning a `DownloadedFile`; the backup operator also gets
 * `waitForTask`. Nothing is emitted for a schema set without both packets.
 */
import { StructureKind, type ClassDeclarationStructure, type InterfaceDeclarationStructure, type MethodDeclarationStructure, type Project } from 'ts-morph';
import type { Unwrap } from '../../runtime/client/client-types.js';
import type { IrSchema } from '../model/ir.js';
import { PACKET_TYPE_NAMES, TASK_POLLING, packetTypes } from '../passes/apply-plesk-conventions.js';
import { camelCase, pascalCase } from '../passes/names.js';
import type { OperationInfo, OperatorInfo } from './operation-table.js';
import { createGeneratedFile, textOf } from './print.js';
import { quote } from './type-expressions.js';
import { jsDoc } from './comments.js';

/** Members of PleskClientCore an operator property must not shadow. */
const CORE_MEMBERS = new Set(['request', 'close', 'call', 'download', 'invoker', 'constructor']);

/** client.ts for the operators of {@link clientOperators}; undefined when there are none. */
export function emitClient(project: Project, ir: IrSchema, operators: OperatorInfo[]): string | undefined {
  if (operators.length === 0) return undefined;
  const file = createGeneratedFile(project, 'client.ts', ir.entries, 'The typed Plesk API client: one property per operator, one method per operation.');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namespaceImport: 'T' });
  // the packet types: declared in types.ts, or aliased in codecs.ts when the schema names them otherwise
  const packets = packetTypes(ir);
  const aliased = (['request', 'response'] as const).filter((d) => packets[d]!.tsName !== PACKET_TYPE_NAMES[d]).map((d) => `type ${PACKET_TYPE_NAMES[d]}`);
  const packetRef = (d: 'request' | 'response') => (packets[d]!.tsName === PACKET_TYPE_NAMES[d] ? `T.${PACKET_TYPE_NAMES[d]}` : PACKET_TYPE_NAMES[d]);
  file.addImportDeclaration({ moduleSpecifier: './codecs.js', namedImports: ['decodeResponsePacket', 'encodeRequestPacket', 'startDecodingResponsePacket', ...aliased] });
  file.addImportDeclaration({ moduleSpecifier: './protocol-version.js', namedImports: ['PROTOCOL_VERSION'] });
  const okResults = operators.some((op) => op.operations.some((o) => /\bOkResult</.test(o.response?.returns ?? '') || o.response?.natural?.base.startsWith('OkResult<')));
  file.addImportDeclaration({ moduleSpecifier: './runtime/client/client.js', namedImports: ['PleskClientCore', 'type CallOptions', 'type DownloadedFile', 'type Invoker', ...(okResults ? ['type OkResult'] : []), 'type PleskClientOptions'] });
  if (operators.some(hasTaskPolling)) file.addImportDeclaration({ moduleSpecifier: './runtime/client/wait-for-task.js', namedImports: ['waitForTask', 'type WaitForTaskOptions'] });
  if (usesXmlAny(operators)) file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/meta.js', namedImports: ['XmlAny'] });

  const keys = (pick: (o: OperationInfo) => boolean) => operators.flatMap((op) => op.operations.filter(pick).map((o) => quote(`${op.prop}.${o.prop}`)));
  const set = (pick: (o: OperationInfo) => boolean) => `new Set<string>([${keys(pick).join(', ')}])`;
  const codec = [
    '',
    '/** The codecs of this package, its protocol version, and which operations are reads (resent after a connection failure) or answer with a file. */',
    'const CODEC = {',
    '  protocolVersion: PROTOCOL_VERSION,',
    '  encode: encodeRequestPacket,',
    '  decode: decodeResponsePacket,',
    '  startDecoding: startDecodingResponsePacket,',
    `  reads: ${set((o) => o.read)},`,
    `  binary: ${set((o) => o.binary)},`,
    '};',
  ].join('\n');
  const classes = operators.map(operatorClass);
  const client: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    isExported: true,
    name: 'PleskClient',
    extends: `PleskClientCore<${packetRef('request')}, ${packetRef('response')}>`,
    docs: [jsDoc('A client of one Plesk server. TLS verification is on; pass `ca` to trust a self-signed certificate.\n\n@example\nconst client = new PleskClient({ host: \'plesk.example.com\', login: \'admin\', password });\nconst tasks = await client.backupManager.getTasksInfo({ taskId: \'7\' });')],
    properties: operators.map((op) => ({ name: operatorProp(op), isReadonly: true, type: className(op), ...(op.doc ? { docs: [jsDoc(op.doc)] } : {}) })),
    ctors: [{
      parameters: [{ name: 'options', type: 'PleskClientOptions' }],
      statements: ['super(options, CODEC);', 'const invoker = this.invoker();', ...operators.map((op) => `this.${operatorProp(op)} = new ${className(op)}(invoker);`)],
    }],
  };
  file.addStatements([codec, ...naturalResults(operators), ...classes, client]);
  return textOf(file);
}

function operatorProp(op: OperatorInfo): string {
  return CORE_MEMBERS.has(op.prop) ? `${op.prop}Operator` : op.prop;
}

function className(op: OperatorInfo): string {
  return `${pascalCase(op.name)}Operations`;
}

function hasTaskPolling(op: OperatorInfo): boolean {
  return op.name === TASK_POLLING.operator && op.operations.some((o) => o.name === TASK_POLLING.operation && o.response?.unwrap.k === 'list');
}

function usesXmlAny(operators: OperatorInfo[]): boolean {
  return operators.some((op) => op.operations.some((o) => /\bXmlAny\b/.test(`${o.request?.type} ${o.response?.returns}`)));
}

function operatorClass(op: OperatorInfo): ClassDeclarationStructure {
  const methods = op.operations.map((o) => operationMethod(op, o));
  if (hasTaskPolling(op)) methods.push(waitForTaskMethod(op));
  return {
    kind: StructureKind.Class,
    isExported: true,
    name: className(op),
    docs: [jsDoc(`The operations of <${op.name}>${op.doc ? `: ${op.doc}` : ''}`)],
    properties: [{ name: '#invoke', isReadonly: true, type: 'Invoker' }],
    ctors: [{ parameters: [{ name: 'invoke', type: 'Invoker' }], statements: ['this.#invoke = invoke;'], docs: [jsDoc('@internal created by PleskClient')] }],
    methods,
  };
}

function operationMethod(op: OperatorInfo, o: OperationInfo): MethodDeclarationStructure {
  const request = o.request!;
  const response = o.response!;
  const spec = `{ operator: ${quote(op.name)}, operatorProp: ${quote(op.prop)}, operation: ${quote(o.name)}, operationProp: ${quote(o.prop)}, unwrap: ${unwrapText(response.unwrap)}${o.single ? ', single: true' : ''} }`;
  const input = request.flag ? 'true' : 'input';
  const parameters = request.flag ? [] : [{ name: 'input', type: request.type, ...(request.empty !== undefined ? { initializer: request.empty } : {}) }];
  const returns = o.binary ? 'DownloadedFile' : response.returns;
  const call = o.binary ? `return this.#invoke.download(${spec}, ${input}, options);` : `return this.#invoke.call(${spec}, ${input}, options) as Promise<${returns}>;`;
  const docs = [
    o.doc,
    `Sends <${op.name}><${o.name}> alone in a packet${o.read ? ' (a read: resent after a connection failure)' : ' (never resent automatically)'}.`,
    o.binary ? 'Resolves to the file the server sends back (its body is not read yet); a failure comes back as XML and rejects.' : resolvesText(response.unwrap),
    '@throws PleskOperationError when a result is an error (it carries every result)\n@throws PleskSystemError, PleskTransportError, XmlEncodeError, XmlDecodeError',
  ].filter(Boolean).join('\n\n');
  return {
    kind: StructureKind.Method,
    name: o.prop,
    parameters: [...parameters, { name: 'options', type: 'CallOptions', hasQuestionToken: true }],
    returnType: `Promise<${returns}>`,
    docs: [jsDoc(docs)],
    statements: [call],
  };
}

function unwrapText(unwrap: Unwrap): string {
  const parts = [`k: ${quote(unwrap.k)}`];
  if ('prop' in unwrap) parts.push(`prop: ${quote(unwrap.prop)}`);
  if ('ok' in unwrap && unwrap.ok) parts.push('ok: true');
  if ('datasets' in unwrap && unwrap.datasets !== undefined) parts.push(`datasets: ${quote(unwrap.datasets)}`);
  return `{ ${parts.join(', ')} }`;
}

/**
 * The interface of each result given in its natural shape (see operation-table.ts): the result
 * without its repeated choice of datasets, and each dataset as an optional property of its own.
 */
function naturalResults(operators: OperatorInfo[]): InterfaceDeclarationStructure[] {
  return operators.flatMap((op) => op.operations.flatMap((o) => {
    const natural = o.response?.natural;
    if (!natural) return [];
    return [{
      kind: StructureKind.Interface as const,
      isExported: true,
      name: natural.name,
      extends: [`Omit<${natural.base}, ${quote(natural.prop)}>`],
      docs: [jsDoc(`<${op.name}><${o.name}>'s result as the client gives it: each dataset the request asked for (\`${natural.members[0]?.prop}\`, …) is a property of its own, instead of an entry of \`${natural.prop}\` (each comes at most once; one that came twice fails the call).`)],
      properties: natural.members.map((m) => ({ name: m.prop, type: m.type, hasQuestionToken: true, ...(m.doc ? { docs: [jsDoc(m.doc)] } : {}) })),
    }];
  }));
}

function resolvesText(unwrap: Unwrap): string {
  switch (unwrap.k) {
    case 'none': return 'Resolves when every result is ok.';
    case 'list': return `Resolves to the \`${unwrap.prop}\` entries of every result, in document order.`;
    case 'value': return `Resolves to the \`${unwrap.prop}\` of the result.`;
    case 'result': return `Resolves to the result${shapeText(unwrap)}.`;
    case 'results': return `Resolves to every result (all ok)${shapeText(unwrap)}.`;
    default: return 'Resolves to the answer as it is.';
  }
}

function shapeText(unwrap: Unwrap): string {
  const ok = 'ok' in unwrap && unwrap.ok ? ', without status, errcode and errtext (an error result throws)' : '';
  const datasets = 'datasets' in unwrap && unwrap.datasets !== undefined ? `, each dataset of \`${unwrap.datasets}\` a property of its own` : '';
  return `${ok}${datasets}`;
}

function waitForTaskMethod(op: OperatorInfo): MethodDeclarationStructure {
  const poll = op.operations.find((o) => o.name === TASK_POLLING.operation)!;
  const item = poll.response!.returns.replace(/^Array<(.*)>$/, '$1');
  const filter = camelCase(TASK_POLLING.filter);
  return {
    kind: StructureKind.Method,
    name: 'waitForTask',
    parameters: [{ name: 'taskId', type: 'string | number | bigint' }, { name: 'options', type: `WaitForTaskOptions<${item}>`, hasQuestionToken: true }],
    returnType: `Promise<${item}>`,
    docs: [jsDoc(`Polls ${TASK_POLLING.operation} for one task, with back-off, until its status is finished, failed or stopped, and resolves with the task in that state.\n\n@throws PleskTaskTimeoutError after options.timeoutMs (default 1 hour); PleskTransportError (reason aborted) when options.signal aborts; any error of a poll`)],
    statements: [`const id = String(taskId);\nreturn waitForTask(id, (signal) => this.${poll.prop}({ ${filter}: id } as ${poll.request!.type}, { signal }), options);`],
  };
}
