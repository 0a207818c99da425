import type { Session } from 'electron';

/** The parts of a session whose permission and download behaviour the app locks down. */
export type LockableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'
>;

/**
 * Denies every permission a page can ask for (camera, notifications, clipboard, geolocation, HID, …) and every
 * download, in the given session (Electron security checklist item 5).
 *
 * Electron grants permission requests by default when no handler is set; neither the checklist nor the sign-in
 * pages need any, so the answer is always no. The check handler covers the APIs that only query
 * (`navigator.permissions.query`) and the device handler WebHID/WebUSB/Web Serial.
 */
export const denyAllPermissions = (session: LockableSession): void => {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
};
