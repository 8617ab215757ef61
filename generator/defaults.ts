/** What `plesk-codegen generate` does with no flags: the project's own schemas into generated/. */
export const DEFAULT_XSD = ['xsd/request.xsd', 'xsd/response.xsd'];
export const DEFAULT_OUT = 'generated';
export const DEFAULT_PACKAGE_NAME = '@plesk-codegen/backup-manager';
export const DEFAULT_PACKAGE_VERSION = '0.1.0';
