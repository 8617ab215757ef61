/**
 * The stand-in's accounts: which customer, webspace or reseller an operation names (its owner
 * elements: `customer-login`, `webspace-id`, `server`, …), and the answers of webspace/get and
 * customer/get (listing subscriptions and customers, with the `gen_info` dataset) in the shape of
 * Plesk's schemas (every element their gen_info requires).
 */
import { own } from '../codec/own-properties.js';
import { stubOperationError } from './stub-answers.js';
import type { StandInCustomer, StandInWebspace } from './stand-in-types.js';

export interface Accounts {
  customers: readonly StandInCustomer[];
  webspaces: readonly StandInWebspace[];
  resellers: readonly StandInCustomer[];
}

/** An owner as the stand-in keys it: `server`, `webspace:example.com`, `customer:jdoe`, `reseller:r1`. */
export type OwnerKey = string;

/** The owner an operation's input names; `fallback` when it names none; error 1013 for an unknown one. */
export function ownerOf(input: unknown, accounts: Accounts, fallback?: OwnerKey): OwnerKey {
  const value = (key: string) => (input !== null && typeof input === 'object' ? own(input, key) : undefined);
  if (value('server') !== undefined) return 'server';
  const kinds = [
    { kind: 'webspace', list: accounts.webspaces.map((w) => ({ id: w.id, name: w.name })), id: value('webspaceId'), name: value('webspaceName') },
    { kind: 'customer', list: accounts.customers.map((c) => ({ id: c.id, name: c.login })), id: value('customerId'), name: value('customerLogin') },
    { kind: 'reseller', list: accounts.resellers.map((r) => ({ id: r.id, name: r.login })), id: value('resellerId'), name: value('resellerLogin') },
  ];
  for (const { kind, list, id, name } of kinds) {
    if (id === undefined && name === undefined) continue;
    const found = list.find((a) => (id !== undefined ? String(a.id) === String(id) : a.name === name));
    if (!found) throw stubOperationError(1013, `${kind === 'webspace' ? 'Subscription' : kind === 'customer' ? 'Customer' : 'Reseller'} ${id !== undefined ? `with id ${String(id)}` : String(name)} does not exist.`);
    return `${kind}:${found.name}`;
  }
  if (fallback !== undefined) return fallback;
  throw stubOperationError(1013, 'No owner was given.');
}

/** The owner element of a task in a get-tasks-info answer. */
export function ownerElement(owner: OwnerKey, accounts: Accounts): Record<string, unknown> {
  const [kind, name] = owner.split(':') as [string, string | undefined];
  if (kind === 'webspace') return { webspaceId: accounts.webspaces.find((w) => w.name === name)!.id };
  if (kind === 'customer') return { customerId: accounts.customers.find((c) => c.login === name)!.id };
  if (kind === 'reseller') return { resellerId: accounts.resellers.find((r) => r.login === name)!.id };
  return { server: true };
}

/** The name the scenario's lists give an owner: `example.com`, `jdoe`, `server`. */
export function scenarioName(owner: OwnerKey): string {
  return owner.includes(':') ? owner.slice(owner.indexOf(':') + 1) : owner;
}

const CREATED = '2024-01-15';

/** webspace/get: one result per matching subscription (an unknown filter value: an error result naming it). */
export function webspaceGet(input: unknown, accounts: Accounts): unknown[] {
  return listed(input, accounts.webspaces, (w) => ({ id: [w.id], name: [w.name], guid: [guid('webspace', w.id)], ownerId: [accounts.customers.find((c) => c.login === w.owner)?.id], ownerLogin: [w.owner] }), (w) => {
    const customer = accounts.customers.find((c) => c.login === w.owner);
    return {
      crDate: CREATED,
      name: w.name,
      asciiName: w.name,
      status: 0,
      realSize: 0,
      ...(customer ? { ownerId: customer.id, ownerLogin: customer.login } : {}),
      htype: 'vrt_hst',
      guid: guid('webspace', w.id),
      vendorGuid: guid('vendor', 1),
      externalId: '',
    };
  }, (w) => w.id);
}

/** customer/get: one result per matching customer. */
export function customerGet(input: unknown, accounts: Accounts): unknown[] {
  return listed(input, accounts.customers, (c) => ({ id: [c.id], login: [c.login], guid: [guid('customer', c.id)] }), (c) => ({
    crDate: CREATED,
    cname: '',
    pname: c.name ?? c.login,
    login: c.login,
    status: 0,
    phone: '',
    fax: '',
    email: `${c.login}@example.com`,
    address: '',
    city: '',
    state: '',
    pcode: '',
    country: 'US',
    locale: 'en-US',
    guid: guid('customer', c.id),
  }), (c) => c.id);
}

/** The results of a get: by the filter's one criterion (none: every account), with gen_info when the dataset asks for it. */
function listed<A>(input: unknown, all: readonly A[], keys: (account: A) => Record<string, unknown[]>, genInfo: (account: A) => Record<string, unknown>, id: (account: A) => number): unknown[] {
  const filter = (input !== null && typeof input === 'object' ? own(input, 'filter') : undefined) ?? {};
  const dataset = input !== null && typeof input === 'object' ? own(input, 'dataset') : undefined;
  const withGenInfo = dataset !== null && typeof dataset === 'object' && own(dataset, 'genInfo') !== undefined;
  const data = (account: A) => (withGenInfo ? { genInfo: genInfo(account) } : {});
  const [criterion] = Object.keys(filter as object);
  if (criterion === undefined) return all.map((a) => ({ status: 'ok', id: id(a), data: data(a) }));
  const wanted = own(filter as object, criterion) as unknown[];
  return wanted.map((value) => {
    const account = all.find((a) => (keys(a)[criterion] ?? []).some((k) => k !== undefined && String(k) === String(value)));
    if (!account) return { status: 'error', errcode: 1013, errtext: 'Object not found.', filterId: String(value) };
    return { status: 'ok', filterId: String(value), id: id(account), data: data(account) };
  });
}

function guid(kind: string, id: number): string {
  const hex = Buffer.from(`${kind}:${id}`).toString('hex').padEnd(12, '0').slice(0, 12);
  return `00000000-0000-4000-8000-${hex}`;
}
