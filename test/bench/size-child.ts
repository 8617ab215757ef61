/**
 * One size of one operation in a fresh process: `node --expose-gc --import=tsx size-child.ts
 * OPERATION COUNT [PACKAGE_DIR] ROUNDS MIN_SAMPLE_MS` prints its SizeResult as JSON (stdout);
 * progress goes to stderr. OPERATION is `decode` or `encode` (COUNT tasks) or `second-shape`
 * (COUNT DNS records, decoded by the whole-API package in PACKAGE_DIR).
 */
import { decodeSize } from './decode-bench.js';
import { encodeSize } from './encode-bench.js';
import { secondShapeSize } from './second-shape-bench.js';
import type { SizeResult } from './size-result.js';

const args = process.argv.slice(2);
const [operation, count] = [args[0], Number(args[1])];
const [rounds, minSampleMs] = args.slice(-2).map(Number) as [number, number];
const options = { rounds, minSampleMs };
const log = (line: string) => process.stderr.write(`${line}\n`);

let result: SizeResult;
if (operation === 'decode') result = decodeSize(count, options, log);
else if (operation === 'encode') result = encodeSize(count, options, log);
else if (operation === 'second-shape' && args.length === 5) result = await secondShapeSize(count, args[2]!, options, log);
else throw new Error(`usage: size-child.ts decode|encode COUNT ROUNDS MIN_SAMPLE_MS, or second-shape COUNT PACKAGE_DIR ROUNDS MIN_SAMPLE_MS (given: ${args.join(' ')})`);
process.stdout.write(`${JSON.stringify(result)}\n`);
