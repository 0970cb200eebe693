/** Uploaded bundles travel as base64 in the request; bigger ones go through the native dialog or the CLI. */
export const maxUploadBytes = 64 * 1024 * 1024;
/** Files one upload may hold (a customer's loose evidence is a handful; a case folder a few machines' worth). */
export const maxUploadFiles = 256;
/** The longest path of a file inside an uploaded folder ("site-a/pc001/events/application-spp.xml"). */
export const maxUploadPathChars = 1024;
