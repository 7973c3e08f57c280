// The library's search, filters, URL state, empty and failure states, and the way back from an
// episode, against a small hand-written index (fixtures-library/small) served under /reader/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  setup, DIST, FIXTURES, waitForEpisode, waitForLibrary, readAlert, normalize, assertEventually, readJson, inViewport,
} from './helpers.mjs';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SMALL = path.join(here, 'fixtures-library', 'small');

const ctx = setup();
/** The app URL of the server that serves the small library (`…/reader/`). */
let base = '';
let server = null;

before(async () => {
  server = await startServer({ root: DIST, overlays: [SMALL, FIXTURES] });
  base = server.url;
});
after(async () => {
  await server?.close();
});

/** The fixture index, newest first: what every expectation below is written against. */
const ORDER = [
  'bl-small-teams', // 2025-05-05
  'fs-openai-o3', // 2025-04-20
  'ce-resume', // 2025-03-01
  'fs-deepseek-r1', // 2025-02-10
  'ce-deepseek', // 2025-01-30
  'ce-inflation', // 2024-12-12
  'fs-rust-in-100', // 2024-11-05
  'bl-resume-training', // 2024-09-15
  'fs-wasm', // 2024-08-01
  'ce-euro', // 2024-06-01
];
const TITLES = {
  'bl-small-teams': 'Small teams ship <b>big</b> models',
  'fs-openai-o3': 'OpenAI o3 is here',
  'ce-resume': 'Write a better Résumé',
  'fs-deepseek-r1': 'DeepSeek R1 changes everything',
  'ce-deepseek': 'Why DeepSeek spooked the markets',
  'ce-inflation': "L'inflation expliquée",
  'fs-rust-in-100': 'Rust in 100 seconds',
  'bl-resume-training': 'How to resume a training run after a crash',
  'fs-wasm': 'WebAssembly is finally ready',
  'ce-euro': 'Twenty-five years of the euro',
};
const CAFE = 'Café Économie';

const url = (search = '') => base + search;

/** A new page on the library at `search` (e.g. `?q=deepseek`), its cards shown. */
async function openLibrary(t, search = '') {
  const page = await ctx.newPage(t);
  await page.goto(url(search));
  await waitForLibrary(page);
  return page;
}

/** Types `text` into the search box and waits until exactly `ids` are listed, in that order. */
async function searchFor(page, text, ids, why = JSON.stringify(text)) {
  await page.locator('#library-search').fill(text);
  await assertEventually(() => cardIds(page), ids, why);
}

/** The ids of the cards shown, in order (from their `?episode=` links). */
function cardIds(page) {
  return page.locator('ol.episode-list > li.episode-card h2.card-title a').evaluateAll((links) =>
    links.map((a) => new URLSearchParams(a.getAttribute('href').replace(/^[^?]*/, '')).get('episode')),
  );
}

async function count(page) {
  return normalize(await page.locator('.library-count').innerText());
}

/** The view as the reader sees it: search box, both filters, count, cards, query string. */
async function view(page) {
  return {
    q: await page.locator('#library-search').inputValue(),
    channel: await page.locator('#filter-channel').inputValue(),
    tag: await page.locator('#filter-tag').inputValue(),
    count: await count(page),
    ids: await cardIds(page),
    search: new URL(page.url()).search,
  };
}

