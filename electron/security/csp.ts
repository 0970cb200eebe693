/**
 * The Content-Security-Policy of the renderer (Electron checklist item 7).
 *
 * Sent as a response header on every app:// response and, minus the directives a <meta> cannot carry,
 * written in renderer/index.html (a test keeps the two in step). Nothing remote, nothing inline, no eval:
 * the UI is a local bundle, and an injected script is one IPC call away from an elevated PowerShell.
 */
export const cspDirectives: ReadonlyArray<readonly [directive: string, sources: string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  // Only valid in the header: a <meta> policy ignores frame-ancestors.
  ['frame-ancestors', "'none'"],
];

/** Directives a <meta http-equiv> policy cannot express (CSP3 §6.1: frame-ancestors, report-uri, sandbox). */
export const headerOnlyDirectives: ReadonlySet<string> = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy as one header value. */
export function contentSecurityPolicy(): string {
  return cspDirectives.map(([directive, sources]) => `${directive} ${sources}`).join('; ');
}
