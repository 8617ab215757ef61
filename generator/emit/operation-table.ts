/**
 * The operators and operations of a Plesk packet envelope, with what the client needs to call
 * each one: the request type (and whether it may be left out), the response type, and how the
 * answer is turned into the method's value (`Unwrap`, see runtime/client/client.ts):
 *
 *   answer without <result>                          the answer itself
 *   result: status, errcode, errtext only            void
 *   result with one repeating element (task*)        that element, flattened across results
 *   single result with one other element (task-id)   that element's value
 *   anything else                                    the result (or results, when it repeats)
 */
import type { Unwrap } from '../../runtime/client/client-types.js';
import type { IrComplexType, IrElement, IrParticle, IrSchema } from '../model/ir.js';
import { isRepeating } from '../model/ir.js';
import { isBinaryOperation, isReadOperation, packetTypes } from '../passes/apply-plesk-conventions.js';
import { isFlag, simpleMetaType } from './type-expressions.js';

export interface OperationInfo {
  name: string;
  prop: string;
  doc?: string;
  /** undefined when the request envelope does not offer this operation */
  /** `empty`: the value that stands for an empty request, when the request may be empty */
  request?: { type: string; typeName: string; flag: boolean; empty?: string };
  /** undefined when the response envelope has no answer for it */
  /** `result`: the type of the answer's <result> element and whether it repeats, when the answer holds nothing else */
  response?: { typeName: string; unwrap: Unwrap; returns: string; result?: { typeName: string; many: boolean } };
  read: boolean;
  binary: boolean;
  /** the operator's request holds this operation directly (its content is one xs:choice, as db_server's), not in `operations` */
  single?: boolean;
  /** the same of the operator's answer */
  singleAnswer?: boolean;
}

export interface OperatorInfo {
  name: string;
  prop: string;
  doc?: string;
  operations: OperationInfo[];
  /** the packets that have this operator */
  packets: Array<'request' | 'response'>;
}

const RESULT_STATUS = new Set(['status', 'errcode', 'errtext']);

export function operationTable(ir: IrSchema): OperatorInfo[] {
  const table: OperatorInfo[] = [];
  const packets = packetTypes(ir);
  for (const direction of ['request', 'response'] as const) {
    for (const operator of groupItems(packets[direction]?.model, 'operators')) {
      if (operator.type.kind !== 'complex') continue;
      let row = table.find((r) => r.name === operator.name);
      if (!row) table.push((row = { name: operator.name, prop: operator.prop, operations: [], packets: [], ...(operator.doc ? { doc: operator.doc } : {}) }));
      if (!row.packets.includes(direction)) row.packets.push(direction);
      const { items, single } = operationsOf(operator.type.type.model);
      for (const operation of items) {
        let entry = row.operations.find((o) => o.name === operation.name);
        if (!entry) {
          entry = { name: operation.name, prop: operation.prop, read: isReadOperation(operation.name), binary: isBinaryOperation(operator.name, operation.name) };
          row.operations.push(entry);
        }
        if (direction === 'request') {
          if (operation.doc) entry.doc = operation.doc;
          entry.request = requestInfo(operation);
          if (single) entry.single = true;
        } else if (operation.type.kind === 'complex') {
          entry.response = responseInfo(operation.type.type);
          if (single) entry.singleAnswer = true;
        }
      }
    }
  }
  return table;
}

/**
 * The operations of an operator's type: the repeating choice named `operations`, or, when the
 * type's whole content is one non-repeating xs:choice (db_server's request), that choice's
 * members: one operation per packet, held directly in the operator's record.
 */
function operationsOf(model: IrParticle | undefined): { items: IrElement[]; single: boolean } {
  const items = groupItems(model, 'operations');
  if (items.length > 0 || !model || model.kind !== 'choice' || isRepeating(model)) return { items, single: false };
  return { items: model.items.filter((i): i is IrElement => i.kind === 'element' && i.max === 1), single: true };
}

/** The elements of the repeating group a convention named `prop` (`operators`, `operations`). */
function groupItems(model: IrParticle | undefined, prop: string): IrElement[] {
  if (!model || model.kind === 'element' || model.kind === 'any') return [];
  if (model.prop === prop) return model.items.filter((i): i is IrElement => i.kind === 'element');
  return model.items.flatMap((item) => groupItems(item, prop));
}

