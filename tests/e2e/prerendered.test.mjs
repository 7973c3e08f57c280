// Published episode pages (`episodes/<id>/`, written by scripts/publish.sh into SITE_DIR) as
// readers, crawlers and the take-over see them: the prerendered DOM equals the app's own, the
// whole episode reads with JavaScript off, hydration keeps what the reader did before the wasm
// arrived, a strict CSP holds, and a page that does not match the app falls back to the app.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { LAUNCH_OPTIONS, REPO, SEED_ID, SEED_TITLE, UI_TIMEOUT, normalize } from './helpers.mjs';

const SITE = process.env.SITE_DIR ? path.resolve(REPO, process.env.SITE_DIR) : '';
const SAMPLES = fs.readdirSync(path.join(REPO, 'public', 'digests'))
  .filter((name) => name.endsWith('.json') && name !== 'index.json')
  .map((name) => name.slice(0, -5));
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'none'; frame-ancestors *; object-src 'none'";

const UNMARKED_ID = 'small-models-big-bets';
let server;
let browser;
let overlay;

before(async () => {
  assert.ok(
    SITE && fs.existsSync(path.join(SITE, 'episodes', SEED_ID, 'index.html')),
    'SITE_DIR must name a published site with the samples: run bash scripts/test.sh, or bash scripts/publish.sh first',
  );
  // A mangled copy of the seed's page (one point taken out), served by a second server in its place.
  overlay = fs.mkdtempSync(path.join(os.tmpdir(), 'prerendered-'));
  const page = fs.readFileSync(path.join(SITE, 'episodes', SEED_ID, 'index.html'), 'utf8');
  const mangled = page.replace(/<li [^>]*class="point"[^>]*>.*?<\/li>/, '');
  assert.notEqual(mangled, page, 'the test removed a point');
  fs.mkdirSync(path.join(overlay, 'episodes', SEED_ID), { recursive: true });
  fs.writeFileSync(path.join(overlay, 'episodes', SEED_ID, 'index.html'), mangled);
  // And one whose shape still matches the digest but whose hydration markers are gone: hydration
  // itself fails on it (the module aborts on a panic; its loader falls back).
  const other = fs.readFileSync(path.join(SITE, 'episodes', UNMARKED_ID, 'index.html'), 'utf8');
  const unmarked = other.replaceAll('<!---->', '');
  assert.notEqual(unmarked, other, 'the test removed the markers');
  fs.mkdirSync(path.join(overlay, 'episodes', UNMARKED_ID), { recursive: true });
  fs.writeFileSync(path.join(overlay, 'episodes', UNMARKED_ID, 'index.html'), unmarked);
  server = await startServer({ root: SITE, headers: { 'Content-Security-Policy': CSP } });
  server.mangled = await startServer({ root: SITE, overlays: [overlay] });
  browser = await chromium.launch(LAUNCH_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await server?.mangled?.close();
  if (overlay) fs.rmSync(overlay, { recursive: true, force: true });
});

async function newPage(t, options = {}) {
  // No service worker: published pages register one, whose install fetches this build's files
  // itself, past the routes that hold the wasm back (offline.test.mjs tests it).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ...options });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  page.problems = [];
  page.logs = [];
  page.on('pageerror', (error) => page.problems.push(String(error)));
  page.on('console', (message) => {
    page.logs.push(message.text());
    if (message.type() === 'error') page.problems.push(message.text());
  });
  t.after(() => context.close());
  return page;
}

const episodeUrl = (base, id, hash = '') => new URL(`episodes/${id}/${hash}`, base).href;

/** Waits for the take-over: the hydrate module marks `digest:interactive`. */
async function waitForTakeOver(page) {
  await page.waitForFunction(() => performance.getEntriesByName('digest:interactive').length > 0);
}

/**
 * The episode as a tree of tags, attributes and text, comparable across renderers: hydration
 * markers (comments) left out, attributes sorted, links resolved to absolute URLs, the open state
 * of subsections ignored (the reader's, not the markup's).
 */
function canonicalEpisode(page) {
  return page.locator('article.episode').evaluate((article) => {
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return node.data;
      if (node.nodeType !== Node.ELEMENT_NODE) return null;
      const attributes = [...node.attributes]
        .filter((a) => a.name !== 'open')
        .map((a) => [a.name, a.name === 'href' ? node.href : a.value])
        .sort(([a], [b]) => a.localeCompare(b));
      const children = [];
      for (const child of node.childNodes) {
        const value = walk(child);
        if (value === null) continue;
        // Adjacent text nodes (split by markers) read as one.
        if (typeof value === 'string' && typeof children.at(-1) === 'string') children[children.length - 1] += value;
        else children.push(value);
      }
      return { tag: node.tagName.toLowerCase(), attributes, children: children.filter((c) => c !== '') };
    };
    return walk(article);
  });
}

