// Shared setup of the end-to-end tests: one static server (with the fixtures overlay) and one
// Chromium per test file, a fresh browser context per test, and a check that the app never panics.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root. */
export const REPO = path.resolve(here, '..', '..');
/** The served app: `DIST`, or the trunk release output `<repo>/dist`. */
export const DIST = process.env.DIST ? path.resolve(REPO, process.env.DIST) : path.join(REPO, 'dist');
/** Extra files served under `/reader/` before those of DIST. */
export const FIXTURES = path.join(here, 'fixtures');
/** The reference episode (the spec's seed page, transcribed into public/digests). */
export const SEED_ID = 'deepseek-stole-our-tech';
export const SEED_TITLE = 'DeepSeek stole our tech... says OpenAI';
/** The seed page as a reader sees it today (a copy of the spec's, kept in the repository). */
export const SEED_PAGE = path.join(REPO, 'tests', 'fixtures', 'seed', 'digestly-episode-page.txt');

export const LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

/** How long to wait for the app to show something. */
export const UI_TIMEOUT = 10_000;

/**
 * Registers the file's before/after hooks and returns the shared state:
 * `base` (the app URL, ending in `/reader/`), `server`, `browser`, `newPage(t, options)` and helpers.
 */
export function setup() {
  const ctx = {
    base: '',
    server: null,
    browser: null,
    /** The app URL for a query string (and fragment), e.g. `episodeUrl('x', '#section-2')`. */
    episodeUrl(id, hash = '') {
      return `${ctx.base}?episode=${encodeURIComponent(id)}${hash}`;
    },
    /** GETs a served file as JSON (what the app itself would get). */
    async getJson(rel) {
      const response = await fetch(new URL(rel, ctx.base));
      assert.equal(response.status, 200, `GET ${rel}`);
      return response.json();
    },
    newPage: (t, options) => newPage(ctx, t, options),
  };

  serveAndLaunch(ctx, () => {
    assert.ok(
      fs.existsSync(path.join(DIST, 'index.html')),
      `${DIST}/index.html is missing: build the app first (trunk build --release --offline) or set DIST`,
    );
    return { root: DIST, overlays: [FIXTURES] };
  });
  return ctx;
}

/** The published site of SITE_DIR (scripts/test.sh writes it with scripts/publish.sh). */
export const SITE_DIR = process.env.SITE_DIR ? path.resolve(REPO, process.env.SITE_DIR) : '';

/**
 * Like `setup()`, for the published site of SITE_DIR (the app, the samples' episode pages and
 * whatever else was published with them), served under `/reader/` with `headers` on every
 * response: `base`, `server`, `browser` and `newPage(t, options)`.
 */
export function setupSite({ headers } = {}) {
  const ctx = { base: '', server: null, browser: null, newPage: (t, options) => newPage(ctx, t, options) };
  serveAndLaunch(ctx, () => {
    assert.ok(
      SITE_DIR && fs.existsSync(path.join(SITE_DIR, 'episodes', SEED_ID, 'index.html')),
      'SITE_DIR must name a published site with the samples: run bash scripts/test.sh, or bash scripts/publish.sh first',
    );
    return { root: SITE_DIR, headers };
  });
  return ctx;
}

/** The episode `id` as the app shows it and as its published page: `[where, url]` pairs. */
export function bothPages(ctx, id) {
  return [
    ['app', `${ctx.base}?episode=${encodeURIComponent(id)}`],
    ['published', `${ctx.base}episodes/${id}/`],
  ];
}

/** Opens `url` and waits for the episode (and, on a published page, for its take-over). */
export async function openEpisode(page, url) {
  await page.goto(url);
  await waitForEpisode(page);
  if (url.includes('/episodes/')) {
    await page.waitForFunction(() => performance.getEntriesByName('digest:interactive').length > 0);
  }
}

