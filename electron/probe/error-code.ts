/** The `code` of a Node socket or DNS error (ECONNREFUSED, ENOTFOUND, …), or undefined. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
