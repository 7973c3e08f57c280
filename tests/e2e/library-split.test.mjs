// The split library (library/, digest-library/v1) of a published site (SITE_DIR, as
// scripts/test.sh builds it: the samples plus generated digests, over the 2,000 from which the
// published index.html tells the app to read library/): the first screen without the index,
// searches and filters that find what a search over every entry finds, the bytes each query
// downloads, the address bar, a failed file and a file of another publish.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { LAUNCH_OPTIONS, REPO, assertEventually, normalize, openPage, waitForLibrary } from './helpers.mjs';

const SITE = process.env.SITE_DIR ? path.resolve(REPO, process.env.SITE_DIR) : '';
/** Brotli bytes a query may download for its first screen at a million episodes (issue 12). */
const QUERY_BUDGET_BROTLI = 150 * 1024;
let server;
let browser;
/** The site's index, newest first: the reference every search is checked against. */
const index = SITE ? JSON.parse(fs.readFileSync(path.join(SITE, 'digests', 'index.json'), 'utf8')).episodes : [];

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, 'library', 'manifest.json')), 'SITE_DIR must name a published site with library/');
  server = await startServer({ root: SITE });
  browser = await chromium.launch(LAUNCH_OPTIONS);
  assert.ok(index.length >= 2000, `a library read from library/: ${index.length} episodes`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records what it requests under library/ and digests/ (by request: Chromium does
 * not always report a finished response for a body that the app reads as a stream). */
async function newPage(t) {
  const page = await openPage(browser, t);
  page.fetched = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/\/(library|digests)\//.test(url.pathname)) page.fetched.push(url.pathname.replace(/^.*\/reader\//, ''));
  });
  return page;
}

/** Brotli bytes of files of the site (the .br copies the command wrote). */
function brotliBytes(files) {
  return files.reduce((sum, rel) => sum + fs.statSync(path.join(SITE, `${rel}.br`)).size, 0);
}

/** The app's search folding for the generated corpus (ASCII and Latin-1) and its words. */
const fold = (text) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const words = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The reference: the index's entries (newest first) that a query matches. */
function expected({ q = '', channel, tag }) {
  const terms = words(q).filter((word) => [...word].length > 1);
  return index
    .filter((entry) => {
      const own = [entry.title, entry.source.channel, entry.summary ?? '', ...(entry.tags ?? [])].flatMap(words);
      return terms.every((term) => own.some((word) => word.startsWith(term)))
        && (!channel || entry.source.channel === channel)
        && (!tag || (entry.tags ?? []).includes(tag));
    })
    .map((entry) => entry.id);
}

function cardIds(page) {
  return page.locator('ol.episode-list > li.episode-card h2.card-title a').evaluateAll((links) =>
    links.map((a) => new URLSearchParams(a.getAttribute('href').replace(/^[^?]*/, '')).get('episode')),
  );
}

const count = async (page) => normalize(await page.locator('.library-count').innerText());
const search = (params) => `${server.url}?${new URLSearchParams(params)}`;

test('the first screen comes from the manifest: no index, no card file', async (t) => {
  const page = await newPage(t);
  await page.goto(server.url);
  await waitForLibrary(page);
  await assertEventually(() => cardIds(page), index.slice(0, 30).map((entry) => entry.id), 'newest 30', 15_000);
  assert.equal(await count(page), `${index.length.toLocaleString('en-US')} episodes`);
  assert.ok(!page.fetched.includes('digests/index.json'), `the index is not downloaded: ${page.fetched}`);
  assert.deepEqual(page.fetched.filter((rel) => rel.startsWith('library/cards/')), []);
  assert.ok(page.fetched.includes('library/manifest.json'));
  // The filters follow the first screen, with every channel and tag of the index.
  const channels = new Set(index.map((entry) => entry.source.channel));
  await assertEventually(() => page.locator('#filter-channel option').count(), channels.size + 1, 'every channel, and "All"', 15_000);
});

// Words of the generated corpus and the samples: common, rare, two words, a prefix, filters.
const channel = index[0]?.source.channel;
const tag = index.find((entry) => entry.tags?.length)?.tags[0];
const CASES = [
  { q: 'deepseek' },
  { q: 'regulation' },
  { q: 'incident review' },
  { q: 'infer' },
  { q: 'migration', channel },
  { q: '', tag },
  { q: 'zzzzqqq' },
];

