import { z } from 'zod';

/**
 * A GUID as Microsoft Entra writes its IDs (tenants, applications, objects): 8-4-4-4-12 hexadecimal digits, in
 * any case. Not only RFC 9562 UUIDs: Microsoft Graph's own application ID, 00000003-0000-0000-c000-000000000000,
 * has no UUID version, so a UUID check (zod's `z.uuid()`) would refuse it.
 */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is a GUID. */
export const isGuid = (text: string): boolean => GUID_PATTERN.test(text);

/** An ID Microsoft Entra issues: any GUID, trimmed, compared and stored in lower case. */
export const EntraIdSchema = z
  .string({ error: 'expected a GUID such as 00000003-0000-0000-c000-000000000000' })
  .trim()
  .regex(GUID_PATTERN, { error: 'expected a GUID such as 00000003-0000-0000-c000-000000000000' })
  .transform((id) => id.toLowerCase());
