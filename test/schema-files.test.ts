/**
 * Schema files are read as regular files only: an include of a device, a FIFO, a socket, a folder,
 * a file too large or one that cannot be read is a SchemaError naming the including file and line
 * and the reason, and never hangs; an include outside the entry schema's folder (by path or
 * through a symbolic link) is refused before the file is touched unless allowOutsideIncludes says
 * otherwise; Plesk's schemas and the project's need no such option.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { SchemaError } from '../generator/errors.js';
import { MAX_SCHEMA_BYTES } from '../generator/limits.js';
import { loadSchemaSets } from '../generator/load/load-schemas.js';
import { tempDir } from './helpers/cli.js';
import { ROOT, sharedDir } from './helpers/project.js';

const schema = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
const OUTSIDE_FIX = 'allow includes outside it with allowOutsideIncludes: true in the config file or the API (--allow-outside-includes on the command line)';
const REGULAR_ONLY = 'name a schema file in schemaLocation: plesk-codegen reads regular files only';

/** A folder with schemas/main.xsd including `location`; returns the folder and main.xsd's path. */
function including(t: { teardown: (f: () => void) => void }, location: string): { dir: string; schemas: string; main: string } {
  const dir = tempDir('schema-files');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const schemas = path.join(dir, 'schemas');
  mkdirSync(schemas);
  const main = path.join(schemas, 'main.xsd');
  writeFileSync(main, schema(`  <xs:include schemaLocation="${location}"/>\n  <xs:element name="a" type="xs:string"/>`));
  return { dir, schemas, main };
}

const loadError = (main: string, allowOutsideIncludes = false) => {
  try {
    loadSchemaSets([main], { allowOutsideIncludes });
  } catch (error) {
    if (error instanceof SchemaError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the schemas loaded');
};

test('an include of /dev/zero is refused as outside the folder, and with allowOutsideIncludes as a device; it is never read', (t) => {
  t.timeout(20_000); // reading /dev/zero would never end
  const { schemas, main } = including(t, '/dev/zero');
  t.deepEqual(loadError(main), {
    code: 'include-outside',
    message: `main.xsd:3:3 (xs:schema/xs:include): the schema "/dev/zero" it includes is outside the entry schema's folder: /dev/zero is not in ${schemas}; a schema can name any file, so plesk-codegen follows includes and imports only inside that folder unless told otherwise\n  fix: move the schema into ${schemas}, or, if you trust these schemas, ${OUTSIDE_FIX}`,
  });
  t.deepEqual(loadError(main, true), {
    code: 'file-unreadable',
    message: `main.xsd:3:3 (xs:schema/xs:include): the schema "/dev/zero" it includes is a device, not a regular file (/dev/zero)\n  fix: ${REGULAR_ONLY}`,
  });
});

test('a symbolic link in the folder that leads outside it (to /dev/zero, or to a folder where the file does not exist) is refused as outside the folder', (t) => {
  t.timeout(20_000);
  const { dir, schemas, main } = including(t, 'zero.xsd');
  symlinkSync('/dev/zero', path.join(schemas, 'zero.xsd'));
  const outside = (location: string, leads: string) => `main.xsd:3:3 (xs:schema/xs:include): the schema "${location}" it includes is outside the entry schema's folder: ${schemas}/${location}, which leads to ${leads} is not in ${schemas}; a schema can name any file, so plesk-codegen follows includes and imports only inside that folder unless told otherwise\n  fix: move the schema into ${schemas}, or, if you trust these schemas, ${OUTSIDE_FIX}`;
  t.deepEqual(loadError(main), { code: 'include-outside', message: outside('zero.xsd', '/dev/zero') });
  symlinkSync('..', path.join(schemas, 'up'));
  writeFileSync(main, schema('  <xs:include schemaLocation="up/missing.xsd"/>'));
  t.deepEqual(loadError(main), { code: 'include-outside', message: outside('up/missing.xsd', `${dir}/missing.xsd`) }, 'whether the file exists is not told');
});

test('an include of a FIFO in the folder fails at once with its reason: it is never opened for reading', (t) => {
  t.timeout(20_000); // opening a FIFO for reading would wait for a writer forever
  const { schemas, main } = including(t, 'pipe.xsd');
  execFileSync('mkfifo', [path.join(schemas, 'pipe.xsd')]);
  t.deepEqual(loadError(main), {
    code: 'file-unreadable',
    message: `main.xsd:3:3 (xs:schema/xs:include): the schema "pipe.xsd" it includes is a named pipe (FIFO), not a regular file (${schemas}/pipe.xsd)\n  fix: ${REGULAR_ONLY}`,
  });
});

test('an include of a socket fails with its reason', async (t) => {
  const { schemas, main } = including(t, 'socket.xsd');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path.join(schemas, 'socket.xsd'), resolve));
  t.teardown(() => server.close());
  t.deepEqual(loadError(main), {
    code: 'file-unreadable',
    message: `main.xsd:3:3 (xs:schema/xs:include): the schema "socket.xsd" it includes is a socket, not a regular file (${schemas}/socket.xsd)\n  fix: ${REGULAR_ONLY}`,
  });
});

