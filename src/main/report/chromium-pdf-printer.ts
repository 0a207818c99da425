// Moved to src/main/preview/chromium-pdf-printer.ts (Playwright is a development dependency, so only the preview
// may hold it). This forward stays only until scripts/bench and scripts/chaos import the printer from there; then
// delete it. Nothing in src/ imports it, and the Electron bundles never reach it
// (tests/unit/packaging/runtime-dependencies.test.ts).
// biome-ignore lint/style/noRestrictedImports: a temporary forward for scripts/bench and scripts/chaos, see above.
export { type ChromiumPdfPrinter, createChromiumPdfPrinter } from '../preview/chromium-pdf-printer';
