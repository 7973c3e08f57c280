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
const shots = [
  ['episode', '?episode=deepseek-stole-our-tech#section-1-1'],
  ['podcast', '?episode=small-models-big-bets#section-1-1'],
  ['library', ''],
  ['error', '?episode=no-such-episode'],
];
for (const [name, query] of shots) {
  for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['mobile', { width: 375, height: 812 }]]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(base + query);
      await page.waitForSelector('main[aria-busy="false"]');
      await page.evaluate(() => window.scrollTo(0, 0));
      const file = `${out}/${name}-${device}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await context.close();
    }
  }
}
await browser.close();
