/**
 * What the stand-in answers about protocol versions, and the operators outside our xsd/ that
 * tests need, answered from the raw request (the stand-in's codecs know only backup-manager):
 *
 * - `<server><get_protos/></server>` → the supported versions, deliberately unsorted (real
 *   servers list them in no particular order);
 * - a version it does not support → 1005; an operation newer than the version sent → 1017
 *   (`get-supported-protocols` from 1.6.3.0 on: a rule of the stand-in, to have a 1017 to answer);
 * - `<db_server><get>` → two database servers, in the format of Plesk's 2014 schemas.
 */

/** The versions the stand-in speaks, in the (unsorted) order it lists them. */
export const SUPPORTED_VERSIONS = ['1.6.9.0', '1.5.2.0', '1.6.10.0', '1.6.0.0', '1.6.3.0', '1.6.9.1', '1.6.5.0', '1.6.6.0', '1.6.7.0', '1.6.8.0'];
export const NEWEST_VERSION = '1.6.10.0';

/** Operations the stand-in has only from a version on (answered 1017 below it). */
const SINCE: Array<{ operation: string; version: string }> = [{ operation: 'get-supported-protocols', version: '1.6.3.0' }];

export function isSupportedVersion(version: string): boolean {
  return SUPPORTED_VERSIONS.some((v) => v === version || v.startsWith(`${version}.`));
}

function older(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  return false;
}

/** The first operation of the request that the version does not have, if any (1017). */
export function unsupportedOperation(version: string, operationNames: string[]): string | undefined {
  return SINCE.find((s) => operationNames.includes(s.operation) && older(version, s.version))?.operation;
}

const system = (version: string, errcode: number, errtext: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="${version}"><system><status>error</status><errcode>${errcode}</errcode><errtext>${errtext}</errtext></system></packet>`;

/** The answer to a packet the stand-in's codecs cannot read (get_protos, db_server), or undefined for the others. */
export function answerOutsideSchema(body: string): string | undefined {
  const version = /<packet\b[^>]*\bversion="([^"]*)"/.exec(body)?.[1];
  const answering = version ?? NEWEST_VERSION;
  if (/^\s*(<\?xml[^>]*\?>\s*)?<packet( version="[^"]*")?>\s*<server>\s*<get_protos\s*\/>\s*<\/server>\s*<\/packet>\s*$/.test(body)) {
    if (version !== undefined && !isSupportedVersion(version)) return system(answering, 1005, `Unsupported protocol version ${version}.`);
    const protos = SUPPORTED_VERSIONS.map((v) => `<proto>${v}</proto>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="${answering}"><server><get_protos><result><status>ok</status><protos>${protos}</protos></result></get_protos></server></packet>`;
  }
  if (/<db_server>\s*<get>/.test(body)) {
    if (version !== undefined && !isSupportedVersion(version)) return system(answering, 1005, `Unsupported protocol version ${version}.`);
    const ids = [...body.matchAll(/<id>(\d+)<\/id>/g)].map((m) => Number(m[1]));
    const servers = [
      { id: 1, host: 'localhost', port: 3306, type: 'mysql', admin: 'admin', dbNum: 4, isDefault: true },
      { id: 2, host: 'db.example.com', port: 5432, type: 'postgresql', admin: 'postgres', dbNum: 0, isDefault: false },
    ].filter((s) => ids.length === 0 || ids.includes(s.id));
    const results = servers.map((s) => `<result><status>ok</status><id>${s.id}</id><data><host>${s.host}</host><port>${s.port}</port><type>${s.type}</type><admin>${s.admin}</admin><status>NO_ERROR</status><db_num>${s.dbNum}</db_num>${s.isDefault ? '<default/>' : ''}<local/></data></result>`);
    const missing = ids.filter((id) => !servers.some((s) => s.id === id)).map((id) => `<result><status>error</status><errcode>1013</errcode><errtext>Database server does not exist</errtext><id>${id}</id></result>`);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="${answering}"><db_server><get>${[...results, ...missing].join('')}</get></db_server></packet>`;
  }
  return undefined;
}
