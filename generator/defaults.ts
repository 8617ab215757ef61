/** What `plesk-codegen generate` does with no flags: the project's own schemas into generated/. */
export const DEFAULT_XSD = ['xsd/request.xsd', 'xsd/response.xsd'];
export const DEFAULT_OUT = 'generated';
export const DEFAULT_PACKAGE_NAME = '@plesk-codegen/backup-manager';
export const DEFAULT_PACKAGE_VERSION = '0.1.0';
/**
 * The XML API protocol version xsd/ was written for, sent as the default packet/@version by the
 * project's own package. Our schemas are checked against Plesk's 2014 schema set (Plesk 12.0,
 * the first with secret keys and the KEY header: XML API 1.6.6.0); every backup-manager operation
 * they describe is documented for 1.5.2.0 to 1.6.9.0, and newer servers keep answering 1.6.6.0.
 */
export const DEFAULT_PROTOCOL_VERSION = '1.6.6.0';
