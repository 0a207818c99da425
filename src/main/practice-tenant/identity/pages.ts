import type { ErrorTrace } from './aadsts';
import { escapeHtml, hidden, type Page, renderPage } from './html';

/** An account signed in to the browser session, as the account picker shows it. */
export interface PickerAccount {
  readonly userId: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
}

/** One permission on the consent page. */
export interface ConsentItem {
  readonly resourceName: string;
  readonly value: string;
  readonly description: string;
  readonly adminOnly: boolean;
  readonly kind: 'delegated' | 'application';
}

const alert = (message: string | undefined): string =>
  message === undefined ? '' : `<p role="alert">${escapeHtml(message)}</p>`;

/** Microsoft's account picker (`prompt=select_account`), with "Use another account". */
export const accountPickerPage = (o: {
  readonly action: string;
  readonly ctx: string;
  readonly accounts: readonly PickerAccount[];
}): Page =>
  renderPage({
    title: 'Sign in to your account',
    body: `<h1>Pick an account</h1>
<form method="post" action="${escapeHtml(o.action)}">${hidden('ctx', o.ctx)}
${o.accounts
  .map(
    (a) =>
      `<button class="tile" type="submit" name="account" value="${escapeHtml(a.userId)}">${escapeHtml(a.displayName)} ${escapeHtml(a.userPrincipalName)}</button>`,
  )
  .join('\n')}
<button class="tile" type="submit" name="step" value="other">Use another account</button>
</form>`,
  });

/** The first sign-in page: a textbox labelled "Email" and a "Next" button. */
export const emailPage = (o: {
  readonly action: string;
  readonly ctx: string;
  readonly value?: string;
  readonly error?: string;
}): Page =>
  renderPage({
    title: 'Sign in to your account',
    body: `<h1>Sign in</h1>
<form method="post" action="${escapeHtml(o.action)}">${hidden('ctx', o.ctx)}${hidden('step', 'email')}
<label for="loginfmt">Email</label>
<input id="loginfmt" name="loginfmt" type="email" autocomplete="username" required value="${escapeHtml(o.value ?? '')}"${o.error === undefined ? '' : ' aria-invalid="true" aria-describedby="email-error"'} autofocus>
${o.error === undefined ? '' : `<p role="alert" id="email-error">${escapeHtml(o.error)}</p>`}
<button type="submit">Next</button>
</form>`,
  });

/** The second sign-in page: a textbox labelled "Password" and a "Sign in" button. */
export const passwordPage = (o: {
  readonly action: string;
  readonly ctx: string;
  readonly upn: string;
  readonly error?: string;
}): Page =>
  renderPage({
    title: 'Sign in to your account',
    body: `<p>${escapeHtml(o.upn)}</p>
<h1>Enter password</h1>
<form method="post" action="${escapeHtml(o.action)}">${hidden('ctx', o.ctx)}${hidden('step', 'password')}${hidden('loginfmt', o.upn)}
<label for="passwd">Password</label>
<input id="passwd" name="passwd" type="password" autocomplete="current-password" required${o.error === undefined ? '' : ' aria-invalid="true" aria-describedby="password-error"'} autofocus>
${o.error === undefined ? '' : `<p role="alert" id="password-error">${escapeHtml(o.error)}</p>`}
<button type="submit">Sign in</button>
</form>
<form method="post" action="${escapeHtml(o.action)}">${hidden('ctx', o.ctx)}${hidden('step', 'other')}
<button class="secondary" type="submit">Use another account</button></form>`,
  });

/**
 * The consent page: each permission with its description, the "Consent on behalf of your organization" checkbox
 * for admins, and "Accept" / "Cancel".
 */
