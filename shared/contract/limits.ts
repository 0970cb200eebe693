/** Uploaded bundles travel as base64 in the request; bigger ones go through the native dialog or the CLI. */
export const maxUploadBytes = 64 * 1024 * 1024;
/** Files one upload may hold (a customer's loose evidence is a handful; more is not evidence). */
export const maxUploadFiles = 64;
