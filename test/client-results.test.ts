/**
 * What client methods resolve to, decided from the schema: a result whose status can only be ok
 * (Plesk's result_status: ok | error) comes without status, errcode and errtext (its type and its
 * value); server get's datasets, a repeated choice of distinct elements the request asks for one
 * flag each, are properties of the result (`result.genInfo`); a dataset that comes twice fails
 * the call. The packet types (decodeResponsePacket) keep everything.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { setUnknownContent, unknownContentOf } from '../runtime/codec/decode-options.js';
import { PleskTransportError } from '../runtime/client/plesk-errors.js';
import { shapeResult } from '../runtime/client/result-shape.js';
import { generateFrom, sharedDir } from './helpers/project.js';

const PLESK = sharedDir('plesk-xsd');
const ENTRIES = [path.join(PLESK, 'agent_input.xsd'), path.join(PLESK, 'agent_output.xsd')];
/** client.ts followed by operations.ts: the methods, and the rows they call through */
const clientOf = (read?: (file: string) => string | undefined) => {
  const { files } = generateFrom(ENTRIES, path.dirname(PLESK), read);
  return `${files.get('src/client.ts')!}\n${files.get('src/operations.ts')!}`;
};
const specOf = (client: string, operator: string, operation: string) => client.match(new RegExp(`operator: '${operator}', operatorProp: '\\w+', operation: '${operation}', operationProp: '\\w+', read: \\w+, binary: \\w+, unwrap: (\\{[^}]*\\})`))?.[1];
const methodOf = (client: string, name: string) => client.match(new RegExp(`^ {2}${name}\\(.*$`, 'm'))?.[0];

test('shapeResult: given a result and its shape, want the value a method gives', (t) => {
  const cases: Array<[string, Record<string, unknown>, Parameters<typeof shapeResult>[1], unknown]> = [
    ['nothing to do: the same object', { status: 'ok', id: 1 }, {}, { status: 'ok', id: 1 }],
    ['ok: the three status fields go, the others keep their order', { status: 'ok', errcode: 0, errtext: '', filterId: 'a', id: 7 }, { ok: true }, { filterId: 'a', id: 7 }],
    ['datasets: each entry a property, in document order, after what comes before them', { status: 'ok', items: [{ stat: { n: 1 } }, { genInfo: { name: 'x' } }] }, { ok: true, datasets: 'items' }, { stat: { n: 1 }, genInfo: { name: 'x' } }],
    ['datasets without ok: the status stays', { status: 'ok', items: [{ key: 'k' }] }, { datasets: 'items' }, { status: 'ok', key: 'k' }],
    ['no datasets at all: an empty result', { status: 'ok', items: [] }, { ok: true, datasets: 'items' }, {}],
  ];
  for (const [label, given, shape, want] of cases) t.deepEqual(shapeResult(given, shape, 'server/get'), want, label);
  const same = { status: 'ok' };
  t.is(shapeResult(same, {}, 'x/y'), same, 'no shape: nothing copied');
});

test('shapeResult: a dataset that comes twice fails clearly instead of keeping one; kept unknown content stays on the result', (t) => {
  const twice = { status: 'ok', items: [{ genInfo: { name: 'a' } }, { stat: {} }, { genInfo: { name: 'b' } }] };
  const error = t.throws(() => shapeResult(twice, { ok: true, datasets: 'items' }, 'server/get'), { instanceOf: PleskTransportError });
  t.is(error.reason, 'unexpected-answer');
  t.is(error.message, 'server/get: the result holds genInfo twice, where each dataset comes at most once; client.request() gives that answer as it is');
  const drifted: Record<string, unknown> = { status: 'ok', id: 1 };
  const unknown = { elements: [{ name: 'origin', xml: 'node-1', at: 0 }] };
  setUnknownContent(drifted, unknown as never);
  t.is(unknownContentOf(shapeResult(drifted, { ok: true }, 'customer/get')), unknown as never);
});

