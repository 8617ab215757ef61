/**
 * Decoding from bytes and in pieces (startDecodingResponsePacket), given → want: bytes that are
 * not UTF-8 are refused where they are, whether whole or cut anywhere; pieces are all strings or
 * all bytes; what is not a document is a TypeError.
 */
import test from 'ava';
import { decodeResponsePacket, startDecodingResponsePacket, XmlDecodeError } from '../generated/src/index.js';

const before = Buffer.from('<packet version="1.6.9.0">\n<system>\n<status>error</status><errcode>1</errcode><errtext>a€', 'utf8');
const after = Buffer.from('</errtext></system></packet>', 'utf8');

function inPieces(bytes: Uint8Array, cuts: number[]): unknown {
  const d = startDecodingResponsePacket();
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    d.write(bytes.subarray(from, to));
    from = to;
  }
  return d.end();
}

for (const [name, bad] of [['C3 28 (a lead byte without its continuation)', [0xc3, 0x28]], ['FF', [0xff]], ['ED A0 80 (a surrogate)', [0xed, 0xa0, 0x80]], ['C0 AF (overlong)', [0xc0, 0xaf]]] as const) {
  test(`bytes that are not UTF-8 (${name}) are refused on the character where they are, whole or cut anywhere`, (t) => {
    const doc = Buffer.concat([before, Buffer.from(bad), after]);
    const whole = t.throws(() => decodeResponsePacket(doc), { instanceOf: XmlDecodeError });
    t.regex(whole.reason, /^not well-formed XML: bytes that are not UTF-8/);
    // line 3, on the column after "<status>error</status><errcode>1</errcode><errtext>a€"
    t.deepEqual([whole.line, whole.column], [3, 54]);
    for (let cut = 1; cut < doc.length; cut++) {
      const error = t.throws(() => inPieces(doc, [cut]), { instanceOf: XmlDecodeError }, `cut at ${cut}`);
      t.deepEqual([error.reason, error.line, error.column], [whole.reason, 3, 54], `cut at byte ${cut}`);
    }
  });
}

test('a document that ends inside a UTF-8 character is refused at its end', (t) => {
  const doc = Buffer.from('<packet><system><status>ok</status></system></packet>€', 'utf8');
  const error = t.throws(() => inPieces(doc.subarray(0, doc.length - 1), [10]), { instanceOf: XmlDecodeError });
  t.regex(error.reason, /ends inside a UTF-8 character/);
});

test('the pieces of one document are all strings or all bytes (a TypeError otherwise); empty pieces change nothing', (t) => {
  for (const [first, second] of [['<packet>', Buffer.from('<system/>')], [Buffer.from('<packet>'), '<system/>']] as const) {
    const d = startDecodingResponsePacket();
    d.write(first);
    t.throws(() => d.write(second), { instanceOf: TypeError, message: /all strings or all bytes/ });
  }
  const d = startDecodingResponsePacket();
  d.write('');
  d.write(new Uint8Array(0));
  d.write('<packet><system><status>ok</status></system></packet>');
  t.deepEqual(d.end(), decodeResponsePacket('<packet><system><status>ok</status></system></packet>'));
});

test('what is not a document (nor a piece of one) is a TypeError naming what it got', (t) => {
  t.throws(() => decodeResponsePacket(42 as never), { instanceOf: TypeError, message: /expected the document as a string or UTF-8 bytes .*got number/ });
  t.throws(() => startDecodingResponsePacket().write(null as never), { instanceOf: TypeError, message: /got null/ });
});
