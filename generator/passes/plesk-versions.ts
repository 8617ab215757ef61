/**
 * What plesk-codegen knows about the protocol versions of Plesk's operators, in one place (beside
 * apply-plesk-conventions.ts): the versions in which Plesk documents an operator, and the first
 * version whose schemas no longer have it. analyse-operations.ts records the row of each operator
 * of a package in the IR; the generated README and the client's method docs state it, the
 * package's OPERATOR_PROTOCOLS carries it, the client explains a refusal by it (1005, 1014, 1017
 * naming the operator) and the stub can refuse as a server of a newer protocol does.
 *
 * Sources (see docs/protocol-versions-and-drift.md): Plesk's API reference documents backup-manager
 * for XML API 1.5.2.0 (Plesk 9.0) to 1.6.9.0 (Onyx 17.5); the operator list of the 1.6.9.1 schemas
 * (Onyx 17.8 and every Obsidian release) equals Plesk's published 1.6.9.1 diagram, and lacks
 * backup-manager and the fourteen other operators below, which the 1.6.6.0 schemas (Plesk 12.0)
 * have. For those fourteen only their absence is known, not the first version of each.
 */
import type { OperatorProtocols } from '../../runtime/client/protocol-versions.js';

/** Operators whose protocol versions are known, in the order Plesk's documentation lists them. */
export const OPERATOR_PROTOCOLS: readonly OperatorProtocols[] = [
  { operator: 'backup-manager', documented: ['1.5.2.0', '1.6.9.0'], absentFrom: '1.6.9.1' },
  ...['ip-ban', 'maillist', 'migration', 'plan-item', 'role', 'service-node', 'sitebuilder', 'spamfilter', 'sso', 'updater', 'user', 'webmail', 'webuser', 'wp-instance'].map((operator) => ({ operator, absentFrom: '1.6.9.1' })),
];

/** The known protocol versions of an operator, if any. */
export function operatorProtocols(operator: string): OperatorProtocols | undefined {
  return OPERATOR_PROTOCOLS.find((row) => row.operator === operator);
}
