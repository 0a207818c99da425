import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { type ContractShape, eventNames, requestNames } from '../../shared/bridge/define';
import { ipcEventChannel, ipcRequestChannel } from '../../shared/bridge/wire';
import type { BridgeServer } from '../bridge/bridge-server';

/** Decides whether an IPC message comes from the app's own renderer, in its main frame. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Allows only the main frame of a page served from `origin` (the app's custom protocol; Electron security
 * checklist item 17). Sub-frames, other windows and pages that navigated elsewhere are refused.
 */
export const senderIsAppOrigin =
  (origin: string): SenderCheck =>
  (event) => {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined || frame !== event.sender.mainFrame) return false;
    try {
      // Scheme and host, not URL.origin: Node gives custom schemes the opaque origin "null".
      const url = new URL(frame.url);
      return `${url.protocol}//${url.host}` === origin;
    } catch {
      return false;
    }
  };

/**
 * Carries the bridge over Electron IPC: one `handle` per contract request, each checking its sender before the
 * bridge server validates the payload. Returns the function that forwards bridge events to a window.
 */
export const registerIpcBridge = (
  ipcMain: IpcMain,
  contract: ContractShape,
  bridge: BridgeServer,
  isTrustedSender: SenderCheck,
): ((target: WebContents) => () => void) => {
  for (const method of requestNames(contract)) {
    ipcMain.handle(ipcRequestChannel(method), async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This window may not use the app bridge.' },
        };
      }
      return bridge.handle(method, payload);
    });
  }
  const known = new Set(eventNames(contract));
  return (target) =>
    bridge.subscribe((event, payload) => {
      if (known.has(event) && !target.isDestroyed()) target.send(ipcEventChannel(event), payload);
    });
};
