import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBridgeServer } from '../../../../src/main/bridge/bridge-server';
import { registerIpcBridge, type SenderCheck, senderIsAppOrigin } from '../../../../src/main/electron/ipc';
import { request } from '../../../../src/shared/bridge/define';
import { ipcRequestChannel } from '../../../../src/shared/bridge/wire';

type IpcMain = Parameters<typeof registerIpcBridge>[0];
type IpcMainInvokeEvent = Parameters<SenderCheck>[0];

const contract = {
  requests: { app: { echo: request(z.object({ text: z.string() }).strict(), z.string()) } },
  events: {},
} as const;

const mainFrame = { url: 'app://pia/index.html' };
const eventFrom = (frame: { url: string } | null, top: { url: string } = mainFrame): IpcMainInvokeEvent =>
  ({ senderFrame: frame, sender: { mainFrame: top } }) as unknown as IpcMainInvokeEvent;

describe('senderIsAppOrigin', () => {
  const check = senderIsAppOrigin('app://pia');

  it("accepts the app's main frame", () => {
    expect(check(eventFrom(mainFrame))).toBe(true);
  });

  it('refuses sub-frames, other origins and destroyed frames', () => {
    expect(check(eventFrom({ url: 'app://pia/frame.html' }))).toBe(false);
    const evil = { url: 'https://evil.example/' };
    expect(check(eventFrom(evil, evil))).toBe(false);
    const lookalike = { url: 'app://pia.evil/index.html' };
    expect(check(eventFrom(lookalike, lookalike))).toBe(false);
    const file = { url: 'file:///app/index.html' };
    expect(check(eventFrom(file, file))).toBe(false);
    expect(check(eventFrom(null))).toBe(false);
  });
});

describe('registerIpcBridge', () => {
  const setup = () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, handler: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) =>
        handlers.set(channel, handler),
    } as unknown as IpcMain;
    const bridge = createBridgeServer(
      contract,
      { app: { echo: async ({ text }) => text } },
      { error: () => {} },
    );
    registerIpcBridge(ipcMain, contract, bridge, senderIsAppOrigin('app://pia'));
    return handlers;
  };

  it('answers the app main frame through the bridge, validating the payload', async () => {
    const handle = setup().get(ipcRequestChannel('app.echo'));
    expect(await handle?.(eventFrom(mainFrame), { text: 'hi' })).toEqual({ ok: true, result: 'hi' });
    expect(await handle?.(eventFrom(mainFrame), { text: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('answers any other sender with "forbidden" without reaching the handler', async () => {
    const handle = setup().get(ipcRequestChannel('app.echo'));
    const evil = { url: 'https://evil.example/' };
    expect(await handle?.(eventFrom(evil, evil), { text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
