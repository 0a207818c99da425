import { randomBytes } from 'node:crypto';
import type { Application } from '../directory/scenario';
import type { SessionAccount } from './browser-sessions';
import type { AuthorityTenant } from './discovery';
import type { PermissionRequest } from './scopes';

/** The `prompt` values the identity platform accepts. */
export type Prompt = 'login' | 'select_account' | 'consent' | 'none';

/** How the authorization response travels back to the app. */
export type ResponseMode = 'form_post' | 'query' | 'fragment';

/**
 * A sign-in in progress in a browser, between the first request and the answer to the app. Like Microsoft's `ctx`
 * parameter, its ID travels in the pages' forms; its content stays on the server.
 */
export interface PendingFlow {
  readonly id: string;
  /** `/oauth2/v2.0/authorize` (a code for the app) or `/v2.0/adminconsent` (tenant-wide consent). */
  readonly kind: 'authorize' | 'admin-consent';
  readonly authority: Exclude<AuthorityTenant, { kind: 'unknown' }>;
  /** The tenant segment as the app wrote it, for the pages' form actions. */
  readonly tenantSegment: string;
  readonly client: Application;
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state?: string;
  readonly nonce?: string;
  /** The S256 PKCE challenge (authorize only). */
  readonly codeChallenge?: string;
  readonly scope: string;
  readonly request: PermissionRequest;
  readonly prompt?: Prompt;
  readonly loginHint?: string;
  /** The practice tenant `domain_hint` names: the sign-in goes to that tenant without the account picker. */
  readonly domainHintTenantId?: string;
  /** The app sent `client_info=1` and gets `client_info` back with the code. */
  readonly clientInfo: boolean;
  readonly expiresAt: number;
  /** The account this flow signed in or picked. */
  readonly account?: SessionAccount;
  /** The email typed on the first page (or given as `login_hint`), waiting for its password. */
  readonly typedUpn?: string;
  /** "Use another account" was chosen: ignore the session's accounts. */
  readonly wantsOtherAccount: boolean;
  /** `prompt=login` or `prompt=select_account` has been honoured. */
  readonly accountPromptDone: boolean;
  /** `prompt=consent` has been honoured. */
  readonly consentPromptDone: boolean;
}

/**
 * How long a sign-in page stays usable. Microsoft's flows time out after about an hour of inactivity
 * (AADSTS50097/AADSTS900561 afterwards); the practice tenant answers with its error page.
 */
export const FLOW_LIFETIME_MS = 60 * 60 * 1000;

/** The sign-ins in progress. */
export interface PendingFlowStore {
  create(flow: Omit<PendingFlow, 'id' | 'expiresAt'>): PendingFlow;
  find(id: string): PendingFlow | undefined;
  update(id: string, change: Partial<Omit<PendingFlow, 'id' | 'kind'>>): PendingFlow;
  end(id: string): void;
}

/** Creates an empty store on a clock (milliseconds since the epoch). */
export const createPendingFlowStore = (clock: () => number): PendingFlowStore => {
  const flows = new Map<string, PendingFlow>();
  return {
    create(flow) {
      const created: PendingFlow = {
        ...flow,
        id: randomBytes(24).toString('base64url'),
        expiresAt: clock() + FLOW_LIFETIME_MS,
      };
      flows.set(created.id, created);
      return created;
    },
    find(id) {
      const flow = flows.get(id);
      if (flow === undefined) return undefined;
      if (clock() >= flow.expiresAt) {
        flows.delete(id);
        return undefined;
      }
      return flow;
    },
    update(id, change) {
      const flow = flows.get(id);
      if (flow === undefined) throw new Error('Unknown sign-in flow');
      const updated = { ...flow, ...change };
      flows.set(id, updated);
      return updated;
    },
    end(id) {
      flows.delete(id);
    },
  };
};
