// The launch options live beside the preview, which launches Chromium too; tests import them from here.
export { chromiumExecutable, chromiumLaunchOptions } from '../../../src/main/preview/chromium-launch';
