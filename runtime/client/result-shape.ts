/**
 * What a client method gives of a result the client has already seen is ok, as the generator
 * decided from the schema (`ResultShape`):
 *
 * - `ok`: the result's status can only be ok by now, so `status`, `errcode` and `errtext` are
 *   left out (the types say the same: `OkResult<T>`).
 * - `datasets`: the result holds a repeated choice of distinct elements that the request asks for
 *   one flag each (server get: `<gen_info/>`, `<stat/>`, …); each member becomes a property of the
 *   result itself (`result.genInfo`) instead of an entry of `items`. Each occurs at most once;
 *   one that occurs twice would not fit, so the call fails with `PleskTransportError`
 *   (`unexpected-answer`, naming it) rather than keep one of them: `client.request()` gives
 *   that answer as it is.
 *
 * The other properties keep their order; unknown content the decoder kept stays on the result.
 * Properties are set as own properties whatever their names (`constructor` included). An answer
 * without a <result> is judged by every status report inside it (`statusReports`).
 */
import { setUnknownContent, unknownContentOf } from '../codec/decode-options.js';
import { own, setOwn } from '../codec/own-properties.js';
import type { ResultShape } from './client-types.js';
import { PleskTransportError, type PleskResult } from './plesk-errors.js';
import { RESULT_STATUS_FIELDS } from './envelope.js';

const STATUS_FIELDS: readonly string[] = RESULT_STATUS_FIELDS;

export function shapeResult(result: Record<string, unknown>, shape: ResultShape, where: string): Record<string, unknown> {
  if (!shape.ok && shape.datasets === undefined) return result;
  const shaped: Record<string, unknown> = {};
  for (const key of Object.keys(result)) {
    if (shape.ok && STATUS_FIELDS.includes(key)) continue;
    if (key !== shape.datasets) {
      setOwn(shaped, key, result[key]);
      continue;
    }
    for (const item of result[key] as Array<Record<string, unknown>>) {
      for (const name of Object.keys(item)) {
        if (Object.hasOwn(shaped, name)) {
          throw new PleskTransportError('unexpected-answer', `${where}: the result holds ${name} twice, where each dataset comes at most once; client.request() gives that answer as it is`);
        }
        setOwn(shaped, name, item[name]);
      }
    }
  }
  const unknown = unknownContentOf(result);
  if (unknown) setUnknownContent(shaped, unknown);
  return shaped;
}

/** Every object with a `status` inside an answer that has no <result> element, in document order. */
export function statusReports(value: unknown, found: Array<PleskResult & Record<string, unknown>> = [], depth = 0): Array<PleskResult & Record<string, unknown>> {
  if (depth > 32 || value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const item of value) statusReports(item, found, depth + 1);
    return found;
  }
  const record = value as Record<string, unknown>;
  const status = own(record, 'status');
  if (status === 'ok' || status === 'error') found.push(record as PleskResult & Record<string, unknown>);
  for (const key of Object.keys(record)) if (key !== 'status') statusReports(record[key], found, depth + 1);
  return found;
}
