import type { LockableContents } from '../../../../../src/main/electron/navigation';
import type { SignInWindowDeps } from '../../../../../src/main/electron/sign-in-window';

// Electron's types, named through the adapter's own signatures: tests, like all code outside the adapter, do not
// import electron.
type BrowserWindow = ReturnType<SignInWindowDeps['createWindow']>;
type BrowserWindowConstructorOptions = Parameters<SignInWindowDeps['createWindow']>[0];
type Session = ReturnType<SignInWindowDeps['sessionFromPartition']>;

type Listener = (...args: never[]) => unknown;

/** A minimal event emitter standing in for Electron's, recording listeners by event name. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  /** Fires an event the way Electron would, returning whether a listener called preventDefault. */
  fire(event: string, ...args: unknown[]): { prevented: boolean } {
    let prevented = false;
    const first = (args[0] ?? {}) as Record<string, unknown>;
    const eventObject = Object.assign(first, {
      preventDefault: () => {
        prevented = true;
      },
    });
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (...a: unknown[]) => unknown)(eventObject, ...args.slice(1));
    }
    return { prevented };
  }
}

/** A fake web contents: records loads, navigation listeners and the window-open handler. */
export class FakeWebContents extends FakeEmitter {
  readonly loaded: string[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

/** A fake browser window holding its constructor options. */
export class FakeWindow extends FakeEmitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }

  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What Electron does when the technician closes the window. */
  closeByUser(): void {
    this.destroyed = true;
    this.fire('closed');
  }
  destroy(): void {
    this.destroyed = true;
    this.fire('closed');
  }
  asElectron(): BrowserWindow {
    return this as unknown as BrowserWindow;
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (ok: boolean) => void,
) => void;

/** A fake session recording its handlers and what was cleared. */
export class FakeSession extends FakeEmitter {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | undefined;
  certificateVerifyProc:
    | ((
        request: { hostname: string; certificate: { data: string } },
        callback: (result: number) => void,
      ) => void)
    | null
    | undefined;
  readonly cleared: string[] = [];

  constructor(readonly partition: string) {
    super();
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermissionHandler = handler;
  }
  setCertificateVerifyProc(proc: FakeSession['certificateVerifyProc']): void {
    this.certificateVerifyProc = proc;
  }
  async clearStorageData(): Promise<void> {
    this.cleared.push('storage');
  }
  async clearCache(): Promise<void> {
    this.cleared.push('cache');
  }
  async clearAuthCache(): Promise<void> {
    this.cleared.push('auth');
  }
  async closeAllConnections(): Promise<void> {
    this.cleared.push('connections');
  }
  asElectron(): Session {
    return this as unknown as Session;
  }

  /** Asks the session's permission request handler, as a page would. */
  requestPermission(permission: string): Promise<boolean> {
    return new Promise((resolve) => this.permissionRequestHandler?.({}, permission, resolve));
  }

  /** Runs the certificate verify proc for a host and PEM certificate. */
  verify(hostname: string, pem: string): Promise<number> {
    return new Promise((resolve) =>
      this.certificateVerifyProc?.({ hostname, certificate: { data: pem } }, resolve),
    );
  }
}

/** Casts a fake web contents to the Electron type the adapter takes. */
export const asContents = (fake: FakeWebContents): LockableContents => fake as unknown as LockableContents;
