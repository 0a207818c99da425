import { describe, expect, it, vi } from 'vitest';
import { lockDownContents, lockMainWindowNavigation } from '../../../../src/main/electron/navigation';
import { asContents, FakeWebContents } from './support/fakes';

describe('main window navigation', () => {
  it('stays on app pages and refuses to navigate anywhere else', () => {
    const contents = new FakeWebContents();
    const openExternal = vi.fn(async () => false);
    lockMainWindowNavigation(asContents(contents), openExternal);
    expect(contents.fire('will-navigate', {}, 'app://pia/index.html#/client').prevented).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://pia.evil/',
      'http://127.0.0.1:5000/',
    ]) {
      expect(contents.fire('will-navigate', {}, url).prevented, url).toBe(true);
      expect(contents.fire('will-redirect', {}, url).prevented, url).toBe(true);
    }
  });

  it('sends a documentation link to the external opener instead of navigating', () => {
    const contents = new FakeWebContents();
    const openExternal = vi.fn(async () => true);
    lockMainWindowNavigation(asContents(contents), openExternal);
    const url = 'https://learn.microsoft.com/graph/permissions-reference';
    expect(contents.fire('will-navigate', {}, url).prevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith(url);
  });

  it('keeps sub-frames on app pages', () => {
    const contents = new FakeWebContents();
    lockMainWindowNavigation(asContents(contents), async () => false);
    expect(contents.fire('will-frame-navigate', { url: 'https://evil.example/' }).prevented).toBe(true);
    expect(contents.fire('will-frame-navigate', { url: 'app://pia/frame.html' }).prevented).toBe(false);
  });
});

describe('lockDownContents', () => {
  it('denies every new window, handing allow-listed links to the external opener', () => {
    const contents = new FakeWebContents();
    const openExternal = vi.fn(async () => true);
    lockDownContents(asContents(contents), openExternal);
    expect(contents.windowOpenHandler?.({ url: 'https://learn.microsoft.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://pia/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/');
  });

  it('refuses to attach a <webview>', () => {
    const contents = new FakeWebContents();
    lockDownContents(asContents(contents), async () => false);
    expect(contents.fire('will-attach-webview', {}, {}, { src: 'https://evil.example/' }).prevented).toBe(
      true,
    );
  });
});
