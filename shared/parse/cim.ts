/**
 * CIM/WMI licensing data → the same report model as the slmgr text parser (source 'cim-json').
 *
 * Input is what Windows PowerShell 5.1 prints for
 * `Get-CimInstance SoftwareLicensingProduct | ConvertTo-Json` and `Get-CimInstance
 * SoftwareLicensingService | ConvertTo-Json`: one object or an array (or the `{ value, Count }`
 * wrapper 5.1 produces for some arrays), dates as "/Date(ms)/", numbers sometimes as strings,
 * 0xFFFFFFFF (or -1) for "not applicable". Blocks are filled under the same conditions slmgr.vbs
 * uses to print them (knowledge/SLMGR-AND-EVENTS.md §c), so a diagnosis sees the same shape from
 * either source.
 */
import { channelFromDescription, channelKind } from '../kms/channels.js';
import { normalizeHresult } from '../kms/error-codes.js';
import { licenseStatusFromCode } from '../kms/license.js';
import { decideRole, reportRoleOf } from '../kms/role.js';
import { parseKmsEndpoint } from './slmgr.js';
import { productKindOf } from '../kms/product-kind.js';
import type { KmsClientInfo, KmsHostInfo, SlmgrProduct, SlmgrReport } from './types.js';

/** The input is not JSON at all (the only case the CIM parser throws for). */
export class CimParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CimParseError';
  }
}

type JsonObject = Readonly<Record<string, unknown>>;

const NOT_APPLICABLE = 0xffffffff;
const DEFAULT_KMS_PORT = 1688;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string, what: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid';
    throw new CimParseError(`${what} is not JSON (${reason})`);
  }
}

/** Objects of a ConvertTo-Json document: array, single object or the PowerShell 5.1 `{ value, Count }` wrapper. */
function items(document: unknown): readonly unknown[] {
  if (Array.isArray(document)) return document;
  if (isObject(document) && Array.isArray(document.value) && 'Count' in document) return document.value;
  return document === null ? [] : [document];
}

/** A property, case-insensitively, also from a CimInstanceProperties [{ Name, Value }] list. */
function prop(object: JsonObject, name: string): unknown {
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key];
  const properties = object.CimInstanceProperties;
  if (Array.isArray(properties)) {
    for (const entry of properties) {
      if (isObject(entry) && typeof entry.Name === 'string' && entry.Name.toLowerCase() === lower) return entry.Value;
    }
  }
  return undefined;
}

function text(object: JsonObject, name: string): string | null {
  const value = prop(object, name);
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** An integer from a number or a numeric string; null for absent, non-numeric and "not applicable". */
function integer(object: JsonObject, name: string): number | null {
  const value = prop(object, name);
  let number: number | null = null;
  if (typeof value === 'number' && Number.isInteger(value)) number = value;
  else if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) number = Number(value);
  if (number === null || number === NOT_APPLICABLE || number === -1) return null;
  return number;
}

function flag(object: JsonObject, name: string): boolean | null {
  const value = prop(object, name);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return null;
}

const KNOWN_PRODUCT_PROPERTIES = ['Name', 'Description', 'ID', 'ApplicationID', 'LicenseStatus', 'PartialProductKey'];

function kmsClientOf(product: JsonObject, service: JsonObject | null, status: number | null): KmsClientInfo | null {
  // slmgr prints the KMS client block only for a licensed, KMS-activated KMS client SKU.
  if (status !== 1) return null;
  if (integer(product, 'VLActivationType') === 1) return null; // AD-based activation
  if (integer(product, 'TokenActivationILVID') !== null) return null; // token-based activation
  const registeredName = text(product, 'KeyManagementServiceMachine');
  const registeredPort = integer(product, 'KeyManagementServicePort');
  const discoveredName = text(product, 'DiscoveredKeyManagementServiceMachineName');
  const discoveredPort = integer(product, 'DiscoveredKeyManagementServiceMachinePort');
  return {
    cmid: service === null ? null : text(service, 'ClientMachineID'),
    registeredKmsMachine: registeredName === null ? null : endpoint(registeredName, registeredPort),
    // As in slmgr: with a registered (/skms) host the DNS-discovered line is not shown.
    kmsMachineFromDns: registeredName !== null || discoveredName === null ? null : endpoint(discoveredName, discoveredPort),
    registeredLookupDomain: text(product, 'KeyManagementServiceLookupDomain'),
    kmsMachineIp: text(product, 'DiscoveredKeyManagementServiceMachineIpAddress'),
    kmsMachineExtendedPid: text(product, 'KeyManagementServiceProductKeyID'),
    activationIntervalMinutes: integer(product, 'VLActivationInterval'),
    renewalIntervalMinutes: integer(product, 'VLRenewalInterval'),
    hostCaching: service === null ? null : flag(service, 'KeyManagementServiceHostCaching'),
  };
}

function endpoint(name: string, port: number | null): { name: string; port: number | null } {
  // A port of 0 means the default; a name may already carry ":port" (registry values often do).
  const parsed = parseKmsEndpoint(name);
  if (parsed !== null && parsed.port !== null && (port === null || port === 0)) return parsed;
  return { name, port: port === null || port === 0 ? DEFAULT_KMS_PORT : port };
}

const ACTIVATION_TYPES = ['all', 'ad', 'kms', 'token'] as const;

function activationTypeOf(product: JsonObject, channel: string | null): Pick<SlmgrProduct, 'configuredActivationType'> {
  const value = integer(product, 'VLActivationTypeEnabled');
  const type = value === null ? undefined : ACTIVATION_TYPES[value];
  return channelKind(channel) === 'kmsClient' && type !== undefined ? { configuredActivationType: type } : {};
}

