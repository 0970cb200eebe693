/**
 * Hosts the app may open in the user's browser: Microsoft's documentation and support sites, where the
 * findings' "read more" links point. Exact names only, no wildcards (a wildcard would admit any tenant
 * subdomain someone can publish to).
 *
 * Kept free of Electron so the browser preview can apply the same policy.
 */
export const documentationHosts: ReadonlySet<string> = new Set([
  'learn.microsoft.com',
  'docs.microsoft.com',
  'support.microsoft.com',
  'go.microsoft.com',
]);

/**
 * Whether a link may leave the app (Electron checklist item 15): https only, an allow-listed host, the
 * default port, no credentials. Parsed with URL, never matched by prefix or substring.
 */
export function isAllowedExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    documentationHosts.has(parsed.hostname) &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
