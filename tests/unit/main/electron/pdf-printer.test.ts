import { describe, expect, it } from 'vitest';
import {
  createElectronPdfPrinter,
  type ElectronPdfPrinterDeps,
} from '../../../../src/main/electron/pdf-printer';

type CreateWindow = ElectronPdfPrinterDeps['createWindow'];
type Options = Parameters<CreateWindow>[0];

/** A window whose contents record what the printer asked of them. */
const fakeWindow = (failPrint = false) => {
  const calls = {
    options: undefined as Options | undefined,
    loaded: '',
    printOptions: undefined as unknown,
    destroyed: false,
    filter: undefined as
      | ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void)
      | undefined,
  };
  const createWindow = ((options: Options) => {
    calls.options = options;
    return {
      webContents: {
        session: {
          webRequest: {
            onBeforeRequest: (filter: typeof calls.filter) => {
              calls.filter = filter;
            },
          },
        },
        loadURL: async (url: string) => {
          calls.loaded = url;
        },
        printToPDF: async (options: unknown) => {
          calls.printOptions = options;
          if (failPrint) throw new Error('printing failed');
          return Buffer.from('%PDF-1.7');
        },
      },
      destroy: () => {
        calls.destroyed = true;
      },
    };
  }) as unknown as CreateWindow;
  return { calls, createWindow };
};

describe('the Electron PDF printer', () => {
  it('prints in a hidden offscreen window without JavaScript, on an in-memory session of its own', async () => {
    const first = fakeWindow();
    const second = fakeWindow();
    await createElectronPdfPrinter({ createWindow: first.createWindow }).printHtmlToPdf('<p/>', {
      pageSize: 'A4',
    });
    await createElectronPdfPrinter({ createWindow: second.createWindow }).printHtmlToPdf('<p/>', {
      pageSize: 'A4',
    });
    expect(first.calls.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, offscreen: true },
    });
    const partitions = [
      first.calls.options?.webPreferences?.partition,
      second.calls.options?.webPreferences?.partition,
    ];
    // Without `persist:` a partition lives in memory only; each print has its own, so nothing carries over.
    for (const partition of partitions) expect(partition).toMatch(/^report-/);
    expect(partitions[0]).not.toBe(partitions[1]);
  });

  it('loads the whole report as a data URL, even where it holds characters a URL would cut at', async () => {
    const { calls, createWindow } = fakeWindow();
    const html = '<p style="color:#107c10">100% granted — Contoso #4711 ?x=1&y=2</p>';
    await createElectronPdfPrinter({ createWindow }).printHtmlToPdf(html, { pageSize: 'A4' });
    const prefix = 'data:text/html;charset=utf-8,';
    expect(calls.loaded.startsWith(prefix)).toBe(true);
    // A raw "#" would end the document at the fragment; "%" would be read as an escape.
    expect(calls.loaded.slice(prefix.length)).not.toMatch(/[#%](?![0-9A-F]{2})/);
    expect(decodeURIComponent(calls.loaded.slice(prefix.length))).toBe(html);
  });

  it("prints with the page size asked for, the page's backgrounds, and no size from the page's CSS", async () => {
    const { calls, createWindow } = fakeWindow();
    await createElectronPdfPrinter({ createWindow }).printHtmlToPdf('<p/>', { pageSize: 'Letter' });
    expect(calls.printOptions).toEqual({
      pageSize: 'Letter',
      printBackground: true,
      preferCSSPageSize: false,
    });
  });

  it('refuses every request but the report itself', async () => {
    const { calls, createWindow } = fakeWindow();
    await createElectronPdfPrinter({ createWindow }).printHtmlToPdf('<p/>', { pageSize: 'A4' });
    const cancelled = (url: string): boolean | undefined => {
      let answer: boolean | undefined;
      calls.filter?.({ url }, (r) => {
        answer = r.cancel;
      });
      return answer;
    };
    expect(cancelled('https://fonts.example/font.woff')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/beacon')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('data:text/html,x')).toBe(false);
  });

  it('hands back the PDF as its own bytes and closes the window', async () => {
    const { calls, createWindow } = fakeWindow();
    const pdf = await createElectronPdfPrinter({ createWindow }).printHtmlToPdf('<p/>', { pageSize: 'A4' });
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(pdf)).toBe(false);
    expect(calls.destroyed).toBe(true);
  });

  it('closes the window when printing fails', async () => {
    const { calls, createWindow } = fakeWindow(true);
    await expect(
      createElectronPdfPrinter({ createWindow }).printHtmlToPdf('<p/>', { pageSize: 'A4' }),
    ).rejects.toThrow('printing failed');
    expect(calls.destroyed).toBe(true);
  });
});
