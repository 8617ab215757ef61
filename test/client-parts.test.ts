/** The client's small parsing rules, table-driven: given → want. */
import test from 'ava';
import { rootElementName } from '../runtime/client/client.js';
import { maskSecrets } from '../runtime/client/secret-masking.js';
import { attachmentName, isXmlContentType } from '../runtime/client/transport.js';

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

const SECRET = `p@ss<&>"'word%20é`;
const spellings: Array<[string, string]> = [
  ['raw', SECRET],
  ['named references', 'p@ss&lt;&amp;&gt;&quot;&apos;word%20&eacute;'],
  ['decimal and hex references, mixed', '&#112;@ss&#x3C;&#X26;&#62;&#34;&#x27;wor&#100;&#37;20&#233;'],
  ['references without ;', 'p@ss&lt&amp&gt&quot\'word%20&#233'],
  ['percent-encoded UTF-8', 'p%40ss%3C%26%3E%22%27word%2520%C3%A9'],
  ['percent-encoded, lower case, Latin-1 byte, mixed', 'p%40ss%3c&amp%3E&#34;%27word&#37;20%e9'],
];
for (const [how, spelled] of spellings) {
  test(`maskSecrets finds a secret spelled with ${how}`, (t) => {
    t.is(maskSecrets(`before ${spelled} after`, [SECRET]), 'before *** after');
  });
}

test('maskSecrets: white-space runs fold, + is a space, a secret holding a reference is found raw, a part of a secret is not a secret', (t) => {
  t.is(maskSecrets('a b, a\t\t b, a+b, a%20%09b', ['a \t b']), '***, ***, ***, ***');
  t.is(maskSecrets('x&amp;y and x&amp;amp;y', ['x&amp;y']), '*** and ***');
  t.is(maskSecrets('p@ss<&>', [SECRET]), 'p@ss<&>');
  t.is(maskSecrets('&#112;&#1120;', ['p']), '***&#1120;', 'a reference ends at its digits');
});

test('maskSecrets with a limit: the first characters only, and a secret that starts before the limit is masked whole', (t) => {
  t.is(maskSecrets('0123456789', ['zz'], 4), '0123');
  t.is(maskSecrets('01 secret 89', ['secret'], 5), '01 ***');
  t.is(maskSecrets('01 &#115;ecret 89', ['secret'], 4), '01 ***');
});
