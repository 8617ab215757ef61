/**
 * Records the operators and operations of Plesk's envelope in the IR (`ir.operators`), with what
 * the client, the stub and the README need of each: the request's value (and whether it may be
 * left out), the answer, and how the client turns the answer into a method's value (`Unwrap`,
 * runtime/client/client.ts):
 *
 *   answer without <result>                          the answer itself
 *   result: status, errcode, errtext only            void
 *   result with one repeating element (task*)        that element, flattened across results
 *   single result with one other element (task-id)   that element's value
 *   anything else                                    the result (or results, when it repeats)
 *
 * A result (or results) given whole is shaped (`ResultShape`, runtime/client/result-shape.ts):
 * without status, errcode and errtext when its status can only be ok (`OkResult<T>`), and with
 * the members of a repeated choice of datasets as its own properties (server get's datasets).
 * Names are not decided here: name-client.ts names the classes, methods and result interfaces.
 */
import type { ResultShape, Unwrap } from '../../runtime/client/client-types.js';
import { ENVELOPE, RESULT_STATUS_FIELDS } from '../../runtime/client/envelope.js';
import type { IrComplexType, IrElement, IrNaturalResult, IrOperation, IrOperationRequest, IrOperationResponse, IrOperator, IrParticle, IrSchema } from '../model/ir.js';
import { isRepeating } from '../model/ir.js';
import { isNullable } from '../../runtime/codec/particles.js';
import { elementValue, isFlag, type ValueType } from '../model/value-types.js';
import { isBinaryOperation, isReadOperation, TASK_POLLING } from './apply-plesk-conventions.js';

const RESULT_STATUS: ReadonlySet<string> = new Set(RESULT_STATUS_FIELDS);

export function analyseOperations(ir: IrSchema): IrSchema {
  const table: IrOperator[] = [];
  const requests = new Map<IrOperation, IrElement>();
  for (const direction of ['request', 'response'] as const) {
    for (const operator of groupItems(ir.packets[direction]?.model, ENVELOPE.operators)) {
      if (operator.type.kind !== 'complex') continue;
      let row = table.find((r) => r.name === operator.name);
      if (!row) table.push((row = { name: operator.name, prop: operator.prop, operations: [], packets: [], clientProp: '', className: '', ...(operator.doc ? { doc: operator.doc } : {}) }));
      if (!row.packets.includes(direction)) row.packets.push(direction);
      const { items, single } = operationsOf(operator.type.type.model);
      for (const operation of items) {
        let entry = row.operations.find((o) => o.name === operation.name);
        if (!entry) {
          entry = { name: operation.name, prop: operation.prop, read: isReadOperation(operation.name), binary: isBinaryOperation(operator.name, operation.name), single: false, singleAnswer: false, method: '' };
          row.operations.push(entry);
        }
        if (direction === 'request') {
          if (operation.doc) entry.doc = operation.doc;
          entry.request = requestOf(operation);
          requests.set(entry, operation);
          entry.single = single;
        } else if (operation.type.kind === 'complex') {
          entry.response = responseOf(operation, operation.type.type, requests.get(entry));
          entry.singleAnswer = single;
        }
      }
    }
  }
  for (const operator of table) {
    const poll = operator.name === TASK_POLLING.operator ? operator.operations.find((o) => o.name === TASK_POLLING.operation) : undefined;
    if (poll && isCallable(ir, poll) && poll.response!.unwrap.k === 'list') operator.taskPolling = poll;
  }
  ir.operators = table;
  return ir;
}

/** Whether the client calls the operation: it is in both packets, and so are they. */
export function isCallable(ir: IrSchema, operation: IrOperation): boolean {
  return ir.packets.request !== undefined && ir.packets.response !== undefined && operation.request !== undefined && operation.response !== undefined;
}

/** The operators a PleskClient has, each with the operations it calls; none without both packets. */
export function clientOperators(ir: IrSchema): Array<IrOperator & { calls: IrOperation[] }> {
  return ir.operators.map((op) => ({ ...op, calls: op.operations.filter((o) => isCallable(ir, o)) })).filter((op) => op.calls.length > 0);
}

