/**
 * Two generated packages in one process, each with its own copy of the runtime: the checkout's
 * generated/ (backup-manager of xsd/) and a package of Plesk's schemas for backup-manager and
 * webspace. An error thrown by either is `instanceof` the class of the same name exported by the
 * other, both ways, and its `name` is that class's name; the classes are distinct objects, and a
 * class of the caller's own that extends one of them keeps plain `instanceof`.
 */
import test from 'ava';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as own from '../generated/src/index.js';
import { createPleskStandIn } from '../generated/src/testing.js';
import { sharedPackageDir } from './helpers/generation-cache.js';
import { generateFrom, sharedDir } from './helpers/project.js';

type Package = typeof own;
const PLESK = sharedDir('plesk-xsd');

let other: Package;
let otherTesting: typeof import('../generated/src/testing.js');

test.before(async () => {
  const { files } = generateFrom([path.join(PLESK, 'agent_input.xsd'), path.join(PLESK, 'agent_output.xsd')], PLESK, undefined, { protocolVersion: '1.6.6.0', operators: ['backup-manager', 'webspace'] });
  const out = sharedPackageDir(files);
  other = (await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href)) as Package;
  otherTesting = (await import(pathToFileURL(path.join(out, 'src', 'testing.ts')).href)) as typeof otherTesting;
});

const CLASSES = ['PleskOperationError', 'PleskSystemError', 'PleskTransportError', 'PleskTaskTimeoutError', 'PleskTaskFailedError', 'PleskUploadTooLargeError', 'XmlDecodeError', 'XmlEncodeError'] as const;

test('the two packages carry two copies of every error class', (t) => {
  for (const name of CLASSES) t.not(own[name] as unknown, other[name] as unknown, name);
});

/** Errors of every class, thrown by `pkg`'s client against its own stand-in. */
async function errorsOf(pkg: Package, testing: typeof otherTesting): Promise<Record<(typeof CLASSES)[number], unknown>> {
  const standIn = await testing.createPleskStandIn({ finishAfterPolls: 0, scenario: { failing: ['server'], stalled: ['example.com'], maxUploadBytes: 10 } });
  const client = new pkg.PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: standIn.password });
  const wrong = new pkg.PleskClient({ host: standIn.host, port: standIn.port, ca: standIn.ca, login: standIn.login, password: 'wrong' });
  try {
    const caught = async (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
    const taskId = await client.backupManager.backupServer({ description: 'x', local: true });
    const controller = new AbortController();
    controller.abort();
    return {
      PleskOperationError: await caught(client.backupManager.stopBackup({ taskId: '999' })),
      PleskSystemError: await caught(wrong.backupManager.getTasksInfo()),
      PleskTransportError: await caught(client.backupManager.getTasksInfo({}, { signal: controller.signal })),
      PleskTaskTimeoutError: await caught(client.backupManager.waitForTask((await client.backupManager.backupWebspace({ webspaceName: 'example.com', description: 'x', local: true }))!, { intervalMs: 0, timeoutMs: 50 })),
      PleskTaskFailedError: await caught(client.backupManager.waitForTask(taskId!, { intervalMs: 0 })),
      PleskUploadTooLargeError: await caught(client.uploadFile(Buffer.alloc(100))),
      XmlDecodeError: await caught(Promise.resolve().then(() => pkg.decodeResponsePacket('<packet><nope/></packet>'))),
      XmlEncodeError: await caught(Promise.resolve().then(() => pkg.encodeRequestPacket({ operators: [{ backupManager: { operations: [{ stopBackup: {} as never }] } }] }))),
    };
  } finally {
    client.close();
    wrong.close();
    await standIn.close();
  }
}

test('an error of either package is instanceof the same class of the other, both ways, and carries its name', async (t) => {
  for (const [thrower, testing, checker] of [[own, { createPleskStandIn } as typeof otherTesting, other], [other, otherTesting, own]] as const) {
    const errors = await errorsOf(thrower, testing);
    for (const name of CLASSES) {
      const error = errors[name];
      t.true(error instanceof (thrower[name] as new (...args: never[]) => Error), `${name} of its own package`);
      t.true(error instanceof (checker[name] as new (...args: never[]) => Error), `${name} thrown by one package, instanceof the other's`);
      t.true(error instanceof Error);
      t.is((error as Error).name, name);
      for (const unrelated of CLASSES.filter((c) => c !== name && !(name === 'PleskUploadTooLargeError' && c === 'PleskOperationError'))) {
        t.false(error instanceof (checker[unrelated] as new (...args: never[]) => Error), `${name} is no ${unrelated}`);
      }
    }
    t.true(errors.PleskUploadTooLargeError instanceof checker.PleskOperationError, 'a subclass is an instance of its base class of the other package too');
  }
});

test("a caller's own subclass keeps plain instanceof; things that are not errors of ours are not instances", (t) => {
  class MyOperationError extends own.PleskOperationError {}
  const theirs = new other.PleskOperationError('backup-manager/stop-backup', [{ status: 'error', errcode: 1013 }]);
  t.false(theirs instanceof MyOperationError, 'a brand is for the classes of the runtime, not for a subclass of the caller');
  t.true(new MyOperationError('x/y', [{ status: 'error' }]) instanceof MyOperationError);
  t.true(new MyOperationError('x/y', [{ status: 'error' }]) instanceof other.PleskOperationError);
  for (const value of [null, undefined, 42, 'PleskOperationError', {}, new Error('plain'), Object.assign(new Error('named'), { name: 'PleskOperationError' })]) {
    t.false(value instanceof own.PleskOperationError, String(value));
  }
});