test('the fixture library is listed newest first with its channels and tags to filter by', async (t) => {
  const page = await openLibrary(t);
  assert.deepEqual(await cardIds(page), ORDER);
  assert.deepEqual(
    (await page.locator('li.episode-card h2.card-title a').allInnerTexts()).map(normalize),
    ORDER.map((id) => TITLES[id]),
  );
  assert.equal(await count(page), '10 episodes');
  assert.equal(await page.locator('form.library-controls[role="search"] input#library-search[type="search"]').count(), 1);
  assert.deepEqual(
    await page.locator('#filter-channel option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()])),
    [['', 'All channels'], [CAFE, `${CAFE} (4)`], ['Fireship', 'Fireship (4)'], ['The Build Log', 'The Build Log (2)']],
  );
  assert.deepEqual(
    await page.locator('#filter-tag option').evaluateAll((os) => os.map((o) => o.value)),
    ['', 'ai', 'career', 'deepseek', 'economics', 'mlops', 'openai', 'rust', 'startups', 'tutorial', 'wasm'],
  );
  // Nothing is narrowed: no "Clear all", no highlight, no "show more" for ten episodes.
  assert.equal(await page.locator('button.clear-filters').count(), 0);
  assert.equal(await page.locator('mark').count(), 0);
  assert.equal(await page.locator('button.show-more').count(), 0);
  const card = page.locator('li.episode-card').nth(2);
  assert.equal(normalize(await card.locator('.card-channel').innerText()), CAFE);
  assert.equal(await card.locator('time').getAttribute('datetime'), '2025-03-01');
  assert.equal(normalize(await card.locator('time').innerText()), 'Mar 1, 2025');
  assert.equal(
    normalize(await card.locator('.card-summary').innerText()),
    'A recruiter explains how a CV is read in six seconds and which lines get skipped.',
  );
  assert.deepEqual(await card.locator('ul.tags li.tag a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['?tag=career']);
});

test('typing searches titles, channels, summaries and tags; every word must match', async (t) => {
  const page = await openLibrary(t);
  for (const { q, ids, why, shown, search } of [
    { q: 'deepseek', ids: ['fs-deepseek-r1', 'ce-deepseek'], why: 'one word', shown: '2 of 10 episodes', search: '?q=deepseek' },
    { q: 'deepseek markets', ids: ['ce-deepseek'], why: 'two words: both must match', shown: '1 of 10 episodes', search: '?q=deepseek+markets' },
    { q: 'build log', ids: ['bl-small-teams', 'bl-resume-training'], why: 'channel text' },
    { q: 'checkpoints', ids: ['bl-resume-training'], why: 'a word only in a summary' },
    { q: 'mlops', ids: ['bl-resume-training'], why: 'a tag only' },
    {
      q: 'EXPLAINS',
      ids: ['fs-openai-o3', 'ce-resume', 'fs-deepseek-r1', 'fs-rust-in-100', 'fs-wasm'],
      why: 'case-insensitive',
      shown: '5 of 10 episodes',
    },
  ]) {
    await searchFor(page, q, ids, why);
    if (shown) assert.equal(await count(page), shown, why);
    if (search) assert.equal(new URL(page.url()).search, search, why);
    assert.equal(await page.locator('button.clear-filters').innerText(), 'Clear all', why);
  }
});

test('accents are ignored both ways: "resume" finds "Résumé", "RÉSUMÉ" finds "resume", "cafe" the channel', async (t) => {
  const page = await openLibrary(t);
  await searchFor(page, 'resume', ['ce-resume', 'bl-resume-training']);
  assert.equal(await count(page), '2 of 10 episodes');
  const resume = page.locator('li.episode-card').first();
  assert.equal(normalize(await resume.locator('h2.card-title a').innerText()), 'Write a better Résumé');
  assert.deepEqual(await resume.locator('h2.card-title mark').allInnerTexts(), ['Résumé']);
  assert.deepEqual(await page.locator('li.episode-card').nth(1).locator('h2.card-title mark').allInnerTexts(), ['resume']);

  await searchFor(page, 'RÉSUMÉ', ['ce-resume', 'bl-resume-training']);
  assert.equal(new URL(page.url()).search, '?q=R%C3%89SUM%C3%89');

  await searchFor(page, 'cafe economie', ['ce-resume', 'ce-deepseek', 'ce-inflation', 'ce-euro']);
  assert.deepEqual(await page.locator('li.episode-card').first().locator('.card-channel mark').allInnerTexts(), ['Café', 'Économie']);

  await searchFor(page, 'expliquee', ['ce-inflation']);
  assert.deepEqual(await page.locator('li.episode-card h2.card-title mark').allInnerTexts(), ['expliquée']);
});

test('matches are highlighted with <mark> in title, channel, summary and tags, as text only', async (t) => {
  const page = await openLibrary(t, '?q=deepseek');
  assert.deepEqual(await cardIds(page), ['fs-deepseek-r1', 'ce-deepseek']);
  const first = page.locator('li.episode-card').first();
  assert.deepEqual(await first.locator('h2.card-title a mark').allInnerTexts(), ['DeepSeek']);
  assert.equal(normalize(await first.locator('h2.card-title a').innerText()), 'DeepSeek R1 changes everything');
  assert.deepEqual(await first.locator('ul.tags li.tag a mark').allInnerTexts(), ['deepseek']);
  assert.equal(await first.locator('.card-summary mark').count(), 0);
  assert.equal(await first.locator('.card-channel mark').count(), 0);

  // Markup in the data and in the query stays text: `<b>` is shown, found and marked, never parsed.
  await searchFor(page, '<b>', ['bl-small-teams']);
  const card = page.locator('li.episode-card').first();
  assert.equal(await card.locator('h2.card-title b').count(), 0);
  assert.equal(normalize(await card.locator('h2.card-title a').innerText()), 'Small teams ship <b>big</b> models');
  assert.deepEqual(await card.locator('h2.card-title mark').allInnerTexts(), ['<b>']);
  assert.equal(await card.locator('h2.card-title mark').evaluate((m) => m.innerHTML), '&lt;b&gt;');
  assert.equal(new URL(page.url()).search, '?q=%3Cb%3E');

  await searchFor(page, 'founders twelve', ['bl-small-teams'], 'summary words');
  assert.deepEqual(await card.locator('.card-summary mark').allInnerTexts(), ['founders', 'twelve']);
});

test('the channel filter, the tag filter and both with a search narrow the list and go into the URL', async (t) => {
  const page = await openLibrary(t);

  await page.locator('#filter-channel').selectOption('Fireship');
  await assertEventually(() => cardIds(page), ['fs-openai-o3', 'fs-deepseek-r1', 'fs-rust-in-100', 'fs-wasm'], 'Fireship');
  assert.equal(await count(page), '4 of 10 episodes');
  assert.deepEqual([...new Set(await page.locator('li.episode-card .card-channel').allInnerTexts())], ['Fireship']);
  assert.equal(new URL(page.url()).search, '?channel=Fireship');
  assert.equal(await page.locator('button.clear-filters').count(), 1);

  await page.locator('#filter-channel').selectOption('');
  await page.locator('#filter-tag').selectOption('economics');
  await assertEventually(() => cardIds(page), ['ce-deepseek', 'ce-inflation', 'ce-euro'], 'tag economics');
  assert.equal(await count(page), '3 of 10 episodes');
  assert.equal(new URL(page.url()).search, '?tag=economics');

  await page.locator('#filter-tag').selectOption('ai');
  await assertEventually(
    () => cardIds(page),
    ['bl-small-teams', 'fs-openai-o3', 'fs-deepseek-r1', 'ce-deepseek', 'bl-resume-training'],
    'tag ai',
  );
  await page.locator('#filter-channel').selectOption(CAFE);
  await assertEventually(() => cardIds(page), ['ce-deepseek'], 'Café Économie + ai');
  await page.locator('#library-search').fill('deepseek');
  await assertEventually(() => count(page), '1 of 10 episodes', 'all three');
  assert.equal(new URL(page.url()).search, '?q=deepseek&channel=Caf%C3%A9+%C3%89conomie&tag=ai');
  await page.locator('#library-search').fill('euro');
  await assertEventually(() => count(page), '0 of 10 episodes', 'filters still apply to a new search');

  // "Clear all" empties the search and both filters, and the URL.
  await page.locator('button.clear-filters').click();
  await assertEventually(() => view(page), { q: '', channel: '', tag: '', count: '10 episodes', ids: ORDER, search: '' }, 'cleared');
  assert.equal(new URL(page.url()).pathname, '/reader/');
  assert.equal(await page.locator('button.clear-filters').count(), 0);
});

test('a tag chip on a card opens the library filtered by that tag', async (t) => {
  const page = await openLibrary(t);
  await page.locator('li.episode-card', { has: page.locator('a[href="?episode=fs-rust-in-100"]') }).locator('li.tag a', { hasText: 'rust' }).click();
  await page.waitForURL(url('?tag=rust'));
  await waitForLibrary(page);
  await assertEventually(
    () => view(page),
    { q: '', channel: '', tag: 'rust', count: '2 of 10 episodes', ids: ['fs-rust-in-100', 'fs-wasm'], search: '?tag=rust' },
    'tag chip',
  );
});

test('a shared URL opens the same view, and so does a reload', async (t) => {
  const page = await ctx.newPage(t);
  const expected = {
    q: 'deepseek',
    channel: 'Fireship',
    tag: 'ai',
    count: '1 of 10 episodes',
    ids: ['fs-deepseek-r1'],
    search: '?q=deepseek&channel=Fireship&tag=ai',
  };
  await page.goto(url('?q=deepseek&channel=Fireship&tag=ai'));
  await waitForLibrary(page);
  assert.deepEqual(await view(page), expected);
  assert.deepEqual(await page.locator('h2.card-title mark').allInnerTexts(), ['DeepSeek']);
  await page.reload();
  await waitForLibrary(page);
  assert.deepEqual(await view(page), expected);

  // Encoded form values: an accented channel, spaces as `+` and as `%20`.
  await page.goto(url('?q=cafe%20economie&channel=Caf%C3%A9+%C3%89conomie&tag=economics'));
  await waitForLibrary(page);
  assert.deepEqual(await view(page), {
    q: 'cafe economie',
    channel: CAFE,
    tag: 'economics',
    count: '3 of 10 episodes',
    ids: ['ce-deepseek', 'ce-inflation', 'ce-euro'],
    search: '?q=cafe%20economie&channel=Caf%C3%A9+%C3%89conomie&tag=economics',
  });
  // A change rewrites the query string in the app's own form.
  await page.locator('#filter-tag').selectOption('');
  await assertEventually(() => count(page), '4 of 10 episodes', 'tag removed');
  assert.equal(new URL(page.url()).search, '?q=cafe+economie&channel=Caf%C3%A9+%C3%89conomie');
  await page.reload();
  await waitForLibrary(page);
  assert.deepEqual(await cardIds(page), ['ce-resume', 'ce-deepseek', 'ce-inflation', 'ce-euro']);
});

test('typing is one history entry, each filter another; back and forward restore each view', async (t) => {
  const page = await openLibrary(t);
  const length = () => page.evaluate(() => history.length);
  const start = await length();

  await page.locator('#library-search').pressSequentially('deepseek');
  await assertEventually(() => count(page), '2 of 10 episodes', 'typed');
  assert.equal(new URL(page.url()).search, '?q=deepseek');
  assert.equal(await length(), start + 1, 'eight keystrokes, one history entry');

  await page.locator('#filter-tag').selectOption('ai');
  await assertEventually(() => new URL(page.url()).search, '?q=deepseek&tag=ai', 'tag pushed');
  await page.locator('#filter-channel').selectOption('Fireship');
  await assertEventually(() => cardIds(page), ['fs-deepseek-r1'], 'channel');
  assert.equal(await length(), start + 3);

  const views = {
    all: { q: '', channel: '', tag: '', count: '10 episodes', ids: ORDER, search: '' },
    typed: { q: 'deepseek', channel: '', tag: '', count: '2 of 10 episodes', ids: ['fs-deepseek-r1', 'ce-deepseek'], search: '?q=deepseek' },
    tagged: { q: 'deepseek', channel: '', tag: 'ai', count: '2 of 10 episodes', ids: ['fs-deepseek-r1', 'ce-deepseek'], search: '?q=deepseek&tag=ai' },
    channel: { q: 'deepseek', channel: 'Fireship', tag: 'ai', count: '1 of 10 episodes', ids: ['fs-deepseek-r1'], search: '?q=deepseek&channel=Fireship&tag=ai' },
  };
  await page.goBack();
  await assertEventually(() => view(page), views.tagged, 'back 1');
  await page.goBack();
  await assertEventually(() => view(page), views.typed, 'back 2');
  await page.goBack();
  await assertEventually(() => view(page), views.all, 'back 3');
  await page.goForward();
  await assertEventually(() => view(page), views.typed, 'forward 1');
  await page.goForward();
  await page.goForward();
  await assertEventually(() => view(page), views.channel, 'forward 3');

  // After going back, a new edit starts a new entry (and drops the forward ones).
  await page.goBack();
  await assertEventually(() => view(page), views.tagged, 'back again');
  await page.locator('#library-search').fill('deepseek r1');
  await assertEventually(() => cardIds(page), ['fs-deepseek-r1'], 'edited');
  await page.locator('#library-search').fill('deepseek r');
  await assertEventually(() => count(page), '2 of 10 episodes', 'edited again');
  assert.equal(await length(), start + 3, 'one new entry replaces the forward one');
  await page.goBack();
  await assertEventually(() => view(page), views.tagged, 'back to the edit start');
});

test('no match: the empty state says so, and its button clears the search and filters', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(url('?q=zeppelin&channel=Fireship'));
  const empty = page.locator('main#main[aria-busy="false"] .empty');
  await empty.waitFor();
  assert.equal(normalize(await empty.locator('p').innerText()), 'No episodes match this search.');
  assert.equal(await count(page), '0 of 10 episodes');
  assert.equal(await page.locator('li.episode-card').count(), 0);
  assert.equal(await page.locator('button.show-more').count(), 0);
  const button = empty.getByRole('button', { name: 'Clear search and filters' });
  assert.equal(await button.count(), 1);
  await button.click();
  await assertEventually(() => view(page), { q: '', channel: '', tag: '', count: '10 episodes', ids: ORDER, search: '' }, 'cleared');
  assert.equal(await page.locator('.empty').count(), 0);
  // The cleared view is a new history entry: back returns to the empty result.
  await page.goBack();
  await assertEventually(() => count(page), '0 of 10 episodes', 'back to no match');
  assert.equal(await page.locator('#library-search').inputValue(), 'zeppelin');
});

test('an empty index says there are no episodes yet', async (t) => {
  const page = await ctx.newPage(t);
  await page.route('**/digests/index.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":"digest-index/v1","episodes":[]}' }),
  );
  await page.goto(url());
  const empty = page.locator('main#main[aria-busy="false"] .empty');
  await empty.waitFor();
  assert.equal(normalize(await empty.innerText()), 'No episodes yet.');
  assert.equal(await page.getByRole('button', { name: 'Clear search and filters' }).count(), 0);
  assert.equal(await count(page), '0 episodes');
  assert.equal(await page.locator('[role="alert"]').count(), 0);
});

