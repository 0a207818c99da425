/**
 * How one onboarding run shows Microsoft's sign-in and consent pages to the technician.
 *
 * The desktop app implements it with a window of its own on an in-memory session per run (src/main/electron);
 * tests implement it with a Playwright page. The engine passes `openBrowser` to msal-node's
 * `acquireTokenInteractive` and races `outcome` against its own timeout and cancel button, because msal-node has
 * neither (https://learn.microsoft.com/entra/identity-platform/msal-node-migration).
 */
export interface SignInBrowser {
  /**
   * Shows `url` (an authorize or admin-consent URL) and resolves once the page has started loading, as msal-node's
   * `openBrowser` expects. Calling it again in the same run reuses the same session, so a consent page after the
   * sign-in does not ask the technician to sign in again.
   *
   * The redirect URI is read from the URL's `redirect_uri` parameter, or given in `options`.
   */
  openBrowser(url: string, options?: OpenBrowserOptions): Promise<void>;
  /** Subscribes to what happens in the browser; returns the unsubscribe function. */
  onEvent(listener: (event: SignInBrowserEvent) => void): () => void;
  /**
   * Resolves with the first event that ends the current page: the redirect, the technician closing the window, a
   * page that failed to load, or the run closing the browser.
   */
  nextOutcome(): Promise<SignInBrowserOutcome>;
  /** Hides the browser without ending the run's session (between sign-in and the consent page). */
  hide(): void;
  /** Ends the run's browser: clears its session's storage and cache and closes it. Safe to call twice. */
  close(): Promise<void>;
}

/** Options for one page shown in the sign-in browser. */
export interface OpenBrowserOptions {
  /** The redirect URI that ends this page; defaults to the URL's `redirect_uri` parameter. */
  readonly redirectUri?: string;
  /**
   * Whether the browser loads the redirect (`let-through`, so msal-node's loopback server receives the code) or
   * stops it and only reports it (`stop`, for the admin-consent page whose redirect is the target app's own site).
   * Defaults to `let-through` for a loopback `http://` redirect URI and `stop` otherwise.
   */
  readonly onRedirect?: 'let-through' | 'stop';
}

/** Something that happened in the sign-in browser. */
export type SignInBrowserEvent =
  /** The browser reached the redirect URI; `url` holds the query the identity platform returned. */
  | { readonly kind: 'redirected'; readonly url: string }
  /** The technician closed the window before the redirect. */
  | { readonly kind: 'closed-by-user' }
  /** A page could not load (network, certificate); Chromium's error code and text. */
  | {
      readonly kind: 'load-failed';
      readonly url: string;
      readonly errorCode: number;
      readonly description: string;
    }
  /** The run closed the browser (`close()`) while something was still waiting for an outcome. */
  | { readonly kind: 'ended' }
  /** A navigation the browser refused because it left the allowed schemes (only https, and the redirect). */
  | { readonly kind: 'navigation-blocked'; readonly url: string };

/** An event that ends a page. */
export type SignInBrowserOutcome = Extract<
  SignInBrowserEvent,
  { kind: 'redirected' } | { kind: 'closed-by-user' } | { kind: 'load-failed' } | { kind: 'ended' }
>;

/** Creates the sign-in browser of one run. */
export interface SignInBrowserFactory {
  /** A browser whose session belongs to `runId` alone: nothing is shared with other runs or written to disk. */
  forRun(runId: string): SignInBrowser;
}

/** The practice tenant's certificate, which the sign-in browser trusts for the practice origin and nothing else. */
export interface PracticeCertificatePin {
  /** `https://127.0.0.1:port` or `https://localhost:port`: a loopback origin, never a real host. */
  readonly origin: string;
  /** SHA-256 fingerprint of the DER certificate, hex with or without colons (`openssl x509 -fingerprint -sha256`). */
  readonly sha256Fingerprint: string;
}
