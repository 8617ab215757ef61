/**
 * `PleskVersionError`: a call that no protocol version can carry, refused before anything is
 * sent (a package of several versions, version-router.ts). It names the part of the packet that
 * decides it, the versions of the package that have that part, and the versions the server
 * speaks (or the one the client is pinned to). Branded as the client's other errors
 * (runtime/codec/error-brand.ts): `instanceof` holds across generated packages.
 */
import { BrandedError, brandClass } from '../codec/error-brand.js';

export class PleskVersionError extends BrandedError {
  static {
    brandClass(this, 'PleskVersionError');
  }
  override readonly name = 'PleskVersionError';
  /** what was called: `backup-manager/get-tasks-info`, or `request()` for a whole packet */
  readonly call: string;
  /** the element (`<backup-manager>`), attribute (`@mode`) or value (`"CAA"` of `<type>`) that decides it, as the message names it */
  readonly element: string;
  /** where it sits in the packet, by XML names where known (`packet/backup-manager`) */
  readonly path: string;
  /** the protocol versions of this package whose schemas declare it */
  readonly versions: readonly string[];
  /** the versions the server speaks (get_protos or the option protocolVersions); undefined when the client is pinned (option protocolVersion) */
  readonly hostVersions: readonly string[] | undefined;
  /** the protocol versions of this package */
  readonly packageVersions: readonly string[];

  constructor(call: string, element: string, path: string, versions: readonly string[], hostVersions: readonly string[] | undefined, packageVersions: readonly string[], pinned?: string, other?: { element: string; versions: readonly string[] }) {
    const has = versions.length === 0 ? 'no protocol version of this package declares it' : `it is in protocol ${versions.join(', ')} of this package (${packageVersions.join(', ')})`;
    const where = pinned !== undefined ? `the client is pinned to ${pinned} (option protocolVersion)` : `the server speaks ${hostVersions!.join(', ') || 'no version'}`;
    const fix = other !== undefined
      ? `leave out ${element} or ${other.element}: no version of the package has both (in a packet of several operations, send them in separate calls)`
      : pinned !== undefined ? `pin a version that has it (${versions.join(', ')}), or leave ${element} out`
        : versions.length > 0 ? `call a server that speaks ${versions.join(' or ')}, or leave ${element} out` : `leave ${element} out`;
    const mixed = other !== undefined ? `; and ${other.element}, which the packet needs too, is only in ${other.versions.join(', ')}` : '';
    super(`${call} cannot be sent: ${element} (${path}): ${has}${mixed}; ${where}; nothing was sent. Fix: ${fix}`);
    this.call = call;
    this.element = element;
    this.path = path;
    this.versions = versions;
    this.hostVersions = hostVersions;
    this.packageVersions = packageVersions;
  }
}