test('an include of a folder fails with its reason', (t) => {
  const { schemas, main } = including(t, 'common');
  mkdirSync(path.join(schemas, 'common'));
  t.deepEqual(loadError(main), {
    code: 'file-unreadable',
    message: `main.xsd:3:3 (xs:schema/xs:include): the schema "common" it includes is a folder, not a file (${schemas}/common)\n  fix: name the .xsd file inside the folder in schemaLocation`,
  });
});

test('an include (or an entry schema) larger than the limit fails with its size, unread', (t) => {
  const { schemas, main } = including(t, 'big.xsd');
  writeFileSync(path.join(schemas, 'big.xsd'), '');
  truncateSync(path.join(schemas, 'big.xsd'), MAX_SCHEMA_BYTES + 1); // sparse: no disk used
  t.deepEqual(loadError(main), {
    code: 'file-unreadable',
    message: `main.xsd:3:3 (xs:schema/xs:include): the schema "big.xsd" it includes is larger than 8 MiB (8,388,609 bytes), the most plesk-codegen reads (${schemas}/big.xsd)\n  fix: check that schemaLocation names the schema you mean: plesk-codegen reads schema files of up to 8 MiB (Plesk's largest is 35 KB)`,
  });
  t.deepEqual(loadError(path.join(schemas, 'big.xsd')), {
    code: 'file-unreadable',
    message: "big.xsd: the schema file is larger than 8 MiB (8,388,609 bytes), the most plesk-codegen reads\n  fix: check that the path names the schema you mean: plesk-codegen reads schema files of up to 8 MiB (Plesk's largest is 35 KB)",
  }, 'as an entry schema');
});

test('an include of a file that cannot be read fails with "permission denied"', (t) => {
  const permission = (location: string) => `main.xsd:3:3 (xs:schema/xs:include): the schema "${location}" it includes cannot be read: permission denied (${location})\n  fix: give the user running plesk-codegen permission to read the file`;
  if (process.getuid?.() !== 0) {
    const { schemas, main } = including(t, 'secret.xsd');
    writeFileSync(path.join(schemas, 'secret.xsd'), schema(''));
    chmodSync(path.join(schemas, 'secret.xsd'), 0o000);
    const error = loadError(main);
    t.is(error.code, 'file-unreadable');
    t.is(error.message, permission('secret.xsd').replace('(secret.xsd)', `(${schemas}/secret.xsd)`));
    return;
  }
  // root reads any file whatever its mode; a write-only attribute of sysfs refuses even root
  const writeOnly = ['/sys/bus/pci/rescan', '/sys/class/zram-control/hot_remove'].find((f) => existsSync(f));
  if (writeOnly === undefined) {
    t.log('running as root, and no write-only sysfs attribute to stand for an unreadable file: skipped');
    t.pass();
    return;
  }
  t.log(`running as root: ${writeOnly} (write-only, refused even to root) stands for an unreadable file`);
  const { main } = including(t, writeOnly);
  t.deepEqual(loadError(main, true), { code: 'file-unreadable', message: permission(writeOnly) });
});

test('an include outside the entry schema\'s folder is refused without the option and followed with it', (t) => {
  const { dir, schemas, main } = including(t, '../common/types.xsd');
  mkdirSync(path.join(dir, 'common'));
  writeFileSync(path.join(dir, 'common', 'types.xsd'), schema('  <xs:simpleType name="T"><xs:restriction base="xs:string"/></xs:simpleType>'));
  t.deepEqual(loadError(main), {
    code: 'include-outside',
    message: `main.xsd:3:3 (xs:schema/xs:include): the schema "../common/types.xsd" it includes is outside the entry schema's folder: ${dir}/common/types.xsd is not in ${schemas}; a schema can name any file, so plesk-codegen follows includes and imports only inside that folder unless told otherwise\n  fix: move the schema into ${schemas}, or, if you trust these schemas, ${OUTSIDE_FIX}`,
  });
  const [set] = loadSchemaSets([main], { allowOutsideIncludes: true });
  t.deepEqual(set!.documents.map((d) => d.displayPath), ['main.xsd', '../common/types.xsd']);
});

test("Plesk's schemas (both versions, each file as an entry) and the project's xsd/ load without allowOutsideIncludes", (t) => {
  for (const dir of [sharedDir('plesk-xsd'), sharedDir('plesk-xsd-2020'), path.join(ROOT, 'xsd')]) {
    const entries = readdirSync(dir).filter((f) => f.endsWith('.xsd')).map((f) => path.join(dir, f));
    t.is(loadSchemaSets(entries).length, entries.length, dir);
  }
});
