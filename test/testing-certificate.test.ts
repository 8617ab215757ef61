/**
 * The stub's certificate, made with node:crypto and runtime/testing/der.ts alone: the DER
 * encodings against known bytes, and the certificate as OpenSSL (node:crypto's X509Certificate)
 * and a TLS client read it.
 */
import test from 'ava';
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createStubCertificate } from '../runtime/testing/certificate.js';
import { bitString, oid, sequence, time, tlv, unsignedInteger } from '../runtime/testing/der.js';

const hex = (b: Buffer) => b.toString('hex');

test('DER: object identifiers, lengths over 127 bytes, positive integers, bit strings, times', (t) => {
  t.is(hex(oid('1.2.840.10045.4.3.2')), '06082a8648ce3d040302', 'ecdsa-with-SHA256 as RFC 5758 spells it');
  t.is(hex(oid('2.5.29.17')), '0603551d11');
  t.is(hex(tlv(0x04, Buffer.alloc(200))).slice(0, 6), '0481c8', 'long form: one length byte');
  t.is(hex(tlv(0x04, Buffer.alloc(300))).slice(0, 8), '0482012c', 'long form: two length bytes');
  t.is(hex(unsignedInteger(Buffer.from([0x80]))), '02020080', 'a leading zero keeps a high bit positive');
  t.is(hex(unsignedInteger(Buffer.from([0, 0, 5]))), '020105', 'leading zeros dropped');
  t.is(hex(bitString(Buffer.from([0x84]), 2)), '03020284');
  t.is(hex(sequence()), '3000');
  t.is(time(new Date(Date.UTC(2026, 11, 2, 9, 5, 7))).toString('latin1').slice(2), '261202090507Z', 'UTCTime before 2050');
  t.is(time(new Date(Date.UTC(2051, 0, 1))).toString('latin1').slice(2), '20510101000000Z', 'GeneralizedTime from 2050');
});

test('the certificate is self-signed, for 127.0.0.1, ::1 and localhost, valid now for a day, and a TLS client trusting it connects', async (t) => {
  const now = Date.now();
  const { key, cert } = createStubCertificate('plesk-stub', now);
  const x509 = new X509Certificate(cert);
  t.is(x509.subject, 'CN=plesk-stub');
  t.is(x509.issuer, 'CN=plesk-stub');
  t.true(x509.verify(x509.publicKey), 'signed by its own key');
  t.is(x509.subjectAltName, 'IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost');
  t.true(Date.parse(x509.validFrom) <= now && Date.parse(x509.validTo) >= now + 86_000_000);
  t.true(x509.checkPrivateKey((await import('node:crypto')).createPrivateKey(key)));
  t.not(createStubCertificate().cert, cert, 'a new key and serial each time');

  const server = https.createServer({ key, cert }, (_req, res) => res.end('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const get = (host: string, ca?: string) => new Promise<string>((resolve, reject) => {
    https.get({ host: '127.0.0.1', servername: host === '127.0.0.1' ? undefined : host, port, agent: false, ...(ca ? { ca } : {}) }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c)).on('end', () => resolve(text));
    }).on('error', reject);
  });
  t.is(await get('127.0.0.1', cert), 'hello');
  t.is(await get('localhost', cert), 'hello');
  await t.throwsAsync(get('127.0.0.1'), { message: /self-signed|self signed/ });
});
