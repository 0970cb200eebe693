/**
 * The learned layout of an event (see learnTemplate in event-stream-parser.ts): its text, with holes for
 * the values that change from record to record. The text parser turns a layout into one sticky regular
 * expression; byte-layout.ts reads the same layout straight from UTF-8 bytes.
 */

/** Constant text (strings) and hole codes (numbers), in document order. */
export type LayoutParts = readonly (string | number)[];

// Capture codes of text holes (the element whose text the hole is).
export const CAP_NONE = 0;
export const CAP_EVENT_ID = 1;
export const CAP_RECORD_ID = 2;
export const CAP_CHANNEL = 3;
export const CAP_COMPUTER = 4;
export const CAP_DATA = 5;
export const CAP_MESSAGE = 6;
export const CAP_USER_DATA = 7;
// Read by the general scanner only: a learned layout keeps Level as constant text.
export const CAP_LEVEL = 8;

// Hole codes: text holes are H_TEXT (read, not kept) or a CAP_* code; attribute holes are
// H_ATTR + 2 × role + (0 for ', 1 for "), role 0 not kept, 1 Provider Name, 2 SystemTime;
// H_EMPTY_DATA marks a self-closing <Data/> (an empty item, no text of its own).
export const H_TEXT = CAP_NONE;
export const H_ATTR = 10;
export const H_ATTR_PROVIDER = H_ATTR + 2;
export const H_ATTR_SYSTEM_TIME = H_ATTR + 4;
export const H_EMPTY_DATA = 20;

/** Whether an attribute hole's value is quoted with " (else with '). */
export const isDoubleQuoted = (hole: number): boolean => (hole - H_ATTR) % 2 === 1;
