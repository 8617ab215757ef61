/** The client's small parsing rules, table-driven: given → want. */
import test from 'ava';
import { rootElementName } from '../runtime/client.js';
import { maskSecrets } from '../runtime/plesk-errors.js';
import { attachmentName, isXmlContentType } from '../runtime/transport.js';

const roots: Array<[string, string | undefined]> = [
  ['<packet version="1.6.9.0"><system/></packet>', 'packet'],
  ['\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<packet/>', 'packet'],
  ['<?xml version="1.0"?><!-- proxied --><?pi x?>\n  <packet>', 'packet'],
  ['<!DOCTYPE html><html><body>502</body></html>', 'html'],
  ['<!doctype html>\n<html>', 'html'],
  [`${'<?a?>'.repeat(1000)}<packet>`, 'packet'],
  ['<?xml version="1.0"', undefined],
  [`<!--${'<!--'.repeat(1000)}`, undefined],
  ['<', undefined],
  ['<html><head>', 'html'],
  ['Bad Gateway', undefined],
  ['', undefined],
];
for (const [given, want] of roots) {
  test(`rootElementName(${JSON.stringify(given.slice(0, 40))}) is ${want}`, (t) => t.is(rootElementName(given), want));
}

const types: Array<[string | undefined, boolean]> = [
  ['text/xml', true], ['text/xml; charset=UTF-8', true], ['application/xml', true], ['application/atom+xml', true],
  ['application/octet-stream', false], ['text/html; charset=utf-8', false], [undefined, true],
];
test('isXmlContentType: XML types, and a missing type left to the packet check', (t) => {
  t.deepEqual(types.map(([type]) => isXmlContentType(type)), types.map(([, want]) => want));
});

const dispositions: Array<[string | undefined, string | undefined]> = [
  ['attachment; filename="backup_2026.tar"', 'backup_2026.tar'],
  ['attachment; filename=plain.tar; size=10', 'plain.tar'],
  ['attachment; filename="a \\"quoted\\" name.tar"', 'a "quoted" name.tar'],
  ["attachment; filename*=UTF-8''sauvegarde%20%C3%A9t%C3%A9.tar", 'sauvegarde été.tar'],
  ["attachment; filename*=UTF-8''broken%E0%A4%A.tar", 'broken%E0%A4%A.tar'],
  ['attachment', undefined],
  [undefined, undefined],
];
test('attachmentName reads filename and filename* of Content-Disposition', (t) => {
  t.deepEqual(dispositions.map(([given]) => attachmentName(given)), dispositions.map(([, want]) => want));
});

test('maskSecrets replaces every occurrence of every secret, and ignores empty ones', (t) => {
  t.is(maskSecrets('p4ss and p4ss and k3y', ['p4ss', 'k3y', '', undefined]), '*** and *** and ***');
  t.is(maskSecrets('nothing here', ['p4ss']), 'nothing here');
});
