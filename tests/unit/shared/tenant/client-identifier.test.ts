import { describe, expect, it } from 'vitest';
import { checkClientIdentifier } from '../../../../src/shared/tenant/client-identifier';

describe('checkClientIdentifier', () => {
  it.each([
    ['contoso.com', 'contoso.com'],
    ['  Contoso.OnMicrosoft.com ', 'contoso.onmicrosoft.com'],
    ['sub.contoso.co.uk.', 'sub.contoso.co.uk'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ])('accepts the domain %j as %j', (typed, domain) => {
    expect(checkClientIdentifier(typed)).toEqual({ valid: true, identifier: { kind: 'domain', domain } });
  });

  it('accepts a tenant ID in any case and normalises it to lower case', () => {
    expect(checkClientIdentifier('72F988BF-86F1-41AF-91AB-2D7CD011DB47')).toEqual({
      valid: true,
      identifier: { kind: 'tenant-id', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
    });
  });

  it('takes the domain of an email address and says so', () => {
    const check = checkClientIdentifier('admin@contoso.com');
    expect(check).toMatchObject({ valid: true, identifier: { kind: 'domain', domain: 'contoso.com' } });
    expect(check.valid && check.note).toMatch(/email address/);
  });

  it('takes the host of a URL and says so', () => {
    expect(checkClientIdentifier('https://contoso.com/about')).toMatchObject({
      valid: true,
      identifier: { domain: 'contoso.com' },
      note: expect.stringMatching(/address you entered/),
    });
  });

  it.each(['outlook.com', 'HOTMAIL.COM', 'live.com', 'gmail.com', 'someone@outlook.com'])(
    'refuses the consumer domain %j with a reason',
    (typed) => {
      const check = checkClientIdentifier(typed);
      expect(check).toMatchObject({ valid: false, reason: 'consumer-domain' });
      expect(!check.valid && check.message).toMatch(/personal email provider/);
    },
  );

  it.each(['common', 'organizations', 'consumers', '9188040d-6c67-4c5b-b112-36a304b66dad'])(
    'refuses the shared tenant %j',
    (typed) => {
      expect(checkClientIdentifier(typed)).toMatchObject({ valid: false, reason: 'reserved-tenant' });
    },
  );

  it.each([
    'contoso',
    'contoso..com',
    '-contoso.com',
    'contoso-.com',
    'contoso.c',
    'contoso.123',
    'con toso.com',
    '72f988bf-86f1-41af-91ab',
    `${'a'.repeat(64)}.com`,
    `${'abcdefghi.'.repeat(26)}com`,
    'bücher.de',
  ])('refuses the malformed entry %j', (typed) => {
    expect(checkClientIdentifier(typed)).toMatchObject({ valid: false, reason: 'malformed' });
  });

  it('asks for input when nothing was typed', () => {
    expect(checkClientIdentifier('   ')).toMatchObject({ valid: false, reason: 'empty' });
  });
});
