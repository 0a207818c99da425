import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { type BridgeServer, createBridgeServer } from '../../../src/main/bridge/bridge-server';
import { createHandlers } from '../../../src/main/bridge/handlers';
import { type PreviewHost, startPreviewHost } from '../../../src/main/preview/preview-host';
import { bridgeContract } from '../../../src/shared/bridge/contract';

const rendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

/** A fresh preview host (main-process core under Node, real WebSocket bridge) for each test. */
export const test = base.extend<{ preview: PreviewHost; bridgeCalls: string[]; app: Page }>({
  // Every request the main process received, by method name, so a test can tell that the bridge was used.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  bridgeCalls: async ({}, use) => {
    await use([]);
  },
  preview: async ({ bridgeCalls }, use) => {
    const server = createBridgeServer(
      bridgeContract,
      createHandlers({ appInfo: { version: '0.0.0-test', mode: 'practice', host: 'preview' } }),
      { error: (message, detail) => console.error(message, detail) },
    );
    const bridge: BridgeServer = {
      ...server,
      handle: (method, payload) => {
        bridgeCalls.push(method);
        return server.handle(method, payload);
      },
    };
    const host = await startPreviewHost({ rendererDir, bridge });
    await use(host);
    await host.close();
  },
  app: async ({ page, preview }, use) => {
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { name: 'Pia Onboarding', level: 1 })).toBeVisible();
    await use(page);
  },
});

/** Fails on any serious or critical axe-core violation on the page as it is now. */
export const expectNoSeriousAxeViolations = async (page: Page): Promise<void> => {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
};

/** Saves a full-page screenshot as a test artefact under test-results/screenshots. */
export const saveScreenshot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
};

export { expect };
