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
 * Properties are set as own properties whatever their names (`constructor` included).
 */
import { setUnknownContent, unknownContentOf } from '../codec/decode-options.js';
import { setOwn } from '../codec/own-properties.js';
import type { ResultShape } from './client-types.js';
import { PleskTransportError } from './plesk-errors.js';
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
