import { describe, expect, it } from 'vitest';
import {
  chromiumCandidates,
  chromiumExecutable,
  needsNoSandbox,
} from '../../../../src/main/preview/chromium-launch';

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

describe('which Chromium the preview and the tests launch', () => {
  it('takes CHROMIUM_PATH first, whatever the mode', () => {
    expect(chromiumCandidates({ CHROMIUM_PATH: '/opt/chrome' }, 'headless')[0]).toBe('/opt/chrome');
    expect(chromiumCandidates({ CHROMIUM_PATH: '/opt/chrome' }, 'headed')[0]).toBe('/opt/chrome');
  });

  it("prefers Debian's headless shell for headless work, and never offers it for a visible window", () => {
    expect(chromiumCandidates({}, 'headless')).toEqual([
      '/usr/bin/chromium-headless-shell',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
    ]);
    expect(chromiumCandidates({ CHROMIUM_PATH: '' }, 'headed')).toEqual([
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
    ]);
  });

  it('falls back to the full browser where the headless shell is not installed, and says how to install one', () => {
    expect(chromiumExecutable('headless', {}, (path) => path === '/usr/bin/chromium')).toBe(
      '/usr/bin/chromium',
    );
    expect(() => chromiumExecutable('headless', {}, () => false)).toThrow(/apt-get install chromium/);
  });
});
