// Offline (issue 13, item 6), on a site served under a sub-path (/reader/): the web app manifest
// and its icon; a service worker scoped to the app's folder that keeps this build's shell and
// every episode opened, so that offline a reload shows an opened episode (the app's page and the
// published one, taken over from the cached module); a quiet "Offline" in the header; one build's
// files per cache.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UI_TIMEOUT, assertEventually, setupSite, waitForEpisode } from './helpers.mjs';

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
    const bytes = Buffer.from(await response.arrayBuffer());
    if (icon.type === 'image/svg+xml') {
      assert.match(bytes.toString('utf8'), /^<svg/);
      assert.equal(icon.sizes, 'any');
    } else {
      // A PNG whose header gives the size the manifest says.
      assert.equal(icon.type, 'image/png', icon.src);
      assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], icon.src);
      assert.equal(icon.sizes, `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.src);
    }
  }
  // What installing asks for on every platform: 192 and 512 pixel PNGs, and one that may be masked.
  const png = (purpose) => manifest.icons.filter((icon) => icon.type === 'image/png' && icon.purpose === purpose).map((icon) => icon.sizes);
  assert.deepEqual(png('any'), ['192x192', '512x512']);
  assert.deepEqual(png('maskable'), ['512x512']);
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

test('the first page a reader ever opens reads offline after a reload, published or in the app', async (t) => {
  for (const url of [`${ctx.base}episodes/${ID}/`, `${ctx.base}?episode=${ID}`]) {
    // A fresh context: no worker yet when the page loads, so nothing it loaded went through one.
    const page = await workerPage(t);
    await page.goto(url);
    await waitForEpisode(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, ctx.base, url);
    // The page asked the worker to keep it (published: the digest is in the page) or the digest
    // and site.json it read (the app: offline, its page is the shell's index.html).
    const kept = url.includes('/episodes/') ? [url] : [`${ctx.base}digests/${ID}.json`, `${ctx.base}site.json`];
    await assertEventually(() => page.evaluate(async (hrefs) => (await Promise.all(hrefs.map((href) => caches.match(href)))).every(Boolean), kept), true, `${url}: kept`);
    await page.context().setOffline(true);
    await page.reload();
    await waitForEpisode(page);
    assert.equal(await page.locator('article.episode h1').count(), 1, url);
    if (url.includes('/episodes/')) await page.waitForFunction(() => performance.getEntriesByName('digest:interactive').length > 0);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('offline')), true, url);
    assert.deepEqual(page.errors, [], url);
  }
});