/**
 * The operations of an operator's type: the repeating choice named `operations`, or, when the
 * type's whole content is one non-repeating xs:choice (db_server's request), that choice's
 * members: one operation per packet, held directly in the operator's record.
 */
function operationsOf(model: IrParticle | undefined): { items: IrElement[]; single: boolean } {
  const items = groupItems(model, ENVELOPE.operations);
  if (items.length > 0 || !model || model.kind !== 'choice' || isRepeating(model)) return { items, single: false };
  return { items: model.items.filter((i): i is IrElement => i.kind === 'element' && i.max === 1), single: true };
}

/** The elements of the repeating group a convention named `prop` (`operators`, `operations`). */
function groupItems(model: IrParticle | undefined, prop: string): IrElement[] {
  if (!model || model.kind === 'element' || model.kind === 'any') return [];
  if (model.prop === prop) return model.items.filter((i): i is IrElement => i.kind === 'element');
  return model.items.flatMap((item) => groupItems(item, prop));
}

function requestOf(operation: IrElement): IrOperationRequest {
  const t = operation.type;
  if (t.kind === 'complex') {
    const flag = isFlag(t.type);
    return { element: operation, input: elementValue(operation), flag, ...(!flag && acceptsEmpty(t.type) ? { empty: '{}' as const } : {}) };
  }
  if (t.kind === 'simple') return { element: operation, input: elementValue(operation), flag: false };
  // untyped (xs:anyType): usually an operation without parameters, such as <reboot/>
  return { element: operation, input: { k: 'any' }, flag: false, empty: "''" };
}

function acceptsEmpty(type: IrComplexType): boolean {
  if (type.attrs.some((a) => a.required) || type.content === 'simple') return false;
  return !type.model || nullable(type.model);
}

const nullable: (p: IrParticle) => boolean = isNullable;

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

function responseOf(element: IrElement, answer: IrComplexType, request: IrElement | undefined): IrOperationResponse {
  const info = unwrapOf(element, answer, request);
  // the stub's handlers return the result when it is all the answer holds, the whole answer otherwise
  const top = answer.model ? members(answer.model, true, []) : [];
  const result = top?.length === 1 && answer.attrs.length === 0 ? top[0]!.element : undefined;
  return result?.name === ENVELOPE.result && result.type.kind === 'complex' ? { ...info, result: { type: result.type.type, many: isRepeating(result) } } : info;
}

/** The answer's own <result> element, if it has one outside any repeating group. */
function resultElement(answer: IrComplexType): IrElement | undefined {
  const top = answer.model ? members(answer.model, true, []) : [];
  return top?.find((m) => m.element.name === ENVELOPE.result)?.element;
}

function unwrapOf(element: IrElement, answer: IrComplexType, request: IrElement | undefined): IrOperationResponse {
  const whole: IrOperationResponse = { element, answer, unwrap: { k: 'answer' }, returns: { k: 'type', type: answer } };
  const result = resultElement(answer);
  if (!result || result.type.kind !== 'complex' || answer.attrs.length > 0) return whole;
  const type = result.type.type;
  const all = type.model ? members(type.model, true, []) : [];
  const many = isRepeating(result);
  const ok = okOnly(type);
  const base: ValueType = ok ? { k: 'ok', of: { k: 'type', type } } : { k: 'type', type };
  const datasets = datasetsOf(type, request);
  const shape: ResultShape = { ...(ok ? { ok: true as const } : {}), ...(datasets ? { datasets: datasets.prop } : {}) };
  const natural: IrNaturalResult | undefined = datasets ? { name: '', base, ...datasets } : undefined;
  const one: ValueType = natural ? { k: 'natural', result: natural } : base;
  const results: IrOperationResponse = {
    element,
    answer,
    unwrap: (many ? { k: 'results', ...shape } : { k: 'result', ...shape }) as Unwrap,
    returns: many ? { k: 'array', of: one } : one,
    ...(natural ? { natural } : {}),
  };
  if (!all || type.attrs.length > 0 || type.content === 'simple') return results;
  const payload = all.filter((m) => !RESULT_STATUS.has(m.element.name));
  if (payload.length === 0) return { element, answer, unwrap: { k: 'none' }, returns: { k: 'void' } };
  if (payload.length > 1) return results;
  const { element: only, required } = payload[0]!;
  if (isRepeating(only)) return { element, answer, unwrap: { k: 'list', prop: only.prop }, returns: { k: 'array', of: elementValue(only) } };
  if (many) return results;
  return { element, answer, unwrap: { k: 'value', prop: only.prop }, returns: required ? elementValue(only) : { k: 'undefinable', of: elementValue(only) } };
}