test('a missing, damaged or invalid index is a role=alert message', async (t) => {
  const cases = [
    {
      body: null,
      title: "We couldn't find this library",
      detail: /^There is no file at \S*digests\/index\.json \(HTTP 404\)\. The link may be mistyped, or the library was removed\.$/,
      problems: [],
      retry: 1,
    },
    {
      body: '{"format": "digest-index/v1", "episodes": [',
      title: 'This library file is damaged',
      detail: /^It is not valid JSON: line 1, column \d+: .+\.$/,
      problems: [],
    },
    {
      body: '\uFEFF<!doctype html><title>Oops</title>',
      title: 'This library file is damaged',
      detail: /^It is not valid JSON: line 1, column \d+: .+\.$/,
      problems: [],
    },
    {
      body: '{"format": "digest-index/v1", "episodes": "none"}',
      title: 'This library file is not valid',
      detail: /^The publisher's file has a mistake:$/,
      problems: [/^episodes: expected an array/],
    },
  ];
  for (const c of cases) {
    const page = await ctx.newPage(t);
    await page.route('**/digests/index.json', (route) =>
      c.body === null
        ? route.fulfill({ status: 404, body: 'Not Found' })
        : route.fulfill({ status: 200, contentType: 'application/json', body: c.body }),
    );
    await page.goto(url('?q=deepseek'));
    const alert = await readAlert(page);
    assert.equal(alert.title, c.title, c.body);
    assert.match(alert.detail, c.detail, c.body);
    assert.equal(alert.problems.length, c.problems.length, `${c.body}: ${alert.problems}`);
    c.problems.forEach((re, i) => assert.match(alert.problems[i], re));
    assert.equal(alert.alerts, 1);
    assert.equal(alert.retryButtons, c.retry ?? 0, c.body);
    assert.equal(await page.locator('li.episode-card').count(), 0);
    assert.equal(await page.locator('form.library-controls').count(), 0);
    await page.context().close();
  }
});

