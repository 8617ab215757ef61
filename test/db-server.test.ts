/**
 * Operators whose request is one non-repeating xs:choice (db_server: one operation per packet,
 * held directly in the operator) get their methods like the others, and the whole-API README
 * says "no client methods" only of operators that truly have none.
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { validateAgainstPlesk } from './helpers/plesk-oracle.js';
import { generateFrom, sharedDir } from './helpers/project.js';
import { standIn } from './helpers/stand-in.js';

for (const corpus of ['plesk-xsd', 'plesk-xsd-2020'] as const) {
  test(`${corpus}: db_server has get, add, set and del methods; the README's "no client methods" is exact`, (t) => {
    const dir = sharedDir(corpus);
    const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir));
    const client = files.get('src/client.ts')!;
    const dbServer = client.slice(client.indexOf('export class DbServerOperations'), client.indexOf('\n}\n', client.indexOf('export class DbServerOperations')));
    for (const method of ['get', 'add', 'set', 'del']) t.regex(dbServer, new RegExp(`^ {2}${method}\\(input: T\\.`, 'm'), method);
    t.regex(files.get('src/operations.ts')!, /^ {2}\{ operator: 'db_server', operatorProp: 'dbServer', operation: 'get', operationProp: 'get', read: true, binary: false, unwrap: \{ k: 'results', ok: true \}, answer: 'results', single: true \},$/m);
    const readme = files.get('README.md')!;
    t.regex(readme, /^### `client\.dbServer` \(`<db_server>`\)$/m);
    // every operator the README lists without methods has no operation in both packets
    for (const match of readme.matchAll(/^### `<([\w-]+)>` \(property `\w+`; no client methods: (.*)\)$/gm)) {
      const table = readme.slice(match.index!, readme.indexOf('\n### ', match.index! + 1));
      const both = table.split('\n').filter((row) => /^\| `[^`]+` \| — \| `[^`]+` \| `[^`]+` \|$/.test(row));
      t.deepEqual(both, [], `${match[1]}: ${match[2]}`);
    }
  });
}

test('client.dbServer.get against the stand-in: the request validates under agent_input.xsd, the answer decodes', async (t) => {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir), undefined, '1.6.6.0');
  const out = sharedPackageDir(files);
  const pkg = await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href);
  const server = await standIn();
  const client = new pkg.PleskClient({ host: server.host, port: server.port, login: server.login, password: server.password, ca: server.cert });
  try {
    const all = await client.dbServer.get({ filter: {} });
    t.deepEqual(all.map((r: { id: number; data: { type: string; dbNum: number } }) => [r.id, r.data.type, r.data.dbNum]), [[1, 'mysql', 4], [2, 'postgresql', 0]]);
    t.is(server.received.at(-1), '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><db_server><get><filter/></get></db_server></packet>');
    const one = await client.dbServer.get({ filter: { id: [2] } });
    t.like(one, [{ id: 2, data: { host: 'db.example.com', port: 5432 } }]);
    t.false('status' in one[0], 'an error result throws: what the client gives has no status');
    const error = await t.throwsAsync(client.dbServer.get({ filter: { id: [9] } }), { instanceOf: pkg.PleskOperationError });
    t.like(error, { code: 1013, operation: 'db_server/get' });
    // the same packet through request(): a read, and the operator holds its operation directly
    const response = await client.request({ operators: [{ dbServer: { get: { filter: { id: [1] } } } }] });
    t.is(response.operators[0].dbServer.operations[0].get.result[0].id, 1);
    const verdicts = await validateAgainstPlesk(server.received, 'agent_input.xsd');
    t.deepEqual(verdicts.flatMap((v) => v.errors), []);
    t.true(verdicts.every((v) => v.valid));
    const answers = await validateAgainstPlesk(server.responses, 'agent_output.xsd');
    t.true(answers.every((v) => v.valid), answers.flatMap((v) => v.errors).join('\n'));
  } finally {
    client.close();
    await server.close();
  }
});
