/**
 * client.ts: the typed Plesk client of a schema set with a packet envelope.
 *
 * `PleskClient` extends the runtime's `PleskClientCore` (transport, errors, retries) with one
 * property per operator (`client.backupManager`) whose class has one method per operation
 * (`getTasksInfo(input, options)`), typed from the request and response types; each method calls
 * through its row of operations.ts. Operations that answer with a file get a method returning a
 * `DownloadedFile`; the backup operator also gets `waitForTask`. Every name here was decided by
 * the passes (name-client.ts): this file only prints.
 */
import { StructureKind, type ClassDeclarationStructure, type InterfaceDeclarationStructure, type MethodDeclarationStructure, type Project } from 'ts-morph';
import type { Unwrap } from '../../runtime/client/client-types.js';
import type { IrOperation, IrOperator, IrSchema } from '../model/ir.js';
import { clientOperators } from '../passes/analyse-operations.js';
import { PACKET_TYPE_NAMES, TASK_POLLING } from '../passes/apply-plesk-conventions.js';
import { camelCase } from '../passes/names.js';
import { docBlock, jsDoc } from './comments.js';
import { createGeneratedFile, textOf } from './print.js';
import { printContext, printValue, type PrintContext } from './type-expressions.js';

type Callable = IrOperator & { calls: IrOperation[] };

/** client.ts; undefined for a schema set without both packets (or without operations). */
export function emitClient(project: Project, ir: IrSchema, rows: Map<IrOperation, number>): string | undefined {
  const operators = clientOperators(ir);
  if (operators.length === 0) return undefined;
  const file = createGeneratedFile(project, 'client.ts', ir.entries, 'The typed Plesk API client: one property per operator, one method per operation.');
  const ctx = printContext('T.', 'true', 'generic');
  const classes = operators.map((op) => operatorClass(op, rows, ctx));
  const naturals = naturalResults(operators, ctx);

  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namespaceImport: 'T' });
  // the packet types: declared in types.ts, or aliased in codecs.ts when the schema names them otherwise
  const packets = ir.packets as Required<IrSchema['packets']>;
  const aliased = (['request', 'response'] as const).filter((d) => packets[d].tsName !== PACKET_TYPE_NAMES[d]).map((d) => `type ${PACKET_TYPE_NAMES[d]}`);
  const packetRef = (d: 'request' | 'response') => (packets[d].tsName === PACKET_TYPE_NAMES[d] ? `T.${PACKET_TYPE_NAMES[d]}` : PACKET_TYPE_NAMES[d]);
  file.addImportDeclaration({ moduleSpecifier: './codecs.js', namedImports: ['decodeResponsePacket', 'encodeRequestPacket', 'startDecodingResponsePacket', ...aliased] });
  file.addImportDeclaration({ moduleSpecifier: './operations.js', namedImports: ['OPERATIONS'] });
  file.addImportDeclaration({ moduleSpecifier: './protocol-version.js', namedImports: ['PROTOCOL_VERSION'] });
  const fromClient = ['type CallOptions', 'type DownloadedFile', 'type Invoker', ...(ctx.uses.has('OkResult') ? ['type OkResult'] : []), 'type PleskClientOptions'];
  file.addImportDeclaration({ moduleSpecifier: './runtime/client/client.js', namedImports: ['PleskClientCore', ...fromClient] });
  if (operators.some((op) => op.taskPolling)) file.addImportDeclaration({ moduleSpecifier: './runtime/client/wait-for-task.js', namedImports: ['waitForTask', 'type WaitForTaskOptions'] });
  if (ctx.uses.has('XmlAny')) file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/meta.js', namedImports: ['XmlAny'] });

  const codec = [
    '',
    docBlock('The codecs of this package, its protocol version, and its operations.', ''),
    'const CODEC = {',
    '  protocolVersion: PROTOCOL_VERSION,',
    '  encode: encodeRequestPacket,',
    '  decode: decodeResponsePacket,',
    '  startDecoding: startDecodingResponsePacket,',
    '  operations: OPERATIONS,',
    '};',
  ].join('\n');
  const client: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    isExported: true,
    name: 'PleskClient',
    extends: `PleskClientCore<${packetRef('request')}, ${packetRef('response')}>`,
    docs: [jsDoc(clientDoc(operators))],
    properties: operators.map((op) => ({ name: op.clientProp, isReadonly: true, type: op.className, ...(op.doc ? { docs: [jsDoc(op.doc)] } : {}) })),
    ctors: [{
      parameters: [{ name: 'options', type: 'PleskClientOptions' }],
      statements: ['super(options, CODEC);', 'const invoker = this.invoker();', ...operators.map((op) => `this.${op.clientProp} = new ${op.className}(invoker);`)],
    }],
  };
  file.addStatements([codec, ...naturals, ...classes, client]);
  return textOf(file);
}

