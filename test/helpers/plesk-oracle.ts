/**
 * Test oracle: validates XML documents against Plesk's own XML Schema set with
 * libxml2 (xmllint compiled to WebAssembly, package `xmllint-wasm`).
 *
 * The schema sets are not part of this repository. CI lays them out in a
 * `shared/` folder beside the checkout:
 *
 *     <parent>/main/          <- this repository (repo root)
 *     <parent>/shared/plesk-xsd/        Plesk's 2014 schema set (has backup-manager)
 *     <parent>/shared/plesk-xsd-2020/   Plesk's 2020 schema set
 *
 * Usage:
 *
 *     const [res] = await validateAgainstPlesk([xml], 'agent_input.xsd');
 *     t.true(res.valid, res.errors.join('\n'));
 *
 * How it works, and why:
 * - Every `xmllint-wasm` call starts a fresh worker thread, instantiates the
 *   wasm module and compiles the whole schema set (~80 files); that fixed cost
 *   is ~0.2-0.6 s per call depending on the machine, while each extra small
 *   document costs well under 1 ms. So all documents of one
 *   `validateAgainstPlesk` call are validated in ONE xmllint run (one
 *   `xmllint --schema entry.xsd --noout doc-0000.xml doc-0001.xml ...`), in
 *   chunks of {@link CHUNK_SIZE} documents (see below).
 * - Each document gets a synthetic, unique file name (`doc-0007.xml` for
 *   `docs[7]`). xmllint's stderr is parsed line by line and every message is
 *   attributed to the document whose name prefixes it.
 * - A document's verdict comes from xmllint's own per-file status line:
 *   `doc-0007.xml validates` means valid; anything else (`... fails to
 *   validate`, or a parser error, after which xmllint prints no status line at
 *   all) means invalid. A non-well-formed document therefore never affects the
 *   verdicts of the other documents of the batch.
 * - The `.xsd` files of a folder are read once per process and kept in memory.
 *
 * Measured quirks of xmllint-wasm 5.3 (libxml2 2.13.8), which is why this
 * module does not use the library's own `result.errors`:
 * - `result.errors` is always `[]` when the whole run is valid, and when it is
 *   not, the library drops the last line of the output (`.slice(0, -2)` on a
 *   newline-terminated string), so the last document's final message goes
 *   missing. Parser errors are followed by two context lines (the source line
 *   excerpt and a `^` caret line) that the library reports as separate
 *   "errors" with `loc: null`. We parse `result.rawOutput` (xmllint's stderr)
 *   instead, and fold those context lines into the preceding message.
 * - Documents that are not well-formed get a `doc-N.xml:L: parser error : ...`
 *   message and NO `fails to validate` status line; the run still resolves.
 * - All file names are passed on xmllint's command line, which lives on the
 *   wasm stack: around 3,000 names of 12 characters the run dies with
 *   "memory access out of bounds" (raising maxMemoryPages does not help).
 *   Hence chunks of {@link CHUNK_SIZE} documents, one xmllint run per chunk.
 * - Schema compilation failures reject the call (exit code 5). The 2020 set
 *   (`plesk-xsd-2020`) does not compile under libxml2: `extension.xsd` line 74
 *   extends `resultFilterType` (optional `filter-id`, `id`) with `xs:any`,
 *   which libxml2 rejects as a non-deterministic content model (Unique
 *   Particle Attribution). This module turns that into a descriptive Error.
 * - Content is handed to xmllint as UTF-8 bytes; an `encoding="..."`
 *   declaration other than UTF-8 makes libxml2 re-decode those bytes.
 * - Messages may include warnings (e.g. `warning: failed to load external
 *   entity`); a document can be `valid` and still have warnings in `errors`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, memoryPages } from 'xmllint-wasm';
import type { XMLFileInfo } from 'xmllint-wasm';

/** Verdict for one document. */
export interface OracleResult {
  /** True iff xmllint reported `<file> validates` for this document. */
  valid: boolean;
  /**
   * xmllint's messages for this document, each as `line N: <message>`
   * (parser errors carry their source excerpt and caret on extra lines).
   * Empty for a valid document unless xmllint printed warnings.
   */
  errors: string[];
}

export type PleskSchemaSet = 'plesk-xsd' | 'plesk-xsd-2020';
export type PleskEntrySchema = 'agent_input.xsd' | 'agent_output.xsd';

/**
 * Documents per xmllint run. Each run costs a fixed ~0.2-0.6 s, so bigger is
 * cheaper, but argv overflows the wasm stack at ~3,000 short file names.
 * 500 leaves a wide margin.
 */
export const CHUNK_SIZE = 500;

/** Chunks validated at the same time (each xmllint-wasm call runs in its own worker thread). */
const PARALLEL_RUNS = 2;

/** Wasm memory cap per run; the library's default (32 MiB) is small for big documents. */
const MAX_MEMORY_PAGES = memoryPages.GiB;

/** Repo root: this file is <root>/test/helpers/plesk-oracle.ts. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Absolute path of `../shared/<which>` relative to the repo root.
 * @throws Error if the folder does not exist.
 */
export function pleskSchemaDir(which: PleskSchemaSet = 'plesk-xsd'): string {
  const dir = path.resolve(repoRoot, '..', 'shared', which);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `Plesk's schema set is missing: expected ${dir} (CI lays ../shared beside the checkout)`,
    );
  }
  return dir;
}

/** Schema files of a folder, keyed by the folder's absolute path; read once per process. */
const schemaCache = new Map<string, Promise<XMLFileInfo[]>>();

