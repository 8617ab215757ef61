/**
 * plesk-codegen's refinements for Plesk's public schemas: the elements Plesk's XSD leaves untyped
 * (xs:anyType) whose type Plesk's XML API documentation states ("Data type: none" is a flag,
 * "Data type: integer" an ID). Each entry names the page it was read from. An element whose type
 * we could not find documented stays `XmlAny` (lossless); so does one whose documentation
 * contradicts the schema's siblings (get-local-backup-list's `server` is documented as a string).
 *
 * Applied by default when the schemas are Plesk's (see passes/apply-refinements.ts); an entry a
 * schema version lacks is skipped and counted. Integers that are object IDs take Plesk's own
 * `id_type` (common.xsd, as Plesk types `customer-id` elsewhere); a task's ID takes `xs:int`, as the
 * project's xsd/backup.xsd does.
 */
import type { RefinementEntry, RefinementSet } from './refinement-file.js';

const DOCS = 'https://docs.plesk.com/en-US/onyx/api-rpc';
const GET_TASKS_INFO = `${DOCS}/44539/`;
const BACKUP_SERVER = `${DOCS}/about-xml-api/reference/managing-backups/creating-serverlevel-backup-task.62517/`;
const BACKUP_CUSTOMER = `${DOCS}/44495/`;
const BACKUP_RESELLER = `${DOCS}/reference/managing-backups/creating-resellerlevel-backup-task.62510/`;
const BACKUP_WEBSPACE = `${DOCS}/about-xml-api/reference/managing-backups/creating-domainlevel-backup-task.44475/`;
const GET_REMOTE_STORAGE = `${DOCS}/about-xml-api/reference/managing-backups/retrieving-remote-storage-settings.44416/`;
const SET_REMOTE_STORAGE = `${DOCS}/about-xml-api/reference/managing-backups/changing-remote-storage-settings.44444/`;
const RESELLER_GET = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-reseller-accounts/retrieving-information-on-reseller-accounts.60337/';
const DOWNLOAD_FILE = `${DOCS}/reference/managing-backups/downloading-backup.44588/`;
const DNS_GET_REC = 'https://docs.plesk.com/en-US/obsidian/api-rpc/34831/';
const CUSTOMER_GET = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-customer-accounts/getting-information-about-customer-accounts.28790';
const WEBSPACE_GET = 'https://docs.plesk.com/en-US/obsidian/api-rpc/33899';
const SERVER_REBOOT = `${DOCS}/reference/managing-plesk-server/rebooting-the-server.69100/`;
const CLEAN_MAIL_QUEUE = 'https://docs.plesk.com/en-US/12.5/api-rpc/reference/managing-mail/cleaning-mail-queue.72591/';
const LICENSE_ROLLBACK_KEY = `${DOCS}/about-xml-api/reference/managing-plesk-license/reverting-to-previous-license-key/sample.69108/`;
const DNS_GET_ACL = 'https://docs.plesk.com/en-US/obsidian/api-rpc/34897/';
const IP_GET = `${DOCS}/35405/`;
const WEBSPACE_SWITCH_SUBSCRIPTION = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-subscriptions/switching-a-subscription-to-a-different-service-plan.66391/';
const CERTIFICATE_INSTALL = 'https://docs.plesk.com/en-US/12.5/api-rpc/reference/managing-ssl-certificates/installing-certificates.34877';
const CERTIFICATE_GET_POOL = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-ssltls-certificates/retrieving-list-of-certificates.68395/';
const EVENT_LOG_GET_LAST_ID = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/retrieving-action-log-data/retrieving-id-of-last-action.37077';
const SESSION_GET = `${DOCS}/reference/managing-sessions/retrieving-sessions-list.40403/`;
const IP_BAN_GET_SETTINGS = `${DOCS}/reference/managing-ip-address-banning-fail2ban/retrieving-fail2ban-settings.73452/`;
const SUBDOMAIN_FILTERS = `${DOCS}/reference/managing-subdomains/available-filters.53472/`;
const SUBDOMAIN_RENAME = `${DOCS}/reference/managing-subdomains/renaming-subdomain.53520/`;
const SITE_ALIAS_RENAME = `${DOCS}/reference/managing-site-aliases/renaming-site-aliases.33997/`;
const DATABASE_FILTERS = 'https://docs.plesk.com/en-US/obsidian/api-rpc/reference/managing-databases/available-filters.34404';
const DATABASE_GET_DEFAULT_USER = `${DOCS}/reference/managing-databases/retrieving-default-database-user-info.34464`;
const UPDATER_CHECK = `${DOCS}/about-xml-api/reference/managing-plesk-updates/checking-updater-status.40203`;
const UPDATER_GET_UPDATES = `${DOCS}/reference/managing-plesk-updates/retrieving-plesk-updates.40209/`;
const UPDATER_GET_COMPONENTS = 'https://docs.plesk.com/en-US/obsidian/api-rpc/reference/managing-plesk-components/retrieving-components-list.40217';
const UPDATER_INSTALL_COMPONENT = 'https://docs.plesk.com/en-US/obsidian/api-rpc/reference/managing-plesk-components/installing-components.40336';
const UPDATER_UPDATE = `${DOCS}/reference/managing-plesk-updates/updating-plesk.40362`;
const LICENSE_RETRIEVE_KEYS = `${DOCS}/about-xml-api/reference/managing-plesk-license/installing-additional-license-keys.69104`;
const LICENSE_KEY = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-plesk-server/getting-server-information/response-packet-structure-and-samples/license-key.37037';
const DNS_DEL_REC = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-dns/managing-dns-records/deleting-dns-records.34864';
const DNS_GET_SOA = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-dns/managing-soa-records-and-zone-parameters/retrieving-parameters-of-soa-record-and-zone.34972';
const RESELLER_SWITCH_SUBSCRIPTION = 'https://docs.plesk.com/en-US/obsidian/api-rpc/reference/managing-reseller-accounts/switching-reseller-accounts-to-different-reseller-plans.66530';
const CERTIFICATE_REMOVE = `${DOCS}/reference/managing-ssltls-certificates/deleting-certificates.34882/`;
const CUSTOM_BUTTON_OWNER = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-user-interface-custom-buttons/custom-button-settings/owner.37179';
const CUSTOM_BUTTON_URL_COMPONENTS = 'https://docs.plesk.com/en-US/obsidian/api-rpc/about-xml-api/reference/managing-user-interface-custom-buttons/custom-button-settings/url-components.37181';
const USER_GET = `${DOCS}/reference/managing-additional-users/getting-user-account-details.66721`;
const DB_SERVER_SET_DEFAULT = 'https://docs.plesk.com/en-US/obsidian/api-rpc/reference/managing-database-servers/setting-default-database-server.35232';
const REMOVE_FILE = `${DOCS}/reference/managing-backups/removing-backup.44637/`;
const IMPORT_FILE = `${DOCS}/reference/managing-backups/importing-backup-to-storage.44581/`;
const MAIL_PREFERENCES = `${DOCS}/about-xml-api/reference/managing-mail/mail-service-preferences.34479/`;
const SUBSCRIPTION_HOSTING = `${DOCS}/reference/managing-subscriptions/subscription-settings/limits-permissions-and-hosting-settings/hosting-settings.40014`;
const SITE_HOSTING = `${DOCS}/reference/managing-sites-domains/site-settings/hosting.66557`;
const REMOTE_STORAGE = `${DOCS}/reference/managing-backups/remote-storage-settings.44446`;
const SPAMFILTER_ADD_PATTERN = `${DOCS}/reference/managing-spam-filtering-service/adding-pattern.36706/`;

