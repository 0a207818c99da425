import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The session cookie, named like Microsoft's (`ESTSAUTH` is a session cookie: it ends with the browser session).
 * https://learn.microsoft.com/entra/identity/authentication/concept-authentication-web-browser-cookies
 */
export const SESSION_COOKIE = 'ESTSAUTH';

/** An account signed in to a browser session. */
export interface SessionAccount {
  readonly tenantId: string;
  readonly userId: string;
}

/** One browser's sign-in session: single sign-on for the accounts signed in to it. */
export interface BrowserSession {
  readonly id: string;
  /** The `sid` claim and `session_state` parameter. */
  readonly sid: string;
  readonly accounts: readonly SessionAccount[];
}

/** The browser sessions of a practice tenant. */
export interface BrowserSessionStore {
  find(id: string | undefined): BrowserSession | undefined;
  create(): BrowserSession;
  /** Adds (or moves to the front) an account that just signed in. */
  signIn(sessionId: string, account: SessionAccount): BrowserSession;
}

/** Creates an empty session store. */
export const createBrowserSessionStore = (): BrowserSessionStore => {
  const sessions = new Map<string, BrowserSession>();
  return {
    find(id) {
      return id === undefined ? undefined : sessions.get(id);
    },
    create() {
      const session: BrowserSession = {
        id: randomBytes(32).toString('base64url'),
        sid: randomUUID(),
        accounts: [],
      };
      sessions.set(session.id, session);
      return session;
    },
    signIn(sessionId, account) {
      const session = sessions.get(sessionId);
      if (session === undefined) throw new Error('Unknown browser session');
      const others = session.accounts.filter(
        (a) => !(a.userId === account.userId && a.tenantId === account.tenantId),
      );
      const updated = { ...session, accounts: [account, ...others] };
      sessions.set(sessionId, updated);
      return updated;
    },
  };
};

/** The `Set-Cookie` value for a session: HTTPS only, not readable by script, sent on the form posts. */
export const sessionCookie = (sessionId: string): string =>
  `${SESSION_COOKIE}=${sessionId}; Path=/; Secure; HttpOnly; SameSite=None`;
