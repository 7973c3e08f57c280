// The library at /reader/: every episode of digests/index.json, newest first, each opening its episode.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitForEpisode, waitForLibrary, readAlert, normalize, SEED_ID, SEED_TITLE } from './helpers.mjs';

const ctx = setup();

/** The index's episodes, newest first. */
async function expectedEpisodes() {
  const index = await ctx.getJson('digests/index.json');
  assert.equal(index.format, 'digest-index/v1');
  assert.ok(index.episodes.length >= 2, 'the sample library has several episodes');
  return [...index.episodes].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
}

async function shownCards(page) {
  return page.locator('ol.episode-list > li.episode-card').evaluateAll((cards) =>
    cards.map((card) => {
      const a = card.querySelector('h2.card-title a');
      return {
        title: a?.textContent.replace(/\s+/g, ' ').trim(),
        href: a?.href,
        channel: card.querySelector('.card-meta .card-channel')?.textContent.trim(),
        datetime: card.querySelector('.card-meta time')?.getAttribute('datetime'),
      };
    }),
  );
}

test('/reader/ lists every episode of the index, newest first, each linking to ?episode=<id>', async (t) => {
  const episodes = await expectedEpisodes();
  const page = await ctx.newPage(t);
  await page.goto(ctx.base);
  await waitForLibrary(page);
  const cards = await shownCards(page);
  assert.deepEqual(
    cards.map((c) => c.title),
    episodes.map((e) => normalize(e.title)),
  );
  for (const [i, card] of cards.entries()) {
    const url = new URL(card.href);
    assert.equal(url.origin + url.pathname, ctx.base, `card ${i} stays in the app`);
    assert.equal(url.search, `?episode=${episodes[i].id}`);
    assert.equal(card.channel, episodes[i].source.channel);
    assert.ok(card.datetime?.startsWith(episodes[i].published.slice(0, 10)), `card ${i} datetime ${card.datetime}`);
  }
  // The newest sample first, the seed (the oldest) last.
  assert.equal(cards.at(-1).title, SEED_TITLE);
  assert.equal(normalize(await page.locator('.library-count').innerText()), `${episodes.length} episodes`);
  assert.equal(await page.locator('h1').count(), 1);
  assert.ok((await page.title()).includes('Digestly'));
});

test('the seed card shows its date as "Jan 29, 2025"', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.base);
  await waitForLibrary(page);
  const card = page.locator('li.episode-card', { has: page.locator(`a[href$="?episode=${SEED_ID}"]`) });
  assert.equal(await card.count(), 1);
  assert.equal(normalize(await card.locator('.card-meta time').innerText()), 'Jan 29, 2025');
  assert.equal(await card.locator('.card-meta time').getAttribute('datetime'), '2025-01-29');
});

test('clicking an episode opens it; back returns to the library, forward to the episode', async (t) => {
  const episodes = await expectedEpisodes();
  const target = episodes[1];
  const page = await ctx.newPage(t);
  await page.goto(ctx.base);
  await waitForLibrary(page);

  await page.getByRole('link', { name: normalize(target.title), exact: true }).click();
  await waitForEpisode(page);
  assert.equal(new URL(page.url()).search, `?episode=${target.id}`);
  assert.equal(normalize(await page.locator('h1').innerText()), normalize(target.title));
  assert.equal(await page.locator('ol.episode-list').count(), 0);

  await page.goBack();
  await waitForLibrary(page);
  assert.equal(page.url(), ctx.base);
  assert.equal(await page.locator('article.episode').count(), 0);
  assert.equal((await shownCards(page)).length, episodes.length);

  await page.goForward();
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), normalize(target.title));
});

test('the header\'s Library link goes back to the library', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  await page.locator('header.site-header nav.site-nav').getByRole('link', { name: 'Library' }).click();
  await waitForLibrary(page);
  assert.equal(new URL(page.url()).pathname, '/reader/');
  assert.equal(new URL(page.url()).search, '');
});

