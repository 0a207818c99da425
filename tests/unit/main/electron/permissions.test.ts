import { describe, expect, it } from 'vitest';
import { denyAllPermissions } from '../../../../src/main/electron/permissions';
import { FakeSession } from './support/fakes';

describe('denyAllPermissions', () => {
  it('denies every permission request, check and device, whatever it is', async () => {
    const session = new FakeSession('main');
    denyAllPermissions(session.asElectron());
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
    ]) {
      expect(await session.requestPermission(permission), permission).toBe(false);
    }
    expect(session.permissionCheckHandler?.(null, 'clipboard-sanitized-write', 'app://pia', {})).toBe(false);
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://pia' })).toBe(false);
  });

  it('cancels downloads', () => {
    const session = new FakeSession('main');
    denyAllPermissions(session.asElectron());
    expect(session.fire('will-download', {}).prevented).toBe(true);
  });
});
