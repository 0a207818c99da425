import { randomBytes } from 'node:crypto';

/** An HTML page and the Content-Security-Policy it is served under. */
export interface Page {
  readonly html: string;
  readonly csp: string;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/** A hidden form field. */
export const hidden = (name: string, value: string): string =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

const STYLE = `
body{margin:0;font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;color:#1b1b1b}
main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.banner{font-size:13px;background:#fff4ce;border-left:4px solid #986f0b;padding:6px 10px;margin:-20px -20px 20px}
h1{font-size:24px;font-weight:600;margin:16px 0}
label{display:block;margin:12px 0 4px}
label.inline{display:inline}
input[type=email],input[type=password]{width:100%;box-sizing:border-box;font-size:15px;padding:6px 0;border:0;border-bottom:1px solid #666}
input:focus-visible,button:focus-visible{outline:2px solid #0067b8;outline-offset:2px}
button{font-size:15px;padding:6px 20px;margin:16px 8px 0 0;border:1px solid #0067b8;background:#0067b8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1b1b1b;border-color:#8a8a8a}
button.tile{display:block;width:100%;text-align:left;background:#fff;color:#1b1b1b;border:0;border-bottom:1px solid #ddd;margin:0;padding:12px 4px}
[role=alert]{color:#a4262c;margin:8px 0}
ul.permissions li{margin:10px 0}
.detail{color:#505050;font-size:13px}
dl.trouble{font-size:13px;color:#505050}dl.trouble dt{font-weight:600}dl.trouble dd{margin:0 0 6px}
`;

/**
 * A page of the practice tenant's sign-in experience: no script, one inline style under a per-response nonce, and
 * forms that post only back to the practice tenant.
 */
export const renderPage = (options: { readonly title: string; readonly body: string }): Page => {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main>
<p class="banner">Practice tenant: a local rehearsal of Microsoft Entra ID. Nothing here reaches Microsoft.</p>
${options.body}
</main></body></html>`;
  return {
    html,
    // form-action also governs where a form post may be redirected (CSP Level 3): the consent page's Accept ends
    // in a redirect to the app's https redirect URI (admin consent) or a loopback one, as at Microsoft.
    csp: `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self' https: http://localhost:* http://127.0.0.1:*; frame-ancestors 'none'; base-uri 'none'`,
  };
};
