// Deep links (#section-N, #section-N-M), reloads and direct loads on a plain static server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup, waitForEpisode, normalize, inViewport, assertEventually, DIST, SEED_ID, SEED_TITLE,
} from './helpers.mjs';

const ctx = setup();

// A short viewport, so that sections of the seed start below the fold.
const viewport = { width: 1000, height: 500 };

const expanded = (page, id) => page.locator(`#${id} button.subsection-toggle`).getAttribute('aria-expanded');
const scrollY = (page) => page.evaluate(() => Math.round(window.scrollY));

test('without a fragment the page starts at the top, sections below the fold, all collapsed', async (t) => {
  // The control for the tests below: they would pass vacuously if the targets were in view anyway.
  const page = await ctx.newPage(t, { viewport });
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  await page.waitForTimeout(300);
  assert.equal(await scrollY(page), 0);
  assert.equal(await inViewport(page, '#section-1-2'), false);
  assert.equal(await inViewport(page, '#section-3'), false);
  assert.equal(await expanded(page, 'section-1-1'), 'false');
  assert.equal(await expanded(page, 'section-1-2'), 'false');
});

test('#section-1-2 opens subsection 1.2 and scrolls it into view', async (t) => {
  const page = await ctx.newPage(t, { viewport });
  await page.goto(ctx.episodeUrl(SEED_ID, '#section-1-2'));
  await waitForEpisode(page);
  await assertEventually(() => expanded(page, 'section-1-2'), 'true', 'subsection 1.2 is open');
  assert.ok(await page.locator('#section-1-2-body').isVisible());
  assert.ok(await page.locator('#section-1-2-body .upgrade-prompt').isVisible(), 'locked 1.2 shows the upgrade prompt');
  assert.equal(await expanded(page, 'section-1-1'), 'false', 'only 1.2 opens');
  await assertEventually(() => inViewport(page, '#section-1-2'), true, '1.2 is in view');
  assert.ok((await scrollY(page)) > 0, 'the page scrolled');
});

test('#section-3 scrolls section 3 into view', async (t) => {
  const page = await ctx.newPage(t, { viewport });
  await page.goto(ctx.episodeUrl(SEED_ID, '#section-3'));
  await waitForEpisode(page);
  await assertEventually(() => inViewport(page, '#section-3'), true, 'section 3 is in view');
  assert.ok((await scrollY(page)) > 0, 'the page scrolled');
  assert.equal(
    normalize(await page.locator('#section-3 .section-text').innerText()),
    'Allegations of IP Theft and Irony',
  );
  // A section anchor opens no subsection.
  assert.equal(await page.locator('button.subsection-toggle[aria-expanded="true"]').count(), 0);
});

test('reloading a deep link shows the same', async (t) => {
  const page = await ctx.newPage(t, { viewport });
  const url = ctx.episodeUrl(SEED_ID, '#section-1-2');
  await page.goto(url);
  await waitForEpisode(page);
  await assertEventually(() => expanded(page, 'section-1-2'), 'true');

  const response = await page.reload();
  assert.equal(response.status(), 200);
  await waitForEpisode(page);
  assert.equal(page.url(), url);
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  await assertEventually(() => expanded(page, 'section-1-2'), 'true', '1.2 is open after reload');
  assert.equal(await expanded(page, 'section-1-1'), 'false');
  await assertEventually(() => inViewport(page, '#section-1-2'), true, '1.2 is in view after reload');
});

test('reloading #section-3 shows section 3 again', async (t) => {
  const page = await ctx.newPage(t, { viewport });
  await page.goto(ctx.episodeUrl(SEED_ID, '#section-3'));
  await waitForEpisode(page);
  await assertEventually(() => inViewport(page, '#section-3'), true);
  await page.reload();
  await waitForEpisode(page);
  await assertEventually(() => inViewport(page, '#section-3'), true, 'section 3 is in view after reload');
});

test('a direct load of /reader/?episode=... works on a plain static server (no rewrites)', async (t) => {
  // The server is dumb: the query is ignored, paths that are not files are 404.
  const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const direct = await fetch(ctx.episodeUrl(SEED_ID));
  assert.equal(direct.status, 200);
  assert.match(direct.headers.get('content-type'), /^text\/html/);
  assert.equal(await direct.text(), index);
  assert.equal((await fetch(`${ctx.base}episode/${SEED_ID}`)).status, 404);
  assert.equal((await fetch(`${ctx.base}${SEED_ID}`)).status, 404);

  const page = await ctx.newPage(t);
  const failed = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  const response = await page.goto(ctx.episodeUrl(SEED_ID));
  assert.equal(response.status(), 200);
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  // Every file the app needs is found relative to /reader/ (nothing fetched from the host's root).
  assert.deepEqual(failed.filter((f) => !f.endsWith('/favicon.ico')), []);
});

test('the app loads nothing from outside its sub-path', async (t) => {
  const page = await ctx.newPage(t);
  const outside = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === new URL(ctx.base).origin && !url.pathname.startsWith('/reader/') && url.pathname !== '/favicon.ico') {
      outside.push(url.pathname);
    }
  });
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  await page.goto(ctx.base);
  await page.locator('ol.episode-list li').first().waitFor();
  assert.deepEqual(outside, []);
});
