import type { KmsDoctorApi } from '../../shared/contract/api.js';
import { createHttpBridge } from './bridge/http-bridge.js';

declare global {
  interface Window {
    /** Set by the Electron preload, or by the browser bridge in the preview and UI tests. */
    kmsDoctor?: KmsDoctorApi;
  }
}

/**
 * The API the app talks to: the preload's object in Electron; over http(s) (the preview server) the
 * browser bridge to the same origin; null for a page opened from disk without a back end.
 */
export function findApi(): KmsDoctorApi | null {
  if (window.kmsDoctor !== undefined) return window.kmsDoctor;
  if (window.location.protocol === 'http:' || window.location.protocol === 'https:') return createHttpBridge(new URL('./', window.location.href).href);
  return null;
}
