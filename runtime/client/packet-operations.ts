/**
 * The operations of a packet value (request or response), as the client and the stub both read
 * them: each operator's `operations`, or, for an operator whose content is one xs:choice
 * (db_server's request), the operator's record itself, which holds its one operation directly.
 */
import { own } from '../codec/own-properties.js';
import { ENVELOPE } from './envelope.js';

export type Entries = Array<Record<string, unknown>>;

/** The operations of one operator's record. */
export function operationsIn(value: unknown): Entries {
  if (value === null || typeof value !== 'object') return [];
  const operations = own(value, ENVELOPE.operations) as Entries | undefined;
  return operations ?? (Object.keys(value).length > 0 ? [value as Record<string, unknown>] : []);
}

/** `operatorProp.operationProp` of every operation of the packet, in document order. */
export function operationKeys(packet: unknown): string[] {
  const keys: string[] = [];
  for (const entry of operatorsOf(packet)) {
    for (const [operator, value] of Object.entries(entry)) {
      for (const operation of operationsIn(value)) for (const name of Object.keys(operation)) keys.push(`${operator}.${name}`);
    }
  }
  return keys;
}

/** The operator entries of a packet value (its own `operators`). */
export function operatorsOf(packet: unknown): Entries {
  return (packet !== null && typeof packet === 'object' ? (own(packet, ENVELOPE.operators) as Entries | undefined) : undefined) ?? [];
}
