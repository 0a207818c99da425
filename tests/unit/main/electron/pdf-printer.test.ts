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
  it('prints the HTML in a hidden window without JavaScript, on an in-memory session that refuses the network', async () => {
    const { calls, createWindow } = fakeWindow();
    const pdf = await createElectronPdfPrinter({ createWindow }).printHtmlToPdf('<p>Report</p>', {
      pageSize: 'Letter',
    });
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7');
    expect(calls.options?.show).toBe(false);
    expect(calls.options?.webPreferences?.javascript).toBe(false);
    expect(calls.options?.webPreferences?.partition).not.toMatch(/^persist:/);
    expect(decodeURIComponent(calls.loaded)).toBe('data:text/html;charset=utf-8,<p>Report</p>');
    expect(calls.printOptions).toMatchObject({ pageSize: 'Letter', printBackground: true });
    const answers: boolean[] = [];
    calls.filter?.({ url: 'https://fonts.example/font.woff' }, (r) => answers.push(r.cancel));
    calls.filter?.({ url: 'data:text/html,x' }, (r) => answers.push(r.cancel));
    expect(answers).toEqual([true, false]);
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
