/** Uploaded bundles travel as base64 in the request; bigger ones go through the native dialog or the CLI. */
export const maxUploadBytes = 64 * 1024 * 1024;
