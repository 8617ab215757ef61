/**
 * A self-signed X.509 v3 certificate made with node:crypto alone (no dependency, no install
 * script): an EC P-256 key, ECDSA with SHA-256, valid for 127.0.0.1, ::1 and localhost for one
 * day, like the certificate a fresh Plesk server has on port 8443. Nothing is written to disk.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { bitString, boolean, explicit, implicitPrimitive, octetString, oid, sequence, set, smallInteger, time, unsignedInteger, utf8String } from './der.js';

export interface StubCertificate {
  /** the private key, PEM (PKCS#8) */
  key: string;
  /** the certificate, PEM: pass it to a client as `ca` */
  cert: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';

export function createStubCertificate(commonName = 'plesk-stub', now: number = Date.now()): StubCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8String(commonName))));
  const algorithm = sequence(oid(ECDSA_WITH_SHA256));
  // the key identifier: SHA-1 of the subject public key's bits (RFC 5280, 4.2.1.2, method 1); the
  // EC point is the last 65 bytes of the SubjectPublicKeyInfo
  const keyId = createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const extensions = sequence(
    extension('2.5.29.19', true, sequence(boolean(true))), // basicConstraints: cA
    extension('2.5.29.15', true, bitString(Buffer.from([0x84]), 2)), // keyUsage: digitalSignature, keyCertSign
    extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
    extension('2.5.29.17', false, sequence( // subjectAltName
      implicitPrimitive(7, Buffer.from([127, 0, 0, 1])),
      implicitPrimitive(7, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])),
      implicitPrimitive(2, Buffer.from('localhost', 'ascii')),
    )),
    extension('2.5.29.14', false, octetString(keyId)), // subjectKeyIdentifier
  );
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(new Date(now - 60_000)), time(new Date(now + 86_400_000))),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey); // DER Ecdsa-Sig-Value
  const der = sequence(tbs, algorithm, bitString(signature));
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, cert: pem(der) };
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

function pem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
