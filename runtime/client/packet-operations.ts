/**
 * The operations of a packet value (request or response), as the client and the stub both read
 * them: each operator's `operations`, or, for an operator whose content is one xs:choice
 * (db_server's request), the operator's record itself, which holds its one operation directly.
 */
export type Entries = Array<Record<string, unknown>>;

/** The operations of one operator's record. */
export function operationsIn(value: unknown): Entries {
  if (value === null || typeof value !== 'object') return [];
  const operations = (value as { operations?: Entries }).operations;
  return operations ?? (Object.keys(value).length > 0 ? [value as Record<string, unknown>] : []);
}

/** `operatorProp.operationProp` of every operation of the packet, in document order. */
export function operationKeys(packet: unknown): string[] {
  const keys: string[] = [];
  for (const entry of ((packet as { operators?: Entries } | undefined)?.operators ?? [])) {
    for (const [operator, value] of Object.entries(entry)) {
      for (const operation of operationsIn(value)) for (const name of Object.keys(operation)) keys.push(`${operator}.${name}`);
    }
  }
  return keys;
}
