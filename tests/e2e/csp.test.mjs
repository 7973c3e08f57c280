// The release build under the strict Content-Security-Policy of issue 5, sent as a header:
// every page works and Chromium reports no violation.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { DIST, FIXTURES, LAUNCH_OPTIONS, SEED_ID, SEED_TITLE, UI_TIMEOUT } from './helpers.mjs';
import { OPEN, subsectionState, toggleOf } from './subsection-helpers.mjs';

export const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "connect-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'none'; "
  + "frame-ancestors *; object-src 'none'";

let server;
let browser;
before(async () => {
  server = await startServer({ root: DIST, overlays: [FIXTURES], headers: { 'Content-Security-Policy': STRICT_CSP } });
  browser = await chromium.launch(LAUNCH_OPTIONS);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `query` and returns the page and every CSP violation it reported. */
async function open(t, query) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const violations = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('__cspViolation', (text) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolation(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  const response = await page.goto(server.url + query);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the policy is really sent');
  return { page, violations };
}

test('the episode renders and expands under the strict policy, with no violation', async (t) => {
  const { page, violations } = await open(t, `?episode=${SEED_ID}`);
  await page.locator('main[aria-busy="false"] h1').waitFor({ timeout: UI_TIMEOUT });
  assert.equal(await page.locator('h1').innerText(), SEED_TITLE);
  // The stylesheet applied (a style-src violation would leave the default serif body).
  const font = await page.locator('h1').evaluate((h1) => getComputedStyle(h1).fontFamily);
  assert.doesNotMatch(font, /^"?Times/);
  await toggleOf(page, 'section-1-1').click();
  assert.deepEqual(await subsectionState(page, 'section-1-1'), OPEN);
  await page.waitForTimeout(300);
  assert.deepEqual(violations, []);
});

test('the library and its search work under the strict policy, with no violation', async (t) => {
  const { page, violations } = await open(t, '');
  await page.locator('li.episode-card').first().waitFor({ timeout: UI_TIMEOUT });
  await page.locator('#library-search').fill('deepseek');
  await page.locator('.library-count', { hasText: ' of ' }).waitFor({ timeout: UI_TIMEOUT });
  assert.equal(await page.locator('li.episode-card').count(), 1);
  await page.waitForTimeout(300);
  assert.deepEqual(violations, []);
});

test('failures and the compact view render under the strict policy, with no violation', async (t) => {
  const failure = await open(t, '?episode=no-such-episode');
  await failure.page.locator('[role=alert]').waitFor({ timeout: UI_TIMEOUT });
  const compact = await open(t, `?episode=${SEED_ID}&embed=1`);
  await compact.page.locator('main[aria-busy="false"] h1').waitFor({ timeout: UI_TIMEOUT });
  await compact.page.waitForTimeout(300);
  assert.deepEqual([...failure.violations, ...compact.violations], []);
});

test('the build has no inline script or style for the policy to block', async () => {
  const html = await (await fetch(server.url)).text();
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline <script>');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style');
  assert.match(html, /<script type="module" src="\.\/boot-[0-9a-f]{16}\.js" integrity="sha384-/);
});