function loadSchemaSet(dir: string): Promise<XMLFileInfo[]> {
  let pending = schemaCache.get(dir);
  if (!pending) {
    pending = (async () => {
      const names = (await readdir(dir)).filter((n) => n.endsWith('.xsd')).sort();
      return Promise.all(
        names.map(async (fileName) => ({
          fileName,
          contents: await readFile(path.join(dir, fileName), 'utf8'),
        })),
      );
    })();
    // Do not cache a failed read (e.g. a transient I/O error).
    pending.catch(() => schemaCache.delete(dir));
    schemaCache.set(dir, pending);
  }
  return pending;
}

/** `doc-0007.xml` for index 7 (at least four digits, unique within a call). */
function docFileName(index: number): string {
  return `doc-${String(index).padStart(4, '0')}.xml`;
}

/**
 * Validates every document against `<which>/<entry>`, with all `.xsd` files of
 * the folder available to its `xs:include`s. Returns one result per document,
 * in input order.
 *
 * @throws Error if the schema folder or entry file is missing, if the schema set
 *   does not compile, or if an xmllint run aborts for another reason.
 */
export async function validateAgainstPlesk(
  docs: string[],
  entry: PleskEntrySchema,
  which: PleskSchemaSet = 'plesk-xsd',
): Promise<OracleResult[]> {
  const dir = pleskSchemaDir(which);
  const preload = await loadSchemaSet(dir);
  const schema = preload.find((f) => f.fileName === entry);
  if (!schema) {
    throw new Error(`Plesk's schema set ${dir} has no ${entry}`);
  }
  if (docs.length === 0) return [];

  const chunks: number[] = [];
  for (let start = 0; start < docs.length; start += CHUNK_SIZE) chunks.push(start);

  const results: OracleResult[] = new Array(docs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const start = chunks[next++]!;
      const end = Math.min(start + CHUNK_SIZE, docs.length);
      const chunkResults = await runXmllint(docs, start, end, schema, preload, `${which}/${entry}`);
      for (let i = start; i < end; i++) results[i] = chunkResults[i - start]!;
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_RUNS, chunks.length) }, () => worker()),
  );
  return results;
}

/** One xmllint run over docs[start, end). */
async function runXmllint(
  docs: string[],
  start: number,
  end: number,
  schema: XMLFileInfo,
  preload: XMLFileInfo[],
  label: string,
): Promise<OracleResult[]> {
  const names: string[] = [];
  const xml: XMLFileInfo[] = [];
  for (let i = start; i < end; i++) {
    const fileName = docFileName(i);
    names.push(fileName);
    xml.push({ fileName, contents: docs[i]! });
  }

  let rawOutput: string;
  try {
    ({ rawOutput } = await validateXML({ xml, schema, preload, maxMemoryPages: MAX_MEMORY_PAGES }));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const detail = err instanceof Error ? err.message.trim() : String(err);
    const what =
      code === 5
        ? `xmllint could not compile Plesk's schema ${label}`
        : `xmllint aborted while validating documents ${start}..${end - 1} against ${label}` +
          (code === undefined ? '' : ` (exit code ${String(code)})`);
    throw new Error(`${what}:\n${detail}`, { cause: err });
  }
  return attributeOutput(rawOutput, names);
}

/**
 * Splits xmllint's stderr into per-document results. Output shapes (one file):
 *
 *     doc-0001.xml:1: Schemas validity error : Element 'x': This element is not expected. ...
 *     doc-0001.xml fails to validate
 *     doc-0002.xml:1: parser error : Premature end of data in tag packet line 1
 *     <packet>                     <- context: source excerpt
 *             ^                    <- context: caret
 *     doc-0003.xml validates
 */
function attributeOutput(rawOutput: string, names: string[]): OracleResult[] {
  const indexOf = new Map(names.map((n, i) => [n, i]));
  const validated = new Array<boolean>(names.length).fill(false);
  const failed = new Array<boolean>(names.length).fill(false);
  const errors = names.map((): string[] => []);
  const orphans: string[] = [];
  let current = -1; // document the previous line belonged to

  const lines = rawOutput.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // trailing newline, not an empty context line

  for (const line of lines) {
    const status = /^(\S+) (validates|fails to validate)$/.exec(line);
    const statusIndex = status ? indexOf.get(status[1]!) : undefined;
    if (status && statusIndex !== undefined) {
      current = statusIndex;
      if (status[2] === 'validates') validated[statusIndex] = true;
      else failed[statusIndex] = true;
      continue;
    }
    const located = /^(\S+?):(\d+): (.*)$/.exec(line);
    const locatedIndex = located ? indexOf.get(located[1]!) : undefined;
    if (located && locatedIndex !== undefined) {
      current = locatedIndex;
      errors[locatedIndex]!.push(`line ${located[2]}: ${located[3]}`);
      continue;
    }
    // A context line (source excerpt / caret) of the previous message. Lines
    // before the first document's output (e.g. schema parser warnings; the
    // Plesk sets print none) are collected in `orphans` and deliberately
    // ignored: they concern the schemas, not any one document.
    const sink = current >= 0 ? errors[current]! : orphans;
    if (sink.length > 0) sink[sink.length - 1] += `\n${line}`;
    else sink.push(line);
  }

  return names.map((name, i) => {
    const errs = errors[i]!;
    if (validated[i]) return { valid: true, errors: errs };
    if (errs.length === 0) {
      // No message at all: cannot normally happen, but never report it as valid.
      errs.push(failed[i] ? `${name} fails to validate` : `xmllint printed no verdict for ${name}`);
    }
    return { valid: false, errors: errs };
  });
}
