import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the smoke test finds Electron, or why it cannot run. */
export type ElectronBinary =
  | { readonly kind: 'found'; readonly executablePath: string; readonly mainEntry: string }
  | { readonly kind: 'missing'; readonly reason: string };

/**
 * Finds an Electron binary without downloading one: ELECTRON_PATH, else the binary the electron package
 * installed (node_modules/electron/path.txt and dist/). `require('electron')` is avoided on purpose: when the
 * binary is missing it starts a download, which fails or hangs on machines without internet access.
 */
export const findElectronBinary = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): ElectronBinary => {
  const mainEntry = join(root, 'out', 'main', 'index.js');
  let executablePath: string | undefined;
  if (env.ELECTRON_PATH !== undefined && env.ELECTRON_PATH !== '') {
    executablePath = env.ELECTRON_PATH;
  } else {
    const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
    if (existsSync(pathFile)) {
      executablePath = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
    }
  }
  if (executablePath === undefined || !existsSync(executablePath)) {
    return {
      kind: 'missing',
      reason:
        'No Electron binary on this machine (node_modules/electron has not downloaded it, and ELECTRON_PATH is not set). Run `npx install-electron` with internet access, or set ELECTRON_PATH.',
    };
  }
  if (!existsSync(mainEntry)) {
    return { kind: 'missing', reason: 'The app is not built: run `npx electron-vite build` first.' };
  }
  return { kind: 'found', executablePath, mainEntry };
};

/**
 * What the smoke test does on this machine: run, or skip with the reason, unless PIA_REQUIRE_ELECTRON=1 (a release
 * machine, which must not pass without having started the app), where a missing binary is an error.
 */
export const smokeTestPlan = (
  binary: ElectronBinary,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { readonly kind: 'run' } | { readonly kind: 'skip'; readonly reason: string } => {
  if (binary.kind === 'found') return { kind: 'run' };
  if (env.PIA_REQUIRE_ELECTRON === '1') {
    throw new Error(`PIA_REQUIRE_ELECTRON=1, and the Electron smoke test cannot run: ${binary.reason}`);
  }
  return { kind: 'skip', reason: binary.reason };
};
