/**
 * The machine's role, decided once for every layer (parse, collection, diagnosis, start screen, history):
 * which side of the app's flow a machine is on, and the one-line reason that decided it.
 *
 * One vocabulary: `host`, `client`, `both` (a KMS host that is itself a KMS client for another product),
 * `unknown` (nothing read says). A machine licensed by MAK, RETAIL, OEM or another non-KMS channel is on
 * the client side of the flow (`client`, reason `not-kms-channel`): DESIGN.md §4 says it is not a KMS
 * problem, and the client rules say so from its channel, but it is not a host and not "unknown".
 * The parsed slmgr report keeps its documented `other` for `unknown` (DESIGN.md §5), see `reportRoleOf`.
 */
import { channelKind, nameSaysKmsHost } from './channels.js';
import { isActivationServerAnswer } from './error-codes.js';

export const roles = ['host', 'client', 'both', 'unknown'] as const;
export type Role = (typeof roles)[number];
/** A role a machine was found or declared to have: every role but `unknown`. */
export type KnownRole = Exclude<Role, 'unknown'>;

/** The role a technician may ask a collection or a diagnosis for (start screen, `collect --role`): a role, or "work it out". */
export const requestedRoles = ['auto', 'host', 'client'] as const;
export type RequestedRole = (typeof requestedRoles)[number];

/**
 * The role a collection runs for: a requested role, or `both` (every step of both sides: the plan of a
 * machine whose role is not given, a recorded machine that is host and client).
 */
export const collectionRoles = [...requestedRoles, 'both'] as const;
export type CollectionRole = (typeof collectionRoles)[number];

/** The `role` of a parsed slmgr report (DESIGN.md §5): the same decision, `other` standing for `unknown`. */
export const reportRoles = ['host', 'client', 'both', 'other'] as const;
export type ReportRole = (typeof reportRoles)[number];

export const roleReasonCodes = [
  /** A KMS host key (CSVLK: Description says VOLUME_KMS…, not …KMSCLIENT) is in use; detail: the channel. */
  'description-kms-host',
  /** The Key Management Service is enabled (slmgr's host block or WMI IsKeyManagementServiceMachine), no channel read. */
  'kms-host-service',
  /** A GVLK (Description says VOLUME_KMSCLIENT) is in use; detail: the channel. */
  'description-kms-client',
  /** slmgr printed KMS client settings for a product whose channel was not read. */
  'kms-client-settings',
  /** slmgr /xpr printed "Volume activation will expire" (only a KMS or AD-activated client's licence does); detail: null. */
  'volume-expiry',
  /** Both a host key and a client key are in use; detail: "host channel, client channel". */
  'host-and-client',
  /** Only non-KMS channels are in use (MAK, RETAIL, OEM…): the client side, not a KMS client; detail: the channels. */
  'not-kms-channel',
  /** No licensing data: the collection recorded the role (bundle manifest); detail: null. */
  'recorded',
  /** No licensing data: the host's KMS events (12290, 12293, 12294) say host; detail: the event ids. */
  'host-events',
  /** No licensing data: host configuration or firewall evidence only; detail: null. */
  'host-configuration',
  /** Host events and client events both: a host that is itself a KMS client; detail: the event ids. */
  'host-and-client-events',
  /** No licensing data: the client's KMS events (12288, 12289) say client; detail: the event ids. */
  'client-events',
  /** No licensing data: client DNS / probe / registry evidence only; detail: null. */
  'client-configuration',
  /** No product read, but slmgr printed an activation attempt or error (/ato), which a client makes; detail: the HRESULTs. */
  'activation-output',
  /** No product read, but slmgr activated (or tried to) a product whose name says KMS host; detail: the product name. */
  'host-activation-output',
  /**
   * No product read; Microsoft's activation server answered the /ato (0xC004C008 …), which it does only for a
   * MAK, retail or KMS host key: not a KMS client, but host or MAK the output does not say; detail: the HRESULTs.
   */
  'activation-server-output',
  /** Licensing data was read but no product in use said anything; detail: null. */
  'no-volume-product',
  /** Nothing that tells the role was read. */
  'no-evidence',
] as const;
export type RoleReasonCode = (typeof roleReasonCodes)[number];

