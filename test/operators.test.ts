/**
 * A package for chosen operators of the server's own schema folder (the package option
 * `operators`): from Plesk's whole-API entry schemas (../shared/plesk-xsd, protocol 1.6.6.0) with
 * `operators: ["backup-manager"]`, the package has PleskClient with the backup-manager methods,
 * `waitForTask`, `uploadFile`, the stub and the stand-in, and nothing of the other operators; its
 * size beside the whole API's (lines counted, never timed). The option as a config key, a
 * repeatable flag and an API option, its errors, and the notice for an operator file given alone.
 */
import test from 'ava';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate as generateApi } from '../generator/api.js';
import { resolveGenerateArgs } from '../generator/cli-args.js';
import { checkConfig } from '../generator/config/config-file.js';
import { ConfigError } from '../generator/config/config-error.js';
import { SchemaError, UsageError } from '../generator/errors.js';
import { runCli, tempDir } from './helpers/cli.js';
import { DEFAULT_ENTRIES, generateFrom, ROOT, sharedDir } from './helpers/project.js';

const PLESK = sharedDir('plesk-xsd');
const ENTRIES = [path.join(PLESK, 'agent_input.xsd'), path.join(PLESK, 'agent_output.xsd')];
const backupOnly = () => generateFrom(ENTRIES, PLESK, undefined, { protocolVersion: '1.6.6.0', operators: ['backup-manager'] });
const whole = () => generateFrom(ENTRIES, PLESK, undefined, { protocolVersion: '1.6.6.0' });
const lines = (files: Map<string, string>) => [...files.values()].reduce((n, text) => n + text.split('\n').length - 1, 0);

