/**
 * The accounts of the stand-in server (the owners backups belong to), and how an operation's
 * owner element (`customer-id`, `webspace-name`, `server`, …) is resolved to one of them.
 */

export type Owner =
  | { kind: 'server'; key: 'server' }
  | { kind: 'reseller' | 'customer' | 'webspace'; id: number; key: string };

export interface OwnerInput {
  server?: true;
  resellerId?: number | bigint;
  resellerLogin?: string;
  customerId?: number | bigint;
  customerLogin?: string;
  webspaceId?: number | bigint;
  webspaceName?: string;
}

interface Account {
  id: number;
  name: string;
}

export const ACCOUNTS: Record<'reseller' | 'customer' | 'webspace', Account[]> = {
  reseller: [{ id: 1, name: 'reseller1' }],
  customer: [{ id: 7, name: 'jdoe' }, { id: 8, name: 'acme' }],
  webspace: [{ id: 3, name: 'example.com' }, { id: 4, name: 'shop.example.com' }],
};

export class UnknownOwner extends Error {}

/** The owner an operation names; `fallback` when it names none (operations where the owner is optional). */
export function resolveOwner(input: OwnerInput, fallback?: Owner): Owner {
  if (input.server) return { kind: 'server', key: 'server' };
  for (const kind of ['reseller', 'customer', 'webspace'] as const) {
    const id = input[`${kind}Id`];
    const name = kind === 'webspace' ? input.webspaceName : input[`${kind}Login`];
    if (id === undefined && name === undefined) continue;
    const account = ACCOUNTS[kind].find((a) => (id !== undefined ? BigInt(a.id) === BigInt(id) : a.name === name));
    if (!account) throw new UnknownOwner(`${kind} ${id !== undefined ? `with id ${id}` : `'${name}'`} does not exist`);
    return { kind, id: account.id, key: `${kind}:${account.id}` };
  }
  if (fallback) return fallback;
  throw new UnknownOwner('no owner given');
}

/** The owner element of a task in a get-tasks-info answer. */
export function ownerElement(owner: Owner): { server: true } | { resellerId: number } | { customerId: number } | { webspaceId: number } {
  switch (owner.kind) {
    case 'server': return { server: true };
    case 'reseller': return { resellerId: owner.id };
    case 'customer': return { customerId: owner.id };
    case 'webspace': return { webspaceId: owner.id };
  }
}
