/**
 * The `client_info` value the identity platform returns when a client sends `client_info=1`: base64url JSON of
 * the user's object ID (`uid`) and home tenant ID (`utid`). MSAL builds the account's `homeAccountId`
 * (`{uid}.{utid}`) from it.
 *
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response-2
 */
export const encodeClientInfo = (userObjectId: string, homeTenantId: string): string =>
  Buffer.from(JSON.stringify({ uid: userObjectId, utid: homeTenantId }), 'utf8').toString('base64url');

/** Reads a `client_info` value back into its user and tenant IDs. */
export const decodeClientInfo = (clientInfo: string): { readonly uid: string; readonly utid: string } => {
  const parsed: unknown = JSON.parse(Buffer.from(clientInfo, 'base64url').toString('utf8'));
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as { uid?: unknown }).uid !== 'string' ||
    typeof (parsed as { utid?: unknown }).utid !== 'string'
  ) {
    throw new Error('client_info is not base64url JSON with uid and utid.');
  }
  const { uid, utid } = parsed as { uid: string; utid: string };
  return { uid, utid };
};
