import { type BridgeApi, bridgeContract } from '../../shared/bridge/contract';
import { buildBridgeApi, type CallTransport, type SubscribeTransport } from '../../shared/bridge/define';
import { BridgeError } from '../../shared/bridge/errors';
import { openWebSocketTransport } from './websocket-transport';

/** The preload's exposure of the contract: the same domain-shaped methods, resolving with raw outcomes. */
type PreloadBridge = Record<string, Record<string, (payload: unknown) => unknown>>;

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser preview. */
    readonly pia?: PreloadBridge;
  }
}

/** A connected bridge and how it is carried. */
export interface Connection {
  readonly api: BridgeApi;
  readonly transport: 'electron' | 'preview';
  onClose(listener: () => void): void;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const overPreload = (pia: PreloadBridge): Connection => {
  const call: CallTransport = async (method, payload) => {
    const [ns = '', name = ''] = method.split('.');
    const fn = pia[ns]?.[name];
    if (fn === undefined)
      throw new BridgeError({ code: 'unknown-method', message: `No bridge method ${method}.` });
    return fn(payload);
  };
  const subscribe: SubscribeTransport = (event, listener) => {
    const [ns = '', name = ''] = event.split('.');
    const fn = pia[ns]?.[`on${capitalize(name)}`] as ((l: (p: unknown) => void) => () => void) | undefined;
    return fn === undefined ? () => undefined : fn(listener);
  };
  return {
    api: buildBridgeApi(bridgeContract, call, subscribe),
    transport: 'electron',
    onClose: () => undefined,
  };
};

/**
 * Connects the renderer to the main process: through the preload in the desktop app, or through the preview
 * host's WebSocket, whose per-launch secret arrives in this page's URL fragment (`#bridge=…`).
 */
export const connectBridge = async (
  location: Location,
  preload: PreloadBridge | undefined,
): Promise<Connection> => {
  if (preload !== undefined) return overPreload(preload);
  const secret = new URLSearchParams(location.hash.slice(1)).get('bridge');
  if (secret === null || secret === '') {
    throw new BridgeError({
      code: 'forbidden',
      message:
        'Open the preview with the full address that `npm run preview` printed: it carries the access key.',
    });
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = openWebSocketTransport(
    `${scheme}//${location.host}/bridge?secret=${encodeURIComponent(secret)}`,
  );
  await transport.ready;
  return {
    api: buildBridgeApi(bridgeContract, transport.call, transport.subscribe),
    transport: 'preview',
    onClose: transport.onClose,
  };
};
