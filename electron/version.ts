/** Injected at build time from package.json by the esbuild/Vite define; "dev" when run from source. */
declare const __KMS_DOCTOR_VERSION__: string | undefined;

export const toolVersion: string =
  typeof __KMS_DOCTOR_VERSION__ === 'string' ? __KMS_DOCTOR_VERSION__ : '0.0.0-dev';