export const consentPage = (o: {
  readonly action: string;
  readonly ctx: string;
  readonly appName: string;
  readonly publisher: string;
  readonly items: readonly ConsentItem[];
  /** Shows the checkbox (an admin at the authorize endpoint). */
  readonly offerOrganizationConsent: boolean;
  /** The admin-consent endpoint: consent is always for the whole organization. */
  readonly forOrganization: boolean;
}): Page =>
  renderPage({
    title: 'Permissions requested',
    body: `<h1>Permissions requested${o.forOrganization ? '<br><span class="detail">Accept for your organization</span>' : ''}</h1>
<p><strong>${escapeHtml(o.appName)}</strong><br><span class="detail">${escapeHtml(o.publisher)}</span></p>
<p id="asks">This application would like to:</p>
<ul class="permissions" aria-labelledby="asks">
${o.items
  .map(
    (item) =>
      `<li><strong>${escapeHtml(item.value)}</strong> <span class="detail">(${escapeHtml(item.resourceName)}, ${item.kind === 'application' ? 'application permission' : 'delegated permission'}${item.adminOnly ? ', admin consent required' : ''})</span><br>${escapeHtml(item.description)}</li>`,
  )
  .join('\n')}
</ul>
<form method="post" action="${escapeHtml(o.action)}">${hidden('ctx', o.ctx)}
${
  o.offerOrganizationConsent
    ? `<p><input type="checkbox" id="consent-org" name="consent_on_behalf" value="true"> <label for="consent-org" class="inline">Consent on behalf of your organization</label></p>`
    : ''
}
<p class="detail">Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>
<button type="submit" name="decision" value="accept">Accept</button>
<button class="secondary" type="submit" name="decision" value="cancel">Cancel</button>
</form>`,
  });

/** "Need admin approval" (AADSTS90094): a user who cannot consent to what the app asks. */
export const needAdminApprovalPage = (o: {
  readonly loginAction: string;
  readonly consentAction: string;
  readonly ctx: string;
  readonly appName: string;
  readonly message: string;
  readonly trace: ErrorTrace;
}): Page =>
  renderPage({
    title: 'Need admin approval',
    body: `<h1>Need admin approval</h1>
<p><strong>${escapeHtml(o.appName)}</strong></p>
<p>${escapeHtml(o.appName)} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<form method="post" action="${escapeHtml(o.loginAction)}">${hidden('ctx', o.ctx)}${hidden('step', 'other')}
<button class="secondary" type="submit">Have an admin account? Sign in with that account</button></form>
<form method="post" action="${escapeHtml(o.consentAction)}">${hidden('ctx', o.ctx)}
<button class="secondary" type="submit" name="decision" value="return">Return to the application without granting consent</button></form>
${troubleshooting(o.message, o.trace)}`,
  });

const troubleshooting = (
  message: string,
  trace: ErrorTrace,
): string => `<h2 class="detail">Troubleshooting details</h2>
<dl class="trouble"><dt>Request Id</dt><dd>${escapeHtml(trace.traceId)}</dd><dt>Correlation Id</dt><dd>${escapeHtml(trace.correlationId)}</dd>
<dt>Timestamp</dt><dd>${escapeHtml(trace.timestamp)}</dd><dt>Message</dt><dd>${escapeHtml(message)}</dd></dl>`;

/**
 * Microsoft's error page for problems it cannot send back to the app (unknown app, unregistered redirect URI, an
 * account of another tenant): the AADSTS message and the troubleshooting details.
 */
export const errorPage = (o: {
  readonly message: string;
  readonly trace: ErrorTrace;
  /** Offers "Use another account" (for account problems). */
  readonly useAnotherAccount?: { readonly action: string; readonly ctx: string };
}): Page =>
  renderPage({
    title: 'Sign in to your account',
    body: `<h1>Sign in</h1>
<p>Sorry, but we’re having trouble signing you in.</p>
${alert(o.message)}
${
  o.useAnotherAccount === undefined
    ? ''
    : `<form method="post" action="${escapeHtml(o.useAnotherAccount.action)}">${hidden('ctx', o.useAnotherAccount.ctx)}${hidden('step', 'other')}<button type="submit">Use another account</button></form>`
}
${troubleshooting(o.message, o.trace)}`,
  });

/**
 * The `response_mode=form_post` answer: an HTML form that posts the response parameters to the redirect URI,
 * submitted by a one-line script (with a button for browsers without script), as the identity platform does.
 *
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
 */
export const formPostPage = (redirectUri: string, params: Readonly<Record<string, string>>): Page => {
  const base = renderPage({ title: 'Working...', body: '' });
  const nonce = /'nonce-([^']+)'/.exec(base.csp)?.[1] ?? '';
  const target = new URL(redirectUri).origin;
  const fields = Object.entries(params)
    .map(([name, value]) => hidden(name, value))
    .join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>
<body><form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${fields}
<noscript><p>Script is disabled. Click Submit to continue.</p><button type="submit">Submit</button></noscript></form>
<script nonce="${nonce}">document.forms[0].submit();</script></body></html>`;
  return {
    html,
    csp: `default-src 'none'; script-src 'nonce-${nonce}'; form-action ${target}; frame-ancestors 'none'; base-uri 'none'`,
  };
};
