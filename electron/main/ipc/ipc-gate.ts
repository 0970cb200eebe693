import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelPrefix, operationForChannel, operations, type ApiResult, type OperationName } from '../../../shared/contract/index.js';
import { dispatchOperation, type HandlerRegistry } from '../../../shared/contract/dispatch.js';
import { isAppUrl } from '../app-protocol.js';

export type { Handler, HandlerRegistry } from '../../../shared/contract/dispatch.js';
export { defaultMaxPayloadBytes, maxPayloadBytes, payloadSize, toApiError } from '../../../shared/contract/dispatch.js';

/** Decides whether an IPC message comes from our own window's main frame (Electron checklist item 17). */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

// A sender check that throws (a frame torn down mid-call) counts as untrusted.
function checkSender(isTrustedSender: SenderCheck, event: IpcMainInvokeEvent): boolean {
  try {
    return isTrustedSender(event);
  } catch {
    return false;
  }
}

/**
 * Runs one IPC request through the gate: known channel and trusted sender, then the contract's one
 * dispatcher (bounded and validated payload, validated response, mapped errors).
 *
 * Pure apart from the handlers it calls, so it is unit-tested without Electron.
 */
export async function gateRequest(
  channel: string,
  event: IpcMainInvokeEvent,
  payload: unknown,
  handlers: HandlerRegistry,
  isTrustedSender: SenderCheck,
): Promise<ApiResult<unknown>> {
  const name = typeof channel === 'string' && channel.startsWith(channelPrefix) ? operationForChannel(channel) : undefined;
  if (name === undefined) return { ok: false, error: { code: 'unknown-operation', message: `unknown channel ${JSON.stringify(String(channel).slice(0, 80))}` } };
  if (!checkSender(isTrustedSender, event)) return { ok: false, error: { code: 'forbidden-sender', message: 'request from an untrusted frame refused' } };
  return dispatchOperation(name, payload, handlers);
}

/**
 * Builds the sender check for our window: the message must come from its main frame (not a subframe, not
 * another webContents) while that frame shows our app:// origin.
 */
export function trustedSender(getWindow: () => BrowserWindow | null): SenderCheck {
  return (event) => {
    const window = getWindow();
    if (window === null || window.isDestroyed()) return false;
    const contents = window.webContents;
    const frame = event.senderFrame;
    const main = contents.mainFrame;
    // Same frame object, or the same frame by its process and frame token (wrappers may be re-created).
    const isMainFrame = frame === main || (frame !== null && frame.processId === main.processId && frame.frameToken === main.frameToken);
    return frame !== null && event.sender === contents && event.sender.id === contents.id && isMainFrame && frame.parent === null && isAppUrl(frame.url);
  };
}

/** Registers every operation of the contract on ipcMain; the only place that touches ipcMain. */
export function installIpcGate(handlers: HandlerRegistry, isTrustedSender: SenderCheck): void {
  for (const name of Object.keys(operations) as OperationName[]) {
    const { channel } = operations[name];
    ipcMain.handle(channel, (event, payload: unknown) => gateRequest(channel, event, payload, handlers, isTrustedSender));
  }
}