/** The client's doc, with an example that calls the package's first operation (`getTasksInfo` where there is one). */
function clientDoc(operators: Callable[]): string {
  const poll = operators.find((op) => op.taskPolling);
  const example = poll ? `const tasks = await client.${poll.clientProp}.${poll.taskPolling!.method}({ taskId: '7' });` : `const answer = await client.${operators[0]!.clientProp}.${operators[0]!.calls[0]!.method}(…);`;
  return `A client of one Plesk server. TLS verification is on; pass \`ca\` to trust a self-signed certificate.\n\n@example\nconst client = new PleskClient({ host: 'plesk.example.com', login: 'admin', password });\n${example}`;
}

function operatorClass(op: Callable, rows: Map<IrOperation, number>, ctx: PrintContext): ClassDeclarationStructure {
  const methods = op.calls.map((o) => operationMethod(op, o, rows.get(o)!, ctx));
  if (op.taskPolling) methods.push(waitForTaskMethod(op.taskPolling, ctx));
  return {
    kind: StructureKind.Class,
    isExported: true,
    name: op.className,
    docs: [jsDoc(`The operations of <${op.name}>${op.doc ? `: ${op.doc}` : ''}`)],
    properties: [{ name: '#invoke', isReadonly: true, type: 'Invoker' }],
    ctors: [{ parameters: [{ name: 'invoke', type: 'Invoker' }], statements: ['this.#invoke = invoke;'], docs: [jsDoc('@internal created by PleskClient')] }],
    methods,
  };
}

function operationMethod(op: IrOperator, o: IrOperation, row: number, ctx: PrintContext): MethodDeclarationStructure {
  const request = o.request!;
  const response = o.response!;
  const spec = `OPERATIONS[${row}]!`;
  const input = request.flag ? 'true' : 'input';
  const parameters = request.flag ? [] : [{ name: 'input', type: printValue(request.input, ctx), ...(request.empty !== undefined ? { initializer: request.empty } : {}) }];
  const returns = o.binary ? 'DownloadedFile' : printValue(response.returns, ctx);
  const call = o.binary ? `return this.#invoke.download(${spec}, ${input}, options);` : `return this.#invoke.call(${spec}, ${input}, options) as Promise<${returns}>;`;
  const doc = [
    o.doc,
    `Sends <${op.name}><${o.name}> alone in a packet${o.read ? ' (a read: resent after a connection failure)' : ' (never resent automatically)'}.`,
    o.binary ? 'Resolves to the file the server sends back (its body is not read yet); a failure comes back as XML and rejects.' : resolvesText(response.unwrap),
    '@throws PleskOperationError when a result is an error (it carries every result)\n@throws PleskSystemError, PleskTransportError, XmlEncodeError, XmlDecodeError',
  ];
  return {
    kind: StructureKind.Method,
    name: o.method,
    parameters: [...parameters, { name: 'options', type: 'CallOptions', hasQuestionToken: true }],
    returnType: `Promise<${returns}>`,
    docs: [jsDoc(...doc)],
    statements: [call],
  };
}

/**
 * The interface of each result given in its natural shape (see analyse-operations.ts): the result
 * without its repeated choice of datasets, and each dataset as an optional property of its own.
 */
function naturalResults(operators: Callable[], ctx: PrintContext): InterfaceDeclarationStructure[] {
  return operators.flatMap((op) => op.calls.flatMap((o) => {
    const natural = o.response?.natural;
    if (!natural) return [];
    return [{
      kind: StructureKind.Interface as const,
      isExported: true,
      name: natural.name,
      extends: [`Omit<${printValue(natural.base, ctx)}, '${natural.prop}'>`],
      docs: [jsDoc(`<${op.name}><${o.name}>'s result as the client gives it: each dataset the request asked for (\`${natural.members[0]?.prop}\`, …) is a property of its own, instead of an entry of \`${natural.prop}\` (each comes at most once; one that came twice fails the call).`)],
      properties: natural.members.map((m) => ({ name: m.prop, type: printValue(m.type, ctx), hasQuestionToken: true, ...(m.doc ? { docs: [jsDoc(m.doc)] } : {}) })),
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

function waitForTaskMethod(poll: IrOperation, ctx: PrintContext): MethodDeclarationStructure {
  const returns = poll.response!.returns;
  const item = printValue(returns.k === 'array' ? returns.of : returns, ctx);
  const filter = camelCase(TASK_POLLING.filter);
  return {
    kind: StructureKind.Method,
    name: 'waitForTask',
    parameters: [{ name: 'taskId', type: 'string | number | bigint' }, { name: 'options', type: `WaitForTaskOptions<${item}>`, hasQuestionToken: true }],
    returnType: `Promise<${item}>`,
    docs: [jsDoc(`Polls ${TASK_POLLING.operation} for one task, with back-off, until its status is finished, failed or stopped, and resolves with the task in that state.`, '@throws PleskTaskTimeoutError after options.timeoutMs (default 1 hour); PleskTransportError (reason aborted) when options.signal aborts; any error of a poll')],
    statements: [`const id = String(taskId);\nreturn waitForTask(id, (signal) => this.${poll.method}({ ${filter}: id } as ${printValue(poll.request!.input, ctx)}, { signal }), options);`],
  };
}
