// The library with 20,000 episodes (scripts/gen-index.mjs, deterministic): first results soon,
// few cards in the DOM, search as you type, more cards on scroll, the way back from an episode.
// Time to first results, keystroke-to-count times and the DOM size are logged, not benchmarked.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, DIST, REPO, waitForEpisode, normalize, assertEventually, inViewport } from './helpers.mjs';
import { startServer } from './server.mjs';

const COUNT = 20_000;
const ctx = setup();
let base = '';
let server = null;
let tmp = '';
/** The generated index's episodes, in library order (newest first; same-day episodes keep file order). */
let sorted = [];
let byId = new Map();

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-library-scale-'));
  const file = path.join(tmp, 'digests', 'index.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'gen-index.mjs'), String(COUNT), file], { stdio: 'ignore' });
  const index = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(index.episodes.length, COUNT);
  sorted = [...index.episodes].sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0));
  byId = new Map(sorted.map((e) => [e.id, e]));
  server = await startServer({ root: DIST, overlays: [tmp] });
  base = server.url;
});

after(async () => {
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Lowercase, accents removed: the app's folding for the letters the generated index uses. */
function fold(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ß/g, 'ss');
}

/** The episodes a search text finds, in library order. */
function expectedMatches(text) {
  const terms = fold(text).split(/\s+/).filter(Boolean);
  return sorted.filter((e) => {
    const fields = [e.title, e.source.channel, e.summary ?? '', ...(e.tags ?? [])].map(fold);
    return terms.every((term) => fields.some((field) => field.includes(term)));
  });
}

const grouped = (n) => n.toLocaleString('en-US');
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function cardTitles(page) {
  return page
    .locator('ol.episode-list > li.episode-card h2.card-title a')
    .evaluateAll((links) => links.map((a) => a.textContent.replace(/\s+/g, ' ').trim()));
}

function cardCount(page) {
  return page.locator('li.episode-card').count();
}

async function count(page) {
  return normalize(await page.locator('.library-count').innerText());
}

/** A new page on the library, its first 30 cards shown (episode files served by `serveDigests`). */
async function openLibrary(t) {
  const page = await ctx.newPage(t);
  await serveDigests(page);
  await page.goto(base);
  await page.locator('main#main[aria-busy="false"] li.episode-card').first().waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await cardCount(page), 30);
  return page;
}

/** Serves each generated episode as a small digest/v1, so that cards can be opened. */
async function serveDigests(page) {
  await page.route(/\/digests\/episode-\d+\.json$/, (route) => {
    const id = new URL(route.request().url()).pathname.split('/').pop().replace(/\.json$/, '');
    const entry = byId.get(id);
    if (!entry) return route.fulfill({ status: 404, body: 'Not Found' });
    const digest = {
      format: 'digest/v1',
      id: entry.id,
      published: entry.published,
      title: entry.title,
      source: { channel: entry.source.channel, title: entry.source.title, kind: 'video' },
      summary: entry.summary,
      key_points: ['A generated key point.'],
      sections: [{ title: 'Overview', points: [entry.summary] }],
      tags: entry.tags,
    };
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(digest) });
  });
}

test('20,000 episodes: first results soon, only a window of cards in the DOM, search narrows as you type', async (t) => {
  const page = await ctx.newPage(t);
  const started = Date.now();
  await page.goto(base);
  await page.locator('main#main[aria-busy="false"] ol.episode-list li.episode-card').first().waitFor({ state: 'visible', timeout: 15_000 });
  const firstResults = Date.now() - started;
  const sinceNavigation = await page.evaluate(() => Math.round(performance.now()));
  console.log(`20,000 episodes: first results after ${firstResults} ms (page clock: ${sinceNavigation} ms since navigation start)`);
  assert.ok(firstResults < 15_000, `first results after ${firstResults} ms`);

  assert.equal(await count(page), '20,000 episodes');
  const cards = await cardCount(page);
  assert.ok(cards < 100, `${cards} cards in the DOM`);
  assert.equal(cards, 30);
  assert.deepEqual(await cardTitles(page), sorted.slice(0, 30).map((e) => e.title));
  assert.equal(normalize(await page.locator('button.show-more').innerText()), `Show more (${(COUNT - 30).toLocaleString("en-US")} left)`);
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  console.log(`20,000 episodes: ${elements} elements in the document with ${cards} cards`);
  assert.ok(elements < 3000, `${elements} elements`);

  // Keystroke by keystroke: the count is updated by the next frame.
  const word = 'résumé';
  const prefixes = [...word].map((_, i) => word.slice(0, i + 1));
  const expectedCounts = prefixes.map((p) => `${grouped(expectedMatches(p).length)} of 20,000 episodes`);
  const measured = await page.evaluate(async (text) => {
    const input = document.querySelector('#library-search');
    input.focus();
    const out = [];
    for (const ch of text) {
      input.value += ch;
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const ms = performance.now() - t0;
      out.push({ ms, count: document.querySelector('.library-count').textContent.replace(/\s+/g, ' ').trim() });
    }
    return out;
  }, word);
  const times = measured.map((m) => Math.round(m.ms * 10) / 10);
  console.log(`20,000 episodes: keystroke to updated count (ms) for ${prefixes.map((p) => JSON.stringify(p)).join(' ')}: ${times.join(', ')}; median ${median(times)} ms`);
  assert.deepEqual(measured.map((m) => m.count), expectedCounts);

  const matches = expectedMatches(word);
  assert.ok(matches.length > 30 && matches.length < COUNT / 2, `"${word}" finds ${matches.length}`);
  assert.equal(new URL(page.url()).search, '?q=r%C3%A9sum%C3%A9');
  await assertEventually(() => cardTitles(page), matches.slice(0, 30).map((e) => e.title), 'first 30 matches');
  assert.equal(normalize(await page.locator('button.show-more').innerText()), `Show more (${(matches.length - 30).toLocaleString("en-US")} left)`);
  const marks = await page.locator('li.episode-card mark').allInnerTexts();
  assert.ok(marks.length >= 30, `${marks.length} highlights`);
  assert.deepEqual([...new Set(marks.map(fold))], ['resume']);

  // A click without scrolling the page: scrolled into view, the button brings the sentinel under
  // it near the viewport, which adds cards on its own (tested below); this is the button alone.
  await page.locator('button.show-more').dispatchEvent('click');
  await assertEventually(() => cardCount(page), 60, 'show more adds 30');
  assert.deepEqual(await cardTitles(page), matches.slice(0, 60).map((e) => e.title));

  // A second word and a channel narrow further.
  await page.locator('#library-search').fill('résumé explains');
  const both = expectedMatches('résumé explains');
  await assertEventually(() => count(page), `${grouped(both.length)} of 20,000 episodes`, 'two words');
  assert.ok(both.length < matches.length && both.length > 0);
  await page.locator('#filter-channel').selectOption('Café Économie');
  const cafe = both.filter((e) => e.source.channel === 'Café Économie');
  await assertEventually(() => count(page), `${grouped(cafe.length)} of 20,000 episodes`, 'and a channel');
  assert.equal(await cardCount(page), Math.min(30, cafe.length));
});

