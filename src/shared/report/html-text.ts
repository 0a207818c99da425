import { formatUtc } from './report-labels';

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * Lets a long dotted permission name (DeviceManagementManagedDevices.PrivilegedOperations.All) wrap after a dot
 * instead of overflowing its cell; the text itself is unchanged.
 */
export const wrappable = (name: string): string => escapeHtml(name).replace(/\./g, '.<wbr>');

/** The text, or a dash where there is none. */
export const orDash = (text: string | null): string =>
  text === null || text === '' ? '—' : escapeHtml(text);

/** A timestamp as every format shows it, in a `<time>` element. */
export const time = (iso: string | null): string =>
  iso === null ? '—' : `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatUtc(iso))}</time>`;
