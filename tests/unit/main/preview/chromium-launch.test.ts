import { describe, expect, it } from 'vitest';
import { needsNoSandbox } from '../../../../src/main/preview/chromium-launch';

describe("Chromium's sandbox for the preview and the tests", () => {
  it('stays on for a technician signed in as an ordinary user', () => {
    expect(needsNoSandbox({}, 1000)).toBe(false);
    expect(needsNoSandbox({ CI: 'false' }, 1000)).toBe(false);
    // Windows has no user IDs.
    expect(needsNoSandbox({}, undefined)).toBe(false);
  });

  it('is turned off only where Chromium cannot have one: as root, or in CI', () => {
    expect(needsNoSandbox({}, 0)).toBe(true);
    expect(needsNoSandbox({ CI: 'true' }, 1000)).toBe(true);
    expect(needsNoSandbox({ CI: '1' }, 1000)).toBe(true);
  });
});