for (const params of CASES) {
  test(`search ${JSON.stringify(params)} finds what a search over every entry finds`, async (t) => {
    const page = await newPage(t);
    await page.goto(server.url);
    await waitForLibrary(page);
    const before = page.fetched.length;
    const clean = Object.fromEntries(Object.entries(params).filter(([, value]) => value));
    await page.goto(search(clean));
    await page.locator('#boot-library').waitFor({ state: 'detached' });
    const all = expected(params);
    await assertEventually(() => cardIds(page), all.slice(0, 30), JSON.stringify(params), 15_000);
    // The filters show what the address asks for, though their options came after it.
    for (const [name, value] of [['channel', clean.channel ?? ''], ['tag', clean.tag ?? '']]) {
      await assertEventually(() => page.locator(`#filter-${name}`).inputValue(), value, `the ${name} filter`);
    }
    if (all.length === 0) {
      await page.getByText('No episodes match this search.').waitFor();
    }
    const text = await count(page);
    const total = index.length.toLocaleString('en-US');
    assert.ok(
      text === `${all.length.toLocaleString('en-US')} of ${total} episodes` || (all.length > 30 && text === `30+ of ${total} episodes`)
        || (!clean.q && !clean.channel && !clean.tag),
      `count "${text}" for ${all.length} matches`,
    );
    const bytes = brotliBytes(page.fetched.slice(before));
    t.diagnostic(`${JSON.stringify(params)}: ${all.length} matches, ${page.fetched.length - before} files, ${bytes} bytes brotli`);
    assert.ok(bytes <= QUERY_BUDGET_BROTLI, `${bytes} bytes brotli for the first screen`);
  });
}

test('opened with a search in its address, the first screen of results costs at most 150 KB brotli, manifest and filters included', async (t) => {
  for (const params of CASES) {
    const page = await newPage(t);
    const clean = Object.fromEntries(Object.entries(params).filter(([, value]) => value));
    await page.goto(search(clean));
    await page.locator('#boot-library').waitFor({ state: 'detached' });
    await assertEventually(() => cardIds(page), expected(params).slice(0, 30), JSON.stringify(params), 15_000);
    await page.locator('main#main ol.episode-list[aria-busy="false"], main#main .empty').first().waitFor();
    assert.ok(page.fetched.includes('library/manifest.json'), `the manifest came with this page: ${page.fetched}`);
    assert.ok(!page.fetched.includes('digests/index.json'), 'not the index');
    const bytes = brotliBytes(page.fetched.filter((rel) => rel.startsWith('library/')));
    t.diagnostic(`${JSON.stringify(params)} cold: ${page.fetched.length} files, ${bytes} bytes brotli`);
    assert.ok(bytes <= QUERY_BUDGET_BROTLI, `${JSON.stringify(params)}: ${bytes} bytes brotli`);
    await page.close();
  }
});

test('typing searches as the reader types, and the address and back button follow', async (t) => {
  const page = await newPage(t);
  await page.goto(server.url);
  await waitForLibrary(page);
  const box = page.locator('#library-search');
  await box.pressSequentially('regul', { delay: 40 });
  await assertEventually(() => cardIds(page), expected({ q: 'regul' }).slice(0, 30), 'typed regul', 15_000);
  await box.blur();
  await assertEventually(() => new URL(page.url()).searchParams.get('q'), 'regul', 'the address says the search');
  await page.reload();
  await waitForLibrary(page);
  await assertEventually(() => cardIds(page), expected({ q: 'regul' }).slice(0, 30), 'after reload', 15_000);
  assert.equal(await box.inputValue(), 'regul');
  await page.goBack();
  await page.goForward();
  await assertEventually(() => cardIds(page), expected({ q: 'regul' }).slice(0, 30), 'back and forward', 15_000);
});

test('the marks are where the search matched: word beginnings, not one-letter words', async (t) => {
  const page = await newPage(t);
  // "a" is not searched (too short), and "regul" matches words that begin with it.
  await page.goto(search({ q: 'regul a' }));
  await waitForLibrary(page);
  await assertEventually(() => cardIds(page), expected({ q: 'regul a' }).slice(0, 30), 'regul a', 15_000);
  const marks = await page.locator('li.episode-card mark').evaluateAll((marks) => marks.map((mark) => ({
    text: mark.textContent,
    before: mark.previousSibling?.textContent.slice(-1) ?? '',
  })));
  assert.ok(marks.length >= 30, `${marks.length} marks`);
  for (const mark of marks) {
    assert.equal(fold(mark.text), 'regul', JSON.stringify(mark));
    assert.doesNotMatch(mark.before, /[\p{L}\p{N}]/u, JSON.stringify(mark));
  }
});