test("whole API: results of Plesk's result_status are ok-only; server get's datasets are the result's own; other operations keep their shape", (t) => {
  const client = clientOf();
  t.is(specOf(client, 'customer', 'get'), "{ k: 'results', ok: true }");
  t.is(specOf(client, 'customer', 'add'), "{ k: 'result', ok: true }");
  t.is(specOf(client, 'server', 'get'), "{ k: 'result', ok: true, datasets: 'items' }");
  t.is(specOf(client, 'backup-manager', 'get-tasks-info'), "{ k: 'list', prop: 'task' }", 'a list is unchanged');
  t.is(methodOf(client, 'getAdditionalKey'), '  getAdditionalKey(input: T.ServerGetAdditionalKeyRequest = {}, options?: CallOptions): Promise<Array<OkResult<T.GetAdditionalKeyResultType>>> {');
  t.regex(client, /^export interface ServerGetResult extends Omit<OkResult<T\.GetResultType>, 'items'> \{\n {2}key\?: T\.KeyType;\n {2}genInfo\?: T\.ServerGenInfoType;\n/m);
  t.regex(client, /^ {2}get\(input: T\.ServerGetRequest = \{\}, options\?: CallOptions\): Promise<ServerGetResult> \{$/m);
  t.is([...client.matchAll(/datasets: /g)].length, 1, 'server get is the only operation of the 2014 set with datasets');
  const types = generateFrom(ENTRIES, path.dirname(PLESK)).files.get('src/types.ts')!;
  t.regex(types, /export interface GetResultType \{\n[^}]*status: ResultStatus;[^}]*items\?: Array<GetResultTypeItem>;\n\}/, 'the packet type keeps status and items');
});

test('decided from the schema: a third status value keeps the status; a dataset the request does not name keeps the entries', (t) => {
  const edited = (file: string, from: string, to: string) => (abs: string) => {
    const text = readFileSync(abs, 'utf8');
    if (path.basename(abs) !== file) return text;
    if (!text.includes(from)) throw new Error(`${file} does not hold ${from}`);
    return text.replace(from, to);
  };
  const warning = clientOf(edited('common.xsd', '<xs:enumeration value="error"/>', '<xs:enumeration value="error"/><xs:enumeration value="warning"/>'));
  t.is(specOf(warning, 'customer', 'get'), "{ k: 'results' }", 'a status that may be warning is the caller\'s to read');
  t.regex(methodOf(warning, 'getAdditionalKey')!, /Promise<Array<T\.GetAdditionalKeyResultType>>/);
  const unasked = clientOf(edited('server_input.xsd', '<xs:element name="stat" type="NoneType" minOccurs="0">', '<xs:element name="statistics" type="NoneType" minOccurs="0">'));
  t.is(specOf(unasked, 'server', 'get'), "{ k: 'result', ok: true }", 'stat is not asked for by name: the result keeps items');
  t.false(unasked.includes('interface ServerGetResult'));
});

test('the whole-API client against its stub: values without status, server get in its natural shape, a dataset twice rejects', async (t) => {
  const { files } = generateFrom(ENTRIES, path.dirname(PLESK));
  const out = sharedPackageDir(files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  const testing = await import(pathToFileURL(path.join(out, 'src', 'testing.ts')).href);
  const genInfo = { serverName: 'plesk.example.com', serverGuid: 'guid-1' };
  let twice = false;
  const stub = await testing.createPleskStub({
    handlers: {
      customer: { get: () => [{ status: 'ok', filterId: 'jdoe', id: 7 }] },
      server: { get: () => ({ status: 'ok', items: twice ? [{ genInfo }, { genInfo }] : [{ genInfo }, { prefs: { maxConnections: 10 } }] }) },
    },
  });
  const client = new pkg.PleskClient({ host: stub.host, port: stub.port, ca: stub.ca, login: stub.login, password: stub.password });
  t.teardown(async () => {
    client.close();
    await stub.close();
  });
  t.deepEqual(await client.customer.get({ filter: { login: ['jdoe'] }, dataset: { genInfo: true } }), [{ filterId: 'jdoe', id: 7 }]);
  const info = await client.server.get({ genInfo: true, prefs: true });
  t.deepEqual(Object.keys(info), ['genInfo', 'prefs'], 'the datasets in document order, no status, no items');
  t.deepEqual(info.genInfo, genInfo);
  // the full packet keeps everything
  const response = await client.request({ operators: [{ server: { operations: [{ get: { genInfo: true } }] } }] });
  t.deepEqual(Object.keys(response.operators[0].server.operations[0].get.result), ['status', 'items']);
  twice = true;
  const error = await t.throwsAsync(client.server.get({ genInfo: true }), { instanceOf: pkg.PleskTransportError });
  t.regex(error!.message, /^server\/get: the result holds genInfo twice/);
});
