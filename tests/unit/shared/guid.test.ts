import { describe, expect, it } from 'vitest';
import { EntraIdSchema, isGuid } from '../../../src/shared/guid';
import { AppIdSchema } from '../../../src/shared/profile/permission-profile';
import { SettingsPatchSchema } from '../../../src/shared/settings/settings';
import { checkClientIdentifier } from '../../../src/shared/tenant/client-identifier';

// One GUID rule for every ID Microsoft Entra issues, so a form never accepts what the bridge then refuses.
const GUIDS = [
  // Microsoft Graph's application ID: no UUID version or variant, which zod's z.uuid() refused.
  '00000003-0000-0000-c000-000000000000',
  'C6A821E0-810C-5055-A22F-AA1E733B205A',
  '72f988bf-86f1-41af-91ab-2d7cd011db47',
];
const NOT_GUIDS = [
  '',
  'contoso.com',
  '00000003-0000-0000-c000-00000000000',
  '{00000003-0000-0000-c000-000000000000}',
];

describe('a GUID', () => {
  it('is accepted alike by the settings page, the settings the bridge takes, profiles and the Client step', () => {
    for (const id of GUIDS) {
      expect(isGuid(id)).toBe(true);
      expect(SettingsPatchSchema.parse({ signInClientIds: { global: id } }).signInClientIds?.global).toBe(
        id.toLowerCase(),
      );
      expect(AppIdSchema.parse(` ${id} `)).toBe(id.toLowerCase());
      expect(checkClientIdentifier(id)).toMatchObject({ valid: true, identifier: { kind: 'tenant-id' } });
    }
  });

  it('is refused alike everywhere when it is not one', () => {
    for (const text of NOT_GUIDS) {
      expect(isGuid(text)).toBe(false);
      expect(EntraIdSchema.safeParse(text).success).toBe(false);
      expect(SettingsPatchSchema.safeParse({ signInClientIds: { global: text } }).success).toBe(false);
    }
  });
});
