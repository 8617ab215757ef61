/**
 * A decoded value holds strings of its own, never slices of the document: a slice (V8 makes one
 * for 13 characters or more) would keep the whole answer alive as long as the value lives. Each
 * way in is checked (a whole string through the direct reader, whole bytes, pieces through the
 * schema decoder, drift kept): a document padded with 8 MB of white space between its elements
 * is decoded, only the value (or the error, the drift events a listener kept, a client error's
 * excerpt) is kept, and the heap after a full collection must hold far less than the document. A
 * test of the heap, not of time: the document is 8 times the margin. (It also holds the decoder
 * to its XML declaration: a regular expression run on the whole document left the document
 * reachable as the language's last matched input, RegExp.input, until another ran; and a failed
 * decoder to letting go of its document: an error's unread stack holds the decoder.)
 */
import test from 'ava';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodeResponsePacket, encodeResponsePacket, startDecodingResponsePacket, XmlDecodeError, type ResponsePacket, type SchemaDriftEvent } from '../generated/src/index.js';
import { answerExcerpt } from '../generated/src/runtime/client/debug.js';
import { directReads } from '../generated/src/runtime/codec/decode.js';
import { responseValue, tasksOf } from './bench/inputs.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PADDING = 8_000_000;
/** what the heap may grow by, the value and the decoder's own state included (what V8 compiles and caches on the way varies by some 100 kB) */
const MARGIN = 1_000_000;

/** An answer of three tasks (values of 13 characters and more among them) with `padding` spaces after each `<task>`. */
function paddedAnswer(padding: number, extra = ''): string {
  const xml = encodeResponsePacket(responseValue(3));
  return xml.replaceAll('<task>', `<task>${' '.repeat(padding / 3)}${extra}`);
}

function heapAfterCollection(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** How much the heap holds once `decode` has run and only its value is kept. */
function retainedBy(decode: () => ResponsePacket): { bytes: number; value: ResponsePacket } {
  const before = heapAfterCollection();
  const value = decode();
  return { bytes: heapAfterCollection() - before, value };
}

const expected = responseValue(3);

// every way in run once first, so that what compiling it keeps is not counted
test.before(() => {
  const small = paddedAnswer(300);
  decodeResponsePacket(small);
  decodeResponsePacket(Buffer.from(small));
  decodeResponsePacket(paddedAnswer(300, '<!-- a comment -->'));
  const decoder = startDecodingResponsePacket();
  decoder.write(small);
  decoder.end();
  const newer = paddedAnswer(300, '<an-element-of-a-newer-version/>');
  for (const input of [newer, Buffer.from(newer)]) {
    try {
      decodeResponsePacket(input);
    } catch {
      // (the error's way, compiled once)
    }
  }
  decodeResponsePacket(newer, { unknownElements: 'keep', onUnknown: () => {} });
  answerExcerpt(newer, undefined, 1, 50, []);
});
const longValues = tasksOf(expected).flatMap((t) => [t.started, t.filename]).filter((s) => s !== undefined && s.length >= 13);

test('the values are long enough for V8 to slice them (the test can fail)', (t) => {
  t.true(longValues.length >= 3);
});

test.serial('a whole string read by the direct reader: the value keeps none of the document', (t) => {
  const read = directReads.read;
  const { bytes, value } = retainedBy(() => decodeResponsePacket(paddedAnswer(PADDING)));
  t.deepEqual(value, expected);
  t.is(directReads.read, read + 1, 'the direct reader read it');
  t.true(bytes < MARGIN, `the heap grew by ${bytes} bytes`);
});

test.serial('whole bytes: the value keeps none of the document', (t) => {
  const { bytes, value } = retainedBy(() => decodeResponsePacket(Buffer.from(paddedAnswer(PADDING))));
  t.deepEqual(value, expected);
  t.true(bytes < MARGIN, `the heap grew by ${bytes} bytes`);
});

test.serial('pieces through the schema decoder: the value keeps none of them', (t) => {
  const { bytes, value } = retainedBy(() => {
    const xml = paddedAnswer(PADDING);
    const decoder = startDecodingResponsePacket();
    for (let i = 0; i < xml.length; i += 1 << 20) decoder.write(xml.slice(i, i + (1 << 20)));
    return decoder.end();
  });
  t.deepEqual(value, expected);
  t.true(bytes < MARGIN, `the heap grew by ${bytes} bytes`);
});

test.serial('a document the direct reader declines (a comment): the schema decoder keeps none of it either', (t) => {
  const declined = directReads.declined;
  const { bytes, value } = retainedBy(() => decodeResponsePacket(paddedAnswer(PADDING, '<!-- a comment -->')));
  t.deepEqual(value, expected);
  t.is(directReads.declined, declined + 1, 'the direct reader left it to the schema decoder');
  t.true(bytes < MARGIN, `the heap grew by ${bytes} bytes`);
});

test.serial('a kept decode error keeps none of the document, from a string or from bytes', (t) => {
  for (const asBytes of [false, true]) {
    const { bytes, value } = retainedBy(() => {
      const xml = paddedAnswer(PADDING, '<an-element-of-a-newer-version/>');
      try {
        decodeResponsePacket(asBytes ? Buffer.from(xml) : xml);
      } catch (error) {
        return error as ResponsePacket;
      }
      throw new Error('the document was accepted');
    });
    const error = value as unknown as XmlDecodeError;
    t.true(error instanceof XmlDecodeError);
    t.is(error.path, 'packet/backup-manager/get-tasks-info/result/task/an-element-of-a-newer-version');
    t.true(bytes < MARGIN, `${asBytes ? 'bytes' : 'a string'}: the heap grew by ${bytes} bytes`);
  }
});

test.serial('drift events a listener keeps keep none of the document', (t) => {
  const events: SchemaDriftEvent[] = [];
  const { bytes, value } = retainedBy(() => decodeResponsePacket(paddedAnswer(PADDING, '<an-element-of-a-newer-version>its text here</an-element-of-a-newer-version>'), { unknownElements: 'keep', onUnknown: (event) => events.push(event) }));
  t.is(tasksOf(value).length, 3);
  t.deepEqual(events.map((e) => [e.kind, e.path]), Array.from({ length: 3 }, () => ['unknown', 'packet/backup-manager/get-tasks-info/result/task/an-element-of-a-newer-version']));
  t.true(bytes < MARGIN, `the heap grew by ${bytes} bytes`);
});

test.serial("a client error's excerpt keeps none of the answer's text", (t) => {
  const { bytes, value } = retainedBy(() => {
    const text = `<packet>${'x'.repeat(40)}<oops/>${' '.repeat(PADDING)}</packet>`;
    return answerExcerpt(text, undefined, 1, 50, []) as unknown as ResponsePacket;
  });
  t.true((value as unknown as string).includes('<oops/>'));
  t.true(bytes < MARGIN, `the heap grew by ${bytes} bytes`);
});