function kmsHostOf(product: JsonObject, service: JsonObject | null): KmsHostInfo | null {
  if ((integer(product, 'IsKeyManagementServiceMachine') ?? 0) <= 0) return null;
  const total = integer(product, 'KeyManagementServiceTotalRequests');
  const port = service === null ? null : integer(service, 'KeyManagementServiceListeningPort');
  return {
    currentCount: integer(product, 'KeyManagementServiceCurrentCount'),
    listeningPort: port === null ? null : port === 0 ? DEFAULT_KMS_PORT : port,
    dnsPublishing: service === null ? null : flag(service, 'KeyManagementServiceDnsPublishing'),
    lowPriority: service === null ? null : flag(service, 'KeyManagementServiceLowPriority'),
    requests:
      total === null
        ? null
        : {
            total,
            failed: integer(product, 'KeyManagementServiceFailedRequests'),
            unlicensed: integer(product, 'KeyManagementServiceUnlicensedRequests'),
            licensed: integer(product, 'KeyManagementServiceLicensedRequests'),
            initialGrace: integer(product, 'KeyManagementServiceOOBGraceRequests'),
            expiredOrHwOutOfTolerance: integer(product, 'KeyManagementServiceOOTGraceRequests'),
            nonGenuineGrace: integer(product, 'KeyManagementServiceNonGenuineGraceRequests'),
            notification: integer(product, 'KeyManagementServiceNotificationRequests'),
          },
  };
}

function productOf(object: JsonObject, service: JsonObject | null): SlmgrProduct {
  const description = text(object, 'Description');
  const channel = channelFromDescription(description);
  const status = integer(object, 'LicenseStatus');
  const grace = integer(object, 'GracePeriodRemaining');
  const reason = prop(object, 'LicenseStatusReason');
  const licenseStatus = status === null ? null : licenseStatusFromCode(status);
  // Same conditions as slmgr's "Volume activation expiration" / "Time remaining" / "Notification Reason" lines.
  const remainingMinutes = grace !== null && ((status === 1 && grace !== 0) || [2, 3, 4, 6].includes(status ?? -1)) ? grace : null;
  return {
    name: text(object, 'Name'),
    description,
    channel,
    activationId: text(object, 'ID'),
    applicationId: text(object, 'ApplicationID'),
    extendedPid: text(object, 'ProductKeyID'),
    productKeyChannel: text(object, 'ProductKeyChannel'),
    partialProductKey: text(object, 'PartialProductKey'),
    licenseStatus,
    notificationReason: status === 5 && (typeof reason === 'number' || typeof reason === 'string') ? normalizeHresult(reason) : null,
    remainingMinutes,
    kmsClient: channelKind(channel) === 'kmsClient' ? kmsClientOf(object, service, status) : null,
    // slmgr shows "Configured Activation Type" for KMS client SKUs only (Windows 8 and later).
    ...activationTypeOf(object, channel),
    // slmgr shows the host block for the licenses in use, never for the unused SKUs of /dlv all.
    kmsHost: text(object, 'PartialProductKey') === null ? null : kmsHostOf(object, service),
  };
}

/**
 * Parses `SoftwareLicensingProduct` (and optionally `SoftwareLicensingService`) JSON from
 * PowerShell into an SlmgrReport. Items that are not licensing objects are listed in
 * unrecognizedLines (as compact JSON). Throws CimParseError (one-line message) only when a text
 * is not JSON at all.
 */
export function parseCimLicensing(productsJson: string, serviceJson?: string | null): SlmgrReport {
  const productItems = items(parseJson(productsJson, 'SoftwareLicensingProduct data'));
  let service: JsonObject | null = null;
  const unrecognizedLines: string[] = [];
  if (serviceJson != null && serviceJson.trim() !== '') {
    const serviceItems = items(parseJson(serviceJson, 'SoftwareLicensingService data'));
    service = serviceItems.find(isObject) ?? null;
    if (service === null && serviceItems.length > 0) unrecognizedLines.push(compact(serviceItems[0]));
  }
  const products: SlmgrProduct[] = [];
  const inUse: boolean[] = [];
  for (const item of productItems) {
    if (!isObject(item) || !KNOWN_PRODUCT_PROPERTIES.some((name) => prop(item, name) !== undefined)) {
      unrecognizedLines.push(compact(item));
      continue;
    }
    const read = productOf(item, service);
    const product = { ...read, kind: productKindOf(read) };
    products.push(product);
    inUse.push(product.partialProductKey !== null);
  }
  // A product without a partial key is one /dlv all lists as "This license is not in use".
  const decided = decideRole({
    products: products.map((product, index) => ({ ...product, inUse: inUse[index] === true })),
    kmsHostService: service !== null && (integer(service, 'IsKeyManagementServiceMachine') ?? 0) > 0,
  });
  return {
    source: 'cim-json',
    role: reportRoleOf(decided.role),
    roleReason: decided.reason,
    serviceVersion: service === null ? null : text(service, 'Version'),
    products,
    activation: [],
    unrecognizedLines,
  };
}

function compact(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 500 ? `${json.slice(0, 500)}…` : json;
}

/** "/Date(1781348232000)/" (PowerShell 5.1's JSON date) → ISO 8601 UTC; null for the zero date 1601-01-01 or anything else. */
export function parseCimDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/.exec(value.trim());
  if (match === null) return null;
  const ms = Number(match[1]);
  // WMI's "no date" is the FILETIME epoch, 1601-01-01T00:00:00Z.
  if (ms <= -11644473600000) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