test('every sample: the prerendered episode is the DOM the app renders itself', async (t) => {
  for (const id of SAMPLES) {
    const published = await newPage(t, { javaScriptEnabled: false });
    await published.goto(episodeUrl(server.url, id));
    const app = await newPage(t);
    await app.goto(`${server.url}?episode=${id}`);
    await app.locator('main#main[aria-busy="false"] article.episode h1').waitFor();
    assert.deepEqual(await canonicalEpisode(published), await canonicalEpisode(app), id);
  }
});

test('with JavaScript off the whole episode reads, and subsections open and close', async (t) => {
  const page = await newPage(t, { javaScriptEnabled: false });
  await page.goto(episodeUrl(server.url, SEED_ID));
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  assert.equal(await page.locator('h1').count(), 1);
  const digest = JSON.parse(fs.readFileSync(path.join(SITE, 'digests', `${SEED_ID}.json`), 'utf8'));
  const text = normalize(await page.locator('main').innerText());
  for (const point of digest.key_points) assert.ok(text.includes(normalize(point)), point);
  for (const section of digest.sections) {
    assert.ok(text.includes(normalize(section.title)), section.title);
    for (const point of section.points ?? []) {
      assert.ok(text.includes(normalize(typeof point === 'string' ? point : point.text)), 'a point');
    }
  }
  assert.equal(await page.locator('main[aria-busy="true"]').count(), 0, 'nothing is loading');
  const first = page.locator('details.subsection').first();
  assert.equal(await first.evaluate((d) => d.open), false, 'collapsed at first');
  await first.locator('summary').click();
  assert.equal(await first.evaluate((d) => d.open), true, 'a click opens it');
  assert.ok(await first.locator('.upgrade-prompt').isVisible(), 'a locked one shows the upgrade prompt');
  assert.equal(await first.locator('li.point').count(), 0, 'and never points');
  await first.locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await first.evaluate((d) => d.open), false, 'Enter closes it');
  await page.keyboard.press('Space');
  assert.equal(await first.evaluate((d) => d.open), true, 'Space opens it');
  // Before any script: no control on the page is dead (every one is a link or a summary).
  // (The episode guide's buttons, which src/reader.js runs, are not shown without it.)
  const controls = await page.locator('button:visible').count();
  assert.equal(controls, 0, 'no buttons that would need the app');
  assert.equal(await page.locator('.display-menu').count(), 1, 'the Display menu is in the page');
  assert.equal(await page.locator('.display-menu').isVisible(), false, 'but not shown: src/reader.js runs it');
});

test('the take-over keeps an open subsection, the scroll position, focus and selected text, with no layout shift', async (t) => {
  const page = await newPage(t, { viewport: { width: 1280, height: 600 } });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/published-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(episodeUrl(server.url, 'rewrote-python-api-in-rust'));
  await page.locator('article.episode h1').waitFor();
  assert.equal(await page.evaluate(() => performance.getEntriesByName('digest:interactive').length), 0, 'the wasm is held back');

  const subsection = page.locator('details.subsection').nth(1);
  await subsection.locator('summary').click();
  const link = page.locator('a.timestamp').nth(3);
  await link.focus();
  await page.evaluate(() => {
    const paragraph = document.querySelector('.summary p');
    const range = document.createRange();
    range.setStart(paragraph.firstChild, 2);
    range.setEnd(paragraph.firstChild, 40);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    window.scrollTo(0, 700);
  });
  const before = await page.evaluate(() => ({
    scroll: scrollY,
    selection: String(getSelection()),
    focused: document.activeElement?.outerHTML,
    article: document.querySelector('article.episode').getBoundingClientRect().toJSON(),
  }));
  assert.equal(before.scroll, 700);

  release();
  await waitForTakeOver(page);
  await page.waitForTimeout(300);
  const afterTakeOver = await page.evaluate(() => ({
    scroll: scrollY,
    selection: String(getSelection()),
    focused: document.activeElement?.outerHTML,
    article: document.querySelector('article.episode').getBoundingClientRect().toJSON(),
  }));
  assert.deepEqual(afterTakeOver, before, 'nothing the reader did was undone');
  assert.equal(await subsection.evaluate((d) => d.open), true, 'the subsection stays open');
  assert.equal(await page.evaluate(() => window.__shifts), 0, 'no layout shift');

  // And the app has it now: a fragment opens a subsection (only the app does that).
  const target = await page.locator('details.subsection').last().getAttribute('id');
  assert.equal(await page.locator(`#${target}`).evaluate((d) => d.open), false);
  await page.evaluate((id) => { location.hash = `#${id}`; }, target);
  await page.waitForFunction((id) => document.getElementById(id).open, target);
  assert.deepEqual(page.problems, [], 'no errors');
});

test('a deep link to a subsection opens it once the app has taken over', async (t) => {
  const page = await newPage(t);
  await page.goto(episodeUrl(server.url, SEED_ID, '#section-1-2'));
  await waitForTakeOver(page);
  await page.waitForFunction(() => document.getElementById('section-1-2').open);
  assert.deepEqual(page.problems, []);
});

test('under the strict CSP the page takes over with no violation', async (t) => {
  const page = await newPage(t);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(episodeUrl(server.url, SEED_ID));
  assert.equal(response.headers()['content-security-policy'], CSP);
  await waitForTakeOver(page);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.problems, []);
});

