// Offline (issue 13, item 6), on a site served under a sub-path (/reader/): the web app manifest
// and its icon; a service worker scoped to the app's folder that keeps this build's shell and
// every episode opened, so that offline a reload shows an opened episode (the app's page and the
// published one, taken over from the cached module); a quiet "Offline" in the header; one build's
// files per cache.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UI_TIMEOUT, setupSite, waitForEpisode } from './helpers.mjs';

const ctx = setupSite();
const ID = 'small-models-big-bets';

/** A page in a fresh context where service workers run (the other tests block them). */
async function workerPage(t) {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
  context.setDefaultTimeout(UI_TIMEOUT);
  t.after(() => context.close());
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  return page;
}

test('the manifest names the app at its sub-path, with an icon that needs no font', async () => {
  const manifest = await (await fetch(new URL('manifest.webmanifest', ctx.base))).json();
  assert.equal(new URL(manifest.start_url, new URL('manifest.webmanifest', ctx.base)).href, ctx.base);
  assert.equal(new URL(manifest.scope, new URL('manifest.webmanifest', ctx.base)).href, ctx.base);
  assert.equal(manifest.display, 'standalone');
  for (const icon of manifest.icons) {
    const response = await fetch(new URL(icon.src, ctx.base));
    assert.equal(response.status, 200, icon.src);
    assert.match(await response.text(), /^<svg/);
  }
  for (const page of ['', `episodes/${ID}/`]) {
    const html = await (await fetch(new URL(page, ctx.base))).text();
    // (index.html is minified: attributes in any order, unquoted.)
    const link = /<link [^>]*rel="?manifest"?[^>]*>/.exec(html)?.[0] ?? '';
    assert.ok(/href="?(\.\.\/\.\.\/)?manifest\.webmanifest/.test(link), `${page || 'index.html'}: ${link}`);
  }
});

test('an episode opened online reads offline after a reload, in the app and on its published page', async (t) => {
  const page = await workerPage(t);
  await page.goto(ctx.base);
  // The worker is registered once the page has loaded, scoped to the app's folder, and takes the
  // page over when it activates.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, ctx.base);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const app = `${ctx.base}?episode=${ID}`;
  const published = `${ctx.base}episodes/${ID}/`;
  await page.goto(app);
  await waitForEpisode(page);
  await page.goto(published);
  await page.waitForFunction(() => performance.getEntriesByName('digest:interactive').length > 0);

  // One build's shell: one shell cache, holding every script, module and stylesheet the pages load.
  const caches = await page.evaluate(async () => {
    const names = await caches.keys();
    const shell = names.filter((name) => name.startsWith('shell-'));
    const kept = shell.length === 1 ? (await (await caches.open(shell[0])).keys()).map((r) => new URL(r.url).pathname) : [];
    const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /\.(js|wasm|css)$/.test(p));
    return { shell, missing: loaded.filter((p) => !kept.includes(p)) };
  });
  assert.equal(caches.shell.length, 1, `one shell cache: ${caches.shell}`);
  assert.deepEqual(caches.missing, [], 'every file the published page loaded is in this build\'s shell');

  await page.context().setOffline(true);
  for (const url of [app, published]) {
    await page.goto(url);
    await waitForEpisode(page);
    assert.equal(await page.locator('h1').innerText(), (await page.locator('article.episode h1').innerText()));
    if (url === published) await page.waitForFunction(() => performance.getEntriesByName('digest:interactive').length > 0);
  }
  // The app's page says it is offline, quietly.
  await page.goto(app);
  await waitForEpisode(page);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('offline')), true);
  assert.equal(await page.locator('.site-header').evaluate((h) => getComputedStyle(h, '::after').content), '"Offline"');
  // An episode never opened cannot be read offline: the reader says so, it does not hang.
  await page.goto(`${ctx.base}?episode=deepseek-stole-our-tech`);
  await page.locator('main#main [role="alert"]').waitFor();
  await page.context().setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('offline')), false);
  assert.deepEqual(page.errors, []);
});
