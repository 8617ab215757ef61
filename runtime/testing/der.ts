/**
 * The few ASN.1 DER encodings an X.509 certificate needs (X.690): lengths, SEQUENCE and SET,
 * INTEGER, OBJECT IDENTIFIER, BIT STRING, OCTET STRING, BOOLEAN, UTF8String, UTCTime /
 * GeneralizedTime, and context-specific tags. Values are Buffers, nested as they are written.
 */

/** Tag, DER length, contents. */
export function tlv(tag: number, contents: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(contents.length), contents]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const sequence = (...items: Uint8Array[]): Buffer => tlv(0x30, Buffer.concat(items));
export const set = (...items: Uint8Array[]): Buffer => tlv(0x31, Buffer.concat(items));
export const boolean = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
export const octetString = (value: Uint8Array): Buffer => tlv(0x04, value);
export const utf8String = (value: string): Buffer => tlv(0x0c, Buffer.from(value, 'utf8'));

/** A non-negative INTEGER from its big-endian magnitude (a leading zero keeps it positive). */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = Buffer.from(magnitude.subarray(start));
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export const smallInteger = (value: number): Buffer => unsignedInteger(Buffer.from([value]));

/** BIT STRING of whole bytes, or with `unusedBits` trailing bits unused (a named-bit list). */
export function bitString(value: Uint8Array, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), value]));
}

/** OBJECT IDENTIFIER from its dotted form (`1.2.840.10045.4.3.2`). */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const groups: number[] = [];
    for (let n = arc; ; n = Math.floor(n / 128)) {
      groups.unshift(n % 128);
      if (n < 128) break;
    }
    bytes.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime for the years 1950–2049, GeneralizedTime otherwise (RFC 5280, 4.1.2.5). */
export function time(date: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const year = date.getUTCFullYear();
  const rest = `${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${p(year % 100)}${rest}`, 'ascii')) : tlv(0x18, Buffer.from(`${year}${rest}`, 'ascii'));
}

/** `[n]` EXPLICIT: constructed, around an encoded value. */
export const explicit = (n: number, value: Uint8Array): Buffer => tlv(0xa0 | n, value);
/** `[n]` IMPLICIT of a primitive value (its contents only). */
export const implicitPrimitive = (n: number, contents: Uint8Array): Buffer => tlv(0x80 | n, contents);