test('a page whose HTML does not match the app falls back to the app rendering the episode, and says so', async (t) => {
  const page = await newPage(t);
  await page.goto(episodeUrl(server.mangled.url, SEED_ID, '#section-2'));
  await page.waitForURL(/\?episode=deepseek-stole-our-tech#section-2$/);
  await page.locator('main#main[aria-busy="false"] article.episode h1').waitFor();
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  assert.ok(page.logs.some((text) => /does not match the app/.test(text)), page.logs.join('\n'));
  assert.equal(await page.locator('.crash').count(), 0, 'not the crash message');
});

test('a page that passes the shape check but breaks hydration itself falls back the same way', async (t) => {
  const page = await newPage(t);
  await page.goto(episodeUrl(server.mangled.url, UNMARKED_ID, '#section-3'));
  await page.waitForURL(new RegExp(`\\?episode=${UNMARKED_ID}#section-3$`));
  await page.locator('main#main[aria-busy="false"] article.episode h1').waitFor();
  assert.ok(page.logs.some((text) => /does not match the app \(hydration failed: unreachable/.test(text)), page.logs.join('\n'));
  assert.equal(await page.locator('.crash').count(), 0, 'not the crash message');
});

test('crawlers and link previews get the episode without running anything', async () => {
  const response = await fetch(episodeUrl(server.url, SEED_ID));
  const html = await response.text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<title>DeepSeek stole our tech\.\.\. says OpenAI \| Digestly<\/title>/);
  assert.match(html, /<meta property="og:title" content="DeepSeek stole our tech\.\.\. says OpenAI">/);
  assert.match(html, /<h1 dir="auto" class="episode-title">DeepSeek stole our tech\.\.\. says OpenAI<\/h1>/);
  const digest = JSON.parse(fs.readFileSync(path.join(SITE, 'digests', `${SEED_ID}.json`), 'utf8'));
  const escaped = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  for (const point of digest.key_points) assert.ok(html.includes(escaped(point)), point);
});

test('the library page opens with its first screen in the HTML, newest first, readable with JavaScript off', async (t) => {
  const index = JSON.parse(fs.readFileSync(path.join(SITE, 'digests', 'index.json'), 'utf8'));
  const page = await newPage(t, { javaScriptEnabled: false });
  await page.goto(server.url);
  assert.equal(normalize(await page.locator('h1').innerText()), 'Episodes');
  assert.equal(await page.title(), 'Episodes | Digestly');
  const titles = (await page.locator('ol.episode-list h2.card-title a').allInnerTexts()).map(normalize);
  assert.equal(titles.length, Math.min(30, index.episodes.length));
  assert.deepEqual(titles, index.episodes.slice(0, titles.length).map((e) => normalize(e.title)));
  const count = normalize(await page.locator('.library-count').innerText());
  assert.equal(count, `${index.episodes.length.toLocaleString('en-US')} episodes`);
});

test('the app takes the library over without a shift, keeping the search typed before it arrived', async (t) => {
  const page = await newPage(t);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/digest-reader-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      // Every shift counts, even within 500 ms of typing: the take-over is not the reader's doing.
      for (const entry of list.getEntries()) window.__shifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.url);
  const first = page.locator('#boot-library');
  await first.locator('li.episode-card').first().waitFor();
  const before = await page.locator('ol.episode-list').first().evaluate((list) => list.getBoundingClientRect().toJSON());
  await first.locator('#library-search').fill('DeepSeek stole');
  release();
  await page.waitForFunction(() => !document.getElementById('boot-library'));
  await page.getByRole('link', { name: SEED_TITLE }).waitFor();
  assert.equal(await page.locator('#library-search').inputValue(), 'DeepSeek stole', 'the typed search carries over');
  assert.match(page.url(), /\?q=DeepSeek(\+|%20)stole$/, 'and is in the address, as typed in the app');
  assert.deepEqual(
    await page.evaluate(() => [document.activeElement?.id, document.activeElement?.selectionStart]),
    ['library-search', 'DeepSeek stole'.length],
    'the search field keeps the focus and the caret: the reader goes on typing',
  );
  const after = await page.locator('ol.episode-list').evaluate((list) => list.getBoundingClientRect().toJSON());
  assert.equal(after.top, before.top, 'the list starts where the first screen\'s did');
  assert.equal(await page.evaluate(() => window.__shifts), 0, 'no layout shift');
  assert.deepEqual(page.problems.filter((text) => !/integrity.*preload/.test(text)), []);
});

test('an episode address on the published index.html never shows the library first, not even before the app', async (t) => {
  const page = await newPage(t);
  await page.route(/digest-reader-[0-9a-f]{16}_bg\.wasm$/, () => new Promise(() => {}));
  await page.goto(`${server.url}?episode=${SEED_ID}`);
  assert.equal(await page.locator('#boot-library').evaluate((el) => getComputedStyle(el).display), 'none');
  assert.ok(await page.locator('#boot-skeleton').isVisible(), 'the loading state shows instead');
});
