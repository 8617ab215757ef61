/**
 * The command line of Plesk's whole 1.6.6.0 API (its bin named after the package by default:
 * backup-manager here), and of generated/: every client method is a subcommand (the counts the
 * help lists, operator by operator, equal the client's methods), an
 * enumeration typo is answered with the nearest value before anything is sent, a flag that would
 * shadow a global one is renamed to its full path and --help says so, repeated elements and a
 * repeating choice take their flags in order.
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as backupPackage from '../generated/src/index.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { runPackageCli, type CliMain } from './helpers/package-cli.js';
import { generateFrom, sharedDir } from './helpers/project.js';

interface Loaded {
  main: CliMain;
  client: Record<string, unknown>;
}

async function wholeApi(): Promise<Loaded> {
  const dir = sharedDir('plesk-xsd');
  const { files } = generateFrom([path.join(dir, 'agent_input.xsd'), path.join(dir, 'agent_output.xsd')], path.dirname(dir), undefined, '1.6.6.0');
  const out = sharedPackageDir(files);
  const cli = (await import(pathToFileURL(path.join(out, 'src', 'cli.ts')).href)) as { main: CliMain };
  const pkg = (await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href)) as { PleskClient: new (options: object) => Record<string, unknown> & { close(): void } };
  const client = new pkg.PleskClient({ host: 'plesk.invalid', secretKey: 'unused' });
  client.close();
  return { main: cli.main, client };
}

/** The client's methods, per operator property: each operator object's own class methods but waitForTask. */
function clientMethods(client: Record<string, unknown>): number[] {
  return Object.keys(client).map((prop) => Object.getOwnPropertyNames(Object.getPrototypeOf(client[prop])).filter((m) => m !== 'constructor' && m !== 'waitForTask').length);
}

/** The subcommands the help lists: the operators of `--help`, the operations of each `<operator> --help`. */
async function subcommands(main: CliMain): Promise<number[]> {
  const top = (await runPackageCli(['--help'], { main })).stdout;
  const list = top.slice(top.indexOf('Operators ('), top.indexOf('\n\nConnection'));
  const operators = [...list.matchAll(/^ {2}(\S+) {2}/gm)].map((m) => m[1]!);
  const counts: number[] = [];
  for (const operator of operators) {
    const help = (await runPackageCli([operator, '--help'], { main })).stdout;
    counts.push([...help.slice(help.indexOf('Operations:')).matchAll(/^ {2}(\S+) {2}/gm)].length);
  }
  return counts;
}

test('every client method is a subcommand: the help lists as many operations per operator as the client has methods (generated/ and the whole API)', async (t) => {
  const backupClient = new backupPackage.PleskClient({ host: 'plesk.invalid', secretKey: 'unused' });
  backupClient.close();
  const backup = (await import('../generated/src/cli.js')) as { main: CliMain };
  t.deepEqual(await subcommands(backup.main), clientMethods(backupClient as unknown as Record<string, unknown>));
  t.deepEqual(await subcommands(backup.main), [13]);
  const whole = await wholeApi();
  const methods = clientMethods(whole.client);
  t.deepEqual(await subcommands(whole.main), methods);
  t.is(methods.reduce((a, b) => a + b, 0), 357);
});

test('an enumeration typo is refused with the nearest value, a renamed flag works, and nothing is sent', async (t) => {
  const { main } = await wholeApi();
  const typo = await runPackageCli(['dns', 'add_rec', '--site-id', '1', '--type', 'CNAM', '--add_rec.host', 'www', '--value', 'example.com.', '--host', 'plesk.example.com'], { main, env: { PLESK_SECRET_KEY: 'k' } });
  t.is(typo.code, 2);
  t.is(typo.stderr, 'backup-manager: --type: "CNAM" is not one of A, CNAME, PTR, MX, NS, TXT, SOA, AXFR, SRV, AAAA; did you mean CNAME?\nrun backup-manager dns add_rec --help for its flags\n');
  const lower = await runPackageCli(['dns', 'add_rec', '--type', 'aaaa', '--add_rec.host', 'www', '--value', '::1', '--dry-run'], { main });
  t.is(lower.stderr.split('\n')[0], 'backup-manager: --type: "aaaa" is not one of A, CNAME, PTR, MX, NS, TXT, SOA, AXFR, SRV, AAAA; did you mean AAAA?');
  const help = await runPackageCli(['dns', 'add_rec', '--help'], { main });
  t.regex(help.stdout, /\n {2}--add_rec\.host TEXT +\[required; <host> \(renamed from --host\)\]\n/);
  t.regex(help.stdout, /\nRenamed, because a global flag has the name:\n {2}--host is --add_rec\.host\n/);
  const dry = await runPackageCli(['dns', 'add_rec', '--site-id', '1', '--type', 'CNAME', '--add_rec.host', 'www', '--value', 'example.com.', '--dry-run'], { main });
  t.is(dry.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><dns><add_rec><site-id>1</site-id><type>CNAME</type><host>www</host><value>example.com.</value></add_rec></dns></packet>\n');
});

test('repeated elements take repeated flags; a repeating choice takes one entry per flag, in the order given', async (t) => {
  const { main } = await wholeApi();
  const get = await runPackageCli(['customer', 'get', '--filter.login', 'jdoe', '--filter.login', 'asmith', '--dataset.gen_info', '--dry-run'], { main });
  t.is(get.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><customer><get><filter><login>jdoe</login><login>asmith</login></filter><dataset><gen_info/></dataset></get></customer></packet>\n');
  const both = await runPackageCli(['customer', 'get', '--filter.login', 'jdoe', '--filter.id', '3', '--dry-run'], { main });
  t.is(both.stderr.split('\n')[0], 'backup-manager: --filter.id and --filter.login exclude each other (one xs:choice of filter): give only one');
  const add = await runPackageCli(['webspace', 'add', '--gen_setup.name', 'example.com', '--gen_setup.owner-id', '7', '--gen_setup.htype', 'vrt_hst', '--gen_setup.ip_address', '10.0.0.1', '--dry-run', '-o', 'json'], { main });
  t.deepEqual(JSON.parse(add.stdout), [{ genSetup: { items: [{ name: 'example.com' }, { ownerId: 7 }, { htype: 'vrt_hst' }, { ipAddress: '10.0.0.1' }] } }]);
  const empty = await runPackageCli(['customer', 'get', '--dry-run'], { main });
  t.is(empty.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.6.0"><customer><get><filter/><dataset/></get></customer></packet>\n', 'a required record that may be empty is written empty');
});