test('one broken entry is left out; the other episodes are listed', async (t) => {
  const index = readJson(path.join(SMALL, 'digests', 'index.json'));
  index.episodes.splice(3, 0, { id: 'Not A Slug', title: '', published: 'yesterday', source: {} });
  const page = await ctx.newPage(t);
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.route('**/digests/index.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(index) }),
  );
  await page.goto(url());
  await waitForLibrary(page);
  assert.deepEqual(await cardIds(page), ORDER);
  assert.equal(await count(page), '10 episodes');
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  // The publisher learns which entry was left out, and why, from the console.
  await assertEventually(() => warnings.some((w) => w.startsWith('index: left out an episode: episodes[3].id: ')), true, warnings.join('\n'));
  const leftOut = warnings.filter((w) => w.startsWith('index: left out'));
  assert.ok(leftOut.every((w) => w.startsWith('index: left out an episode: episodes[3].')), leftOut.join('\n'));
});

test('an unknown ?episode= id says the episode was not found and links to the library', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(url('?episode=no-such-episode'));
  const alert = await readAlert(page);
  assert.equal(alert.title, "We couldn't find this episode");
  assert.match(alert.detail, /^There is no file at \S*digests\/no-such-episode\.json \(HTTP 404\)\. The link may be mistyped, or the episode was removed\.$/);
  assert.equal(alert.alerts, 1);
  const back = page.locator('[role="alert"] a', { hasText: 'Back to the library' });
  assert.equal(await back.count(), 1);
  await back.click();
  await waitForLibrary(page);
  assert.equal(page.url(), url());
  assert.deepEqual(await cardIds(page), ORDER);
});

