import { z } from 'zod';
import { EntraIdSchema, isGuid } from '../guid';

/** How the technician named the client's tenant: by its ID or by one of its domains. */
export const ClientIdentifierSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tenant-id'), tenantId: EntraIdSchema }).readonly(),
  z.object({ kind: z.literal('domain'), domain: z.string().min(3).max(253) }).readonly(),
]);

/** A client tenant named by ID or domain, syntactically valid and not a consumer domain. */
export type ClientIdentifier = z.infer<typeof ClientIdentifierSchema>;

/** Why an entry cannot name a client tenant. */
export const ClientIdentifierRefusalSchema = z.enum([
  'empty',
  'malformed',
  'consumer-domain',
  'reserved-tenant',
]);

/** The answer to "does this name a client tenant?", before anything is looked up. */
export const ClientIdentifierCheckSchema = z.discriminatedUnion('valid', [
  z
    .object({
      valid: z.literal(true),
      identifier: ClientIdentifierSchema,
      /** Set when the entry was understood differently from how it was typed (an email address, a URL). */
      note: z.string().optional(),
    })
    .readonly(),
  z
    .object({ valid: z.literal(false), reason: ClientIdentifierRefusalSchema, message: z.string() })
    .readonly(),
]);

/** The result of checking a typed client identifier. */
export type ClientIdentifierCheck = z.infer<typeof ClientIdentifierCheckSchema>;

/**
 * Domains of personal (consumer) mailboxes. They belong to Microsoft accounts or other providers, never to a
 * client's Microsoft Entra tenant, so admin consent cannot be granted for them.
 */
export const CONSUMER_DOMAINS: ReadonlySet<string> = new Set([
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'passport.com',
  'outlook.co.uk',
  'hotmail.co.uk',
  'live.co.uk',
  'hotmail.fr',
  'live.fr',
  'outlook.fr',
  'hotmail.de',
  'outlook.de',
  'live.de',
  'hotmail.it',
  'outlook.it',
  'hotmail.es',
  'outlook.es',
  'live.nl',
  'outlook.jp',
  'live.ca',
  'live.com.au',
  'outlook.com.au',
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'proton.me',
  'protonmail.com',
  'zoho.com',
  'mail.com',
  'yandex.com',
  'qq.com',
  '163.com',
]);

/**
 * Tenant names the identity platform accepts in place of a tenant, and the tenant ID of Microsoft accounts.
 * A client onboarding must always name the client's own tenant, never one of these.
 * https://learn.microsoft.com/entra/identity-platform/msal-client-application-configuration#authority
 */
const RESERVED_TENANTS: ReadonlySet<string> = new Set(['common', 'organizations', 'consumers']);
const MICROSOFT_ACCOUNTS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const refuse = (
  reason: z.infer<typeof ClientIdentifierRefusalSchema>,
  message: string,
): ClientIdentifierCheck => ({
  valid: false,
  reason,
  message,
});

const isDnsName = (name: string): boolean => {
  if (name.length > 253) return false;
  const labels = name.split('.');
  const top = labels.at(-1);
  return labels.length >= 2 && top !== undefined && TOP_LEVEL.test(top) && labels.every((l) => LABEL.test(l));
};

/**
 * Checks what a technician typed as the client: a tenant ID (GUID) or a DNS domain name.
 *
 * Accepts an email address or a URL and takes its domain, saying so in `note`. Refuses consumer domains
 * (outlook.com, gmail.com, ...), the identity platform's shared tenants (`common`, `organizations`, `consumers`)
 * and malformed text, each with a reason the technician can act on. Nothing is looked up here.
 */
export const checkClientIdentifier = (typed: string): ClientIdentifierCheck => {
  let text = typed.trim().toLowerCase();
  let note: string | undefined;
  if (text === '') return refuse('empty', 'Enter the client’s domain (contoso.com) or tenant ID.');

  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/.exec(text);
  if (url?.[1] !== undefined) {
    text = url[1];
    note = `Using the host name ${text} from the address you entered.`;
  } else if (text.includes('@')) {
    const domain = text.slice(text.lastIndexOf('@') + 1);
    note = `Using the domain ${domain} of the email address you entered.`;
    text = domain;
  }
  text = text.replace(/\.$/, '');

  if (isGuid(text)) {
    if (text === MICROSOFT_ACCOUNTS_TENANT_ID) {
      return refuse(
        'reserved-tenant',
        'That is the tenant of personal Microsoft accounts, not a client’s organization. Enter the client’s own tenant ID.',
      );
    }
    return { valid: true, identifier: { kind: 'tenant-id', tenantId: text }, ...(note ? { note } : {}) };
  }
  if (RESERVED_TENANTS.has(text)) {
    return refuse(
      'reserved-tenant',
      `“${text}” is not a tenant: it lets anyone sign in. Enter the client’s own domain or tenant ID so that only their administrators can.`,
    );
  }
  if (/[^\x20-\x7e]/.test(text)) {
    return refuse(
      'malformed',
      'Use the domain in its ASCII form (xn--…) or the client’s onmicrosoft.com domain, or the tenant ID.',
    );
  }
  if (!isDnsName(text)) {
    return refuse(
      'malformed',
      'That is neither a domain name (contoso.com) nor a tenant ID (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47).',
    );
  }
  if (CONSUMER_DOMAINS.has(text)) {
    return refuse(
      'consumer-domain',
      `${text} is a personal email provider, not a client’s Microsoft 365 organization. Enter a domain the client owns, or their onmicrosoft.com domain.`,
    );
  }
  return { valid: true, identifier: { kind: 'domain', domain: text }, ...(note ? { note } : {}) };
};