test('20,000 episodes: "Show more" from the keyboard moves focus to the first new card', async (t) => {
  const page = await openLibrary(t);
  // Focused without scrolling, so that the sentinel below the button adds nothing on its own;
  // Enter on the button is what a keyboard reader presses after tabbing to it.
  await page.locator('button.show-more').evaluate((button) => button.focus({ preventScroll: true }));
  await page.keyboard.press('Enter');
  await assertEventually(() => page.evaluate(() => document.activeElement?.getAttribute('href')), `?episode=${sorted[30].id}`, 'focus on the 31st card');
  assert.equal(await cardCount(page), 60);
  assert.ok(await inViewport(page, `h2.card-title a[href="?episode=${sorted[30].id}"]`), 'the focused card is in view');
  // Tab goes on to the next card, not to the end of the page.
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement?.closest('li.episode-card')?.querySelector('h2.card-title a')?.getAttribute('href'));
  assert.ok(next === `?episode=${sorted[30].id}` || next === `?episode=${sorted[31].id}`, `after Tab: ${next}`);
});

test('20,000 episodes: a reader who scrolls on before the next frame still gets more cards', async (t) => {
  const page = await openLibrary(t);
  // Scroll to the bottom; the moment the next 30 cards are in the document (a microtask after the
  // app adds them, before the browser's next frame), scroll to the new bottom. The sentinel was
  // near the viewport before and is near it again, so an observer that only reports changes
  // would stay silent.
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const list = document.querySelector('ol.episode-list');
        const watch = new MutationObserver(() => {
          if (list.querySelectorAll('li.episode-card').length >= 60) {
            watch.disconnect();
            window.scrollTo(0, document.documentElement.scrollHeight);
            resolve();
          }
        });
        watch.observe(list, { childList: true });
        window.scrollTo(0, document.documentElement.scrollHeight);
      }),
  );
  await assertEventually(() => cardCount(page), 90, 'the second scroll adds 30 more');
  assert.deepEqual(await cardTitles(page), sorted.slice(0, 90).map((e) => e.title));
});

test('20,000 episodes: scrolling adds cards; an episode links back to the same place and to its neighbours', async (t) => {
  const page = await openLibrary(t);

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await assertEventually(() => cardCount(page), 60, 'near the bottom, 30 more cards');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await assertEventually(() => cardCount(page), 90, 'and 30 more');
  assert.deepEqual(await cardTitles(page), sorted.slice(0, 90).map((e) => e.title));
  assert.equal(normalize(await page.locator('button.show-more').innerText()), `Show more (${(COUNT - 90).toLocaleString("en-US")} left)`);

  // Open the 75th episode from where it is on screen.
  const target = sorted[74];
  const link = page.locator(`li.episode-card h2.card-title a[href="?episode=${target.id}"]`);
  await link.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  await link.focus();
  const scrolled = await page.evaluate(() => Math.round(window.scrollY));
  assert.ok(scrolled > 5000, `scrollY ${scrolled}`);
  // Enter on the focused link: a Playwright click may re-scroll it first on a loaded machine.
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}?episode=${target.id}`);
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), target.title);

  await page.locator('nav.episode-nav a[rel]').first().waitFor({ timeout: 15_000 });
  assert.deepEqual(
    await page.locator('nav.episode-nav a[rel]').evaluateAll((links) =>
      links.map((a) => [a.getAttribute('rel'), a.getAttribute('href'), a.querySelector('.episode-nav-title')?.textContent.trim()]),
    ),
    [
      ['prev', `?episode=${sorted[73].id}`, sorted[73].title],
      ['next', `?episode=${sorted[75].id}`, sorted[75].title],
    ],
  );

  await page.locator('nav.episode-nav a.back-to-library').click();
  await page.locator('main#main[aria-busy="false"] li.episode-card').first().waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(page.url(), base);
  assert.equal(await count(page), '20,000 episodes');
  await assertEventually(() => page.evaluate(() => Math.round(window.scrollY)), scrolled, 'scroll position restored');
  assert.equal(await cardCount(page), 90);
  assert.ok(await inViewport(page, `a[href="?episode=${target.id}"]`), 'the opened card is in view again');
});
