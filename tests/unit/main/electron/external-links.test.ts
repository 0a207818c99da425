import { describe, expect, it, vi } from 'vitest';
import {
  createExternalOpener,
  isAllowedExternalUrl,
  isSignInPageUrl,
} from '../../../../src/main/electron/external-links';

describe('external links', () => {
  it.each([
    'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
    'https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon',
  ])('allows Microsoft documentation and admin centres: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://learn.microsoft.com/',
    'https://learn.microsoft.com.evil.example/',
    'https://evil.example/?https://learn.microsoft.com/',
    'https://user:pass@learn.microsoft.com/',
    'https://learn.microsoft.com:8443/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('allows the configured documentation origin, and only that origin', () => {
    expect(isAllowedExternalUrl('https://docs.msp.example/pia/setup', ['https://docs.msp.example'])).toBe(
      true,
    );
    expect(isAllowedExternalUrl('https://other.msp.example/', ['https://docs.msp.example'])).toBe(false);
  });

  it('opens only what it allows, in its normalised form', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const open = createExternalOpener(shell);
    expect(await open('https://LEARN.microsoft.com/graph')).toBe(true);
    expect(await open('file:///etc/passwd')).toBe(false);
    expect(shell.openExternal.mock.calls).toEqual([['https://learn.microsoft.com/graph']]);
  });
});

describe('isSignInPageUrl', () => {
  it.each([
    'https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize?client_id=x',
    'https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/adminconsent?client_id=x',
    'https://login.chinacloudapi.cn/t/oauth2/v2.0/authorize',
    'https://127.0.0.1:44321/t/oauth2/v2.0/authorize',
  ])('opens %s', (url) => {
    expect(isSignInPageUrl(url)).toBe(true);
  });

  it.each([
    'http://login.microsoftonline.com/t/oauth2/v2.0/authorize',
    'https://login.microsoftonline.com.evil.example/t/oauth2/v2.0/authorize',
    'https://login.microsoftonline.com:8443/t/oauth2/v2.0/authorize',
    'https://user:pw@login.microsoftonline.com/t/oauth2/v2.0/authorize',
    'https://login.microsoftonline.com/t/oauth2/v2.0/logout',
    'https://example.com/t/oauth2/v2.0/authorize',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isSignInPageUrl(url)).toBe(false);
  });
});