test('from an episode, "All episodes" returns to the search, filters and scroll position it was opened from', async (t) => {
  const page = await ctx.newPage(t, { viewport: { width: 900, height: 420 } });
  await page.goto(url());
  await waitForLibrary(page);
  await page.locator('#library-search').fill('explains');
  await page.locator('#filter-channel').selectOption('Fireship');
  await assertEventually(() => cardIds(page), ['fs-openai-o3', 'fs-deepseek-r1', 'fs-rust-in-100', 'fs-wasm'], 'narrowed');
  const search = '?q=explains&channel=Fireship';
  assert.equal(new URL(page.url()).search, search);

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  // The last card is in view at the bottom. Focusing its link may still scroll a little (focused
  // controls keep clear of the sticky header), so the position is read once it has focus.
  assert.ok(await inViewport(page, 'a[href="?episode=fs-wasm"]'), 'the last card is in view');
  await page.locator('a[href="?episode=fs-wasm"]').focus();
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 150, `the narrowed list scrolls (scrollY ${scrolled})`);
  // Enter on the focused link, as a keyboard reader opens it: a mouse click through Playwright may
  // first re-scroll the link into view (it does on a loaded machine, while the card's hover
  // transition runs), which would change the place this test expects to come back to.
  await page.keyboard.press('Enter');
  await waitForEpisode(page);
  assert.equal(new URL(page.url()).search, '?episode=fs-wasm');
  assert.equal(normalize(await page.locator('h1').innerText()), 'WebAssembly is finally ready');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the episode opens at its top');

  const back = page.locator('nav.episode-nav a.back-to-library');
  assert.equal(normalize(await back.innerText()), '← All episodes');
  assert.equal(await back.evaluate((a) => a.href), url(search));
  await back.click();
  await waitForLibrary(page);
  assert.deepEqual(await view(page), {
    q: 'explains',
    channel: 'Fireship',
    tag: '',
    count: '4 of 10 episodes',
    ids: ['fs-openai-o3', 'fs-deepseek-r1', 'fs-rust-in-100', 'fs-wasm'],
    search,
  });
  // The place remembered when the card was opened is where the reader was, and the library
  // returns exactly there.
  const remembered = await page.evaluate(() => Number(sessionStorage.getItem('digest-reader:library')?.split('\n')[1]));
  assert.ok(Math.abs(remembered - scrolled) <= 1, `remembered ${remembered}, was at ${scrolled}`);
  await assertEventually(
    () => page.evaluate((y) => Math.abs(window.scrollY - y) <= 2, remembered),
    true,
    `scroll position restored to ${remembered}`,
  );
  assert.ok(await inViewport(page, 'a[href="?episode=fs-wasm"]'), 'the card it was opened from is in view again');
});

