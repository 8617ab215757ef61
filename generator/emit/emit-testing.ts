/**
 * testing.ts: the `<package>/testing` entry point, `createPleskStub`, typed from the operation
 * table: one optional handler object per operator and one optional handler per operation, taking
 * that operation's decoded request and returning its result (or its whole answer, when the answer
 * is more than a result), a file for operations answered with one. A package with backup-manager
 * also gets `createPleskStandIn`: the stub playing a server with accounts, backups and a scenario
 * (runtime/testing/stand-in.ts). The server itself is the hand-written runtime/testing/; this file
 * only types it and hands it the package's codecs.
 */
import type { Project } from 'ts-morph';
import type { IrOperation, IrSchema } from '../model/ir.js';
import { clientOperators } from '../passes/analyse-operations.js';
import { TASK_POLLING } from '../passes/apply-plesk-conventions.js';
import { docBlock, jsDoc } from './comments.js';
import { createGeneratedFile, referenceNodeTypes, textOf } from './print.js';
import { printContext, printValue, quote, type PrintContext } from './type-expressions.js';

/** testing.ts for the operators the client calls (the stub answers the same operations, the rows of operations.ts). */
export function emitTesting(project: Project, ir: IrSchema): string {
  const operators = clientOperators(ir);
  const file = createGeneratedFile(project, 'testing.ts', ir.entries, 'createPleskStub: a local Plesk stand-in with typed handlers, for tests (the package\'s "./testing" entry).');
  const ctx = printContext('T.', 'true', 'generic');
  const handlers = operators.map((op) => ({
    name: op.prop,
    hasQuestionToken: true,
    docs: [jsDoc(`<${op.name}>${op.doc ? `: ${op.doc}` : ''}`)],
    type: `{\n${op.calls.map((o) => `${o.doc ? `  ${docBlock(o.doc, '  ')}\n` : ''}  ${o.prop}?: StubHandler<${printValue(o.request!.input, ctx)}, ${handlerResult(o, ctx)}, PleskStubOperation>;`).join('\n')}\n}`,
  }));
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namespaceImport: 'T' });
  file.addImportDeclaration({ moduleSpecifier: './codecs.js', namedImports: ['decodeRequestPacket', 'encodeResponsePacket'] });
  file.addImportDeclaration({ moduleSpecifier: './operations.js', namedImports: ['OPERATIONS'] });
  file.addImportDeclaration({ moduleSpecifier: './protocol-version.js', namedImports: ['OPERATOR_PROTOCOLS'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/testing/stub-server.js', namedImports: ['startStub'] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/testing/stub-types.js', namedImports: ['PleskStub', 'PleskStubOptions as StubOptions', 'StubHandler'] });
  if (ctx.uses.has('StubFile')) file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/testing/stub-answers.js', namedImports: ['StubFile'] });
  if (ctx.uses.has('XmlAny')) file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/codec/meta.js', namedImports: ['XmlAny'] });
  file.addExportDeclaration({ moduleSpecifier: './runtime/testing/stub-answers.js', namedExports: ['StubFile', 'StubOperationError', 'stubFile', 'stubOperationError'] });
  file.addExportDeclaration({ moduleSpecifier: './runtime/testing/certificate.js', namedExports: ['createStubCertificate'] });
  file.addExportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/testing/stub-types.js', namedExports: ['PleskStub', 'StubCall', 'StubCredentials', 'StubFault', 'StubFaultOptions', 'StubHandler', 'StubIncoming', 'StubRequest', 'StubUpload'] });

  const keys = operators.flatMap((op) => op.calls.map((o) => quote(`${op.prop}.${o.prop}`)));
  file.addTypeAlias({ isExported: true, name: 'PleskStubOperation', docs: [jsDoc('`operator.operation` of every operation the stub answers, as `calls[i].key` and `fail(…, { operation })` name them.')], type: keys.join(' | ') || 'never' });
  file.addInterface({
    isExported: true,
    name: 'PleskStubHandlers',
    docs: [jsDoc('The handlers of a stub: per operator, per operation, a function from the decoded request to the result. Throw `stubOperationError(code, text)` for an error result.')],
    properties: handlers,
  });
  const upload = ir.upload ? `{ prop: ${quote(ir.upload.prop)}, many: ${ir.upload.many} }` : 'undefined';
  file.addStatements(['', docBlock('What the stub needs of this package: its codecs, operations, upload answer and operator protocols.', ''), `const CODEC = { decodeRequest: decodeRequestPacket, encodeResponse: encodeResponsePacket, operations: OPERATIONS, upload: ${upload}, operatorProtocols: OPERATOR_PROTOCOLS };`]);
  file.addTypeAlias({ isExported: true, name: 'PleskStubOptions', docs: [jsDoc('Options of createPleskStub: the handlers, the credentials it accepts, TLS, versions, faults.')], type: 'StubOptions<PleskStubHandlers, PleskStubOperation>' });
  if (operators.some((op) => op.name === TASK_POLLING.operator)) {
    file.addImportDeclaration({ moduleSpecifier: './runtime/testing/stand-in.js', namedImports: ['startStandIn'] });
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/testing/stand-in-types.js', namedImports: ['PleskStandIn', 'StandInOptions'] });
    file.addExportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/testing/stand-in-types.js', namedExports: ['PleskStandIn', 'StandInBackup', 'StandInCustomer', 'StandInScenario', 'StandInTask', 'StandInWebspace'] });
    file.addTypeAlias({ isExported: true, name: 'PleskStandInOptions', docs: [jsDoc('Options of createPleskStandIn: those of createPleskStub (handlers given here replace the stand-in\'s own), its accounts, and the scenario it plays.')], type: 'StandInOptions<PleskStubHandlers, PleskStubOperation>' });
    file.addFunction({
      isExported: true,
      name: 'createPleskStandIn',
      parameters: [{ name: 'options', type: 'PleskStandInOptions', initializer: '{}' }],
      returnType: 'Promise<PleskStandIn<PleskStubOperation>>',
      docs: [jsDoc('Starts the stub as a Plesk server with accounts and backups: subscriptions and customers (webspace/get, customer/get, when the package has them), backup tasks that run and finish (get-tasks-info), local repositories (list, download, remove), uploads and import-file; and a scenario: owners whose backups fail or stall, slow downloads, an upload limit. What it holds: `standIn.tasks`, `standIn.backups`, `standIn.uploads`.\n\n@example\nconst standIn = await createPleskStandIn({ scenario: { failing: [\'shop.example.com\'] } });\nconst client = new PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: standIn.password });')],
      statements: 'return startStandIn(options, CODEC);',
    });
  }
  file.addFunction({
    isExported: true,
    name: 'createPleskStub',
    parameters: [{ name: 'options', type: 'PleskStubOptions', initializer: '{}' }],
    returnType: 'Promise<PleskStub<PleskStubOperation>>',
    docs: [jsDoc('Starts a stand-in Plesk server on 127.0.0.1 (HTTPS with a certificate made now: pass `stub.ca` to the client) speaking the agent protocol with this package\'s codecs. Close it with `await stub.close()`.\n\n@example\nconst stub = await createPleskStub({ handlers: { … } });\nconst client = new PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password });')],
    statements: 'return startStub(options, CODEC);',
  });
  referenceNodeTypes(file);
  return textOf(file);
}

/** What an operation's handler returns: its result (one or several), or its whole answer; a file too for file operations. */
function handlerResult(o: IrOperation, ctx: PrintContext): string {
  const response = o.response!;
  const result = response.unwrap.k === 'answer' ? undefined : response.result;
  const one = (t: IrOperation['response']) => printValue({ k: 'type', type: t!.result!.type }, ctx);
  const value = !result ? printValue({ k: 'type', type: response.answer }, ctx) : result.many ? `${one(response)} | Array<${one(response)}>` : one(response);
  if (!o.binary) return value;
  ctx.uses.add('StubFile');
  return `${value} | StubFile`;
}
