/** The role a run diagnoses; "both" = a KMS host that is itself a KMS client for another product. */
export type CollectRole = 'host' | 'client' | 'both' | 'unknown';

const channelOf = (description: string): string | null => /\b(VOLUME_[A-Z0-9_]+|RETAIL|OEM[A-Z_:]*|TIMEBASED_[A-Z0-9_]+|VIRTUAL_MACHINE_ACTIVATION)\b/.exec(description)?.[1] ?? null;

function descriptionsFromCim(productsJson: string): string[] {
  try {
    const value = JSON.parse(productsJson.replace(/^\uFEFF/, '')) as unknown;
    const products = Array.isArray(value) ? value : [value];
    return products.map((product) => (product !== null && typeof product === 'object' ? String((product as Record<string, unknown>).Description ?? '') : '')).filter(Boolean);
  } catch {
    return [];
  }
}

function hostFromService(serviceJson: string): boolean {
  try {
    const value = JSON.parse(serviceJson.replace(/^\uFEFF/, '')) as Record<string, unknown> | null;
    const service = Array.isArray(value) ? (value[0] as Record<string, unknown>) : value;
    return Number(service?.IsKeyManagementServiceMachine ?? 0) > 0;
  } catch {
    return false;
  }
}

/**
 * Works out the role from the licensing data, the way slmgr does (knowledge/SLMGR-AND-EVENTS.md): a
 * VOLUME_KMSCLIENT product → client; VOLUME_KMS* other than KMSCLIENT (a CSVLK) → host. CIM first
 * (locale-neutral), the slmgr text's "…, VOLUME_… channel" descriptions when CIM is missing.
 */
export function detectRole(input: { readonly cimProducts: string | null; readonly cimService: string | null; readonly slmgrText: string | null }): CollectRole {
  let descriptions = input.cimProducts !== null ? descriptionsFromCim(input.cimProducts) : [];
  if (descriptions.length === 0 && input.slmgrText !== null) descriptions = input.slmgrText.match(/[^\r\n]*\b(?:VOLUME_[A-Z0-9_]+|RETAIL|OEM[A-Z_:]*)\b[^\r\n]*channel[^\r\n]*/g) ?? [];
  const channels = descriptions.map(channelOf).filter((channel): channel is string => channel !== null);
  const host = channels.some((channel) => channel.startsWith('VOLUME_KMS') && channel !== 'VOLUME_KMSCLIENT') || (input.cimService !== null && hostFromService(input.cimService));
  const client = channels.some((channel) => channel === 'VOLUME_KMSCLIENT');
  if (host && client) return 'both';
  if (host) return 'host';
  // A MAK/RETAIL/OEM machine is diagnosed as a client: "install the GVLK" is the finding it needs.
  if (client || channels.length > 0) return 'client';
  return 'unknown';
}