export interface RoleReason {
  readonly code: RoleReasonCode;
  /** The value that decided it (a channel, event ids), null when the code says it all. */
  readonly detail: string | null;
}

export interface RoleDecision {
  readonly role: Role;
  readonly reason: RoleReason;
}

/** What the role reads from one licensed product (a SlmgrProduct satisfies it, with `inUse` beside it). */
export interface RoleProduct {
  readonly channel: string | null;
  readonly kmsHost: object | null;
  readonly kmsClient: object | null;
  /** False for a product slmgr /dlv all lists as "This license is not in use" (no key installed). */
  readonly inUse: boolean;
  /** slmgr /xpr printed "Volume activation will expire" for it (absent = not printed). */
  readonly volumeExpiry?: boolean;
}

/** Everything a layer knows that tells the role; each field is optional, absent = not known. */
export interface RoleFacts {
  /**
   * The licensed products as read (slmgr text or CIM). The parsers pass these; the layers after them
   * pass `licensing` (the decision the parsed report already carries) instead.
   */
  readonly products?: readonly RoleProduct[];
  /** WMI SoftwareLicensingService.IsKeyManagementServiceMachine > 0. */
  readonly kmsHostService?: boolean;
  /** The decision of a parsed slmgr/CIM report (its `role` and `roleReason`). */
  readonly licensing?: { readonly role: ReportRole | Role; readonly roleReason: RoleReason } | null;
  /** The role a collection recorded (bundle manifest); `unknown` counts as not recorded. */
  readonly recorded?: Role | null;
  /** Host KMS event ids seen (12290, 12293, 12294). */
  readonly hostEventIds?: readonly number[];
  /** Client KMS event ids seen (12288, 12289). */
  readonly clientEventIds?: readonly number[];
  /** Host configuration or firewall evidence was collected. */
  readonly hostConfiguration?: boolean;
  /** Client DNS configuration, probes or KMS client registry evidence was collected. */
  readonly clientConfiguration?: boolean;
  /** The activation attempts or errors slmgr printed (/ato output). */
  readonly activations?: readonly RoleActivation[];
}

/** One /ato answer as the role reads it (a parsed ActivationAttempt satisfies it). */
export interface RoleActivation {
  /** The product of "Activating <name> (<id>) ...", null when not printed. */
  readonly product: string | null;
  readonly succeeded: boolean;
  /** "0x…" as printed, null on success or a failure without a code. */
  readonly hresult: string | null;
}

/** The reasons read from /ato output alone (`fromActivationOutput`): they rank after events and configuration. */
const activationOutputCodes: ReadonlySet<RoleReasonCode> = new Set(['activation-output', 'host-activation-output', 'activation-server-output']);

/**
 * Whether a decision came from /ato output alone: the licensed products, if any were read, said nothing
 * (none in use, or none with a channel or a KMS block).
 */
export const isActivationOutputReason = (code: RoleReasonCode): boolean => activationOutputCodes.has(code);

const decision = (role: Role, code: RoleReasonCode, detail: string | null = null): RoleDecision => ({ role, reason: { code, detail } });
const unique = (items: readonly string[]): string[] => [...new Set(items)];
const ids = (items: readonly number[] | undefined): string => unique((items ?? []).map(String)).join(', ');

/** The decision from the licensed products alone (slmgr's own channel tests: VOLUME_KMSCLIENT client, other VOLUME_KMS* host). */
function fromProducts(products: readonly RoleProduct[], kmsHostService: boolean): RoleDecision {
  const inUse = products.filter((product) => product.inUse);
  const channels = inUse.map((product) => product.channel).filter((channel): channel is string => channel !== null && channel !== '');
  const hostChannel = channels.find((channel) => channelKind(channel) === 'kmsHost');
  const clientChannel = channels.find((channel) => channelKind(channel) === 'kmsClient');
  const host = hostChannel !== undefined || kmsHostService || inUse.some((product) => product.kmsHost !== null);
  const client = clientChannel !== undefined || inUse.some((product) => product.kmsClient !== null);
  if (host && client) return decision('both', 'host-and-client', [hostChannel, clientChannel].filter((c) => c !== undefined).join(', ') || null);
  if (host) return hostChannel !== undefined ? decision('host', 'description-kms-host', hostChannel) : decision('host', 'kms-host-service');
  if (client) return clientChannel !== undefined ? decision('client', 'description-kms-client', clientChannel) : decision('client', 'kms-client-settings');
  if (channels.length === 0 && inUse.some((product) => product.volumeExpiry === true)) return decision('client', 'volume-expiry');
  if (channels.length > 0) return decision('client', 'not-kms-channel', unique(channels).join(', '));
  return products.length > 0 || kmsHostService ? decision('unknown', 'no-volume-product') : decision('unknown', 'no-evidence');
}

