/**
 * The names of Plesk's packet envelope, once for the generator (which names the properties so)
 * and the runtime (which reads them): the element names, and the properties a decoded packet
 * holds its operators, operations and results in.
 */
export const ENVELOPE = {
  /** the root element of every request and answer */
  packet: 'packet',
  /** the packet-level error of an answer (bad credentials, version, XML) */
  system: 'system',
  /** an operation's results */
  result: 'result',
  /** a packet's repeating choice of operators, as a property */
  operators: 'operators',
  /** an operator's repeating choice of operations, as a property */
  operations: 'operations',
} as const;

/** The fields of a result (and of a system error) that say how it went. */
export const RESULT_STATUS_FIELDS = ['status', 'errcode', 'errtext'] as const;
