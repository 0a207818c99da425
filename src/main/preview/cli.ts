import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bridgeContract } from '../../shared/bridge/contract';
import { createAppCore } from '../app-core';
import { createBridgeServer } from '../bridge/bridge-server';
import { downloadSaver } from '../files/file-saver';
import { chromiumLaunchOptions } from './chromium-launch';
import { createChromiumPdfPrinter } from './chromium-pdf-printer';
import { redactedErrorPrinter } from './console-errors';
import { startPreviewHost } from './preview-host';
import { previewSignInBrowsers } from './preview-sign-in';

// `npm run preview`: the main-process core under plain Node, the renderer in any browser, Microsoft's (or the
// practice tenant's) pages in a Chromium of its own. Data lives in PIA_PREVIEW_DATA (default .preview-data).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PIA_PREVIEW_PORT ?? 0);
const dataDir = process.env.PIA_PREVIEW_DATA ?? join(root, '.preview-data');
mkdirSync(dataDir, { recursive: true });

const launchOptions = chromiumLaunchOptions(process.env.PIA_PREVIEW_HEADLESS === '1' ? 'headless' : 'headed');
let emit: (event: string, payload: unknown) => void = () => undefined;
const signIn = previewSignInBrowsers({
  launchOptions,
  log: { warn: redactedErrorPrinter(console.warn) },
  practiceCertificate: async () => (await core.practice()).certificate,
});
const printer = createChromiumPdfPrinter(chromiumLaunchOptions());
const core = createAppCore({
  version,
  host: 'preview',
  dataDir,
  browsers: signIn,
  printer,
  saver: downloadSaver,
  openLogsFolder: async () => false,
  log: { error: redactedErrorPrinter() },
  emit: {
    changed: (change) => emit('onboarding.changed', change),
    progress: (progress) => emit('onboarding.progress', progress),
  },
});
const bridge = createBridgeServer(bridgeContract, core.handlers, { error: redactedErrorPrinter() });
emit = (event, payload) => bridge.emit(event, payload);
const host = await startPreviewHost({ rendererDir: `${root}out/renderer`, bridge, port });
console.log(`Pia Onboarding preview: open ${host.url}`);

const stop = (): void => {
  void Promise.all([host.close(), core.close(), signIn.close(), printer.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
