import { describe, expect, it } from 'vitest';
import { smokeTestPlan } from '../../e2e-electron/support/electron-binary';

describe('the Electron smoke test on a machine without Electron', () => {
  const missing = { kind: 'missing', reason: 'No Electron binary on this machine.' } as const;

  it('is skipped with the reason', () => {
    expect(smokeTestPlan(missing, {})).toEqual({
      kind: 'skip',
      reason: 'No Electron binary on this machine.',
    });
  });

  it('fails instead where PIA_REQUIRE_ELECTRON=1 asks for it (a release machine)', () => {
    expect(() => smokeTestPlan(missing, { PIA_REQUIRE_ELECTRON: '1' })).toThrow(
      /PIA_REQUIRE_ELECTRON=1.*No Electron binary/,
    );
  });

  it('runs where a binary is found, whatever the variable says', () => {
    const found = {
      kind: 'found',
      executablePath: '/opt/electron',
      mainEntry: '/app/out/main/index.js',
    } as const;
    expect(smokeTestPlan(found, { PIA_REQUIRE_ELECTRON: '1' })).toEqual({ kind: 'run' });
    expect(smokeTestPlan(found, {})).toEqual({ kind: 'run' });
  });
});
