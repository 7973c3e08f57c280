// Takes the README's screenshots of the seed episode (and the library) from a running server.
// Usage: node scripts/screenshots.mjs http://127.0.0.1:8080/reader/ [out-dir]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080/reader/';
const out = process.argv[3] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
// Viewport-sized (a phone's screen, a desktop window), as readers see the page when it opens, so
// they read at the README's width. Take them with an emoji font installed (Debian
// fonts-noto-color-emoji): the sections' emojis then look as most readers see them.
const shots = [
  ['episode', 'desktop', 'light', '?episode=deepseek-stole-our-tech'],
  ['episode', 'desktop', 'dark', '?episode=deepseek-stole-our-tech'],
  ['episode', 'mobile', 'light', '?episode=deepseek-stole-our-tech'],
  ['episode', 'mobile', 'dark', '?episode=deepseek-stole-our-tech'],
  ['podcast', 'desktop', 'light', '?episode=small-models-big-bets#section-2'],
  ['rtl', 'mobile', 'light', '?episode=arabic-language-models'],
  ['library', 'desktop', 'light', ''],
  ['library', 'desktop', 'dark', ''],
  ['library', 'mobile', 'light', ''],
  ['error', 'desktop', 'light', '?episode=no-such-episode'],
];
const viewports = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } };
for (const [name, device, scheme, query] of shots) {
  const context = await browser.newContext({ viewport: viewports[device], colorScheme: scheme, deviceScaleFactor: 1, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(base + query);
  await page.waitForSelector('main[aria-busy="false"]');
  if (query.includes('#')) await page.waitForTimeout(300);
  else await page.evaluate(() => window.scrollTo(0, 0));
  const file = `${out}/${name}-${device}-${scheme}.png`;
  await page.screenshot({ path: file });
  console.log(file);
  await context.close();
}
await browser.close();
