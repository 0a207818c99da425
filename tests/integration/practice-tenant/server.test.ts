import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinTenantIds,
  PRACTICE_PASSWORD,
  SIGN_IN_APP_ID,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let practice: PracticeTenant | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  await practice?.close();
  practice = undefined;
  if (child !== undefined && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  child = undefined;
});

describe('startPracticeTenant', () => {
  it('summarises origins, certificate, tenants, accounts with their roles in plain words, and apps', async () => {
    practice = await startPracticeTenant();
    const summary = practice.summary();
    expect(Object.keys(summary)).toEqual([
      'authority',
      'graph',
      'certificate',
      'tenants',
      'accounts',
      'apps',
    ]);
    expect(summary.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(summary.graph).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(summary.graph).not.toBe(summary.authority);
    expect(summary.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(summary.tenants).toContainEqual({
      id: builtinTenantIds.contoso,
      displayName: 'Contoso',
      domains: ['contoso.com', 'contoso.onmicrosoft.com'],
    });
    expect(summary.tenants).toHaveLength(6);
    expect(summary.accounts.filter((a) => a.tenantId === builtinTenantIds.contoso)).toEqual([
      {
        upn: 'admin@contoso.com',
        password: PRACTICE_PASSWORD,
        tenantId: builtinTenantIds.contoso,
        description: 'Global Administrator',
      },
      {
        upn: 'roles@contoso.com',
        password: PRACTICE_PASSWORD,
        tenantId: builtinTenantIds.contoso,
        description: 'Privileged Role Administrator',
      },
      {
        upn: 'helpdesk@contoso.com',
        password: PRACTICE_PASSWORD,
        tenantId: builtinTenantIds.contoso,
        description: 'helpdesk user with no admin role',
      },
      {
        upn: 'pim@contoso.com',
        password: PRACTICE_PASSWORD,
        tenantId: builtinTenantIds.contoso,
        description: 'eligible for Global Administrator through PIM, not active',
      },
    ]);
    expect(summary.apps).toEqual([
      { appId: SIGN_IN_APP_ID, displayName: 'Pia Onboarding', role: 'sign-in' },
      { appId: TARGET_APP_ID, displayName: 'Pia', role: 'target' },
    ]);
  });

  it('serves the identity platform on the authority origin, pointing tokens at the Graph origin', async () => {
    practice = await startPracticeTenant();
    const dispatcher = new Agent({ connect: { ca: practice.certificate } });
    try {
      const response = await fetch(
        `${practice.authority}/contoso.com/v2.0/.well-known/openid-configuration`,
        {
          dispatcher,
        } as RequestInit,
      );
      expect(response.status).toBe(200);
      const config = (await response.json()) as { token_endpoint: string; msgraph_host?: string };
      expect(config.token_endpoint.startsWith(`${practice.authority}/${builtinTenantIds.contoso}/`)).toBe(
        true,
      );
    } finally {
      await dispatcher.close();
    }
    await expect.poll(() => practice?.requestLog.entries.at(-1)?.host).toBe('authority');
  });

  it('starts from a saved scenario with the changes and knobs of an earlier run', async () => {
    const first = await startPracticeTenant();
    first.directory.createServicePrincipal(builtinTenantIds.contoso, TARGET_APP_ID);
    first.knobs.setTenant(builtinTenantIds.contoso, { mfaRequired: true });
    const saved = first.scenario();
    await first.close();
    practice = await startPracticeTenant({ scenario: saved, latencyMs: 5 });
    expect(
      practice.directory.findServicePrincipalByAppId(builtinTenantIds.contoso, TARGET_APP_ID),
    ).toBeDefined();
    expect(
      practice.directory.findServicePrincipalByAppId(builtinTenantIds.contoso, MICROSOFT_GRAPH_APP_ID),
    ).toBeDefined();
    expect(practice.knobs.tenant(builtinTenantIds.contoso).mfaRequired).toBe(true);
    expect(practice.knobs.latencyMs).toBe(5);
  });
});

describe('npm run practice-tenant', () => {
  it('prints one JSON line, serves over HTTPS with the printed certificate, and stops on SIGTERM', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main/practice-tenant/cli.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
    });
    await expect.poll(() => stdout.includes('\n'), { timeout: 20_000 }).toBe(true);
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    const summary = JSON.parse(lines[0] ?? '') as { graph: string; certificate: string; accounts: unknown[] };
    expect(summary.accounts.length).toBeGreaterThan(0);

    const dispatcher = new Agent({ connect: { ca: summary.certificate } });
    try {
      const response = await fetch(`${summary.graph}/v1.0/organization`, { dispatcher } as RequestInit);
      expect(response.status).toBe(401);
      expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await dispatcher.close();
    }
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