function requestInfo(operation: IrElement): OperationInfo['request'] {
  const t = operation.type;
  if (t.kind === 'complex') {
    const flag = isFlag(t.type);
    return { type: flag ? 'true' : `T.${t.type.tsName}`, typeName: t.type.tsName, flag, ...(!flag && acceptsEmpty(t.type) ? { empty: '{}' } : {}) };
  }
  if (t.kind === 'simple') return { type: valueType(operation), typeName: t.type.tsName, flag: false };
  // untyped (xs:anyType): usually an operation without parameters, such as <reboot/>
  return { type: 'XmlAny', typeName: 'XmlAny', flag: false, empty: "''" };
}

function acceptsEmpty(type: IrComplexType): boolean {
  if (type.attrs.some((a) => a.required) || type.content === 'simple') return false;
  return !type.model || nullable(type.model);
}

function nullable(p: IrParticle): boolean {
  if (p.min === 0) return true;
  if (p.kind === 'element' || p.kind === 'any') return false;
  return p.kind === 'choice' ? p.items.some(nullable) : p.items.every(nullable);
}

interface Member {
  element: IrElement;
  required: boolean;
}

/** The elements of a record's model that are not in a repeating group; undefined if it has one (or a wildcard). */
function members(p: IrParticle, required: boolean, out: Member[]): Member[] | undefined {
  if (p.kind === 'any') return undefined;
  if (p.kind === 'element') {
    out.push({ element: p, required: required && p.min > 0 });
    return out;
  }
  if (isRepeating(p)) return undefined;
  for (const item of p.items) if (!members(item, required && p.min > 0 && p.kind !== 'choice', out)) return undefined;
  return out;
}

function responseInfo(answer: IrComplexType): OperationInfo['response'] {
  const info = unwrapInfo(answer);
  // the stub's handlers return the result when it is all the answer holds, the whole answer otherwise
  const top = answer.model ? members(answer.model, true, []) : [];
  const result = top?.length === 1 && answer.attrs.length === 0 ? top[0]!.element : undefined;
  return result?.name === 'result' && result.type.kind === 'complex' ? { ...info, result: { typeName: result.type.type.tsName, many: isRepeating(result) } } : info;
}

/** The answer's own <result> element, if it has one outside any repeating group. */
function resultElement(answer: IrComplexType): IrElement | undefined {
  const top = answer.model ? members(answer.model, true, []) : [];
  return top?.find((m) => m.element.name === 'result')?.element;
}

function unwrapInfo(answer: IrComplexType): NonNullable<OperationInfo['response']> {
  const whole = { typeName: answer.tsName, unwrap: { k: 'answer' } as Unwrap, returns: `T.${answer.tsName}` };
  const result = resultElement(answer);
  if (!result || result.type.kind !== 'complex' || answer.attrs.length > 0) return whole;
  const type = result.type.type;
  const all = type.model ? members(type.model, true, []) : [];
  const many = isRepeating(result);
  const results = { typeName: answer.tsName, unwrap: (many ? { k: 'results' } : { k: 'result' }) as Unwrap, returns: many ? `Array<T.${type.tsName}>` : `T.${type.tsName}` };
  if (!all || type.attrs.length > 0 || type.content === 'simple') return results;
  const payload = all.filter((m) => !RESULT_STATUS.has(m.element.name));
  if (payload.length === 0) return { typeName: answer.tsName, unwrap: { k: 'none' }, returns: 'void' };
  if (payload.length > 1) return results;
  const { element, required } = payload[0]!;
  if (isRepeating(element)) return { typeName: answer.tsName, unwrap: { k: 'list', prop: element.prop }, returns: `Array<${valueType(element)}>` };
  if (many) return results;
  return { typeName: answer.tsName, unwrap: { k: 'value', prop: element.prop }, returns: required ? valueType(element) : `${valueType(element)} | undefined` };
}

/** The TypeScript type of an element's value, as client.ts (which imports types.js as T) spells it. */
function valueType(el: IrElement): string {
  const t = el.type;
  const base = t.kind === 'any' ? 'XmlAny' : t.kind === 'complex' ? (isFlag(t.type) ? 'true' : `T.${t.type.tsName}`) : t.type.tsName.startsWith('xs:') ? simpleMetaType(t.type.meta) : `T.${t.type.tsName}`;
  return el.nillable ? `${base} | null` : base;
}

/**
 * The operators a PleskClient calls, each with the operations present in both packets; none when
 * the schema set lacks one of the packets (then no client is generated).
 */
export function clientOperators(ir: IrSchema, table: OperatorInfo[]): OperatorInfo[] {
  const packets = packetTypes(ir);
  if (!packets.request || !packets.response) return [];
  return table
    .map((op) => ({ ...op, operations: op.operations.filter((o) => o.request && o.response) }))
    .filter((op) => op.operations.length > 0);
}
