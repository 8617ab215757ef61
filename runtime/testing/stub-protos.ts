/**
 * The stub's own answer to `<server><get_protos/></server>` (the packet the client sends, without
 * a version, to learn the server's protocols, and after a 1005): read from the packet's text, not
 * with the package's codecs, so that a package without the server operator answers it too.
 */

/** Whether the packet is `<server><get_protos/></server>` alone. */
export function isGetProtos(body: string): boolean {
  return /^\s*(?:<\?xml[^>]*\?>\s*)?<packet(?:\s+version\s*=\s*(["'])[^"']*\1)?\s*>\s*<server>\s*<get_protos\s*\/>\s*<\/server>\s*<\/packet>\s*$/.test(body);
}

/** The answer to get_protos: every version the server speaks, in the version the packet named (or the newest). */
export function protosAnswer(version: string, speaks: readonly string[]): string {
  const protos = speaks.map((v) => `<proto>${v.replace(/[<>&]/g, '')}</proto>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="${version.replace(/[<>&"]/g, '')}"><server><get_protos><result><status>ok</status><protos>${protos}</protos></result></get_protos></server></packet>`;
}