test('a missing index says the library was not found', async (t) => {
  const page = await ctx.newPage(t);
  await page.route('**/digests/index.json', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
  await page.goto(ctx.base);
  const alert = await readAlert(page);
  assert.equal(alert.title, "We couldn't find this library");
  assert.match(alert.detail, /^There is no file at \S*digests\/index\.json \(HTTP 404\)\. The link may be mistyped, or the library was removed\.$/);
  // A publisher may not have uploaded it yet: "Try again" is offered.
  assert.equal(alert.retryButtons, 1);
});

test('a failing server for the index offers a retry that works', async (t) => {
  const page = await ctx.newPage(t);
  let calls = 0;
  await page.route('**/digests/index.json', (route) => {
    calls += 1;
    return calls === 1 ? route.fulfill({ status: 502, body: 'Bad Gateway' }) : route.continue();
  });
  await page.goto(ctx.base);
  const alert = await readAlert(page);
  assert.equal(alert.title, 'The server had a problem');
  assert.equal(alert.detail, 'It answered with an error (HTTP 502). This is usually temporary: try again in a moment.');
  assert.equal(alert.retryButtons, 1);
  await page.getByRole('button', { name: 'Try again' }).click();
  await waitForLibrary(page);
  assert.equal(calls, 2);
  assert.equal((await shownCards(page)).length, (await expectedEpisodes()).length);
});

test('an index of an unknown format says so', async (t) => {
  const page = await ctx.newPage(t);
  await page.route('**/digests/index.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ format: 'digest-index/v2', episodes: [] }) }),
  );
  await page.goto(ctx.base);
  const alert = await readAlert(page);
  assert.equal(alert.title, "This library uses a format this reader can't open");
  assert.equal(alert.detail, 'The file says its format is "digest-index/v2"; this reader understands digest-index/v1.');
  assert.equal(alert.retryButtons, 0);
});

test('an empty index says there are no episodes yet', async (t) => {
  const page = await ctx.newPage(t);
  await page.route('**/digests/index.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ format: 'digest-index/v1', episodes: [] }) }),
  );
  await page.goto(ctx.base);
  await page.locator('main#main[aria-busy="false"] p.empty').waitFor();
  assert.equal(normalize(await page.locator('p.empty').innerText()), 'No episodes yet.');
  assert.equal(await page.locator('li.episode-card').count(), 0);
});

test('?embed=1: the library without the site header; its links and its address keep embed=1', async (t) => {
  const episodes = await expectedEpisodes();
  const page = await ctx.newPage(t);
  await page.goto(`${ctx.base}?embed=1`);
  await waitForLibrary(page);
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('.app.app--embed').count(), 1);
  const cards = await shownCards(page);
  assert.deepEqual(cards.map((c) => new URL(c.href).search), episodes.map((e) => `?episode=${e.id}&embed=1`));
  const tagLinks = await page.locator('ol.episode-list .tags a').evaluateAll((links) => links.map((a) => new URL(a.href).search));
  assert.ok(tagLinks.length > 0, 'the samples have tags');
  for (const search of tagLinks) assert.match(search, /^\?tag=[^&]+&embed=1$/);

  // Searching rewrites the address; it stays the compact view on reload.
  await page.locator('#library-search').fill('model');
  await page.waitForURL((url) => url.searchParams.get('q') === 'model');
  assert.equal(new URL(page.url()).searchParams.get('embed'), '1');
  await page.reload();
  await waitForLibrary(page);
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('#library-search').inputValue(), 'model');

  // Opening a card stays in the compact view.
  const first = page.locator('ol.episode-list h2.card-title a').first();
  const href = await first.getAttribute('href');
  await first.click();
  await page.waitForURL((url) => url.search === href);
  await waitForEpisode(page);
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('nav.episode-nav').count(), 0);
});