/** Starts the server of `options()` and Chromium before the file's tests; stops both after. */
function serveAndLaunch(ctx, options) {
  before(async () => {
    ctx.server = await startServer(options());
    ctx.base = ctx.server.url;
    ctx.browser = await chromium.launch(LAUNCH_OPTIONS);
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
}

/** A page of `browser` in a fresh context, checked as `ctx.newPage` checks it (for suites that serve their own site). */
export function openPage(browser, t, options) {
  return newPage({ browser }, t, options);
}

/**
 * A page in a fresh browser context. Console errors and page errors are collected on `page.errors`;
 * when the test ends the context is closed and the test fails if the app panicked or threw.
 */
async function newPage(ctx, t, { viewport = { width: 1280, height: 800 }, allowPageErrors = false } = {}) {
  const context = await ctx.browser.newContext({ viewport, serviceWorkers: 'block' });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  page.consoleErrors = [];
  page.consoleMessages = [];
  page.pageErrors = [];
  page.on('console', (message) => {
    page.consoleMessages.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') page.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => page.pageErrors.push(String(error?.stack ?? error)));
  t.after(async () => {
    await context.close().catch(() => {});
    const panics = [...page.consoleErrors, ...page.pageErrors].filter((text) => /panicked/i.test(text));
    assert.deepEqual(panics, [], 'the wasm app panicked');
    if (!allowPageErrors) {
      assert.deepEqual(page.pageErrors, [], 'uncaught errors in the page');
    }
  });
  return page;
}

/** Waits until an episode is shown: loading over, an `<h1>` inside `article.episode`. */
export async function waitForEpisode(page) {
  await page.locator('main#main[aria-busy="false"] article.episode h1').waitFor({ state: 'visible' });
}

/**
 * Waits until the app's library shows its first card. On a published `index.html` the prerendered
 * first screen (`#boot-library`) looks the same and stays a frame longer, so it must be gone too.
 */
export async function waitForLibrary(page) {
  await page.locator('main#main[aria-busy="false"] ol.episode-list li.episode-card').first().waitFor({ state: 'visible' });
  await page.locator('#boot-library').waitFor({ state: 'detached' });
}

/** The page's `<h1>` as the reader reads it (whitespace collapsed). */
export async function headingText(page) {
  return normalize(await page.locator('h1').innerText());
}

/**
 * Answers the page's requests for `pattern` (a glob or RegExp) with `body`: an object is sent as
 * JSON, a string or Buffer as it is.
 */
export function serve(page, pattern, body, { status = 200, contentType = 'application/json' } = {}) {
  const bytes = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return page.route(pattern, (route) => route.fulfill({ status, contentType, body: bytes }));
}

/** Records the URLs the app requests (not the page's own navigation, which carries the query) that match `pattern`. */
export function recordRequests(page, pattern) {
  const seen = [];
  page.on('request', (request) => {
    if (!request.isNavigationRequest() && pattern.test(request.url())) seen.push(request.url());
  });
  return seen;
}

/** Waits for the failure message and returns what it says. */
export async function readAlert(page, { timeout = UI_TIMEOUT } = {}) {
  const alert = page.locator('main#main [role="alert"]');
  await alert.waitFor({ state: 'visible', timeout });
  await page.locator('main#main[aria-busy="false"]').waitFor({ state: 'attached' });
  return {
    title: normalize(await alert.locator('.error-title').innerText()),
    detail: normalize(await alert.locator('.error-detail').innerText()),
    problems: (await alert.locator('.error-problems li').allInnerTexts()).map(normalize),
    retryButtons: await alert.getByRole('button', { name: 'Try again' }).count(),
    headingTag: await alert.locator('.error-title').evaluate((el) => el.tagName),
    alerts: await page.locator('[role="alert"]').count(),
  };
}

/** Collapses runs of whitespace and trims. */
export function normalize(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** Escapes text for use in a RegExp. */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `63` → `1:03`, `3723` → `1:02:03` (whole seconds, rounded down). */
export function clock(seconds) {
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Whether the element's top edge is inside the viewport (the target of a scroll). */
export function inViewport(page, selector) {
  return page.locator(selector).evaluate((el) => {
    const rect = el.getBoundingClientRect();
    return rect.top >= -2 && rect.top < window.innerHeight - 10 && rect.bottom > 0;
  });
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a JSON file of the repository's `public/` or the fixtures, for expectations. */
export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Polls `read()` until it deep-equals `expected` (the DOM may update a frame later), then asserts.
 * Fails with the last value read after `timeout` ms.
 */
export async function assertEventually(read, expected, message, timeout = 6000) {
  const deadline = Date.now() + timeout;
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() < deadline) {
    await sleep(50);
    actual = await read();
  }
  assert.deepEqual(actual, expected, message);
}
