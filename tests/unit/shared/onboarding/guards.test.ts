import { describe, expect, it } from 'vitest';
import {
  planRoleGuard,
  ROLE_TEMPLATES,
  roleGuard,
  targetAppGuard,
  tenantGuard,
} from '../../../../src/shared/onboarding/guards';
import type { HeldRole, SignedInAccount } from '../../../../src/shared/onboarding/run-entry';

const CONTOSO = '11111111-1111-4111-8111-111111111111';
const FABRIKAM = '22222222-2222-4222-8222-222222222222';
const account = (tenantId: string): SignedInAccount => ({
  userPrincipalName: 'admin@fabrikam.com',
  displayName: 'Fabrikam Admin',
  objectId: '33333333-3333-4333-8333-333333333333',
  tenantId,
});
const role = (roleTemplateId: string, state: HeldRole['state'], displayName = 'Role'): HeldRole => ({
  roleTemplateId,
  displayName,
  state,
});

describe('tenantGuard', () => {
  it('passes when the token’s tenant is the discovered one, whatever the case of the ID', () => {
    expect(tenantGuard(CONTOSO.toUpperCase(), 'contoso.com', account(CONTOSO), null).passed).toBe(true);
  });

  it('names both organizations when the administrator signed in to another tenant', () => {
    const result = tenantGuard(CONTOSO, 'contoso.com', account(FABRIKAM), {
      id: FABRIKAM,
      displayName: 'Fabrikam',
      verifiedDomains: [],
    });
    expect(result.passed).toBe(false);
    expect(result.message).toBe('You signed in to Fabrikam, not contoso.com. Nothing was written.');
    expect(result.whatToDo[0]).toContain('Use another account');
  });
});

describe('roleGuard', () => {
  it.each([
    ['Global Administrator', ROLE_TEMPLATES.globalAdministrator],
    ['Privileged Role Administrator', ROLE_TEMPLATES.privilegedRoleAdministrator],
  ])('passes an active %s', (name, id) => {
    expect(roleGuard(account(CONTOSO), [role(id, 'active', name)])).toMatchObject({ passed: true });
  });

  it('refuses a role that is only eligible, and explains PIM activation', () => {
    const result = roleGuard(account(CONTOSO), [
      role(ROLE_TEMPLATES.globalAdministrator, 'eligible', 'Global Administrator'),
    ]);
    expect(result.passed).toBe(false);
    expect(result.message).toContain(
      'eligible for Global Administrator through Privileged Identity Management',
    );
    expect(result.whatToDo.join('\n')).toMatch(/My roles.*Activate/s);
  });

  it('refuses other administrator roles, naming them', () => {
    const result = roleGuard(account(CONTOSO), [
      role('729827e3-9c14-49f7-bb1b-9608f156bbb8', 'active', 'Helpdesk Administrator'),
    ]);
    expect(result.passed).toBe(false);
    expect(result.message).toContain('active roles: Helpdesk Administrator');
  });
});

describe('planRoleGuard', () => {
  const PRA = role(ROLE_TEMPLATES.privilegedRoleAdministrator, 'active', 'Privileged Role Administrator');
  const CLOUD_APP_ADMIN = role(
    '158c047a-c907-4556-b7ef-446551a6b5f7',
    'active',
    'Cloud Application Administrator',
  );
  const newApp = [{ displayName: 'Pia' }];

  it('blocks a Privileged Role Administrator alone when the plan creates an enterprise application', () => {
    const result = planRoleGuard(account(CONTOSO), [PRA], newApp);
    expect(result).toMatchObject({ guard: 'role', passed: false });
    expect(result.message).toContain('(Pia)');
    expect(result.whatToDo.join(' ')).toContain('Cloud Application Administrator');
  });

  it('passes the same administrator when every enterprise application exists, or with an application role too', () => {
    expect(planRoleGuard(account(CONTOSO), [PRA], []).passed).toBe(true);
    expect(planRoleGuard(account(CONTOSO), [PRA, CLOUD_APP_ADMIN], newApp).passed).toBe(true);
    expect(
      planRoleGuard(account(CONTOSO), [role(ROLE_TEMPLATES.globalAdministrator, 'active')], newApp).passed,
    ).toBe(true);
  });

  it('says at sign-in that a Privileged Role Administrator alone cannot create enterprise applications', () => {
    expect(roleGuard(account(CONTOSO), [PRA]).message).toContain('not create enterprise applications');
  });
});

describe('targetAppGuard', () => {
  it('passes an app already in the tenant, warning when it is disabled', () => {
    expect(targetAppGuard('Pia', 'app', { kind: 'present', enabled: true }).whatToDo).toEqual([]);
    const disabled = targetAppGuard('Pia', 'app', { kind: 'present', enabled: false });
    expect(disabled.passed).toBe(true);
    expect(disabled.message).toContain('disabled');
  });

  it('fails an app Microsoft does not know as multi-tenant', () => {
    const result = targetAppGuard('Pia', 'app', { kind: 'unknown-app', detail: 'No such app.' });
    expect(result.passed).toBe(false);
    expect(result.whatToDo.join(' ')).toContain('Accounts in any organizational directory');
  });
});