const flags = (type: string, elements: string[], source: string): RefinementEntry[] => elements.map((element) => ({ in: type, element, as: 'flag', source }));
const ONLY = ['only-hosting', 'only-mail', 'only-configuration'];
const TASK = 'BackupGetBackupStatusOutput/result/task';

export const PLESK_REFINEMENT_ENTRIES: RefinementEntry[] = [
  // backup-manager: get-tasks-info (request: "server … Data type: none"; the task of its response
  // carries the same owner nodes, and its `id` is the task ID the request takes as an integer)
  ...flags('BackupGetBackupStatusInput', ['server'], GET_TASKS_INFO),
  { in: TASK, element: 'customer-id', as: 'id_type', source: GET_TASKS_INFO },
  { in: TASK, element: 'webspace-id', as: 'id_type', source: GET_TASKS_INFO },
  { in: TASK, element: 'reseller-id', as: 'id_type', source: GET_TASKS_INFO },
  { in: TASK, element: 'server', as: 'flag', source: GET_TASKS_INFO },
  { in: TASK, element: 'id', as: 'xs:int', source: GET_TASKS_INFO },
  // backup-manager: backup-server, backup-customer, backup-reseller
  ...flags('BackupServerInput', ONLY, BACKUP_SERVER),
  { in: 'BackupClientInput', element: 'customer-id', as: 'id_type', source: BACKUP_CUSTOMER },
  { in: 'BackupClientInput', element: 'customer-login', as: 'xs:string', source: BACKUP_CUSTOMER },
  ...flags('BackupClientInput', ONLY, BACKUP_CUSTOMER),
  { in: 'BackupResellerInput', element: 'reseller-id', as: 'id_type', source: BACKUP_RESELLER },
  { in: 'BackupResellerInput', element: 'reseller-login', as: 'xs:string', source: BACKUP_RESELLER },
  ...flags('BackupResellerInput', ONLY, BACKUP_RESELLER),
  ...flags('BackupDomainInput', ONLY, BACKUP_WEBSPACE),
  // backup-manager: get- and set-remote-storage-settings ("server … Data type: none")
  ...flags('BackupGetRemoteStorageSettingsInput', ['server'], GET_REMOTE_STORAGE),
  ...flags('BackupSetRemoteStorageInput', ['server'], SET_REMOTE_STORAGE),
  // the remote storage settings (set's request, get's response): "protocol … Data type: string"
  { in: 'BackupRemoteStorage', element: 'protocol', as: 'xs:string', source: REMOTE_STORAGE },
  ...flags('BackupDownloadFileInput', ['server'], DOWNLOAD_FILE),
  ...flags('BackupRemoveFileInput', ['server'], REMOVE_FILE),
  ...flags('BackupImportFileInput', ['server'], IMPORT_FILE),
  // dns/get_rec ("template … Data type: none")
  ...flags('DNSInputType/get_rec', ['template'], DNS_GET_REC),
  // customer/get, webspace/get and reseller/get datasets
  ...flags('clientDatasetType', ['gen_info', 'stat'], CUSTOMER_GET),
  ...flags('domainDatasetType', ['performance', 'subscriptions'], WEBSPACE_GET),
  ...flags('ResellerDataset', ['gen-info', 'stat', 'permissions', 'limits', 'ippool', 'subscriptions'], RESELLER_GET),
  // operations that take no parameters: the documented request is the empty element (`<reboot/>`,
  // dns get_acl "Data type: none"), so the method takes no input (`client.server.reboot()`)
  ...flags('ServerOperatorType', ['reboot'], SERVER_REBOOT),
  ...flags('ServerOperatorType', ['clean-mail-queue'], CLEAN_MAIL_QUEUE),
  ...flags('ServerOperatorType', ['license-rollback-key'], LICENSE_ROLLBACK_KEY),
  ...flags('DNSInputType', ['get_acl'], DNS_GET_ACL),
  ...flags('IpInputType', ['get'], IP_GET),
  // certificate: the server repository instead of a subscription's (install: "admin … Data type:
  // none"; get-pool: the Administrator's certificates, sent as `<admin/>`)
  ...flags('CertificateActionRequest/install', ['admin'], CERTIFICATE_INSTALL),
  ...flags('CertificateActionRequest/get-pool', ['admin'], CERTIFICATE_GET_POOL),
  ...flags('CertificateActionRequest/remove', ['admin'], CERTIFICATE_REMOVE),
  // webspace switch-subscription: "no-plan … Data type: none" (a subscription without a plan)
  ...flags('DomainTypeRequest/switch-subscription', ['no-plan'], WEBSPACE_SWITCH_SUBSCRIPTION),
  // more operations that take no parameters: event_log get-last-id and session get ("Data type:
  // none"), ip-ban get-settings (the documented request is `<get-settings/>`)
  ...flags('EventLogInputType', ['get-last-id'], EVENT_LOG_GET_LAST_ID),
  ...flags('SessionInputType', ['get'], SESSION_GET),
  ...flags('IpBanInput', ['get-settings'], IP_BAN_GET_SETTINGS),
  // subdomain: the filter's parent-name and rename's new name ("Data type: string")
  { in: 'SubdomainFilterType', element: 'parent-name', as: 'xs:string', source: SUBDOMAIN_FILTERS },
  { in: 'SubdomainRenameInputType', element: 'name', as: 'xs:string', source: SUBDOMAIN_RENAME },
  // site-alias rename: "new_name … Data type: string (Unicode)"
  { in: 'DomainAliasInputType/rename', element: 'new_name', as: 'xs:string', source: SITE_ALIAS_RENAME },
  // database filter: "id … the ID of a database. Data type: integer"
  { in: 'DatabaseFilterType', element: 'id', as: 'id_type', source: DATABASE_FILTERS },
  // database get-default-user: "db-id … ID of a database. Data type: integer"
  { in: 'DatabaseDBFilterType', element: 'db-id', as: 'id_type', source: DATABASE_GET_DEFAULT_USER },
  // updater: check and get-updates take no parameters ("Data type: none"); the update ID and the
  // component ID are strings (`PLESK_8_1_1`)
  ...flags('AutoinstallerInputType', ['check'], UPDATER_CHECK),
  ...flags('AutoinstallerInputType', ['get-updates'], UPDATER_GET_UPDATES),
  { in: 'AutoinstallerInputType/get-components', element: 'update-id', as: 'xs:string', source: UPDATER_GET_COMPONENTS },
  { in: 'AutoinstallerInputType/install-component', element: 'update-id', as: 'xs:string', source: UPDATER_INSTALL_COMPONENT },
  { in: 'AutoinstallerInputType/install-component', element: 'component-id', as: 'xs:string', source: UPDATER_INSTALL_COMPONENT },
  { in: 'AutoinstallerInputType/update', element: 'update-id', as: 'xs:string', source: UPDATER_UPDATE },
  // server: license-retrieve-keys takes no parameters (the documented request is
  // `<license-retrieve-keys/>`); a license key property's name is a string (`plesk_key_id`)
  ...flags('ServerOperatorType', ['license-retrieve-keys'], LICENSE_RETRIEVE_KEYS),
  { in: 'KeyPropertyType', element: 'name', as: 'xs:string', source: LICENSE_KEY },
  // dns del_rec ("template … Data type: none") and get ("soa … Data type: none")
  ...flags('DNSInputType/del_rec', ['template'], DNS_DEL_REC),
  ...flags('DNSInputType/get', ['soa'], DNS_GET_SOA),
  // reseller switch-subscription: "no-plan … Data type: none"
  ...flags('ResellerInput/switch-subscription', ['no-plan'], RESELLER_SWITCH_SUBSCRIPTION),
  // ui custom buttons: the owner's admin ("Data type: none"); the URL components say whether each
  // value goes into the URL ("Data type: boolean"; email "Data type: string")
  ...flags('CBOwner', ['admin'], CUSTOM_BUTTON_OWNER),
  ...['dom_id', 'dom_name', 'ftp_user', 'ftp_pass', 'cl_id', 'cname', 'pname'].map((element): RefinementEntry => ({ in: 'CBUrlComponents', element, as: 'xs:boolean', source: CUSTOM_BUTTON_URL_COMPONENTS })),
  { in: 'CBUrlComponents', element: 'email', as: 'xs:string', source: CUSTOM_BUTTON_URL_COMPONENTS },
  // user get: the dataset's roles ("Data type: none"; its gen_info is documented with the response's
  // type UserGetGenInfo, so it stays XmlAny); db_server set-default: "type … Data type: string"
  ...flags('UserDatasetInput', ['roles'], USER_GET),
  { in: 'DBServerTypeRequest/set-default', element: 'type', as: 'xs:string', source: DB_SERVER_SET_DEFAULT },
  // mail service preferences: nonexistent-user's reject ("Data type: none", sent as `<reject/>`)
  ...flags('MailPreferences/nonexistent-user', ['reject'], MAIL_PREFERENCES),
  // a service plan's mail node is documented as MailPreferences (service-plan add, 32908), whose
  // copy in domain_template.xsd is DomainTemplateMailPreferences
  ...flags('DomainTemplateMailPreferences/nonexistent-user', ['reject'], MAIL_PREFERENCES),
  // hosting settings: "none … no hosting … Data type: none" (subscriptions: domainHostingAgentSet
  // in add/set requests, domainHostingAgentGet in get responses; sites: siteHostingAgentSet)
  ...flags('domainHostingAgentSet', ['none'], SUBSCRIPTION_HOSTING),
  ...flags('domainHostingAgentGet', ['none'], SUBSCRIPTION_HOSTING),
  ...flags('siteHostingAgentSet', ['none'], SITE_HOSTING),
  // spamfilter: "spamfilter-id … the ID of a SpamAssassin user. Data type: integer" (add-pattern's
  // filter, where the schema types it id_type; the SpamassassinFilter of get/set takes the same ID)
  { in: 'SpamassassinFilterType', element: 'spamfilter-id', as: 'id_type', source: SPAMFILTER_ADD_PATTERN },
];

export const PLESK_REFINEMENTS: RefinementSet = { origin: "plesk-codegen's refinements for Plesk", shipped: true, entries: PLESK_REFINEMENT_ENTRIES };