test('operators: ["backup-manager"] of the 1.6.6.0 folder: PleskClient with the 13 backup-manager methods, waitForTask, uploadFile, ./testing, and no other operator', (t) => {
  const { files, ir } = backupOnly();
  t.deepEqual(ir.operators.map((o) => o.name), ['backup-manager', 'upload'], 'upload: the answer import-file needs, kept beside it');
  const client = files.get('src/client.ts')!;
  t.regex(client, /^export class PleskClient extends PleskClientCore<T\.RequestPacket, T\.ResponsePacket> \{$/m);
  t.deepEqual([...client.matchAll(/^ {2}readonly (\w+): \w+Operations;$/gm)].map((m) => m[1]), ['backupManager'], 'one operator property');
  const methods = [...client.matchAll(/^ {2}(\w+)\((?:input|options)[^)]*\): Promise<[^>]+>* \{$/gm)].map((m) => m[1]);
  t.deepEqual(methods.sort(), ['backupCustomer', 'backupReseller', 'backupServer', 'backupWebspace', 'downloadFile', 'getLocalBackupList', 'getRemoteStorageSettings', 'getSupportedProtocols', 'getTasksInfo', 'importFile', 'removeFile', 'setRemoteStorageSettings', 'stopBackup'].sort());
  t.true(client.includes('  waitForTask(taskId: string | number | bigint, options?: WaitForTaskOptions<'));
  t.true(client.includes('  uploadFile(source: UploadSource, options: UploadOptions = {}): Promise<UploadedFile> {'));
  t.is((files.get('src/operations.ts')!.match(/^ {2}\{ operator: 'backup-manager'/gm) ?? []).length, 13);
  t.false(files.get('src/operations.ts')!.includes("operator: 'customer'"));
  const testing = files.get('src/testing.ts')!;
  t.true(testing.includes('export function createPleskStub(') && testing.includes('export function createPleskStandIn('));
  const types = files.get('src/types.ts')!;
  t.true(types.includes('export type BackupGetBackupStatusOutputResultTask = {'));
  t.true(types.includes('export interface UploadOutputResultType'));
  t.false(types.includes('export interface DomainGenInfoType'), 'a webspace type is not there');
  t.false(types.includes('ClientTypeRequest'), 'nor a customer type');
  t.regex(files.get('src/protocol-version.ts')!, /^ {2}\{ operator: 'backup-manager', documented: \['1\.5\.2\.0', '1\.6\.9\.0'\], absentFrom: '1\.6\.9\.1' \},$/m);
  const readme = files.get('README.md')!;
  t.true(readme.includes('**Operators: backup-manager** (the package option `operators`)'));
  t.true(readme.includes('Protocols: `<backup-manager>` is documented for XML API protocols 1.5.2.0 – 1.6.9.0 and absent from 1.6.9.1 on (this package is of 1.6.6.0).'));
  t.true(client.includes('   * Protocols: documented for XML API protocols 1.5.2.0 – 1.6.9.0 and absent from 1.6.9.1 on.'), 'each method says it');
});

test('its size beside the whole API\'s: generated lines and files (counted, not timed)', (t) => {
  const small = backupOnly().files;
  const all = whole().files;
  const types = (files: Map<string, string>) => (files.get('src/types.ts')!.match(/^export (?:interface|type) /gm) ?? []).length;
  // the TypeScript the generator writes for the schemas (src/, without the runtime it copies; dist/ is that compiled)
  const generated = (files: Map<string, string>) => new Map([...files].filter(([name]) => name.startsWith('src/') && !name.startsWith('src/runtime/')));
  t.log(`operators ["backup-manager"]: ${lines(generated(small))} generated lines (${lines(small)} with the runtime and dist/), ${types(small)} types; whole API: ${lines(generated(all))} generated lines (${lines(all)} with the runtime and dist/), ${types(all)} types`);
  t.true(lines(generated(small)) * 10 < lines(generated(all)), `${lines(generated(small))} generated lines is under a tenth of ${lines(generated(all))}`);
  t.true(lines(small) * 4 < lines(all), 'everything included: the runtime copied in, dist/');
  t.true(types(small) * 10 < types(all));
  const generatedOwn = [...small.keys()].filter((f) => !f.startsWith('src/runtime/'));
  t.true(generatedOwn.every((f) => all.has(f)), 'the same files, smaller');
});

test('the project\'s own schemas with operators: the same client, stub and codecs; only types nothing reaches are dropped', (t) => {
  const selected = generateFrom(DEFAULT_ENTRIES, undefined, undefined, { operators: ['backup-manager'] });
  const all = generateFrom(DEFAULT_ENTRIES);
  for (const file of ['src/client.ts', 'src/operations.ts', 'src/testing.ts', 'src/codecs.ts']) t.is(selected.files.get(file), all.files.get(file), file);
  const names = (ir: typeof all.ir) => [...ir.complexTypes, ...ir.simpleTypes].map((type) => type.tsName);
  t.deepEqual(names(all.ir).filter((n) => !names(selected.ir).includes(n)), ['Long', 'UnsignedLong', 'Text'], "common.xsd's simple types no element uses");
});

test('an operator the envelope does not declare, and operators without an envelope, are schema errors with the fix', (t) => {
  const unknown = t.throws(() => generateFrom(ENTRIES, PLESK, undefined, { operators: ['backup-managr'] }), { instanceOf: SchemaError });
  t.is(unknown.code, 'unknown-operator');
  t.is(unknown.line, 66);
  t.regex(unknown.message, /^agent_input\.xsd:66:7 \(xs:schema\/xs:element\[@name=packet\]\/xs:complexType\/xs:complexContent\/xs:extension\/xs:sequence\/xs:choice\): the packet declares no operator <backup-managr>\n {2}fix: did you mean backup-manager\? choose among the operators these schemas declare: aps, backup-manager, business-logic-upgrade, /);
  const alone = t.throws(() => generateFrom([path.join(PLESK, 'backup.xsd')], PLESK, undefined, { operators: ['backup-manager'] }), { instanceOf: SchemaError });
  t.is(alone.message, "backup.xsd: operators (backup-manager) chooses operators of Plesk's packet envelope, and these schemas declare no <packet>\n  fix: give the envelope schemas of the same folder as the entry schemas, agent_input.xsd and agent_output.xsd (they include backup.xsd), with the same operators");
});

test('the option: "operators" in the config file, --operator on the command line (repeatable), operators in the API; bad values are config errors', async (t) => {
  const [spec] = checkConfig({ packages: [{ xsd: ENTRIES, out: 'out', operators: ['backup-manager', 'webspace'] }] }, ROOT, 'plesk-codegen.config.json');
  t.deepEqual(spec!.operators, ['backup-manager', 'webspace']);
  const flags = resolveGenerateArgs({ xsd: ENTRIES, out: 'out', operator: ['backup-manager', 'customer'] }, ROOT);
  t.deepEqual(flags.packages[0]!.operators, ['backup-manager', 'customer']);
  t.is(resolveGenerateArgs({ xsd: ENTRIES, out: 'out' }, ROOT).packages[0]!.operators, undefined, 'default: every operator');
  for (const [operators, problem] of [[[], 'must list at least one operator'], ['backup-manager', 'must be an array of operator names'], [['backup-manager', 'backup-manager'], 'names backup-manager twice'], [['<x>'], '"<x>" is not an operator\'s element name']] as const) {
    const error = t.throws(() => checkConfig({ packages: [{ xsd: ENTRIES, out: 'out', operators }] }, ROOT, 'plesk-codegen.config.json'), { instanceOf: ConfigError });
    t.is(error.message, `plesk-codegen.config.json: packages[0].operators: ${problem}\n  fix: give the operators' element names, as the packet has them: ["backup-manager", "webspace"]`);
  }
  t.throws(() => resolveGenerateArgs({ operator: ['backup-manager'] }, ROOT), { instanceOf: UsageError, message: '--operator needs --xsd or --set: without them the packages come from the config file, which sets "operators" per package' });
  const cwd = tempDir('operators-api');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const report = await generateApi({ xsd: ENTRIES, out: path.join(cwd, 'plesk-backup'), operators: ['backup-manager'], protocolVersion: '1.6.6.0' });
  t.true(report.files.includes('src/client.ts'));
  t.is(readFileSync(path.join(cwd, 'plesk-backup', 'src', 'operations.ts'), 'utf8'), backupOnly().files.get('src/operations.ts')!);
});

test('the command with --operator writes the small package; an unknown operator is exit 1 with nothing written', async (t) => {
  const cwd = tempDir('operators-cli');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const args = ['--xsd', ENTRIES[0]!, '--xsd', ENTRIES[1]!, '--protocol-version', '1.6.6.0', '--out', 'out', '--package-name', 'plesk-backup'];
  const run = await runCli([...args, '--operator', 'backup-manager'], cwd);
  t.is(run.code, 0, run.stderr);
  t.true(existsSync(path.join(cwd, 'out', 'src', 'testing.ts')));
  const bad = await runCli([...args, '--out', 'other', '--operator', 'nope'], cwd);
  t.is(bad.code, 2, 'given twice: a usage error first');
  const wrong = await runCli(['--xsd', ENTRIES[0]!, '--xsd', ENTRIES[1]!, '--out', 'other', '--operator', 'nope'], cwd);
  t.is(wrong.code, 1);
  t.regex(wrong.stderr, /the packet declares no operator <nope>\n {2}fix: choose among the operators these schemas declare: aps, /);
  t.false(existsSync(path.join(cwd, 'other')));
});

test('an operator file given alone: codecs only, and a notice on stderr saying why and the exact config that gives a client', async (t) => {
  const cwd = tempDir('operator-file');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  cpSync(PLESK, path.join(cwd, 'schemas', 'plesk'), { recursive: true });
  const run = await runCli(['--xsd', 'schemas/plesk/backup.xsd', '--out', 'packages/plesk-backup', '--protocol-version', '1.6.6.0'], cwd);
  t.is(run.code, 0, run.stderr);
  const notice = run.stderr.split('\n').filter((l) => l.startsWith('notice: ') || l.startsWith('  {') || l.startsWith('(on the command line'));
  t.deepEqual(notice, [
    "notice: backup.xsd declares no Plesk packet envelope (no global <packet>), so this package has codecs only (encodeType, decodeType): no PleskClient, no ./testing stub, no waitForTask. The envelope is in agent_input.xsd and agent_output.xsd beside it, which include it; for a client of <backup-manager> alone, generate this package instead:",
    '  { "xsd": ["schemas/plesk/agent_input.xsd", "schemas/plesk/agent_output.xsd"], "operators": ["backup-manager"], "out": "packages/plesk-backup", "packageName": "plesk-backup", "protocolVersion": "1.6.6.0" }',
    '(on the command line: --xsd schemas/plesk/agent_input.xsd --xsd schemas/plesk/agent_output.xsd --operator backup-manager)',
  ]);
  t.false(existsSync(path.join(cwd, 'packages', 'plesk-backup', 'src', 'client.ts')));
  // the config the notice gives, as it is, gives a client
  const config = JSON.parse(notice[1]!.trim()) as Record<string, unknown>;
  const follow = await runCli([...(config.xsd as string[]).flatMap((x) => ['--xsd', x]), '--operator', 'backup-manager', '--out', 'packages/plesk-backup', '--protocol-version', '1.6.6.0'], cwd);
  t.is(follow.code, 0, follow.stderr);
  t.false(follow.stderr.includes('notice: backup.xsd'));
  t.true(existsSync(path.join(cwd, 'packages', 'plesk-backup', 'src', 'client.ts')));
  // a schema of another API altogether gets no such notice
  writeFileSync(path.join(cwd, 'note.xsd'), '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:complexType name="NoteType"><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:schema>\n');
  const other = await runCli(['--xsd', 'note.xsd', '--out', 'note'], cwd);
  t.is(other.code, 0, other.stderr);
  t.false(other.stderr.includes('notice:'));
});
