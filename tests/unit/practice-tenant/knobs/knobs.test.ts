import { describe, expect, it } from 'vitest';
import { createKnobs } from '../../../../src/main/practice-tenant/knobs/knobs';

describe('knobs', () => {
  it('matches faults by host, method and path, and stops after `times`', () => {
    const knobs = createKnobs();
    knobs.addFault({
      method: 'post',
      path: '^/oauth2PermissionGrants$',
      fault: { kind: 'unavailable' },
      times: 2,
    });
    expect(knobs.takeFault('graph', 'GET', '/oauth2PermissionGrants')).toBeUndefined();
    expect(knobs.takeFault('authority', 'POST', '/oauth2PermissionGrants')).toBeUndefined();
    expect(knobs.takeFault('graph', 'POST', '/oauth2PermissionGrants')).toEqual({
      kind: 'unavailable',
      retryAfterSeconds: 1,
    });
    expect(knobs.takeFault('graph', 'POST', '/oauth2PermissionGrants')?.kind).toBe('unavailable');
    expect(knobs.takeFault('graph', 'POST', '/oauth2PermissionGrants')).toBeUndefined();
  });

  it('keeps per-tenant settings apart and fills in defaults', () => {
    const knobs = createKnobs({ tenants: { 'AAAA0000-0000-4000-8000-000000000001': { mfaRequired: true } } });
    expect(knobs.tenant('aaaa0000-0000-4000-8000-000000000001').mfaRequired).toBe(true);
    expect(knobs.tenant('aaaa0000-0000-4000-8000-000000000002').mfaRequired).toBe(false);
    knobs.setTenant('aaaa0000-0000-4000-8000-000000000001', { replicationDelaySeconds: 3 });
    expect(knobs.tenant('aaaa0000-0000-4000-8000-000000000001')).toMatchObject({
      mfaRequired: true,
      replicationDelaySeconds: 3,
    });
  });

  it('refuses a fault whose path is not a regular expression', () => {
    expect(() => createKnobs().addFault({ path: '(', fault: { kind: 'drop' } })).toThrow(SyntaxError);
  });

  it('refuses a negative latency', () => {
    expect(() => createKnobs().setLatency(-1)).toThrow(RangeError);
  });
});