/**
 * The role and its reason. The role a collection recorded comes first (the technician may have chosen
 * it); then licensing (what slmgr itself reads); then the events; then which kind of configuration
 * evidence was collected. Events widen a licensing answer only where the licence cannot see the other
 * side: a client licence with host events is a host (with client events too: both).
 */
export function decideRole(facts: RoleFacts): RoleDecision {
  if (facts.recorded !== undefined && facts.recorded !== null && facts.recorded !== 'unknown') return decision(facts.recorded, 'recorded');
  const reported = facts.licensing ? { role: facts.licensing.role === 'other' ? ('unknown' as const) : facts.licensing.role, reason: facts.licensing.roleReason } : null;
  // A parsed report decided from its /ato answers alone keeps their rank here (after events and
  // configuration), so a layer handed only the report answers as one handed the attempts.
  const reportedFromOutput = reported !== null && activationOutputCodes.has(reported.reason.code) ? reported : null;
  const licensing =
    facts.products !== undefined || facts.kmsHostService === true
      ? fromProducts(facts.products ?? [], facts.kmsHostService === true)
      : reportedFromOutput === null
        ? reported
        : null;
  const hostIds = facts.hostEventIds ?? [];
  const clientIds = facts.clientEventIds ?? [];
  const fromEvents =
    hostIds.length > 0
      ? clientIds.length > 0
        ? decision('both', 'host-and-client-events', ids([...hostIds, ...clientIds]))
        : decision('host', 'host-events', ids(hostIds))
      : null;
  if (licensing !== null && licensing.role === 'client' && fromEvents !== null) return fromEvents;
  if (licensing !== null && licensing.role !== 'unknown') return licensing;
  if (fromEvents !== null) return fromEvents;
  if (clientIds.length > 0) return decision('client', 'client-events', ids(clientIds));
  if (facts.hostConfiguration === true && facts.clientConfiguration !== true) return decision('host', 'host-configuration');
  if (facts.clientConfiguration === true) return decision('client', 'client-configuration');
  const fromActivations = fromActivationOutput(facts.activations ?? []) ?? reportedFromOutput;
  if (fromActivations !== null) return fromActivations;
  return licensing ?? decision('unknown', 'no-evidence');
}

/**
 * The role from /ato output alone, by what it shows: a product named as a KMS host's is the host's own key
 * being activated; an answer of Microsoft's activation server means a MAK, retail or KMS host key (not a
 * KMS client, and not which of them); any other attempt is a client's. Null when slmgr printed none.
 */
function fromActivationOutput(activations: readonly RoleActivation[]): RoleDecision | null {
  if (activations.length === 0) return null;
  const hostProduct = activations.find((attempt) => nameSaysKmsHost(attempt.product))?.product;
  if (hostProduct) return decision('host', 'host-activation-output', hostProduct);
  // "0x0" for a success, "?" for a failure slmgr printed without a code.
  const codes = unique(activations.map((attempt) => attempt.hresult ?? (attempt.succeeded ? '0x0' : '?'))).join(', ');
  if (activations.some((attempt) => isActivationServerAnswer(attempt.hresult))) return decision('unknown', 'activation-server-output', codes);
  return decision('client', 'activation-output', codes);
}

/** A decision as the parsed slmgr report writes it (`other` for `unknown`, DESIGN.md §5). */
export function reportRoleOf(role: Role): ReportRole {
  return role === 'unknown' ? 'other' : role;
}

/** A role read back from storage or a file; anything else is `unknown`. */
export function asRole(value: string | null | undefined): Role {
  return (roles as readonly (string | null | undefined)[]).includes(value) ? (value as Role) : 'unknown';
}
