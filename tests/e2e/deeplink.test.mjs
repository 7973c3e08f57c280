// Deep links (#section-N, #section-N-M), reloads and direct loads on a plain static server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup, waitForEpisode, normalize, inViewport, assertEventually, DIST, SEED_ID, SEED_TITLE,
} from './helpers.mjs';
import { OPEN, CLOSED, subsectionState, openSubsections } from './subsection-helpers.mjs';

const ctx = setup();

// A short viewport, so that sections of the seed start below the fold.
const viewport = { width: 1000, height: 500 };

const state = (page, id) => subsectionState(page, id);
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
  assert.deepEqual(await openSubsections(page), []);
  assert.deepEqual(await state(page, 'section-1-2'), CLOSED);
});

test('#section-1-2 opens subsection 1.2 and scrolls it into view', async (t) => {
  const page = await ctx.newPage(t, { viewport });
  await page.goto(ctx.episodeUrl(SEED_ID, '#section-1-2'));
  await waitForEpisode(page);
  await assertEventually(() => state(page, 'section-1-2'), OPEN, 'subsection 1.2 is open');
  assert.ok(await page.locator('#section-1-2-body').isVisible());
  assert.ok(await page.locator('#section-1-2-body .upgrade-prompt').isVisible(), 'locked 1.2 shows the upgrade prompt');
  assert.deepEqual(await openSubsections(page), ['section-1-2'], 'only 1.2 opens');
  await assertEventually(() => inViewport(page, '#section-1-2'), true, '1.2 is in view');
  assert.ok((await scrollY(page)) > 0, 'the page scrolled');
  // The reader can close it again: nothing re-opens it while the fragment stays.
  await page.locator('#section-1-2 > summary').click();
  await assertEventually(() => state(page, 'section-1-2'), CLOSED, 'closed by a click');
  await page.waitForTimeout(300);
  assert.deepEqual(await state(page, 'section-1-2'), CLOSED, 'still closed');
});

test('a later fragment change (hashchange) opens that subsection and scrolls to it', async (t) => {
  const page = await ctx.newPage(t, { viewport });
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  await page.waitForTimeout(300);
  assert.equal(await scrollY(page), 0);
  assert.deepEqual(await state(page, 'section-1-2'), CLOSED);
  await page.evaluate(() => { location.hash = '#section-1-2'; });
  await assertEventually(() => state(page, 'section-1-2'), OPEN, 'subsection 1.2 is open');
  assert.deepEqual(await openSubsections(page), ['section-1-2'], 'only 1.2 opens');
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
  assert.deepEqual(await openSubsections(page), []);
});

test('reloading a deep link shows the same', async (t) => {
  const page = await ctx.newPage(t, { viewport });
  const url = ctx.episodeUrl(SEED_ID, '#section-1-2');
  await page.goto(url);
  await waitForEpisode(page);
  await assertEventually(() => state(page, 'section-1-2'), OPEN);

  const response = await page.reload();
  assert.equal(response.status(), 200);
  await waitForEpisode(page);
  assert.equal(page.url(), url);
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  await assertEventually(() => state(page, 'section-1-2'), OPEN, '1.2 is open after reload');
  assert.deepEqual(await openSubsections(page), ['section-1-2']);
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
