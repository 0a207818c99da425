import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../src/main/preview/chromium-launch';

// Rasterises assets/icon.svg with a local Chromium (the tests' own, `chromiumLaunchOptions`: no download) and writes
// every icon electron-builder needs into assets/: icon.png (1024), icons/NxN.png for Linux, icon.ico for Windows
// and icon.icns for macOS. Run with `npx tsx scripts/generate-icons.ts` after changing the SVG.

const root = join(import.meta.dirname, '..');
const assets = join(root, 'assets');
const svg = readFileSync(join(assets, 'icon.svg'), 'utf8');

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
// ICNS element types holding PNG data, by pixel size (Apple's "icns" format; OSType codes from IconFamily.h).
const ICNS_TYPES: readonly (readonly [string, number])[] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** Packs PNG images into a Windows .ico (PNG-compressed entries, supported since Windows Vista). */
const buildIco = (images: ReadonlyMap<number, Buffer>, sizes: readonly number[]): Buffer => {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  const entries: Buffer[] = [];
  const bodies: Buffer[] = [];
  let offset = 6 + 16 * sizes.length;
  for (const size of sizes) {
    const png = images.get(size);
    if (png === undefined) throw new Error(`Missing ${size}px image`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
    bodies.push(png);
  }
  return Buffer.concat([header, ...entries, ...bodies]);
};

/** Packs PNG images into a macOS .icns: a big-endian "icns" header, then (type, length, data) elements. */
const buildIcns = (images: ReadonlyMap<number, Buffer>): Buffer => {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = images.get(size);
    if (png === undefined) throw new Error(`Missing ${size}px image`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
};

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage();
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])];
  const images = new Map<number, Buffer>();
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace(
        /width="1024" height="1024"/,
        `width="${size}" height="${size}"`,
      )}</body></html>`,
    );
    images.set(
      size,
      await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
    );
  }
  mkdirSync(join(assets, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES)
    writeFileSync(join(assets, 'icons', `${size}x${size}.png`), images.get(size) ?? '');
  writeFileSync(join(assets, 'icon.png'), images.get(1024) ?? '');
  writeFileSync(join(assets, 'icon.ico'), buildIco(images, ICO_SIZES));
  writeFileSync(join(assets, 'icon.icns'), buildIcns(images));
  console.log(`Wrote ${LINUX_SIZES.length} PNGs, icon.png, icon.ico and icon.icns to ${assets}`);
} finally {
  await browser.close();
}