test('a narrower search shows at once the matching cards already on the page, then the rest as its files arrive', async (t) => {
  const page = await newPage(t);
  await page.goto(search({ q: 'regulation' }));
  await waitForLibrary(page);
  const before = expected({ q: 'regulation' }).slice(0, 30);
  await assertEventually(() => cardIds(page), before, 'regulation', 15_000);
  // A channel of a card on the page that not every card has.
  const counts = new Map();
  for (const id of before) {
    const name = index.find((entry) => entry.id === id).source.channel;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const [narrow] = [...counts.entries()].sort((a, b) => b[1] - a[1]).find(([, n]) => n < before.length);
  await assertEventually(async () => (await page.locator('#filter-channel option').count()) > 1, true, 'the filters', 15_000);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/library\/(words|cards|facets)\//, async (route) => {
    await held;
    await route.continue();
  });
  await page.locator('#filter-channel').selectOption(narrow);
  const all = expected({ q: 'regulation', channel: narrow });
  const atOnce = before.filter((id) => all.includes(id));
  await assertEventually(() => cardIds(page), atOnce, 'at once, from the cards on the page');
  assert.equal(JSON.stringify(atOnce), JSON.stringify(all.slice(0, atOnce.length)), 'the newest matches, in order');
  assert.equal(await page.locator('ol.episode-list').getAttribute('aria-busy'), 'true', 'still loading the rest');
  release();
  await assertEventually(() => cardIds(page), all.slice(0, 30), 'then the rest', 15_000);
  await assertEventually(() => page.locator('ol.episode-list').getAttribute('aria-busy'), 'false', 'done');
});

test('"Show more" adds the next 30 matches, loading only their card files', async (t) => {
  const page = await newPage(t);
  await page.goto(search({ q: 'regulation' }));
  await waitForLibrary(page);
  const all = expected({ q: 'regulation' });
  assert.ok(all.length > 60, `${all.length} matches`);
  await assertEventually(() => cardIds(page), all.slice(0, 30), 'first 30', 15_000);
  const before = page.fetched.length;
  await page.locator('button.show-more').click();
  // The button adds 30; scrolling near the end may add more: every card in order either way.
  await assertEventually(async () => {
    const shown = await cardIds(page);
    return shown.length >= 60 && JSON.stringify(shown) === JSON.stringify(all.slice(0, shown.length));
  }, true, 'at least 60, in order', 15_000);
  const more = page.fetched.slice(before);
  assert.ok(more.length > 0 && more.every((rel) => rel.startsWith('library/cards/')), `fetched for more: ${more}`);
});

test('a file that fails says so and offers a retry for that search only', async (t) => {
  const page = await newPage(t);
  await page.goto(server.url);
  await waitForLibrary(page);
  let failing = true;
  await page.route('**/library/words/**', (route) => (failing ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  await page.locator('#library-search').fill('regulation');
  const alert = page.locator('.search-failure[role="alert"]');
  await alert.waitFor();
  assert.match(normalize(await alert.innerText()), /This search could not finish: the server failed \(HTTP 503\)\./);
  failing = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await assertEventually(() => cardIds(page), expected({ q: 'regulation' }).slice(0, 30), 'after the retry', 15_000);
  assert.equal(await alert.count(), 0);
});

test('a file of another publish is noticed: the manifest is read again and the search finishes', async (t) => {
  const page = await newPage(t);
  await page.goto(server.url);
  await waitForLibrary(page);
  const manifests = () => page.fetched.filter((rel) => rel === 'library/manifest.json').length;
  assert.equal(manifests(), 1, `requested: ${page.fetched}`);
  let first = true;
  await page.route('**/library/words/**', async (route) => {
    if (!first) return route.continue();
    first = false;
    const response = await route.fetch();
    const body = await response.json();
    body.epoch = '0000000000000000';
    return route.fulfill({ response, json: body });
  });
  await page.locator('#library-search').fill('deepseek');
  await assertEventually(() => cardIds(page), expected({ q: 'deepseek' }).slice(0, 30), 'after reloading the manifest', 15_000);
  assert.equal(manifests(), 2, 'the manifest was read again');
});

test('files of another publish on every try end in a message, not a wrong list', async (t) => {
  const page = await newPage(t);
  await page.goto(server.url);
  await waitForLibrary(page);
  await page.route('**/library/words/**', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.epoch = '0000000000000000';
    return route.fulfill({ response, json: body });
  });
  await page.locator('#library-search').fill('deepseek');
  const alert = page.locator('.search-failure[role="alert"]');
  await alert.waitFor();
  assert.match(normalize(await alert.innerText()), /This search could not finish: the site was updated while it was being read\./);
});
