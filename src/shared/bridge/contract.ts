import { z } from 'zod';
import { ClientIdentifierCheckSchema } from '../tenant/client-identifier';
import { type BridgeApiOf, type BridgeHandlersOf, type ContractShape, request } from './define';

/** What the main process says about itself when the renderer starts. */
export const AppInfoSchema = z
  .object({
    version: z.string(),
    /** `practice` when no sign-in app is configured: only the practice tenant can be onboarded. */
    mode: z.enum(['practice', 'live']),
    /** Which transport carries the bridge: the desktop app's IPC, or the browser preview's WebSocket. */
    host: z.enum(['electron', 'preview']),
  })
  .readonly();

/** What the main process says about itself. */
export type AppInfo = z.infer<typeof AppInfoSchema>;

/**
 * The bridge contract: every request the renderer can make of the main process and every event it receives.
 *
 * Both transports (Electron IPC through the preload, and the preview host's WebSocket) carry exactly this
 * contract; the main process validates every payload against it before a handler sees it.
 */
export const bridgeContract = {
  requests: {
    app: {
      /** Version, mode and host of the running app. */
      info: request(z.object({}).strict(), AppInfoSchema),
    },
    client: {
      /** Checks what the technician typed as the client: a domain or tenant ID, refusing consumer domains. */
      check: request(z.object({ text: z.string().max(1024) }).strict(), ClientIdentifierCheckSchema),
    },
  },
  events: {},
} as const satisfies ContractShape;

/** The bridge contract's type. */
export type BridgeContract = typeof bridgeContract;

/** The renderer's typed API: `bridge.client.check({ text })`. */
export type BridgeApi = BridgeApiOf<BridgeContract>;

/** What the main process implements. */
export type BridgeHandlers = BridgeHandlersOf<BridgeContract>;