/**
 * A result whose status can only be ok once the client has checked it: a required `status` of
 * its own, outside any choice or repeating group, whose values are `ok` and `error` only (Plesk's
 * `ResultStatus`), beside which Plesk puts `errcode` and `errtext`. The client throws on error,
 * so what it gives leaves the three out.
 */
function okOnly(type: IrComplexType): boolean {
  const status = type.model ? outside(type.model, true).find((m) => m.element.name === 'status') : undefined;
  if (!status?.required || status.element.type.kind !== 'simple' || isRepeating(status.element)) return false;
  const values = status.element.type.type.meta.enum ?? [];
  return values.length > 0 && values.every((v) => v === 'ok' || v === 'error');
}

/** The elements of a model outside any repeating group (required when every group up to them is and none is a choice). */
function outside(p: IrParticle, required: boolean): Member[] {
  if (p.kind === 'any') return [];
  if (p.kind === 'element') return [{ element: p, required: required && p.min > 0 }];
  if (isRepeating(p)) return [];
  return p.items.flatMap((item) => outside(item, required && p.min > 0 && p.kind !== 'choice'));
}

/**
 * The datasets of a result, when it holds them in a repeated choice that the request mirrors
 * (server get: `<xs:choice maxOccurs="unbounded">` of key, gen_info, stat, … in the result, an
 * element of each name in the request, mostly flags): one repeating choice in the result's
 * model, every member an element that occurs once per entry, no two of one name, each named in
 * the request, none named like another property of the result; the result's type has no other
 * choice (its interface extends it). Then each member occurs once in practice (the request asks
 * for it once), the order of the entries carries no meaning, and the result holds them as its
 * own properties.
 */
function datasetsOf(type: IrComplexType, request: IrElement | undefined): Pick<IrNaturalResult, 'prop' | 'members'> | undefined {
  if (!type.model || type.attrs.length > 0 || type.content !== 'elements' || request?.type.kind !== 'complex' || !request.type.type.model) return undefined;
  const groups: IrParticle[] = [];
  const walk = (p: IrParticle): boolean => {
    if (p.kind === 'element') return true;
    if (p.kind === 'any') return false;
    if (isRepeating(p)) {
      groups.push(p);
      return true;
    }
    return p.kind !== 'choice' && p.items.every(walk);
  };
  if (!walk(type.model) || groups.length !== 1) return undefined;
  const group = groups[0]!;
  if (group.kind !== 'choice' || group.items.some((i) => i.kind !== 'element' || isRepeating(i) || i.nillable)) return undefined;
  const items = group.items as IrElement[];
  const asked = new Set(outside(request.type.type.model, false).map((m) => m.element.name));
  const others = new Set(outside(type.model, false).map((m) => m.element.prop));
  const props = items.map((i) => i.prop);
  if (new Set(items.map((i) => i.name)).size !== items.length || items.some((i) => !asked.has(i.name)) || props.some((p) => others.has(p))) return undefined;
  return { prop: group.prop, members: items.map((i) => ({ prop: i.prop, type: elementValue(i), ...(i.doc ? { doc: i.doc } : {}) })) };
}
