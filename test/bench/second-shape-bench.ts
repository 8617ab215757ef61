/**
 * Decode, second shape: a DNS `get_rec` answer (dns-get-rec-inputs.ts) decoded by the whole-API
 * package's decodeResponsePacket beside the same alternatives as the first decode table, on the
 * same bytes, so that a gain is not tuned to get-tasks-info. One size, in a fresh process.
 */
import { deepStrictEqual } from 'node:assert';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALTERNATIVE_DECODERS } from './contenders.js';
import { checkAlternativesCount } from './decoded-count.js';
import { DNS_RESULT_PATH, dnsGetRecValue } from './dns-get-rec-inputs.js';
import { collectInputGarbage, measure, type MeasureOptions } from './measure.js';
import { sizeInChild } from './size-in-child.js';
import { sizeResult, type SizeResult } from './size-result.js';
import { generateWholeApiPackage, removeWholeApiPackage } from './whole-api-package.js';

type Codec = (value: unknown) => string;
type Decoder = (xml: string) => unknown;

/** One size, in this process (size-child.ts runs it), with the package generated into `packageDir`. */
export async function secondShapeSize(records: number, packageDir: string, options: MeasureOptions, log: (line: string) => void): Promise<SizeResult> {
  const pkg = (await import(pathToFileURL(path.join(packageDir, 'src', 'index.ts')).href)) as { encodeResponsePacket: Codec; decodeResponsePacket: Decoder };
  const decoders: Record<string, Decoder> = { generated: (xml) => pkg.decodeResponsePacket(xml), ...ALTERNATIVE_DECODERS };
  const xml = pkg.encodeResponsePacket(dnsGetRecValue(records));
  deepStrictEqual(decoders.generated!(xml), dnsGetRecValue(records));
  checkAlternativesCount(xml, DNS_RESULT_PATH, records);
  collectInputGarbage();
  const names = Object.keys(decoders);
  const timings = measure(names.map((name) => ({ name, run: () => decoders[name]!(xml) })), options);
  const result = sizeResult(records, Buffer.byteLength(xml), timings);
  log(`decode ${records} DNS records: ${names.map((n) => `${n} ${result.contenders[n]!.mbPerSecond.toFixed(1)} MB/s`).join(', ')}`);
  return result;
}

export type SecondShapeResult = { shape: string; results: SizeResult[] } | { shape: string; skipped: string };

export function secondShapeBench(records: number, options: MeasureOptions, log: (line: string) => void): SecondShapeResult {
  const shape = 'DNS get_rec';
  const pkg = generateWholeApiPackage();
  if ('skipped' in pkg) {
    log(`second shape skipped: ${pkg.skipped}`);
    return { shape, skipped: pkg.skipped };
  }
  log('generated the whole-API package for the second shape');
  try {
    return { shape, results: [sizeInChild(['second-shape', String(records), pkg.dir], options)] };
  } finally {
    removeWholeApiPackage();
  }
}
