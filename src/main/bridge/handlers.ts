import type { AppInfo, BridgeHandlers } from '../../shared/bridge/contract';
import { checkClientIdentifier } from '../../shared/tenant/client-identifier';

/** What the handlers need from the process around them. */
export interface HandlerDeps {
  readonly appInfo: AppInfo;
}

/** The main process's implementation of every bridge request. */
export const createHandlers = (deps: HandlerDeps): BridgeHandlers => ({
  app: {
    info: async () => deps.appInfo,
  },
  client: {
    check: async ({ text }) => checkClientIdentifier(text),
  },
});
