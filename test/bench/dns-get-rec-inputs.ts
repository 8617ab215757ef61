/**
 * The second document shape, from another operator: a DNS `get_rec` answer with n records
 * (deterministic). Record types, hosts, values and options cycle with different periods; some
 * records name their site or site alias, some hosts are nil (`xsi:nil`), TXT values need
 * escaping (`&`, `<`, `>`, quotes), and every 97th result is an error with no record. Only the
 * whole-API package can encode and decode it, so its value is a plain object here.
 */
type Rec = Record<string, unknown>;

const TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'PTR'] as const;

function data(i: number): Rec {
  const type = TYPES[i % TYPES.length]!;
  const site = i % 5 === 0 ? { siteAliasId: 500 + (i % 40) } : i % 5 < 3 ? { siteId: 100 + (i % 300) } : {};
  const host = i % 11 === 0 ? null : `${type === 'SRV' ? '_sip._tcp.' : ''}host-${i}.zone-${i % 300}.example.com.`;
  const values: Record<(typeof TYPES)[number], string> = {
    A: `192.0.2.${(i % 254) + 1}`,
    AAAA: `2001:db8::${(i % 65535).toString(16)}`,
    CNAME: `alias-${i}.example.net.`,
    MX: `mail-${i % 17}.example.com.`,
    TXT: i % 3 === 0 ? `v=spf1 +a +mx include:_spf.example.com ~all` : `"R&D <ops>" key=${i}`,
    NS: `ns${(i % 4) + 1}.example.com.`,
    SRV: `0 5060 sip-${i % 9}.example.com.`,
    PTR: `${(i % 254) + 1}.2.0.192.in-addr.arpa.`,
  };
  const opt = type === 'MX' ? { opt: String(10 * ((i % 3) + 1)) } : type === 'SRV' ? { opt: '10' } : i % 13 === 0 ? { opt: null } : {};
  return { ...site, type, host, value: values[type], ...opt };
}

/** Result `i` (0-based): an `ok` result with the record's id and data, or every 97th an error. */
export function dnsResult(i: number): Rec {
  if (i % 97 === 96) return { status: 'error', errcode: 1013, errtext: `Record ${i + 1} does not exist` };
  return { status: 'ok', id: i + 1, data: data(i) };
}

/** The whole-API response value with `n` get_rec results. */
export function dnsGetRecValue(n: number): Rec {
  const result = Array.from({ length: n }, (_, i) => dnsResult(i));
  return { version: '1.6.9.0', operators: [{ dns: { operations: [{ getRec: { result } }] } }] };
}

/** Where the results are, in element names, for the alternatives' checks. */
export const DNS_RESULT_PATH = ['packet', 'dns', 'get_rec', 'result'];
