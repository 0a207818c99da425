import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bridgeContract } from '../../shared/bridge/contract';
import { createBridgeServer } from '../bridge/bridge-server';
import { createHandlers } from '../bridge/handlers';
import { startPreviewHost } from './preview-host';

// `npm run preview`: the main-process core under plain Node, the renderer in any browser.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PIA_PREVIEW_PORT ?? 0);

const bridge = createBridgeServer(
  bridgeContract,
  createHandlers({ appInfo: { version, mode: 'practice', host: 'preview' } }),
  { error: (message, detail) => console.error(message, detail) },
);
const host = await startPreviewHost({ rendererDir: `${root}out/renderer`, bridge, port });
console.log(`Pia Onboarding preview: open ${host.url}`);

const stop = (): void => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
