import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { bridgeContract } from '../../shared/bridge/contract';
import type { ContractShape } from '../../shared/bridge/define';
import { ipcEventChannel, ipcRequestChannel } from '../../shared/bridge/wire';

// The preload exposes the contract's domain-shaped methods and nothing else: `pia.client.check(payload)`
// resolves with the bridge outcome (plain data, so it survives the context bridge); the renderer turns a failed
// outcome into a BridgeError in its own realm (src/renderer/bridge/connect.ts).
const pia: Record<string, Record<string, unknown>> = {};
for (const [ns, methods] of Object.entries(bridgeContract.requests)) {
  const group: Record<string, unknown> = {};
  for (const method of Object.keys(methods)) {
    const channel = ipcRequestChannel(`${ns}.${method}`);
    group[method] = (payload: unknown) => ipcRenderer.invoke(channel, payload);
  }
  pia[ns] = group;
}
for (const [ns, events] of Object.entries(bridgeContract.events as ContractShape['events'])) {
  const group: Record<string, unknown> = pia[ns] ?? {};
  for (const event of Object.keys(events)) {
    const channel = ipcEventChannel(`${ns}.${event}`);
    group[`on${event.charAt(0).toUpperCase()}${event.slice(1)}`] = (listener: (payload: unknown) => void) => {
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    };
  }
  pia[ns] = group;
}
contextBridge.exposeInMainWorld('pia', pia);
