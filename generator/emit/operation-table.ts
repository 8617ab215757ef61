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
 *
 * A result (or results) given whole is shaped (`ResultShape`, runtime/client/result-shape.ts):
 * without status, errcode and errtext when its status can only be ok (`OkResult<T>`), and with
 * the members of a repeated choice of datasets as its own properties (`ServerGetResult`).
 */
import type { ResultShape, Unwrap } from '../../runtime/client/client-types.js';
import type { IrComplexType, IrElement, IrParticle, IrSchema } from '../model/ir.js';
import { isRepeating } from '../model/ir.js';
import { isBinaryOperation, isReadOperation, packetTypes } from '../passes/apply-plesk-conventions.js';
import { pascalCase } from '../passes/names.js';
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
  response?: { typeName: string; unwrap: Unwrap; returns: string; result?: { typeName: string; many: boolean }; natural?: NaturalResult };
  read: boolean;
  binary: boolean;
  /** the operator's request holds this operation directly (its content is one xs:choice, as db_server's), not in `operations` */
  single?: boolean;
  /** the same of the operator's answer */
  singleAnswer?: boolean;
}

/**
 * A result the client gives in its natural shape: a repeated choice of distinct elements (the
 * datasets) held as the result's own properties. `client.ts` declares it as an interface:
 * `name extends Omit<base, prop>`, one optional property per member.
 */
export interface NaturalResult {
  name: string;
  /** the result's type as the client gives it, before the datasets are merged: `OkResult<T.GetResultType>` */
  base: string;
  /** the repeating group's property (`items`) */
  prop: string;
  members: Array<{ prop: string; type: string; doc?: string }>;
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

/**
 * `taken`: the names types.ts exports, which a natural result's interface must not take (index.ts
 * exports both files).
 */
export function operationTable(ir: IrSchema, taken: ReadonlySet<string> = new Set()): OperatorInfo[] {
  const table: OperatorInfo[] = [];
  const packets = packetTypes(ir);
  const requests = new Map<OperationInfo, IrElement>();
  const names = new Set(taken);
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
          requests.set(entry, operation);
          if (single) entry.single = true;
        } else if (operation.type.kind === 'complex') {
          const naturalName = claim(names, `${pascalCase(operator.name)}${pascalCase(operation.name)}Result`);
          entry.response = responseInfo(operation.type.type, requests.get(entry), naturalName);
          if (entry.response.natural) names.add(naturalName);
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

/** `base`, or when a type has it `base` + `Datasets` (then `Choice`): the name of a natural result's interface. */
function claim(names: ReadonlySet<string>, base: string): string {
  for (const name of [base, `${base}Datasets`, `${base}Choice`]) if (!names.has(name)) return name;
  throw new Error(`internal: no free name for ${base}`);
}

function responseInfo(answer: IrComplexType, request: IrElement | undefined, naturalName: string): NonNullable<OperationInfo['response']> {
  const info = unwrapInfo(answer, request, naturalName);
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

function unwrapInfo(answer: IrComplexType, request: IrElement | undefined, naturalName: string): NonNullable<OperationInfo['response']> {
  const whole = { typeName: answer.tsName, unwrap: { k: 'answer' } as Unwrap, returns: `T.${answer.tsName}` };
  const result = resultElement(answer);
  if (!result || result.type.kind !== 'complex' || answer.attrs.length > 0) return whole;
  const type = result.type.type;
  const all = type.model ? members(type.model, true, []) : [];
  const many = isRepeating(result);
  const ok = okOnly(type);
  const base = ok ? `OkResult<T.${type.tsName}>` : `T.${type.tsName}`;
  const datasets = datasetsOf(type, request);
  const shape: ResultShape = { ...(ok ? { ok: true as const } : {}), ...(datasets ? { datasets: datasets.prop } : {}) };
  const one = datasets ? naturalName : base;
  const results = {
    typeName: answer.tsName,
    unwrap: (many ? { k: 'results', ...shape } : { k: 'result', ...shape }) as Unwrap,
    returns: many ? `Array<${one}>` : one,
    ...(datasets ? { natural: { name: naturalName, base, ...datasets } } : {}),
  };
  if (!all || type.attrs.length > 0 || type.content === 'simple') return results;
  const payload = all.filter((m) => !RESULT_STATUS.has(m.element.name));
  if (payload.length === 0) return { typeName: answer.tsName, unwrap: { k: 'none' }, returns: 'void' };
  if (payload.length > 1) return results;
  const { element, required } = payload[0]!;
  if (isRepeating(element)) return { typeName: answer.tsName, unwrap: { k: 'list', prop: element.prop }, returns: `Array<${valueType(element)}>` };
  if (many) return results;
  return { typeName: answer.tsName, unwrap: { k: 'value', prop: element.prop }, returns: required ? valueType(element) : `${valueType(element)} | undefined` };
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
function datasetsOf(type: IrComplexType, request: IrElement | undefined): Pick<NaturalResult, 'prop' | 'members'> | undefined {
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
  return { prop: group.prop, members: items.map((i) => ({ prop: i.prop, type: valueType(i), ...(i.doc ? { doc: i.doc } : {}) })) };
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
