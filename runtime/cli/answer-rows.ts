/**
 * What an answer packet holds for the command's one operation: its results (ok and error, in
 * document order), and the rows to print with the type they have, chosen as the client's method
 * chooses its value (the row's `unwrap`):
 *
 *   the results' one repeated element (get-tasks-info: task*)   each of them, across the ok results
 *   an answer without <result>                                  the answer itself
 *   anything else                                               each ok result
 *
 * The answer's packet/@version is the protocol version the server answered in.
 */
import type { OperationRow } from '../client/client-types.js';
import { operationsIn, operatorsOf } from '../client/packet-operations.js';
import type { SchemaMeta, TypeRef } from '../codec/meta.js';
import { own } from '../codec/own-properties.js';
import { complexOf, memberElement, operationElement } from './schema-walk.js';

type Rec = Record<string, unknown>;

export interface AnswerRows {
  /** packet/@version of the answer */
  version: string | undefined;
  /** every result, in document order (none for an answer without <result>) */
  results: Rec[];
  rows: unknown[];
  /** the type of each row, for the table's columns */
  rowType: TypeRef | undefined;
  /** the rows are results: their status, errcode and errtext are not columns */
  rowsAreResults: boolean;
}

export function answerRows(schema: SchemaMeta, responseType: string, row: OperationRow, packet: unknown): AnswerRows {
  const version = typeof packet === 'object' && packet !== null ? (own(packet, 'version') as string | undefined) : undefined;
  const operator = operatorsOf(packet).map((o) => own(o, row.operatorProp)).find((o) => o !== undefined);
  const answer = operationsIn(operator).map((o) => own(o, row.operationProp)).find((o) => o !== undefined) as Rec | undefined;
  const element = operationElement(schema, responseType, row, 'response');
  const answerType = complexOf(schema, element);
  if (answer === undefined) return { version, results: [], rows: [], rowType: undefined, rowsAreResults: false };
  if (row.unwrap.k === 'answer') return { version, results: [], rows: [answer], rowType: element.type, rowsAreResults: false };
  const resultElement = memberElement(answerType, 'result');
  const raw = own(answer, 'result');
  const results = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Rec[];
  const ok = results.filter((r) => own(r, 'status') !== 'error');
  if (row.unwrap.k === 'list') {
    const prop = row.unwrap.prop;
    const item = resultElement ? memberElement(complexOf(schema, resultElement), prop) : undefined;
    return { version, results, rows: ok.flatMap((r) => (own(r, prop) as unknown[] | undefined) ?? []), rowType: item?.type, rowsAreResults: false };
  }
  return { version, results, rows: ok, rowType: resultElement?.type, rowsAreResults: true };
}

/** The results whose status is error. */
export function failedResults(results: readonly Rec[]): Rec[] {
  return results.filter((r) => own(r, 'status') === 'error');
}
