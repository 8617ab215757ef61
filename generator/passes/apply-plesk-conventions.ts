/**
 * Everything plesk-codegen knows about Plesk rather than about XML Schema, in one place.
 *
 * - The envelope: a global element `packet`. The response packet is the one whose content can
 *   hold `system` (the packet-level error); the other is the request packet. Their types are
 *   named `RequestPacket` and `ResponsePacket`.
 * - Operators and operations: the packet's repeating choice holds operators (`backup-manager`,
 *   `customer`, …), kept in order in the property `operators`; an operator's type whose content is
 *   a repeating choice holds operations (`get-tasks-info`, …), in the property `operations`.
 *
 * A schema set without a `packet` element (Plesk's backup.xsd alone) is left as it is.
 */
import { ENVELOPE } from '../../runtime/client/envelope.js';
import { SchemaError } from '../errors.js';
import type { IrGroup, IrParticle, IrRoot, IrSchema } from '../model/ir.js';
import { isRepeating } from '../model/ir.js';

export const PACKET_ELEMENT = ENVELOPE.packet;
export const PACKET_TYPE_NAMES = { request: 'RequestPacket', response: 'ResponsePacket' } as const;

export function applyPleskConventions(ir: IrSchema): IrSchema {
  const seen: Partial<Record<'request' | 'response', IrRoot>> = {};
  for (const root of ir.roots) {
    if (root.name !== PACKET_ELEMENT || root.type.kind !== 'complex') continue;
    const type = root.type.type;
    const direction = findElement(type.model, ENVELOPE.system) ? 'response' : 'request';
    const previous = seen[direction];
    if (previous && previous.type.kind === 'complex' && previous.type.type !== type) {
      throw new SchemaError('packet-envelope', root.loc, `a second ${direction} <packet> is declared (the first is in ${previous.set})`, `generate one ${direction} schema at a time: pass one agent_${direction === 'request' ? 'input' : 'output'}.xsd`);
    }
    seen[direction] = root;
    root.packet = direction;
    ir.packets[direction] = type;
    type.preferredName = PACKET_TYPE_NAMES[direction];
    for (const group of repeatingChoices(type.model)) {
      group.preferredProp = ENVELOPE.operators;
      for (const operator of group.items) {
        if (operator.kind !== 'element' || operator.type.kind !== 'complex') continue;
        const model = operator.type.type.model;
        if (model && model.kind !== 'element' && model.kind !== 'any' && isRepeating(model)) model.preferredProp = ENVELOPE.operations;
      }
    }
  }
  return ir;
}

function findElement(model: IrParticle | undefined, name: string): boolean {
  if (!model || model.kind === 'any') return false;
  if (model.kind === 'element') return model.name === name;
  return model.items.some((item) => findElement(item, name));
}

function* repeatingChoices(model: IrParticle | undefined): Generator<IrGroup> {
  if (!model || model.kind === 'element' || model.kind === 'any') return;
  if (model.kind === 'choice' && isRepeating(model)) yield model;
  else for (const item of model.items) yield* repeatingChoices(item);
}


/**
 * Operations that only read, and so may be resent after a connection failure: Plesk names them
 * `get` or `get-…` / `get_…` (`get-tasks-info`, `get_protos`). Anything else may start or change
 * something on the server (`backup-server`, `stop-backup`, `remove-file`) and is never resent.
 */
export function isReadOperation(operation: string): boolean {
  return operation === 'get' || /^get[-_]/.test(operation);
}

/** Operations answered, on success, with a file instead of XML (Content-Type decides). */
const BINARY_OPERATIONS = new Set(['backup-manager/download-file']);

export function isBinaryOperation(operator: string, operation: string): boolean {
  return BINARY_OPERATIONS.has(`${operator}/${operation}`);
}

/**
 * The operator whose tasks `waitForTask` polls: `backup-manager`, through `get-tasks-info` by
 * `task-id`, until the task's `status` is finished, failed or stopped.
 */
export const TASK_POLLING = { operator: 'backup-manager', operation: 'get-tasks-info', filter: 'task-id' } as const;
