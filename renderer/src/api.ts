import type { KmsDoctorApi } from '../../shared/contract/api.js';

declare global {
  interface Window {
    /** Set by the Electron preload, or by the browser bridge in the preview and UI tests. */
    kmsDoctor?: KmsDoctorApi;
  }
}

/** The API the app talks to, or null when the page runs without a bridge (a plain static preview). */
export function findApi(): KmsDoctorApi | null {
  return window.kmsDoctor ?? null;
}
