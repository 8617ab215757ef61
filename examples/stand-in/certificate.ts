/**
 * A self-signed certificate for the stand-in, made at start-up (nothing is stored on disk): valid
 * for 127.0.0.1 and localhost, for one day, like the certificate a fresh Plesk server has on 8443.
 */
import selfsigned from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

export async function createCertificate(commonName = 'plesk-stand-in'): Promise<Certificate> {
  const now = Date.now();
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