test('an episode opened directly links back to the whole library', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(url('?episode=ce-resume'));
  await waitForEpisode(page);
  const back = page.locator('nav.episode-nav a.back-to-library');
  assert.equal(await back.getAttribute('href'), './');
  await back.click();
  await waitForLibrary(page);
  assert.equal(page.url(), url());
  assert.equal(await count(page), '10 episodes');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
});

test('previous and next link to the neighbouring episodes in library order (newest first)', async (t) => {
  const page = await ctx.newPage(t);
  const neighbours = async () => {
    await page.locator('nav.episode-nav a[rel]').first().waitFor();
    return page.locator('nav.episode-nav a[rel]').evaluateAll((links) =>
      links.map((a) => [a.getAttribute('rel'), a.getAttribute('href'), a.querySelector('.episode-nav-title')?.textContent.trim()]),
    );
  };
  await page.goto(url('?episode=ce-resume'));
  await waitForEpisode(page);
  assert.deepEqual(await neighbours(), [
    ['prev', '?episode=fs-openai-o3', 'OpenAI o3 is here'],
    ['next', '?episode=fs-deepseek-r1', 'DeepSeek R1 changes everything'],
  ]);

  await page.locator('nav.episode-nav a[rel="next"]').click();
  await page.waitForURL(url('?episode=fs-deepseek-r1'));
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), 'DeepSeek R1 changes everything');
  assert.deepEqual(await neighbours(), [
    ['prev', '?episode=ce-resume', 'Write a better Résumé'],
    ['next', '?episode=ce-deepseek', 'Why DeepSeek spooked the markets'],
  ]);

  // The newest has no previous, the oldest no next.
  await page.goto(url('?episode=bl-small-teams'));
  await waitForEpisode(page);
  assert.deepEqual(await neighbours(), [['next', '?episode=fs-openai-o3', 'OpenAI o3 is here']]);
  await page.goto(url('?episode=ce-euro'));
  await waitForEpisode(page);
  assert.deepEqual(await neighbours(), [['prev', '?episode=fs-wasm', 'WebAssembly is finally ready']]);
  await page.locator('nav.episode-nav a[rel="prev"]').click();
  await page.waitForURL(url('?episode=fs-wasm'));
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), 'WebAssembly is finally ready');
});
